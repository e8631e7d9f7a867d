import type { ReleaseState } from '../core/release/release-state';
import type { Release } from '../core/release/release';
import type { GateInput } from '../core/go-no-go/poll-gates';
import { evaluateGoGates, type GateVerdict } from '../core/go-no-go/poll-gates';
import type { GateBlocker, RiskSummary } from '../../contract/domain/go-no-go/poll-model';
import { openHighRisksWithoutMitigation } from '../../contract/domain/risks/risks-queries';
import { scheduleGateBlockers } from './schedule-context';
import type { Services } from './services';

/**
 * Everything that can hold a GO, from every area of the release, gathered in one place.
 *
 * Why one place: the go/no-go decision and the poll view must weigh the same gates.
 * The checklist gate (required items due before T-0 still open) and the risk gate (open
 * high/critical risks without a mitigation) come from the release state; the
 * release-window policy (outside the window, a blackout, the Friday rule, another
 * release on the same target), unless already overridden in the header, comes in as
 * already-phrased blockers. A GO past any of them needs a written override, journaled.
 */
export function stateGates(state: ReleaseState, policyBlockers: readonly GateBlocker[]): GateInput {
  const unmitigatedRisks: RiskSummary[] = openHighRisksWithoutMitigation(state.risks).map((row) => ({ id: row.id, title: row.title, band: row.band }));
  return { checklist: state.checklist, unmitigatedRisks, otherBlockers: policyBlockers };
}

/** The release-window policy findings that block a GO, phrased as gate blockers. */
export async function policyGateBlockers(services: Services, release: Release): Promise<GateBlocker[]> {
  return (await scheduleGateBlockers(services, release)).map((finding) => ({
    kind: 'policy',
    source: `release window: ${finding.rule}`,
    message: finding.message,
  }));
}

/** The verdict on a GO right now: quorum blockers (never overridable) and the overridable ones. */
export async function evaluateReleaseGoGates(services: Services, release: Release): Promise<GateVerdict> {
  return evaluateGoGates(release.state.poll, stateGates(release.state, await policyGateBlockers(services, release)));
}
