export type { LaneCard, HypercareLaneView } from '../../../contract/domain/hypercare/hypercare-views';
import type { LaneCard, HypercareLaneView } from '../../../contract/domain/hypercare/hypercare-views';
import type { Pod } from '../../../contract/domain/schedule/schedule-schemas';
import { isActive, type HypercareIssue, type HypercareState } from '../../../contract/domain/hypercare/hypercare-model';
import { slaTimers } from './sla-clock';
import type { SlaSettings } from '../../../contract/domain/hypercare/sla-settings';
import { rankTriageLane } from './triage-ranking';

/**
 * Build the board: the ranked active lane and the settled issues, each with its SLA clocks
 * at `now`. With `first`, only the top of each lane: the board paints that at once and asks
 * for the rest (2,000 cards are 2 MB of JSON; the first screen needs a dozen).
 */
export function buildLaneView(
  state: { readonly hypercare: HypercareState; readonly pods: readonly Pod[] },
  settings: SlaSettings,
  now: number,
  /** Only the top of each lane (what a first paint shows); every card when absent. */
  first?: number,
): HypercareLaneView {
  const lane = rankTriageLane(state.hypercare.issues, state.pods, now);
  const limit = first ?? Number.POSITIVE_INFINITY;
  const allSettled = state.hypercare.issues
    .filter((issue) => !isActive(issue))
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  const settled: LaneCard[] = allSettled.slice(0, limit).map((issue: HypercareIssue) => ({
    issue,
    rank: null,
    weight: issue.impact * issue.urgency,
    pod: issue.pod,
    suggested: false,
    podOnDuty: false,
    podLoad: 0,
    bandwidth: 0,
    timers: slaTimers(issue, settings, now),
  }));
  return {
    at: new Date(now).toISOString(),
    activeCount: lane.activeCount,
    active: lane.ranked.slice(0, limit).map((row) => ({ ...row, timers: slaTimers(row.issue, settings, now) })),
    settled,
    settledCount: allSettled.length,
    partial: lane.ranked.length > limit || allSettled.length > limit,
    pods: lane.pods,
    settings,
  };
}
