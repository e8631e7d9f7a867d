/**
 * The clocks of a go-live: T-minus / T-plus, time left in the window, each pod's wall
 * clock, and the point of no return.
 *
 * Every function takes `now` as an argument (never reads the system clock) so the header,
 * the calendar view and the report print the same thing for the same moment, and tests
 * can stand on a DST night.
 */
import { DateTime, Duration } from 'luxon';
import { instantMs, isoFromMs } from '../../../contract/domain/schedule/local-time';
import { podShifts } from './follow-the-sun';
import { describePeriod } from './policy-checks';
import type { PolicyFinding } from './policy-checks';
import type { ResolvedWindow } from './release-window';
import type { Pod } from '../../../contract/domain/schedule/schedule-schemas';

export const CLOCK_SETTINGS = {
  /** Warn this long before the last moment a rollback still fits: enough to decide and start it calmly. */
  pointOfNoReturnLeadMs: 15 * 60_000,
} as const;

/** A span as "2d 03:04:05" or "03:04:05": hours always two digits, days only when there are some. */
export function formatSpan(ms: number): string {
  const whole = Duration.fromMillis(Math.floor(Math.abs(ms) / 1000) * 1000).shiftTo('days', 'hours', 'minutes', 'seconds');
  const pad = (value: number): string => String(Math.floor(value)).padStart(2, '0');
  const clock = `${pad(whole.hours)}:${pad(whole.minutes)}:${pad(whole.seconds)}`;
  return whole.days > 0 ? `${whole.days}d ${clock}` : clock;
}

/** T-minus before go-live, T-plus after: the header's main clock. */
export interface GoLiveClock {
  readonly phase: 'before' | 'after';
  /** go-live minus now: positive before, negative or zero after. */
  readonly ms: number;
  readonly label: string;
}

/** T-01:02:03 before go-live, T+00:05:00 after it (T-0 itself reads T+00:00:00). */
export function goLiveClock(goLive: string, now: string): GoLiveClock {
  const ms = instantMs(goLive) - instantMs(now);
  return ms > 0 ? { phase: 'before', ms, label: `T-${formatSpan(ms)}` } : { phase: 'after', ms, label: `T+${formatSpan(ms)}` };
}

/** Where now stands in the window. */
export interface WindowClock {
  readonly phase: 'not-open' | 'open' | 'closed';
  /** Until the window opens (positive only when not open yet). */
  readonly msToOpen: number;
  /** Until the window closes (negative once closed). */
  readonly msLeft: number;
  readonly label: string;
}

/** Time left in the window ("01:12:00 left"), or until it opens, or since it closed. */
export function windowClock(window: ResolvedWindow, now: string): WindowClock {
  const nowMs = instantMs(now);
  const msToOpen = instantMs(window.start) - nowMs;
  const msLeft = instantMs(window.end) - nowMs;
  if (msToOpen > 0) return { phase: 'not-open', msToOpen, msLeft, label: `opens in ${formatSpan(msToOpen)}` };
  if (msLeft > 0) return { phase: 'open', msToOpen, msLeft, label: `${formatSpan(msLeft)} left` };
  return { phase: 'closed', msToOpen, msLeft, label: `closed ${formatSpan(msLeft)} ago` };
}

/** One pod's wall clock. */
export interface PodClock {
  readonly pod: string;
  readonly zone: string;
  /** "Tue 14:05" */
  readonly time: string;
  /** "2026-03-31" */
  readonly date: string;
  /** "UTC+05:30" */
  readonly offset: string;
  /** The zone's abbreviation where one exists ("CEST"), else the offset. */
  readonly abbreviation: string;
  readonly onDuty: boolean;
}

/** Each pod's local time at `now`, and whether it is within its working hours. */
export function podClocks(pods: readonly Pod[], now: string): PodClock[] {
  const at = { start: now, end: isoFromMs(instantMs(now) + 1) };
  return pods.map((pod) => {
    const local = DateTime.fromISO(now, { zone: pod.zone });
    return {
      pod: pod.name,
      zone: pod.zone,
      time: local.toFormat('ccc HH:mm'),
      date: local.toFormat('yyyy-MM-dd'),
      offset: `UTC${local.toFormat('ZZ')}`,
      abbreviation: local.toFormat('ZZZZ'),
      onDuty: podShifts(pod, at).length > 0,
    };
  });
}

/** Whether a rollback still fits in what is left of the window. */
export interface PointOfNoReturn {
  readonly status: 'fits' | 'closing' | 'no-longer-fits';
  /** The last moment a rollback can start and still finish inside the window (ISO UTC). */
  readonly latestRollbackStart: string;
  /** Until that moment (negative once past). */
  readonly msUntil: number;
  readonly finding: PolicyFinding | null;
}

/**
 * Compare the time left with the rehearsed rollback duration: 'closing' within the lead
 * time of the last moment, 'no-longer-fits' after it, each with a finding for the header.
 */
export function pointOfNoReturn(
  window: ResolvedWindow,
  now: string,
  rollbackMs: number,
  leadMs: number = CLOCK_SETTINGS.pointOfNoReturnLeadMs,
): PointOfNoReturn {
  const latestMs = instantMs(window.end) - rollbackMs;
  const latestRollbackStart = isoFromMs(latestMs);
  const msUntil = latestMs - instantMs(now);
  const rollback = formatSpan(rollbackMs);
  const at = describePeriod({ start: latestRollbackStart, end: latestRollbackStart }, window.zone);
  if (msUntil < 0) {
    return {
      status: 'no-longer-fits',
      latestRollbackStart,
      msUntil,
      finding: {
        id: `point-of-no-return:${window.end}:${rollbackMs}`,
        rule: 'point-of-no-return',
        severity: 'warn',
        message: `A rollback (rehearsed in ${rollback}) no longer fits in the window: it had to start by ${at}`,
        period: { start: latestRollbackStart, end: window.end },
      },
    };
  }
  if (msUntil <= leadMs) {
    return {
      status: 'closing',
      latestRollbackStart,
      msUntil,
      finding: {
        id: `point-of-no-return:${window.end}:${rollbackMs}`,
        rule: 'point-of-no-return',
        severity: 'warn',
        message: `Point of no return in ${formatSpan(msUntil)}: a rollback (rehearsed in ${rollback}) must start by ${at} to finish inside the window`,
        period: { start: latestRollbackStart, end: window.end },
      },
    };
  }
  return { status: 'fits', latestRollbackStart, msUntil, finding: null };
}
