/**
 * An analysis step of a run: resolve its metric source (the sandbox's own metrics or a
 * Prometheus with auth from the run's variables), then measure until the analysis
 * decides (main/core/telemetry/analysis.ts), journaling every measurement as taken.
 */
import type { AnalysisStep } from '../../../contract/domain/playbooks/playbook-model';
import { RunEventTypes, type RunMeasurementData } from '../../../contract/domain/playbooks/run-events';
import type { Measurement } from '../../../contract/domain/telemetry/analysis-model';
import { runAnalysis } from '../telemetry/analysis';
import { prometheusSource, sandboxSource, type MetricSource, type PrometheusAuth } from '../telemetry/sources';
import type { StepRunState } from './run-state';
import type { TargetBinding } from './step-environment';
import type { StepContext } from './runner-options';
import { sleep, type StepAttemptResult } from './step-execution';

/** Fill ${NAME} with the run's variables, then the target's environment (WARROOM_SANDBOX...). */
export function fillVariables(text: string, values: ReadonlyMap<string, string>, env: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
    (whole, name: string) => values.get(name) ?? (Object.hasOwn(env, name) ? env[name] : undefined) ?? whole,
  );
}

export interface AnalysisStepContext extends StepContext {
  readonly step: AnalysisStep;
  readonly target: TargetBinding;
  readonly values: ReadonlyMap<string, string>;
  /** The step as the run's state has it (attempts, decisions, measurements so far). */
  readonly state: StepRunState | undefined;
}

/** The step's source, or why it has none (a message naming the step). */
function metricSource(context: AnalysisStepContext, where: string): MetricSource | string {
  const { step, target, values } = context;
  const sourceText = fillVariables(step.source, values, target.env).trim();
  if (sourceText === 'sandbox') {
    const dir = target.env.WARROOM_SANDBOX;
    if (!dir) return `${where}: the source is the sandbox, but target ${target.name} is not War Room's local sandbox`;
    return sandboxSource(dir, step.timeoutMs);
  }
  if (!/^https?:\/\//.test(sourceText)) return `${where}: the source "${sourceText}" is neither sandbox nor an http(s) address of Prometheus`;
  let auth: PrometheusAuth = { kind: 'none' };
  if (step.auth && 'bearer' in step.auth) {
    const token = values.get(step.auth.bearer);
    if (token === undefined) return `${where}: auth.bearer names ${step.auth.bearer}, which has no value in this run`;
    auth = { kind: 'bearer', token };
  } else if (step.auth) {
    const username = values.get(step.auth.username);
    const password = values.get(step.auth.password);
    if (username === undefined || password === undefined) return `${where}: auth names ${step.auth.username} and ${step.auth.password}; give both a value`;
    auth = { kind: 'basic', username, password };
  }
  return prometheusSource({
    address: sourceText,
    auth,
    ...(step.caFile ? { caFile: fillVariables(step.caFile, values, target.env) } : {}),
    timeoutMs: step.timeoutMs,
  });
}

/**
 * Measure until the analysis decides; every measurement is journaled (awaited) as taken.
 * A run resumed after a crash ("rerun") goes on from the measurements its interrupted
 * attempt journaled: they count, as they would have.
 */
export async function runAnalysisStep(context: AnalysisStepContext): Promise<StepAttemptResult> {
  const { index, step, target, values, state, emit, done, fail } = context;
  const where = `step ${index + 1} (${step.name})`;
  const source = metricSource(context, where);
  if (typeof source === 'string') return fail('check-failed', source);
  const attempt = state?.attempts ?? 1;
  const lastDecision = state?.decisions[state.decisions.length - 1]?.decision;
  const prior: Measurement[] = lastDecision === 'rerun' ? (state?.measurements ?? []).filter((measurement) => measurement.attempt === attempt - 1) : [];
  const spec = {
    ...step,
    query: fillVariables(step.query, values, target.env),
    baseline: step.baseline === undefined ? undefined : fillVariables(step.baseline, values, target.env),
  };
  emit(
    `[analysis] ${spec.query}${spec.baseline ? ` against ${spec.baseline}` : ''} on ${source.label}: ${step.count} measurement${step.count === 1 ? '' : 's'} every ${step.intervalMs / 1000} s\r\n`,
  );
  if (prior.length > 0) emit(`[analysis] resuming after ${prior.length} journaled measurement${prior.length === 1 ? '' : 's'}\r\n`);
  const outcome = await runAnalysis({
    source,
    spec,
    prior,
    record: async (measurement) => {
      const data: RunMeasurementData = { runId: context.runId, stepIndex: index, attempt, measurement };
      await context.commit([{ type: RunEventTypes.measurement, data }]);
      const shown = (numbers: readonly number[]) => numbers.map((value) => Number(value.toPrecision(4))).join(', ') || 'no value';
      const baseline = measurement.baselineValues ? ` (baseline ${shown(measurement.baselineValues)})` : '';
      emit(`[analysis] #${measurement.index} = ${shown(measurement.values)}${baseline}: ${measurement.phase} (${measurement.message})\r\n`);
    },
    sleep: (ms) => sleep(ms, context.signal),
    now: context.now,
    signal: context.signal,
  });
  if (!outcome) return fail('aborted', 'aborted by the operator');
  emit(`[analysis] ${outcome.verdict}: ${outcome.message}\r\n`);
  if (outcome.verdict === 'successful') return done(undefined, `analysis successful: ${outcome.message}`);
  if (outcome.verdict === 'failed') return fail('check-failed', `${where}: analysis failed: ${outcome.message}`);
  return fail('inconclusive', `${where}: analysis inconclusive: ${outcome.message}`);
}
