import type { Pod } from '../schedule/schedule-schemas';
import { isActive, type HypercareIssue, type HypercareState } from './hypercare-model';
import { slaTimers, type SlaTimer } from './sla-clock';
import type { SlaSettings } from './sla-settings';
import { rankTriageLane, type PodBandwidth, type RankedIssue } from './triage-ranking';

/** One card of the board: the issue, where it ranks and why, and its three clocks. */
export interface LaneCard extends Omit<RankedIssue, 'rank'> {
  /** 1.. in the active lane; null for mitigated and resolved issues. */
  readonly rank: number | null;
  readonly timers: readonly SlaTimer[];
}

/** The board as main computes it at `at`: the renderer ticks the clocks on from there. */
export interface HypercareLaneView {
  readonly at: string;
  readonly activeCount: number;
  readonly active: readonly LaneCard[];
  /** Mitigated and resolved, most recently changed first. */
  readonly settled: readonly LaneCard[];
  readonly pods: readonly PodBandwidth[];
  readonly settings: SlaSettings;
}

/** Build the board: the ranked active lane and the settled issues, each with its SLA clocks at `now`. */
export function buildLaneView(
  state: { readonly hypercare: HypercareState; readonly pods: readonly Pod[] },
  settings: SlaSettings,
  now: number,
): HypercareLaneView {
  const lane = rankTriageLane(state.hypercare.issues, state.pods, now);
  const settled: LaneCard[] = state.hypercare.issues
    .filter((issue) => !isActive(issue))
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
    .map((issue: HypercareIssue) => ({
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
    active: lane.ranked.map((row) => ({ ...row, timers: slaTimers(row.issue, settings, now) })),
    settled,
    pods: lane.pods,
    settings,
  };
}
