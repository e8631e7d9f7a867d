/**
 * An analysis step's semantics, as Argo Rollouts defines them for an AnalysisRun metric.
 *
 * One measurement: run the query (and the baseline query), then
 *   - neither condition: successful (unless the query errs);
 *   - only successCondition: successful when true, failed when false;
 *   - only failureCondition: failed when true, successful when false;
 *   - both: failed when failureCondition is true, successful when successCondition is
 *     true, inconclusive when neither is.
 * A query that cannot run (source unreachable, condition cannot be evaluated on the
 * result, e.g. an empty result indexed with [0]) is an error measurement.
 * The whole analysis, after every measurement:
 *   failed > failureLimit -> failed; inconclusive > inconclusiveLimit -> inconclusive;
 *   consecutive errors > consecutiveErrorLimit -> inconclusive (Argo says "Error": here a
 *   source we cannot read never passes and never fails a gate on its own: a person decides);
 *   a query the source rejects -> inconclusive at once (waiting will not fix it);
 *   count measurements without error -> successful.
 * Measurements are `interval` apart, the first after `initialDelay`.
 */
import { ConditionError, parseCondition } from './conditions';
import type { Condition, ConditionScope } from './conditions';
import { SourceError } from './source-error';
import type { MetricSource } from './sources';
import type { AnalysisSpec, AnalysisVerdict, Measurement, MeasurementPhase } from '../../../contract/domain/telemetry/analysis-model';

export { AnalysisDefaults } from '../../../contract/domain/telemetry/analysis-model';
export type { AnalysisSpec, AnalysisVerdict, Measurement, MeasurementPhase } from '../../../contract/domain/telemetry/analysis-model';

/** Parse both conditions once (throws ConditionError naming which and the column). */
export function compileConditions(spec: {
  readonly successCondition?: string | undefined;
  readonly failureCondition?: string | undefined;
  readonly baseline?: string | undefined;
}): {
  success: Condition | undefined;
  failure: Condition | undefined;
} {
  const names = spec.baseline === undefined ? ['result'] : ['result', 'baseline'];
  const compile = (which: string, text: string | undefined): Condition | undefined => {
    if (text === undefined) return undefined;
    try {
      return parseCondition(text, names);
    } catch (error) {
      if (error instanceof ConditionError) throw new ConditionError(`${which}: ${error.message}`, error.column);
      throw error;
    }
  };
  return { success: compile('successCondition', spec.successCondition), failure: compile('failureCondition', spec.failureCondition) };
}

/** Decide one measurement from its values (pure). */
export function decideMeasurement(
  conditions: { success: Condition | undefined; failure: Condition | undefined },
  scope: ConditionScope,
): { phase: MeasurementPhase; message: string } {
  try {
    const success = conditions.success?.evaluate(scope);
    const failure = conditions.failure?.evaluate(scope);
    if (success === undefined && failure === undefined) return { phase: 'successful', message: 'no condition: measured' };
    if (failure === true) return { phase: 'failed', message: `failureCondition ${conditions.failure?.source} is true` };
    if (success === true) return { phase: 'successful', message: `successCondition ${conditions.success?.source} is true` };
    if (failure === undefined) return { phase: 'failed', message: `successCondition ${conditions.success?.source} is false` };
    if (success === undefined) return { phase: 'successful', message: `failureCondition ${conditions.failure?.source} is false` };
    return { phase: 'inconclusive', message: 'neither condition is true' };
  } catch (error) {
    return { phase: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Where an analysis stands after these measurements (pure); undefined while it goes on. */
export function assessAnalysis(spec: AnalysisSpec, measurements: readonly Measurement[]): { verdict: AnalysisVerdict; message: string } | undefined {
  const count = (phase: MeasurementPhase): number => measurements.filter((measurement) => measurement.phase === phase).length;
  const failed = count('failed');
  const inconclusive = count('inconclusive');
  let consecutiveErrors = 0;
  for (let index = measurements.length - 1; index >= 0 && measurements[index]?.phase === 'error'; index -= 1) consecutiveErrors += 1;
  const last = measurements[measurements.length - 1];
  if (failed > spec.failureLimit)
    return { verdict: 'failed', message: `${failed} failed measurement${failed === 1 ? '' : 's'} (failureLimit ${spec.failureLimit}): ${last?.message}` };
  if (inconclusive > spec.inconclusiveLimit)
    return {
      verdict: 'inconclusive',
      message: `${inconclusive} inconclusive measurement${inconclusive === 1 ? '' : 's'} (inconclusiveLimit ${spec.inconclusiveLimit})`,
    };
  if (last?.rejected) return { verdict: 'inconclusive', message: last.message };
  if (consecutiveErrors > spec.consecutiveErrorLimit)
    return { verdict: 'inconclusive', message: `${consecutiveErrors} measurements in a row could not be made: ${last?.message}` };
  const measured = measurements.length - count('error');
  if (measured >= spec.count)
    return { verdict: 'successful', message: `${measured} measurement${measured === 1 ? '' : 's'}, ${failed} failed (failureLimit ${spec.failureLimit})` };
  return undefined;
}

/** Take one measurement (never throws: a source that fails gives an error measurement). */
export async function measure(
  source: MetricSource,
  spec: Pick<AnalysisSpec, 'query' | 'baseline'>,
  conditions: { success: Condition | undefined; failure: Condition | undefined },
  index: number,
  now: () => string,
  signal?: AbortSignal,
): Promise<Measurement> {
  const at = now();
  const base = { index, at, query: spec.query, baselineQuery: spec.baseline, source: source.label };
  try {
    const [result, baseline] = await Promise.all([
      source.instant(spec.query, signal),
      spec.baseline === undefined ? Promise.resolve(undefined) : source.instant(spec.baseline, signal),
    ]);
    const values = result.map((sample) => sample.value);
    const baselineValues = baseline?.map((sample) => sample.value);
    const scope: Record<string, readonly number[]> = { result: values };
    if (baselineValues) scope.baseline = baselineValues;
    const decided = decideMeasurement(conditions, scope);
    const threshold = (conditions.success ?? conditions.failure)?.threshold(scope);
    return { ...base, values, baselineValues, ...decided, ...(threshold === undefined ? {} : { threshold }) };
  } catch (error) {
    const rejected = error instanceof SourceError && error.failure === 'rejected';
    return {
      ...base,
      values: [],
      baselineValues: undefined,
      phase: 'error',
      message: error instanceof Error ? error.message : String(error),
      ...(rejected ? { rejected: true } : {}),
    };
  }
}

export interface AnalysisRunOptions {
  readonly source: MetricSource;
  readonly spec: AnalysisSpec;
  /** Measurements already journaled for this attempt (a run resumed after a crash). */
  readonly prior?: readonly Measurement[];
  /** Journal the measurement (durable before the next one is taken). */
  readonly record: (measurement: Measurement) => Promise<void>;
  readonly sleep: (ms: number) => Promise<boolean>;
  readonly now: () => string;
  readonly signal?: AbortSignal;
}

/** Measure until the analysis is decided (or aborted: undefined). */
export async function runAnalysis(
  options: AnalysisRunOptions,
): Promise<{ verdict: AnalysisVerdict; message: string; measurements: Measurement[] } | undefined> {
  const { spec, source } = options;
  const conditions = compileConditions(spec);
  const measurements = [...(options.prior ?? [])];
  const decided = assessAnalysis(spec, measurements);
  if (decided) return { ...decided, measurements };
  if (measurements.length === 0 && spec.initialDelayMs > 0 && !(await options.sleep(spec.initialDelayMs))) return undefined;
  for (;;) {
    if (measurements.length > 0 && !(await options.sleep(spec.intervalMs))) return undefined;
    if (options.signal?.aborted) return undefined;
    const measurement = await measure(source, spec, conditions, measurements.length + 1, options.now, options.signal);
    if (options.signal?.aborted) return undefined;
    await options.record(measurement);
    measurements.push(measurement);
    const verdict = assessAnalysis(spec, measurements);
    if (verdict) return { ...verdict, measurements };
  }
}
