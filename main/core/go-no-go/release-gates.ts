import type { ReleaseState } from '../../../contract/domain/release/release-state-model';
import type { GateBlocker, GateInput, MetricGateReading, RiskSummary } from '../../../contract/domain/go-no-go/poll-model';
import { openHighRisksWithoutMitigation } from '../../../contract/domain/risks/risks-queries';

/**
 * Everything that can hold a GO, from every area of the release, gathered in one place.
 *
 * Why one place: the go/no-go decision and the poll view must weigh the same gates.
 * The checklist gate (required items due before T-0 still open) and the risk gate (open
 * high/critical risks without a mitigation) come from the release state; the
 * release-window policy (outside the window, a blackout, the Friday rule, another
 * release on the same target), unless already overridden in the header, comes in as
 * already-phrased blockers; the metric criteria come in as just measured (main/api/metric-gates.ts).
 * A GO past any of them needs a written override, journaled.
 */
export function stateGates(state: ReleaseState, policyBlockers: readonly GateBlocker[], metricGates: readonly MetricGateReading[] = []): GateInput {
  const unmitigatedRisks: RiskSummary[] = openHighRisksWithoutMitigation(state.risks).map((row) => ({ id: row.id, title: row.title, band: row.band }));
  return { checklist: state.checklist, unmitigatedRisks, otherBlockers: policyBlockers, metricGates };
}
