/**
 * The schedule's shapes the contract names: resolved windows, policy findings, the
 * follow-the-sun plan and the calendar. The code that computes them is in main/core/schedule.
 */
import type { TimeWarning } from './local-time';

/** A half-open period [start, end) of ISO UTC instants. */
export interface Period {
  readonly start: string;
  readonly end: string;
}

/** The window as instants (ISO UTC), with the clock surprises met on the way. */
export interface ResolvedWindow extends Period {
  readonly zone: string;
  readonly goLive: string;
  readonly warnings: readonly TimeWarning[];
}

export type PolicyRule = 'outside-window' | 'blackout' | 'friday-rule' | 'target-overlap' | 'clock-change' | 'point-of-no-return';

export type Severity = 'block' | 'warn' | 'info';

/** An override on record: who accepted a finding, when, and why. */
export interface PolicyOverride {
  readonly findingId: string;
  readonly reason: string;
  readonly actor: string;
  readonly at: string;
}

/** One thing the schedule breaks or should make people aware of. */
export interface PolicyFinding {
  readonly id: string;
  readonly rule: PolicyRule;
  readonly severity: Severity;
  readonly message: string;
  /** The stretch concerned (ISO UTC); start = end for a moment. */
  readonly period: Period;
  readonly override?: PolicyOverride;
}

/** A stretch of the window with one holder (null: nobody on duty) and the pods on duty. */
export interface PlanSegment extends Period {
  readonly holder: string | null;
  readonly onDuty: readonly string[];
}

/** The release changes hands (from or to null: a gap in coverage starts or ends). */
export interface Handover {
  readonly at: string;
  readonly from: string | null;
  readonly to: string | null;
}

/** One hour of the window (the last may be shorter): who holds it at its start, and everyone who holds it during it. */
export interface PlanHour extends Period {
  readonly holder: string | null;
  readonly holders: readonly (string | null)[];
}

/** A stretch nobody is on duty, and why in words ("no pod works Sundays"). */
export interface UncoveredGap extends Period {
  readonly reason: string;
}

export interface FollowTheSunPlan {
  readonly segments: readonly PlanSegment[];
  readonly handovers: readonly Handover[];
  readonly hours: readonly PlanHour[];
  readonly uncovered: readonly UncoveredGap[];
  readonly warnings: readonly TimeWarning[];
}

/** One thing on the calendar: a release window or a blackout occurrence. */
export interface CalendarEntry extends Period {
  readonly kind: 'window' | 'blackout';
  readonly id: string;
  readonly title: string;
  /** A blackout kept as information (TRANSPARENT in its .ics): drawn apart, never blocking. */
  readonly informational?: boolean;
}

/** An entry's piece on one local day. */
export interface CalendarDayEntry extends CalendarEntry {
  /** The piece on this day (ISO UTC), and its local times ("22:00", "24:00" at midnight). */
  readonly dayStart: string;
  readonly dayEnd: string;
  readonly localFrom: string;
  readonly localTo: string;
  readonly continuesFromBefore: boolean;
  readonly continuesAfter: boolean;
}

export interface CalendarDay {
  /** Local date, 2026-03-29. */
  readonly date: string;
  /** Real length of the day in hours (23, 24 or 25 where the clocks change). */
  readonly hours: number;
  readonly entries: readonly CalendarDayEntry[];
}
