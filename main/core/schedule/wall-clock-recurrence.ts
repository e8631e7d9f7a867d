/**
 * Recurrences kept in local wall-clock time, expanded to instants in a range.
 *
 * "Friday 12:00 -> Monday 06:00 Europe/Berlin" means 12:00 on the clock in Berlin every
 * Friday, summer and winter. So recurrences are stepped in wall-clock terms (calendar
 * arithmetic on zone-less date-times) and only each occurrence's start and end are turned
 * into instants, through resolveLocal and its DST rule. The length of an occurrence is
 * wall-clock too: a freeze from Friday 12:00 to Monday 06:00 ends at 06:00 even on the
 * weekend the clocks change (the span is then 65 or 67 hours, not 66).
 *
 * For imported events: an end given by DTEND is kept on the wall clock too (what calendar
 * applications do, and what a freeze means; RFC 5545 would keep the first instance's exact
 * length). A DURATION follows RFC 5545 3.3.6: days and weeks on the wall clock, hours,
 * minutes and seconds in real time ("PT3H" is three real hours on a DST night).
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { WarRoomError } from '../../../contract/domain/errors';
import { formatLocal, instantMs, isoFromMs, parseLocal, requireZone, resolveLocal, toLocal } from '../../../contract/domain/schedule/local-time';
import type { LocalDateTime, TimeWarning } from '../../../contract/domain/schedule/local-time';
import type { Period } from './release-window';

/** One concrete occurrence: instants (ISO UTC) and the wall-clock times they came from. */
export interface WallClockOccurrence extends Period {
  readonly localStart: LocalDateTime;
  readonly localEnd: LocalDateTime;
  readonly zone: string;
  readonly warnings: readonly TimeWarning[];
}

/** A weekly span in one zone: from a weekday and time to the next given weekday and time. */
export interface WeeklySpan {
  readonly zone: string;
  readonly startDay: number;
  readonly startTime: string;
  readonly endDay: number;
  readonly endTime: string;
  readonly from?: string | undefined;
  readonly until?: string | undefined;
}

export const RECURRENCE_LIMITS = {
  /** Safety stop for an RRULE walked from an old DTSTART: over 11 years of hourly events (finer rules are refused). */
  maxIterations: 100_000,
} as const;

/** Wall-clock date-time arithmetic is calendar arithmetic: done in UTC, where no clock jumps. */
function wall(local: LocalDateTime): DateTime {
  const parts = parseLocal(local);
  if (!parts) throw new WarRoomError('invalid-input', `'${local}' is not a local date-time like 2026-03-31T22:00`);
  return DateTime.fromObject(parts, { zone: 'UTC' });
}

/** A date plus a time of day ("24:00" is the next day's 00:00). */
function atTime(date: DateTime, time: string): DateTime {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return date.startOf('day').plus({ hours: hour, minutes: minute });
}

/** Build an occurrence from wall-clock start and end, resolved with the DST rule. */
export function occurrenceOf(localStart: LocalDateTime, localEnd: LocalDateTime, zone: string): WallClockOccurrence {
  const start = resolveLocal(localStart, zone);
  const end = resolveLocal(localEnd, zone);
  const warnings = [start.warning, end.warning].filter((warning): warning is TimeWarning => warning !== null);
  return { start: start.instant, end: end.instant, localStart, localEnd, zone, warnings };
}

function overlapsRange(occurrence: Period, range: Period): boolean {
  return instantMs(occurrence.start) < instantMs(range.end) && instantMs(occurrence.end) > instantMs(range.start);
}

/** The local dates a range covers in a zone, widened by a look-back. */
function localDateBounds(range: Period, zone: string, lookBackDays: number): { first: DateTime; last: DateTime } {
  const tz = requireZone(zone);
  const first = wall(formatLocal(DateTime.fromISO(range.start, { zone: tz })))
    .startOf('day')
    .minus({ days: lookBackDays });
  const last = wall(formatLocal(DateTime.fromISO(range.end, { zone: tz }))).startOf('day');
  return { first, last };
}

/** Expand a weekly span to the occurrences overlapping a range. */
export function expandWeekly(span: WeeklySpan, range: Period): WallClockOccurrence[] {
  const { first, last } = localDateBounds(range, span.zone, 8);
  const from = span.from === undefined ? null : wall(`${span.from}T00:00`);
  const until = span.until === undefined ? null : wall(`${span.until}T00:00`);
  const daysToEnd = (span.endDay - span.startDay + 7) % 7;
  const occurrences: WallClockOccurrence[] = [];
  for (let date = first; date <= last; date = date.plus({ days: 1 })) {
    if (date.weekday !== span.startDay) continue;
    if ((from && date < from) || (until && date > until)) continue;
    const start = atTime(date, span.startTime);
    const sameWeek = atTime(date.plus({ days: daysToEnd }), span.endTime);
    // Same day with an end not after the start (Mon 09:00 -> Mon 09:00) means a week later.
    const end = sameWeek > start ? sameWeek : sameWeek.plus({ days: 7 });
    const occurrence = occurrenceOf(formatLocal(start), formatLocal(end), span.zone);
    if (overlapsRange(occurrence, range)) occurrences.push(occurrence);
  }
  return occurrences;
}

/** Expand a yearly all-day span (a holiday: month/day for N whole local days). */
export function expandYearly(rule: { zone: string; month: number; day: number; days: number }, range: Period): WallClockOccurrence[] {
  const { first, last } = localDateBounds(range, rule.zone, rule.days + 1);
  const occurrences: WallClockOccurrence[] = [];
  for (let year = first.year; year <= last.year; year += 1) {
    const date = DateTime.fromObject({ year, month: rule.month, day: rule.day }, { zone: 'UTC' });
    if (!date.isValid) continue; // 29 February outside leap years: no holiday that year
    const occurrence = occurrenceOf(formatLocal(date), formatLocal(date.plus({ days: rule.days })), rule.zone);
    if (overlapsRange(occurrence, range)) occurrences.push(occurrence);
  }
  return occurrences;
}

/** An iCalendar-style recurrence: local first start, wall-clock length, RRULE and EXDATEs. */
export interface RruleSpan {
  readonly zone: string;
  readonly start: LocalDateTime;
  readonly durationMinutes: number;
  readonly exactMinutes?: number | undefined;
  readonly allDay: boolean;
  readonly rrule?: string | undefined;
  readonly exdates: readonly LocalDateTime[];
  /** Extra occurrences (RDATE), each with its own wall-clock and exact length. */
  readonly rdates?: readonly { readonly start: LocalDateTime; readonly durationMinutes: number; readonly exactMinutes?: number | undefined }[] | undefined;
}

/** Parse an RRULE value with ical.js; throws an actionable error for a bad one. */
export function parseRrule(value: string): ReturnType<typeof ICAL.Recur.fromString> {
  let recur: ReturnType<typeof ICAL.Recur.fromString>;
  try {
    recur = ICAL.Recur.fromString(value);
  } catch (error) {
    throw new WarRoomError('invalid-input', `RRULE '${value}' is not valid: ${(error as Error).message}`, [{ field: 'rrule' }]);
  }
  if (!recur.freq) throw new WarRoomError('invalid-input', `RRULE '${value}' has no FREQ (DAILY, WEEKLY, MONTHLY, YEARLY...)`, [{ field: 'rrule' }]);
  if (recur.freq === 'SECONDLY' || recur.freq === 'MINUTELY') {
    throw new WarRoomError(
      'invalid-input',
      `RRULE '${value}' repeats every ${recur.freq === 'SECONDLY' ? 'second' : 'minute'}; a blackout repeats at most hourly`,
      [{ field: 'rrule' }],
    );
  }
  return recur;
}

/** An occurrence from a wall-clock start and length: `minutes` on the wall clock, then `exact` real minutes. */
function spanOccurrence(localStart: DateTime, minutes: number, exactMinutes: number, zone: string): WallClockOccurrence {
  const occurrence = occurrenceOf(formatLocal(localStart), formatLocal(localStart.plus({ minutes })), zone);
  if (exactMinutes === 0) return occurrence;
  const end = isoFromMs(instantMs(occurrence.end) + exactMinutes * 60_000);
  return { ...occurrence, end, localEnd: toLocal(end, zone), warnings: occurrence.warnings.filter((warning) => warning.local !== occurrence.localEnd) };
}

/** True when an occurrence is in the range; a zero-length marker counts when its moment is inside [start, end). */
function inRange(occurrence: Period, range: Period): boolean {
  if (occurrence.start === occurrence.end || instantMs(occurrence.start) === instantMs(occurrence.end)) {
    const at = instantMs(occurrence.start);
    return at >= instantMs(range.start) && at < instantMs(range.end);
  }
  return overlapsRange(occurrence, range);
}

/**
 * Expand an iCalendar-style recurrence set in wall-clock time: DTSTART, the RRULE (ical.js
 * iterates a floating DTSTART), the RDATEs with their own lengths, minus the EXDATEs
 * (matched on local start, RDATEs included, RFC 5545 3.8.5.1), each start counted once.
 * Each occurrence is then resolved in the zone.
 */
export function expandRrule(span: RruleSpan, range: Period): WallClockOccurrence[] {
  const startWall = wall(span.start);
  const exact = span.exactMinutes ?? 0;
  const excluded = new Set(span.exdates.map((local) => wall(local).toMillis()));
  const seen = new Set<number>();
  const occurrences: WallClockOccurrence[] = [];
  const add = (localStart: DateTime, minutes: number, exactMinutes: number): void => {
    const key = localStart.toMillis();
    if (excluded.has(key) || seen.has(key)) return;
    seen.add(key);
    const occurrence = spanOccurrence(localStart, minutes, exactMinutes, span.zone);
    if (inRange(occurrence, range)) occurrences.push(occurrence);
  };
  const { last } = localDateBounds(range, span.zone, 0);
  const stop = last.plus({ days: 2 });
  if (span.rrule === undefined) {
    add(startWall, span.durationMinutes, exact);
  } else {
    const floating = new ICAL.Time(
      {
        year: startWall.year,
        month: startWall.month,
        day: startWall.day,
        hour: startWall.hour,
        minute: startWall.minute,
        second: startWall.second,
        isDate: span.allDay,
      },
      ICAL.Timezone.localTimezone,
    );
    const iterator = parseRrule(span.rrule).iterator(floating);
    for (let count = 0; count < RECURRENCE_LIMITS.maxIterations; count += 1) {
      const next = iterator.next();
      if (!next) break;
      const localStart = DateTime.fromObject(
        {
          year: next.year,
          month: next.month,
          day: next.day,
          hour: span.allDay ? 0 : next.hour,
          minute: span.allDay ? 0 : next.minute,
          second: span.allDay ? 0 : next.second,
        },
        { zone: 'UTC' },
      );
      if (localStart > stop) break;
      add(localStart, span.durationMinutes, exact);
    }
  }
  for (const rdate of span.rdates ?? []) add(wall(rdate.start), rdate.durationMinutes, rdate.exactMinutes ?? 0);
  return occurrences.sort((a, b) => instantMs(a.start) - instantMs(b.start));
}
