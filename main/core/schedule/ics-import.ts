/**
 * Import blackout periods from an iCalendar (.ics) file.
 *
 * Partners and HR publish freezes and holidays as .ics. Each VEVENT becomes one Blackout
 * with an `rrule` rule in wall-clock terms (DTSTART's local time and zone, RRULE, RDATE,
 * EXDATE), so a weekly freeze keeps 12:00 local on both sides of a DST change. Floating
 * times and dates take the calendar's X-WR-TIMEZONE when it names a zone, else the zone
 * given by the caller (the workspace's). An event moved by a RECURRENCE-ID override becomes
 * its own blackout and the master skips that occurrence; a cancelled override removes it.
 *
 * Nothing is lost silently: an event with DTSTART only is imported (a date: that whole day;
 * a date-time: a zero-length marker); an event marked TRANSP:TRANSPARENT ("free" in its
 * calendar, as public-holiday calendars mark holidays) is imported as information, shown on
 * the calendar but never blocking; and every component that is not imported (cancelled
 * events, to-dos, journal entries, free/busy) is listed with its line and why.
 *
 * All or nothing: the first problem refuses the whole file with its line and reason, so a
 * calendar is never half-imported.
 */
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { WarRoomError } from '../../../contract/domain/errors';
import type { LocalDateTime } from '../../../contract/domain/schedule/local-time';
import { icsError, scanIcs } from './ics-lines';
import type { IcsComponentLines, IcsLine } from './ics-lines';
import { inZone, readDuration, readRdate, readTime, wallMinutes } from './ics-values';
import type { IcsLength, IcsValueContext } from './ics-values';
import { mapTzid } from './ics-zones';
import { parseRrule } from './wall-clock-recurrence';
import { blackoutSchema } from '../../../contract/domain/schedule/schedule-schemas';
import type { Blackout, BlackoutScope } from '../../../contract/domain/schedule/schedule-schemas';

export interface IcsImportOptions {
  /** The file name, for messages and for the blackouts' source. */
  readonly file: string;
  /** Who the imported blackouts bind. */
  readonly scope: BlackoutScope;
  /** Zone for all-day and floating events when the file has no X-WR-TIMEZONE (the workspace's zone). */
  readonly defaultZone: string;
}

/** Something imported with a caveat, and why. */
export interface IcsImportWarning {
  readonly line: number;
  readonly message: string;
}

/** A component of the file that was not imported: where it starts, what it is, and why. */
export interface IcsSkipped {
  readonly line: number;
  /** VEVENT, VTODO, VJOURNAL, VFREEBUSY... */
  readonly component: string;
  readonly title: string | null;
  readonly reason: string;
}

/** What the import did, in numbers and words, for the import dialog and the CLI. */
export interface IcsImportSummary {
  /** VEVENTs in the file. */
  readonly events: number;
  /** Blackouts made (information and markers included). */
  readonly imported: number;
  /** Of those, kept as information (TRANSP:TRANSPARENT): they never block. */
  readonly informational: number;
  /** Of those, zero-length markers (DTSTART date-time without DTEND or DURATION). */
  readonly markers: number;
  /** The zone floating times and dates were read in, and where it came from. */
  readonly floatingZone: { readonly zone: string; readonly source: 'X-WR-TIMEZONE' | 'default' };
}

export interface IcsImportResult {
  readonly blackouts: readonly Blackout[];
  readonly warnings: readonly IcsImportWarning[];
  readonly skipped: readonly IcsSkipped[];
  readonly summary: IcsImportSummary;
}

export const ICS_LIMITS = {
  /** A calendar beyond this many events is not a blackout calendar; refusing keeps the workspace file small. */
  maxEvents: 5_000,
  /** Ids are kept short for the journal and for URLs; longer UIDs are hashed. */
  maxIdLength: 120,
} as const;

/** Components that are read for what they define, not imported. */
const SUPPORT_COMPONENTS = new Set(['VTIMEZONE']);

/** Why a component of another kind is not a blackout. */
const NOT_EVENTS: Readonly<Record<string, string>> = {
  VTODO: 'a to-do (VTODO) has no period to block',
  VJOURNAL: 'a journal entry (VJOURNAL) has no period to block',
  VFREEBUSY: 'free/busy information (VFREEBUSY) is not imported; export the events themselves',
  VAVAILABILITY: 'availability (VAVAILABILITY) is not imported; it says when people work, not when releases are forbidden',
};

interface ImportContext extends IcsValueContext {
  readonly options: IcsImportOptions;
  readonly skipped: IcsSkipped[];
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
    const local = inZone(
      {
        local: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}`,
        zone: 'UTC',
        allDay: false,
        floating: false,
      },
      zone,
    );
    const compact = local.replace(/[-:]/g, '');
    return allDay ? `UNTIL=${compact.slice(0, 8)}` : `UNTIL=${compact.length === 13 ? `${compact}00` : compact}`;
  });
}

type ReadEvent =
  | {
      readonly kind: 'event';
      readonly blackout: Blackout;
      readonly uid: string;
      readonly recurrenceId: LocalDateTime | null;
      readonly line: number;
      readonly marker: boolean;
    }
  | { readonly kind: 'cancelled'; readonly uid: string; readonly recurrenceId: LocalDateTime | null; readonly line: number; readonly title: string };

/** The event's length from DTEND or DURATION (a date without either: one day; a date-time: none, a marker). */
function eventLength(event: IcsComponentLines, start: ReturnType<typeof readTime>, startLine: IcsLine, context: ImportContext): IcsLength {
  const { file } = context.options;
  const endLine = event.lines.find((line) => line.name === 'DTEND');
  const durationLine = event.lines.find((line) => line.name === 'DURATION');
  if (endLine) {
    const end = readTime(endLine, endLine.value, context);
    if (end.allDay !== start.allDay) throw icsError(file, endLine.line, 'DTEND must be a date when DTSTART is a date, and a date-time otherwise');
    const durationMinutes = wallMinutes(start.local, inZone(end, start.zone));
    if (durationMinutes < 0) throw icsError(file, endLine.line, `DTEND '${endLine.value}' is before DTSTART '${startLine.value}'`);
    return { durationMinutes, exactMinutes: 0 };
  }
  if (durationLine) return readDuration(durationLine, durationLine.value, file);
  return { durationMinutes: start.allDay ? 24 * 60 : 0, exactMinutes: 0 };
}

function readEvent(event: IcsComponentLines, component: InstanceType<typeof ICAL.Component>, context: ImportContext): ReadEvent {
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
  const startLine = lineOf('DTSTART');
  if (!startLine) throw icsError(file, event.beginLine, 'this VEVENT has no DTSTART');
  const start = readTime(startLine, startLine.value, context);
  const recurrenceLine = lineOf('RECURRENCE-ID');
  const recurrenceId = recurrenceLine ? inZone(readTime(recurrenceLine, recurrenceLine.value, context), start.zone) : null;
  if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') {
    return { kind: 'cancelled', uid, recurrenceId, line: event.beginLine, title };
  }
  const length = eventLength(event, start, startLine, context);
  const marker = length.durationMinutes + length.exactMinutes <= 0;

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
  const exrule = lineOf('EXRULE');
  if (exrule) context.warnings.push({ line: exrule.line, message: 'EXRULE (deprecated by RFC 5545) is not applied: every occurrence of the RRULE is kept' });
  const splitValues = (line: IcsLine): string[] => line.value.split(',').filter((raw) => raw.trim() !== '');
  const exdates = event.lines
    .filter((line) => line.name === 'EXDATE')
    .flatMap((line) => splitValues(line).map((raw) => inZone(readTime(line, raw, context), start.zone)));
  const rdates = event.lines
    .filter((line) => line.name === 'RDATE')
    .flatMap((line) => splitValues(line).map((raw) => readRdate(line, raw, { zone: start.zone, length }, context)));
  const transparent = String(component.getFirstPropertyValue('transp') ?? '').toUpperCase() === 'TRANSPARENT';

  const candidate = {
    id: blackoutId(uid, recurrenceId),
    title,
    scope: context.options.scope,
    rule: {
      kind: 'rrule' as const,
      zone: start.zone,
      start: start.local,
      ...length,
      allDay: start.allDay,
      ...(rrule === undefined || recurrenceId !== null ? {} : { rrule }),
      exdates,
      ...(recurrenceId === null && rdates.length > 0 ? { rdates } : {}),
    },
    ...(transparent ? { informational: true } : {}),
    source: { kind: 'ics' as const, file, uid },
  };
  const parsed = blackoutSchema.safeParse(candidate);
  if (!parsed.success) throw icsError(file, event.beginLine, `this event cannot be a blackout: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return { kind: 'event', blackout: parsed.data, uid, recurrenceId, line: event.beginLine, marker };
}

/** The zone of floating times: the file's X-WR-TIMEZONE when it maps to a zone, else the default (with a warning when it does not map). */
function floatingZoneOf(root: IcsComponentLines, options: IcsImportOptions, context: Omit<IcsValueContext, 'floatingZone'>): IcsImportSummary['floatingZone'] {
  const line = root.lines.find((entry) => entry.name === 'X-WR-TIMEZONE');
  if (!line || line.value.trim() === '') return { zone: options.defaultZone, source: 'default' };
  const mapping = mapTzid(line.value.trim(), context.vtimezones, [new Date().getUTCFullYear()], [options.defaultZone]);
  if (!mapping) {
    context.warnings.push({
      line: line.line,
      message: `X-WR-TIMEZONE '${line.value.trim()}' is not a time zone: floating times and dates were read in ${options.defaultZone}`,
    });
    return { zone: options.defaultZone, source: 'default' };
  }
  return { zone: mapping.zone, source: 'X-WR-TIMEZONE' };
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
  const base = {
    file: options.file,
    preferredZones: [options.defaultZone],
    vtimezones: vtimezoneLines.map((lines, index) => ({ lines, component: vtimezoneComponents[index] })),
    warnings: [] as IcsImportWarning[],
    zoneCache: new Map<string, string>(),
  };
  const floatingZone = floatingZoneOf(scanned.root, options, base);
  const context: ImportContext = { ...base, floatingZone: floatingZone.zone, preferredZones: [floatingZone.zone, options.defaultZone], options, skipped: [] };

  for (const child of scanned.root.children) {
    if (child.kind === 'VEVENT' || SUPPORT_COMPONENTS.has(child.kind)) continue;
    const summary = child.lines.find((line) => line.name === 'SUMMARY')?.value.trim() || null;
    context.skipped.push({
      line: child.beginLine,
      component: child.kind,
      title: summary,
      reason: NOT_EVENTS[child.kind] ?? `a ${child.kind} component is not an event; only VEVENTs become blackouts`,
    });
  }

  const read = eventLines.map((lines, index) => readEvent(lines, eventComponents[index]!, context));
  const events = read.filter((event) => event.kind === 'event');
  const seen = new Map<string, number>();
  for (const event of events) {
    const previous = seen.get(event.blackout.id);
    if (previous !== undefined) throw icsError(options.file, event.line, `UID '${event.uid}' is used again (first at line ${previous})`);
    seen.set(event.blackout.id, event.line);
  }
  for (const event of read) {
    if (event.kind !== 'cancelled') continue;
    const master = events.some((other) => other.uid === event.uid && other.recurrenceId === null);
    context.skipped.push({
      line: event.line,
      component: 'VEVENT',
      title: event.title,
      reason:
        event.recurrenceId !== null && master
          ? `cancelled occurrence (STATUS:CANCELLED) of ${event.recurrenceId.replace('T', ' ')}: removed from its series`
          : 'cancelled (STATUS:CANCELLED)',
    });
  }
  // A moved occurrence (RECURRENCE-ID) replaces the master's occurrence at that local time; a cancelled one removes it.
  const blackouts = events.map((event) => {
    const moved = read.filter((other) => other.recurrenceId !== null && other.uid === event.uid).map((other) => other.recurrenceId!);
    if (event.recurrenceId !== null || moved.length === 0 || event.blackout.rule.kind !== 'rrule') return event.blackout;
    return { ...event.blackout, rule: { ...event.blackout.rule, exdates: [...event.blackout.rule.exdates, ...moved] } };
  });
  const skipped = [...context.skipped].sort((a, b) => a.line - b.line);
  return {
    blackouts,
    warnings: context.warnings,
    skipped,
    summary: {
      events: eventLines.length,
      imported: blackouts.length,
      informational: blackouts.filter((blackout) => blackout.informational === true).length,
      markers: events.filter((event) => event.marker).length,
      floatingZone,
    },
  };
}

function findLine(component: IcsComponentLines, text: string): number | undefined {
  for (const line of component.lines) if (`${line.name}:${line.value}`.includes(text) || line.value.includes(text)) return line.line;
  for (const child of component.children) {
    const hit = findLine(child, text);
    if (hit !== undefined) return hit;
  }
  return undefined;
}
