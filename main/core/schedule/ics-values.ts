/**
 * The date, date-time, duration and period values of an .ics file, read in wall-clock terms.
 *
 * Separate from the import itself because DTSTART, DTEND, EXDATE, RDATE and RECURRENCE-ID
 * all share them, and because every value must come with the line it was on: ical.js
 * quietly normalises impossible dates, so these are checked here first.
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { parseLocal, resolveLocal, toLocal } from '../../../contract/domain/schedule/local-time';
import type { LocalDateTime } from '../../../contract/domain/schedule/local-time';
import { icsError } from './ics-lines';
import type { IcsComponentLines, IcsLine } from './ics-lines';
import { mapTzid } from './ics-zones';

/** A date or date-time value of one line, read in wall-clock terms. */
export interface IcsTime {
  readonly local: LocalDateTime;
  readonly zone: string;
  readonly allDay: boolean;
  /** Neither UTC nor TZID: read in the calendar's zone (X-WR-TIMEZONE, else the default). */
  readonly floating: boolean;
}

/** A length: days and weeks on the wall clock, hours, minutes and seconds in real time (RFC 5545 3.3.6). */
export interface IcsLength {
  readonly durationMinutes: number;
  readonly exactMinutes: number;
}

/** What reading values needs: the file (for messages), its VTIMEZONEs, the zone of floating times, and where warnings go. */
export interface IcsValueContext {
  readonly file: string;
  /** The zone of floating date-times and dates: X-WR-TIMEZONE when the file names one, else the caller's default. */
  readonly floatingZone: string;
  /** Preferred zones when a VTIMEZONE is matched by its offsets. */
  readonly preferredZones: readonly string[];
  readonly vtimezones: readonly { lines: IcsComponentLines; component: unknown }[];
  readonly warnings: { line: number; message: string }[];
  readonly zoneCache: Map<string, string>;
}

/** Read one value of a DATE or DATE-TIME line (DTSTART, DTEND, EXDATE, RDATE, RECURRENCE-ID). */
export function readTime(line: IcsLine, raw: string, context: IcsValueContext): IcsTime {
  const value = raw.trim();
  const isDate = line.params['VALUE']?.toUpperCase() === 'DATE' || /^\d{8}$/.test(value);
  const match = isDate ? /^(\d{4})(\d{2})(\d{2})$/.exec(value) : /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(value);
  const expected = isDate ? 'a date like 20261224' : 'a date-time like 20260320T120000 or 20260320T110000Z';
  if (!match) throw icsError(context.file, line.line, `${line.name} '${value}' is not ${expected}`);
  const [, year, month, day, hour = '00', minute = '00', second = '00', utc = ''] = match;
  const local = `${year}-${month}-${day}T${hour}:${minute}${second === '00' ? '' : `:${second}`}`;
  if (!parseLocal(local)) throw icsError(context.file, line.line, `${line.name} '${value}' is not a real date and time`);
  if (isDate) return { local, zone: context.floatingZone, allDay: true, floating: true };
  if (utc === 'Z') return { local, zone: 'UTC', allDay: false, floating: false };
  const tzid = line.params['TZID'];
  if (tzid === undefined) return { local, zone: context.floatingZone, allDay: false, floating: true };
  return { local, zone: zoneOf(tzid, line, Number(year), context), allDay: false, floating: false };
}

/** The IANA zone a TZID names (cached per file); refuses a name nothing maps. */
export function zoneOf(tzid: string, line: IcsLine, year: number, context: IcsValueContext): string {
  const cached = context.zoneCache.get(tzid);
  if (cached) return cached;
  const mapping = mapTzid(tzid, context.vtimezones, [year, year + 1], context.preferredZones);
  if (!mapping) {
    throw icsError(
      context.file,
      line.line,
      `TZID '${tzid}' is not an IANA zone (like Europe/Berlin), a known Windows zone name, or a VTIMEZONE defined in the file`,
    );
  }
  if (mapping.guessed) {
    context.warnings.push({ line: line.line, message: `TZID '${tzid}' was matched to ${mapping.zone} by its UTC offsets` });
  }
  context.zoneCache.set(tzid, mapping.zone);
  return mapping.zone;
}

/** The same moment as wall-clock time in another zone (EXDATE in UTC for an event in Berlin). */
export function inZone(time: IcsTime, zone: string): LocalDateTime {
  if (time.zone === zone) return time.local;
  return toLocal(resolveLocal(time.local, time.zone).instant, zone);
}

/** Minutes between two wall-clock readings, as calendar arithmetic (no clock jumps). */
export function wallMinutes(from: LocalDateTime, to: LocalDateTime): number {
  const start = DateTime.fromObject(parseLocal(from)!, { zone: 'UTC' });
  const end = DateTime.fromObject(parseLocal(to)!, { zone: 'UTC' });
  return Math.round(end.diff(start, 'minutes').minutes);
}

/** A DURATION value (PT4H, P2D, P1W): days and weeks nominal, the rest exact. */
export function readDuration(line: IcsLine, raw: string, file: string): IcsLength {
  const value = raw.trim();
  if (!/^\+?P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$/i.test(value) || /^P(T)?$/i.test(value)) {
    throw icsError(file, line.line, `${line.name === 'DURATION' ? 'DURATION' : `${line.name} period`} '${value}' is not a positive duration like PT4H or P2D`);
  }
  const duration = ICAL.Duration.fromString(value.replace(/^\+/, ''));
  return {
    durationMinutes: (duration.weeks * 7 + duration.days) * 24 * 60,
    exactMinutes: duration.hours * 60 + duration.minutes + Math.round(duration.seconds / 60),
  };
}

/** One RDATE value made an occurrence of an event in `zone` whose own length is `length`. */
export function readRdate(
  line: IcsLine,
  raw: string,
  event: { readonly zone: string; readonly length: IcsLength },
  context: IcsValueContext,
): { start: LocalDateTime; durationMinutes: number; exactMinutes: number } {
  const isPeriod = line.params['VALUE']?.toUpperCase() === 'PERIOD' || raw.includes('/');
  if (!isPeriod) {
    const time = readTime(line, raw, context);
    // A date is that whole day in the event's zone, whatever the event's own length.
    if (time.allDay) return { start: `${time.local.slice(0, 10)}T00:00`, durationMinutes: 24 * 60, exactMinutes: 0 };
    return { start: inZone(time, event.zone), ...event.length };
  }
  const [from, to, extra] = raw.trim().split('/');
  if (from === undefined || to === undefined || extra !== undefined || from === '' || to === '') {
    throw icsError(context.file, line.line, `RDATE period '${raw.trim()}' is not start/end or start/duration (20260401T090000Z/PT2H)`);
  }
  const start = readTime({ ...line, params: { ...line.params, VALUE: 'DATE-TIME' } }, from, context);
  const local = inZone(start, event.zone);
  if (/^[+-]?P/i.test(to)) return { start: local, ...readDuration(line, to, context.file) };
  const end = readTime({ ...line, params: { ...line.params, VALUE: 'DATE-TIME' } }, to, context);
  const minutes = wallMinutes(local, inZone(end, event.zone));
  if (minutes < 0) throw icsError(context.file, line.line, `RDATE period '${raw.trim()}' ends before it starts`);
  return { start: local, durationMinutes: minutes, exactMinutes: 0 };
}
