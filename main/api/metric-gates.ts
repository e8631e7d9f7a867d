/**
 * Measure the go/no-go poll's metric criteria: one measurement each, with the analysis
 * step's rules (main/core/telemetry/analysis.ts), from the release's sandbox or a
 * Prometheus. Never throws: a source that cannot be read gives an `error` reading, which
 * holds GO as inconclusive (never passed).
 */
import type { Criterion, MetricGateReading } from '../../contract/domain/go-no-go/poll-model';
import type { ReleaseState } from '../../contract/domain/release/release-state-model';
import { compileConditions, measure } from '../core/telemetry/analysis';
import { prometheusSource, sandboxSource, type MetricSource } from '../core/telemetry/sources';

export const MetricGateTuning = {
  /** The gates are read while the room waits: a source that takes longer is reported unreachable, not waited for. */
  timeoutMs: 5_000,
} as const;

/** The release's local sandbox directory (the demo's), if it has one. */
export function sandboxDirOf(state: ReleaseState): string | undefined {
  const target = state.meta?.targets.find((candidate) => candidate.environment === 'sandbox' && candidate.env.WARROOM_SANDBOX);
  return target?.env.WARROOM_SANDBOX;
}

function sourceOf(state: ReleaseState, address: string): MetricSource | string {
  if (address === 'sandbox') {
    const dir = sandboxDirOf(state);
    return dir ? sandboxSource(dir, MetricGateTuning.timeoutMs) : 'the source is the sandbox, but this release has no local sandbox target';
  }
  return prometheusSource({ address, timeoutMs: MetricGateTuning.timeoutMs });
}

/** One reading per metric criterion of the poll, measured in parallel. */
export async function readMetricGates(
  state: ReleaseState,
  criteria: readonly Criterion[],
  now: () => string = () => new Date().toISOString(),
): Promise<MetricGateReading[]> {
  const metered = criteria.filter((criterion): criterion is Criterion & { metric: NonNullable<Criterion['metric']> } => criterion.metric !== undefined);
  return Promise.all(
    metered.map(async (criterion): Promise<MetricGateReading> => {
      const { metric } = criterion;
      const base = { criterionId: criterion.id, title: criterion.title, query: metric.query, baselineQuery: metric.baseline ?? null };
      const source = sourceOf(state, metric.source);
      if (typeof source === 'string') {
        return { ...base, at: now(), source: metric.source, values: [], baselineValues: null, phase: 'error', message: source, threshold: null };
      }
      let conditions;
      try {
        conditions = compileConditions(metric);
      } catch (error) {
        // Checked when the criterion was set; a journal edited by hand can still carry one that does not parse.
        return {
          ...base,
          at: now(),
          source: source.label,
          values: [],
          baselineValues: null,
          phase: 'error',
          message: (error as Error).message,
          threshold: null,
        };
      }
      const measured = await measure(source, { query: metric.query, baseline: metric.baseline }, conditions, 1, now);
      return {
        ...base,
        at: measured.at,
        source: measured.source,
        values: measured.values,
        baselineValues: measured.baselineValues ?? null,
        phase: measured.phase,
        message: measured.message,
        threshold: measured.threshold ?? null,
      };
    }),
  );
}
