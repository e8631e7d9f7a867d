/**
 * Import blackout periods from an iCalendar (.ics) file.
 *
 * Partners and HR publish freezes and holidays as .ics. Each VEVENT becomes one Blackout
 * with an `rrule` rule in wall-clock terms (DTSTART's local time and zone, RRULE, EXDATE),
 * so a weekly freeze keeps 12:00 local on both sides of a DST change. All-day and floating
 * events take the zone given by the caller (the workspace's zone). An event moved by a
 * RECURRENCE-ID override becomes its own blackout and the master skips that occurrence.
 *
 * All or nothing: the first problem refuses the whole file with its line and reason, so a
 * calendar is never half-imported. Events that are valid but cannot be a blackout
 * (cancelled, zero length) are skipped with a warning instead.
 */
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { WarRoomError } from '../support/errors';
import { parseLocal, resolveLocal, toLocal } from './local-time';
import type { LocalDateTime } from './local-time';
import { icsError, scanIcs } from './ics-lines';
import type { IcsComponentLines, IcsLine } from './ics-lines';
import { mapTzid } from './ics-zones';
import { parseRrule } from './wall-clock-recurrence';
import { blackoutSchema } from './schedule-schemas';
import type { Blackout, BlackoutScope } from './schedule-schemas';

export interface IcsImportOptions {
  /** The file name, for messages and for the blackouts' source. */
  readonly file: string;
  /** Who the imported blackouts bind. */
  readonly scope: BlackoutScope;
  /** Zone for all-day and floating events (the workspace's zone). */
  readonly defaultZone: string;
}

/** Something imported with a caveat, or skipped, and why. */
export interface IcsImportWarning {
  readonly line: number;
  readonly message: string;
}

export interface IcsImportResult {
  readonly blackouts: readonly Blackout[];
  readonly warnings: readonly IcsImportWarning[];
}

export const ICS_LIMITS = {
  /** A calendar beyond this many events is not a blackout calendar; refusing keeps the workspace file small. */
  maxEvents: 5_000,
  /** Ids are kept short for the journal and for URLs; longer UIDs are hashed. */
  maxIdLength: 120,
} as const;

/** A date or date-time value of one line, read in wall-clock terms. */
interface IcsTime {
  readonly local: LocalDateTime;
  readonly zone: string;
  readonly allDay: boolean;
}

interface ImportContext {
  readonly options: IcsImportOptions;
  readonly vtimezones: readonly { lines: IcsComponentLines; component: unknown }[];
  readonly warnings: IcsImportWarning[];
  readonly zoneCache: Map<string, string>;
}

/** Read one value of a DATE or DATE-TIME line (DTSTART, DTEND, EXDATE, RECURRENCE-ID). */
function readTime(line: IcsLine, raw: string, context: ImportContext): IcsTime {
  const value = raw.trim();
  const isDate = line.params['VALUE']?.toUpperCase() === 'DATE' || /^\d{8}$/.test(value);
  const match = isDate ? /^(\d{4})(\d{2})(\d{2})$/.exec(value) : /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(value);
  const expected = isDate ? 'a date like 20261224' : 'a date-time like 20260320T120000 or 20260320T110000Z';
  if (!match) throw icsError(context.options.file, line.line, `${line.name} '${value}' is not ${expected}`);
  const [, year, month, day, hour = '00', minute = '00', second = '00', utc = ''] = match;
  const local = `${year}-${month}-${day}T${hour}:${minute}${second === '00' ? '' : `:${second}`}`;
  if (!parseLocal(local)) throw icsError(context.options.file, line.line, `${line.name} '${value}' is not a real date and time`);
  if (isDate) return { local, zone: context.options.defaultZone, allDay: true };
  if (utc === 'Z') return { local, zone: 'UTC', allDay: false };
  const tzid = line.params['TZID'];
  if (tzid === undefined) return { local, zone: context.options.defaultZone, allDay: false };
  return { local, zone: zoneOf(tzid, line, Number(year), context), allDay: false };
}

function zoneOf(tzid: string, line: IcsLine, year: number, context: ImportContext): string {
  const cached = context.zoneCache.get(tzid);
  if (cached) return cached;
  const mapping = mapTzid(tzid, context.vtimezones, [year, year + 1], [context.options.defaultZone]);
  if (!mapping) {
    throw icsError(
      context.options.file,
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
function inZone(time: IcsTime, zone: string): LocalDateTime {
  if (time.zone === zone) return time.local;
  return toLocal(resolveLocal(time.local, time.zone).instant, zone);
}

function wallMinutes(from: LocalDateTime, to: LocalDateTime): number {
  const start = DateTime.fromObject(parseLocal(from)!, { zone: 'UTC' });
  const end = DateTime.fromObject(parseLocal(to)!, { zone: 'UTC' });
  return Math.round(end.diff(start, 'minutes').minutes);
}

/** A short stable id for a blackout imported from a UID (and a RECURRENCE-ID). */
function blackoutId(uid: string, recurrence: string | null): string {
  const base = recurrence === null ? uid : `${uid}@${recurrence}`;
  const id = `ics:${base}`;
  return id.length <= ICS_LIMITS.maxIdLength ? id : `ics:${createHash('sha256').update(base).digest('hex').slice(0, 32)}`;
}

/** Make floating an RRULE UNTIL given in UTC, since ical.js iterates the rule in wall-clock time. */
function wallClockRrule(value: string, zone: string, allDay: boolean): string {
  return value.replace(/UNTIL=(\d{8})T(\d{6})Z/i, (_, date: string, time: string) => {
    const instant = DateTime.fromFormat(`${date}T${time}`, "yyyyMMdd'T'HHmmss", { zone: 'UTC' });
    const local = instant.setZone(zone);
    return allDay ? `UNTIL=${local.toFormat('yyyyMMdd')}` : `UNTIL=${local.toFormat("yyyyMMdd'T'HHmmss")}`;
  });
}

interface ParsedEvent {
  readonly blackout: Blackout;
  readonly uid: string;
  readonly recurrenceId: LocalDateTime | null;
  readonly line: number;
}

function readEvent(event: IcsComponentLines, component: InstanceType<typeof ICAL.Component>, context: ImportContext): ParsedEvent | null {
  const { file } = context.options;
  const lineOf = (name: string): IcsLine | undefined => event.lines.find((line) => line.name === name);
  const uidLine = lineOf('UID');
  const uid =
    uidLine?.value.trim() ||
    createHash('sha256')
      .update(event.lines.map((line) => `${line.name}:${line.value}`).join('\n'))
      .digest('hex')
      .slice(0, 32);
  if (!uidLine) context.warnings.push({ line: event.beginLine, message: 'event without UID: given an id from its content' });
  const summary = component.getFirstPropertyValue('summary');
  const title = typeof summary === 'string' && summary.trim() !== '' ? summary.trim() : 'Blackout (imported)';
  if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') {
    context.warnings.push({ line: event.beginLine, message: `'${title}' is cancelled: skipped` });
    return null;
  }
  const startLine = lineOf('DTSTART');
  if (!startLine) throw icsError(file, event.beginLine, 'this VEVENT has no DTSTART');
  const start = readTime(startLine, startLine.value, context);

  let durationMinutes: number;
  let exactMinutes = 0;
  const endLine = lineOf('DTEND');
  const durationLine = lineOf('DURATION');
  if (endLine) {
    const end = readTime(endLine, endLine.value, context);
    if (end.allDay !== start.allDay) throw icsError(file, endLine.line, 'DTEND must be a date when DTSTART is a date, and a date-time otherwise');
    durationMinutes = wallMinutes(start.local, inZone(end, start.zone));
    if (durationMinutes < 0) throw icsError(file, endLine.line, `DTEND '${endLine.value}' is before DTSTART '${startLine.value}'`);
  } else if (durationLine) {
    if (!/^[+-]?P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$/i.test(durationLine.value.trim()) || /^-/.test(durationLine.value.trim())) {
      throw icsError(file, durationLine.line, `DURATION '${durationLine.value}' is not a positive duration like PT4H or P2D`);
    }
    // Days and weeks are nominal (wall clock), hours and minutes exact (RFC 5545 3.3.6).
    const duration = ICAL.Duration.fromString(durationLine.value.trim());
    durationMinutes = (duration.weeks * 7 + duration.days) * 24 * 60;
    exactMinutes = duration.hours * 60 + duration.minutes + Math.round(duration.seconds / 60);
  } else {
    durationMinutes = start.allDay ? 24 * 60 : 0;
  }
  if (durationMinutes + exactMinutes <= 0) {
    context.warnings.push({ line: event.beginLine, message: `'${title}' has no length (no DTEND or DURATION): skipped` });
    return null;
  }

  const rruleLines = event.lines.filter((line) => line.name === 'RRULE');
  if (rruleLines.length > 1) context.warnings.push({ line: rruleLines[1]!.line, message: 'only the first RRULE of an event is used' });
  const rruleLine = rruleLines[0];
  let rrule: string | undefined;
  if (rruleLine) {
    try {
      parseRrule(rruleLine.value.trim());
    } catch (error) {
      throw icsError(file, rruleLine.line, error instanceof WarRoomError ? error.message : String(error));
    }
    rrule = wallClockRrule(rruleLine.value.trim(), start.zone, start.allDay);
  }
  const rdate = lineOf('RDATE');
  if (rdate) context.warnings.push({ line: rdate.line, message: 'RDATE (extra dates) is not supported: those dates are not imported' });

  const exdates = event.lines
    .filter((line) => line.name === 'EXDATE')
    .flatMap((line) => line.value.split(',').map((raw) => inZone(readTime(line, raw, context), start.zone)));
  const recurrenceLine = lineOf('RECURRENCE-ID');
  const recurrenceId = recurrenceLine ? inZone(readTime(recurrenceLine, recurrenceLine.value, context), start.zone) : null;

  const candidate = {
    id: blackoutId(uid, recurrenceId),
    title,
    scope: context.options.scope,
    rule: {
      kind: 'rrule' as const,
      zone: start.zone,
      start: start.local,
      durationMinutes,
      exactMinutes,
      allDay: start.allDay,
      ...(rrule === undefined || recurrenceId !== null ? {} : { rrule }),
      exdates,
    },
    source: { kind: 'ics' as const, file, uid },
  };
  const parsed = blackoutSchema.safeParse(candidate);
  if (!parsed.success) throw icsError(file, event.beginLine, `this event cannot be a blackout: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return { blackout: parsed.data, uid, recurrenceId, line: event.beginLine };
}

/**
 * Parse an .ics text into blackouts. Throws WarRoomError('invalid-input') naming the file,
 * the line and the reason on the first problem; nothing is returned half-done.
 */
export function importIcs(source: string, options: IcsImportOptions): IcsImportResult {
  const scanned = scanIcs(source, options.file);
  let calendar: InstanceType<typeof ICAL.Component>;
  try {
    calendar = new ICAL.Component(ICAL.parse(scanned.text) as unknown[]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const quoted = /"([^"]+)"/.exec(reason)?.[1];
    const hit = quoted === undefined ? undefined : findLine(scanned.root, quoted);
    throw icsError(options.file, hit, `not valid iCalendar: ${reason}`);
  }
  const eventLines = scanned.root.children.filter((child) => child.kind === 'VEVENT');
  const eventComponents = calendar.getAllSubcomponents('vevent');
  if (eventLines.length !== eventComponents.length) throw icsError(options.file, undefined, 'the events could not be read consistently');
  if (eventLines.length > ICS_LIMITS.maxEvents) {
    throw icsError(options.file, undefined, `${eventLines.length} events is more than the ${ICS_LIMITS.maxEvents} a blackout calendar may hold`);
  }
  const vtimezoneLines = scanned.root.children.filter((child) => child.kind === 'VTIMEZONE');
  const vtimezoneComponents = calendar.getAllSubcomponents('vtimezone');
  const context: ImportContext = {
    options,
    vtimezones: vtimezoneLines.map((lines, index) => ({ lines, component: vtimezoneComponents[index] })),
    warnings: [],
    zoneCache: new Map(),
  };

  const events = eventLines.map((lines, index) => readEvent(lines, eventComponents[index]!, context)).filter((event): event is ParsedEvent => event !== null);

  const seen = new Map<string, number>();
  for (const event of events) {
    const previous = seen.get(event.blackout.id);
    if (previous !== undefined) throw icsError(options.file, event.line, `UID '${event.uid}' is used again (first at line ${previous})`);
    seen.set(event.blackout.id, event.line);
  }
  // A moved occurrence (RECURRENCE-ID) replaces the master's occurrence at that local time.
  const blackouts = events.map((event) => {
    const moved = events.filter((other) => other.recurrenceId !== null && other.uid === event.uid).map((other) => other.recurrenceId!);
    if (event.recurrenceId !== null || moved.length === 0 || event.blackout.rule.kind !== 'rrule') return event.blackout;
    return { ...event.blackout, rule: { ...event.blackout.rule, exdates: [...event.blackout.rule.exdates, ...moved] } };
  });
  return { blackouts, warnings: context.warnings };
}

function findLine(component: IcsComponentLines, text: string): number | undefined {
  for (const line of component.lines) if (`${line.name}:${line.value}`.includes(text) || line.value.includes(text)) return line.line;
  for (const child of component.children) {
    const hit = findLine(child, text);
    if (hit !== undefined) return hit;
  }
  return undefined;
}
