/**
 * The data of the calendar view: release windows and blackouts laid out on local days.
 *
 * The week and month views show days of the viewer's zone. A local day is not always 24
 * hours (23 on a spring-forward day, 25 on a fall-back day), so days are cut with luxon in
 * that zone, and each entry is clipped to the day with flags saying it continues, so a
 * weekend freeze shows as one bar over three days.
 */
import { DateTime } from 'luxon';
import { expandBlackouts } from './blackout-calendar';
import { instantMs, requireZone } from '../../../contract/domain/schedule/local-time';
import type { ResolvedWindow } from './release-window';
import type { Blackout } from '../../../contract/domain/schedule/schedule-schemas';
export type { CalendarEntry, CalendarDayEntry, CalendarDay } from '../../../contract/domain/schedule/schedule-model';
import type { CalendarEntry, CalendarDay } from '../../../contract/domain/schedule/schedule-model';

/** The releases' windows, for the calendar. */
export interface CalendarRelease {
  readonly releaseId: string;
  readonly title: string;
  readonly window: ResolvedWindow;
}

/** Lay windows and blackouts out over `days` local days from `firstDate` in `zone`. */
export function calendarDays(input: {
  readonly zone: string;
  readonly firstDate: string;
  readonly days: number;
  readonly releases: readonly CalendarRelease[];
  readonly blackouts: readonly Blackout[];
}): CalendarDay[] {
  const zone = requireZone(input.zone);
  const first = DateTime.fromISO(input.firstDate, { zone }).startOf('day');
  const rangeEnd = first.plus({ days: input.days });
  const range = { start: first.toUTC().toISO()!, end: rangeEnd.toUTC().toISO()! };
  const entries: CalendarEntry[] = [
    ...input.releases.map((release) => ({
      kind: 'window' as const,
      id: release.releaseId,
      title: release.title,
      start: release.window.start,
      end: release.window.end,
    })),
    ...expandBlackouts(input.blackouts, range).map((occurrence) => ({
      kind: 'blackout' as const,
      id: `${occurrence.blackoutId}@${occurrence.start}`,
      title: occurrence.title,
      start: occurrence.start,
      end: occurrence.end,
      ...(occurrence.informational ? { informational: true } : {}),
    })),
  ].sort((a, b) => instantMs(a.start) - instantMs(b.start) || a.id.localeCompare(b.id));

  return Array.from({ length: input.days }, (_, index) => {
    const dayStart = first.plus({ days: index });
    const dayEnd = dayStart.plus({ days: 1 });
    const startMs = dayStart.toMillis();
    const endMs = dayEnd.toMillis();
    const pieces = entries
      .filter((entry) => instantMs(entry.start) < endMs && instantMs(entry.end) > startMs)
      .map((entry) => {
        const from = Math.max(instantMs(entry.start), startMs);
        const to = Math.min(instantMs(entry.end), endMs);
        return {
          ...entry,
          dayStart: DateTime.fromMillis(from, { zone: 'UTC' }).toISO()!,
          dayEnd: DateTime.fromMillis(to, { zone: 'UTC' }).toISO()!,
          localFrom: DateTime.fromMillis(from, { zone }).toFormat('HH:mm'),
          localTo: to === endMs ? '24:00' : DateTime.fromMillis(to, { zone }).toFormat('HH:mm'),
          continuesFromBefore: instantMs(entry.start) < startMs,
          continuesAfter: instantMs(entry.end) > endMs,
        };
      });
    return { date: dayStart.toFormat('yyyy-MM-dd'), hours: (endMs - startMs) / 3_600_000, entries: pieces };
  });
}

/** The first day and length of a week view (Monday first) or a month view (whole weeks around the month). */
export function calendarRange(view: 'week' | 'month', date: string, zone: string): { firstDate: string; days: number } {
  const day = DateTime.fromISO(date, { zone: requireZone(zone) }).startOf('day');
  if (view === 'week') return { firstDate: day.startOf('week').toFormat('yyyy-MM-dd'), days: 7 };
  const first = day.startOf('month').startOf('week');
  const last = day.endOf('month').endOf('week').startOf('day');
  return { firstDate: first.toFormat('yyyy-MM-dd'), days: Math.round(last.diff(first, 'days').days) + 1 };
}
