import type { ReleaseState } from '../core/release/release-state';
import type { GateInput } from '../core/go-no-go/poll-gates';
import { evaluateGoGates, type GateVerdict } from '../core/go-no-go/poll-gates';
import type { GateBlocker, RiskSummary } from '../core/go-no-go/poll-model';
import { openHighRisksWithoutMitigation } from '../core/risks/risks-queries';

/**
 * Gather everything that can hold a GO, from every area of the release, in one place.
 *
 * Why one function: the go/no-go decision, the poll view and the report must weigh the
 * same gates. The checklist gate (required items due before T-0 still open) and the
 * risk gate (open high/critical risks without a mitigation) are evaluated by the
 * go/no-go core from what this returns; any other source (release-window policy...)
 * adds its already-phrased blockers to `otherBlockers` here, and nowhere else.
 */
export function collectGoGates(state: ReleaseState): GateInput {
  const unmitigatedRisks: RiskSummary[] = openHighRisksWithoutMitigation(state.risks).map((row) => ({ id: row.id, title: row.title, band: row.band }));
  const otherBlockers: GateBlocker[] = [
    // Release-window policy checks add their blockers here.
  ];
  return { checklist: state.checklist, unmitigatedRisks, otherBlockers };
}

/** The verdict on a GO right now: quorum blockers (never overridable) and the overridable ones. */
export function evaluateReleaseGoGates(state: ReleaseState): GateVerdict {
  return evaluateGoGates(state.poll, collectGoGates(state));
}

/** The blockers a written override would have to lift, for views and the report. */
export function overridableGoBlockers(state: ReleaseState): readonly GateBlocker[] {
  return evaluateReleaseGoGates(state).overridableBlockers;
}
