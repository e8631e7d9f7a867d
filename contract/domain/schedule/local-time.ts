/**
 * Local wall-clock times and how they become instants.
 *
 * Release windows, pods' working hours and freeze periods are written as wall-clock
 * times in a named IANA zone ("Tue 22:00 Europe/Berlin"), because that is how people
 * agree on them. Twice a year such a time is not one instant: it does not exist
 * (spring forward) or it exists twice (fall back). Luxon silently picks one; we decide
 * here, once, and say so in a warning the UI can show.
 *
 * The rule:
 * - a skipped time (in the gap) moves forward by the length of the gap, to the instant
 *   the clock would show if it had not jumped (02:30 on a Berlin spring-forward night is
 *   03:30 CEST), and a `skipped-local-time` warning is raised;
 * - a repeated time (in the overlap) is the earlier of its two instants (the first pass,
 *   with the summer offset) unless `fold: 'later'` asks for the second; either way a
 *   `repeated-local-time` warning is raised.
 */
import { DateTime, IANAZone } from 'luxon';
import { WarRoomError } from '../errors';

/** A local wall-clock date-time without zone: `YYYY-MM-DDTHH:mm` or `YYYY-MM-DDTHH:mm:ss`. */
export type LocalDateTime = string;

/** Which instant a repeated local time means: the first pass (earlier) or the second (later). */
export type Fold = 'earlier' | 'later';

/** A surprise of the clock, shown to the user instead of being silently resolved. */
export interface TimeWarning {
  readonly code: 'skipped-local-time' | 'repeated-local-time';
  readonly local: LocalDateTime;
  readonly zone: string;
  /** The instant chosen, ISO UTC. */
  readonly resolved: string;
  readonly message: string;
}

/** One resolved wall-clock time: the instant (ISO UTC), and any warning about it. */
export interface ResolvedLocalTime {
  readonly instant: string;
  readonly warning: TimeWarning | null;
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Answers of isValidZone, by name: asking the runtime builds an Intl.DateTimeFormat (and
 * throws for an unknown name), a fraction of a millisecond that every schedule or release
 * input with a zone paid, once per field. Bounded: a peer sending endless new names only
 * empties it.
 */
const zoneAnswers = new Map<string, boolean>();
const ZONE_ANSWERS_MAX = 1_000;
/** Longer than any IANA name (the longest is about 30 characters): not asked, never cached. */
const ZONE_NAME_MAX = 64;

/** True when the name is a zone the runtime's time-zone database knows (Europe/Berlin, UTC). */
export function isValidZone(zone: string): boolean {
  if (zone.length > ZONE_NAME_MAX) return false;
  const known = zoneAnswers.get(zone);
  if (known !== undefined) return known;
  const valid = IANAZone.isValidZone(zone);
  if (zoneAnswers.size >= ZONE_ANSWERS_MAX) zoneAnswers.clear();
  zoneAnswers.set(zone, valid);
  return valid;
}

/** The zone as a luxon IANAZone; throws an actionable error for an unknown name. */
export function requireZone(zone: string, field = 'zone'): IANAZone {
  if (!isValidZone(zone)) {
    throw new WarRoomError('invalid-input', `'${zone}' is not a known IANA time zone; use a name like Europe/Berlin or America/Sao_Paulo`, [{ field }]);
  }
  return IANAZone.create(zone);
}

/** The parts of a local date-time, or null when the text is not a real calendar date and time. */
export function parseLocal(local: LocalDateTime): { year: number; month: number; day: number; hour: number; minute: number; second: number } | null {
  const match = LOCAL_PATTERN.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  const parts = { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! };
  return DateTime.fromObject(parts, { zone: 'UTC' }).isValid ? parts : null;
}

/** Format luxon date parts as a LocalDateTime (seconds only when not zero). */
export function formatLocal(dateTime: DateTime): LocalDateTime {
  return dateTime.toFormat(dateTime.second === 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss");
}

/**
 * Resolve a local wall-clock time in a zone to one instant, by the rule above.
 * Works on offsets from luxon's zone database, so half-hour zones and zones whose
 * rules changed over the years (America/Sao_Paulo) come out right.
 */
export function resolveLocal(local: LocalDateTime, zoneName: string, fold: Fold = 'earlier'): ResolvedLocalTime {
  const parts = parseLocal(local);
  if (!parts) {
    throw new WarRoomError('invalid-input', `'${local}' is not a local date-time like 2026-03-31T22:00`, [{ field: 'local' }]);
  }
  const zone = requireZone(zoneName);
  const wallMs = DateTime.fromObject(parts, { zone: 'UTC' }).toMillis();
  // The offsets in force a day either side bound every offset this wall time can have.
  const candidates = [...new Set([zone.offset(wallMs - DAY_MS), zone.offset(wallMs + DAY_MS), zone.offset(wallMs)])];
  const valid = candidates
    .filter((offset) => zone.offset(wallMs - offset * MINUTE_MS) === offset)
    .map((offset) => wallMs - offset * MINUTE_MS)
    .sort((a, b) => a - b);
  const toIso = (ms: number): string => DateTime.fromMillis(ms, { zone: 'UTC' }).toISO()!;
  if (valid.length === 1) return { instant: toIso(valid[0]!), warning: null };
  if (valid.length === 0) {
    // In the gap: read the wall time with the offset from before the jump.
    const before = zone.offset(wallMs - DAY_MS);
    const instant = toIso(wallMs - before * MINUTE_MS);
    const shown = DateTime.fromISO(instant, { zone }).toFormat("HH:mm 'UTC'ZZ");
    return {
      instant,
      warning: {
        code: 'skipped-local-time',
        local,
        zone: zoneName,
        resolved: instant,
        message: `${local} does not exist in ${zoneName} (the clocks jump forward that night); moved forward to ${shown}`,
      },
    };
  }
  const chosen = fold === 'later' ? valid[valid.length - 1]! : valid[0]!;
  const instant = toIso(chosen);
  const shown = DateTime.fromISO(instant, { zone }).toFormat("HH:mm 'UTC'ZZ");
  return {
    instant,
    warning: {
      code: 'repeated-local-time',
      local,
      zone: zoneName,
      resolved: instant,
      message: `${local} happens twice in ${zoneName} (the clocks go back that night); taken as the ${fold === 'later' ? 'second' : 'first'} one, ${shown}`,
    },
  };
}

/** The wall-clock reading of an instant in a zone, as a LocalDateTime. */
export function toLocal(instant: string, zone: string): LocalDateTime {
  return formatLocal(DateTime.fromISO(instant, { zone: requireZone(zone) }));
}

/** Milliseconds since the epoch of an ISO instant; throws on text that is not one. */
export function instantMs(instant: string, field = 'instant'): number {
  const parsed = DateTime.fromISO(instant, { setZone: true });
  if (!parsed.isValid) throw new WarRoomError('invalid-input', `'${instant}' is not an ISO date-time`, [{ field }]);
  return parsed.toMillis();
}

/** An ISO UTC string for epoch milliseconds. */
export function isoFromMs(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'UTC' }).toISO()!;
}
