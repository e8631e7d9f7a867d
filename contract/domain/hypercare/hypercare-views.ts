/** What the hypercare board shows (main/core/hypercare computes it): ranked cards, pods' bandwidth, SLA clocks. */
import type { HypercareIssue, SlaClock } from './hypercare-model';
import type { SlaSettings } from './sla-settings';

/** ok: running with time left; warning: past the warn share; breached: past due; met/missed: stopped in or after time. */
export type SlaTimerStatus = 'ok' | 'warning' | 'breached' | 'met' | 'missed';

/** One clock of one issue at an instant. */
export interface SlaTimer {
  readonly clock: SlaClock;
  readonly targetMinutes: number;
  readonly dueAt: string;
  readonly warnAt: string;
  /** When the clock stopped (the issue was acknowledged / mitigated / resolved), or null while it runs. */
  readonly stoppedAt: string | null;
  readonly status: SlaTimerStatus;
  /** Milliseconds left until due (negative: overdue); for a stopped clock, what was left when it stopped. */
  readonly remainingMs: number;
}

/** Why an issue stands where it stands, for the board's tooltip and the tests. */
export interface RankedIssue {
  readonly issue: HypercareIssue;
  readonly rank: number;
  /** impact x urgency, 1..16. */
  readonly weight: number;
  /** The pod that would take it: its own, or the suggestion. */
  readonly pod: string | null;
  readonly suggested: boolean;
  readonly podOnDuty: boolean;
  /** Active issues the pod already holds (this one excluded). */
  readonly podLoad: number;
  /** 0 (pod off duty or unknown) .. 1 (on duty, holds nothing). */
  readonly bandwidth: number;
}

export interface PodBandwidth {
  readonly pod: string;
  readonly onDuty: boolean;
  readonly holds: number;
}

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
  /** How many are mitigated or resolved (`settled` may hold only the first of them when a window was asked for). */
  readonly settledCount: number;
  /** True when `active` and `settled` hold only the top of each lane (the rest follows in a second request). */
  readonly partial: boolean;
  readonly pods: readonly PodBandwidth[];
  readonly settings: SlaSettings;
}
