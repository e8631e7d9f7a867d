import { DateTime } from 'luxon';
import { WarRoomError } from '../errors';

/**
 * Due times relative to T-0 ("T-3d", "T-24h", "T-30m", "T+1h", "T-1d12h", "T-0").
 *
 * Why two kinds of unit: release managers mean different things by "a day before" and
 * "24 hours before". Days are calendar days in the release's time zone: T-1d keeps the
 * wall-clock time, so for a go-live at 01:30 Europe/Berlin, T-1d is 01:30 the day
 * before even when the clocks moved in between (that day had 23 or 25 hours). Hours
 * and minutes are exact elapsed time: T-24h is exactly 24 hours before T-0, which
 * across a daylight-saving change shows as 00:30 or 02:30 on the wall clock.
 * Days are applied first, then hours and minutes (T-1d2h = one calendar day back, then
 * two exact hours). A calendar day that lands in the skipped hour of a spring-forward
 * night moves forward by the gap (02:30 does not exist, 03:30 does); on an autumn night
 * an ambiguous wall time takes the later (standard-time) offset, as luxon does.
 */
export interface DueOffset {
  /** -1 before T-0, +1 after it; T-0 itself is -1 with all parts zero. */
  readonly sign: -1 | 1;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

/** The moment a release goes live and the zone its people plan in. */
export interface ReleaseTiming {
  /** T-0 as an ISO instant with an offset or Z. */
  readonly t0: string;
  /** IANA zone of the release, e.g. Europe/Berlin. */
  readonly zone: string;
}

/** A due time shown both where the release is planned and where the viewer sits. */
export interface DueTime {
  /** The instant, ISO UTC. */
  readonly instant: string;
  readonly release: { readonly zone: string; readonly text: string };
  readonly viewer: { readonly zone: string; readonly text: string };
}

const DUE_LIMITS = {
  /** Nobody plans a go-live checklist more than a year around T-0; larger is a typo. */
  maxDays: 366,
  /** 'T-36h' is common; beyond a week of hours people write days. */
  maxHours: 24 * 7,
  /** 'T-90m' is common; beyond a day of minutes people write hours. */
  maxMinutes: 24 * 60,
} as const;

const DUE_PATTERN = /^T([+-])(?:(\d{1,4})d)?(?:(\d{1,4})h)?(?:(\d{1,5})m)?$/;
const ZERO_TEXTS: readonly string[] = ['T-0', 'T+0', 'T0'];

/** The format a due offset is written in, for error messages. */
export const DUE_FORMAT_HINT = 'a time relative to T-0 like T-3d, T-24h, T-30m, T+1h or T-1d12h';

/** Parse due text; returns null when it is not a valid offset (see dueOffsetProblem for why). */
export function parseDueOffset(text: string): DueOffset | null {
  return dueOffsetProblem(text) === null ? parseUnchecked(text.trim()) : null;
}

/** Why a due text is not valid, or null when it is. Messages a release manager can act on. */
export function dueOffsetProblem(text: string): string | null {
  const trimmed = text.trim();
  if (ZERO_TEXTS.includes(trimmed)) return null;
  const match = DUE_PATTERN.exec(trimmed);
  if (match === null) return `'${text}' must be ${DUE_FORMAT_HINT}`;
  const [, , days, hours, minutes] = match;
  if (days === undefined && hours === undefined && minutes === undefined) return `'${text}' must be ${DUE_FORMAT_HINT}`;
  if (Number(days ?? 0) > DUE_LIMITS.maxDays) return `'${text}' is more than ${DUE_LIMITS.maxDays} days from T-0`;
  if (Number(hours ?? 0) > DUE_LIMITS.maxHours) return `'${text}' has more than ${DUE_LIMITS.maxHours} hours; write days instead`;
  if (Number(minutes ?? 0) > DUE_LIMITS.maxMinutes) return `'${text}' has more than ${DUE_LIMITS.maxMinutes} minutes; write hours instead`;
  return null;
}

function parseUnchecked(trimmed: string): DueOffset {
  if (ZERO_TEXTS.includes(trimmed)) return { sign: -1, days: 0, hours: 0, minutes: 0 };
  const match = DUE_PATTERN.exec(trimmed);
  const [, sign, days, hours, minutes] = match ?? [];
  const offset = { sign: sign === '+' ? 1 : -1, days: Number(days ?? 0), hours: Number(hours ?? 0), minutes: Number(minutes ?? 0) } as const;
  return isZero(offset) ? { sign: -1, days: 0, hours: 0, minutes: 0 } : offset;
}

function isZero(offset: DueOffset): boolean {
  return offset.days === 0 && offset.hours === 0 && offset.minutes === 0;
}

/** Parse due text or throw an invalid-input WarRoomError naming the field. */
export function requireDueOffset(text: string, field = 'due'): DueOffset {
  const problem = dueOffsetProblem(text);
  if (problem !== null) throw new WarRoomError('invalid-input', `${field}: ${problem}`, [{ field }]);
  return parseUnchecked(text.trim());
}

/** The canonical text of an offset ("T-1d12h", "T+30m", "T-0"). */
export function formatDueOffset(offset: DueOffset): string {
  if (isZero(offset)) return 'T-0';
  const parts = [offset.days > 0 ? `${offset.days}d` : '', offset.hours > 0 ? `${offset.hours}h` : '', offset.minutes > 0 ? `${offset.minutes}m` : ''].join('');
  return `T${offset.sign < 0 ? '-' : '+'}${parts}`;
}

/** Canonical form of due text ("T-24h " -> "T-24h", "T+0" -> "T-0"); throws when invalid. */
export function normaliseDue(text: string, field = 'due'): string {
  return formatDueOffset(requireDueOffset(text, field));
}

/** Signed minutes of an offset, ignoring calendar effects: for ordering only. */
export function dueOffsetSortKey(offset: DueOffset): number {
  return offset.sign * ((offset.days * 24 + offset.hours) * 60 + offset.minutes);
}

/** True when the offset lies strictly before T-0 (T-0 itself is not before). */
export function isBeforeT0(offset: DueOffset): boolean {
  return offset.sign < 0 && !isZero(offset);
}

function t0In(timing: ReleaseTiming): DateTime {
  const t0 = DateTime.fromISO(timing.t0, { zone: timing.zone });
  if (!t0.isValid) {
    throw new WarRoomError(
      'invalid-input',
      `T-0 '${timing.t0}' in zone '${timing.zone}' is not a valid time: ${t0.invalidExplanation ?? t0.invalidReason ?? 'unknown reason'}`,
      [{ field: 't0' }],
    );
  }
  return t0;
}

/** The absolute instant of a due offset: calendar days in the release zone, then exact hours and minutes. */
export function resolveDue(offset: DueOffset, timing: ReleaseTiming): DateTime {
  const t0 = t0In(timing);
  const afterDays = t0.plus({ days: offset.sign * offset.days });
  return afterDays.plus({ milliseconds: offset.sign * (offset.hours * 60 + offset.minutes) * 60_000 });
}

/** How a due time reads in a zone: date, wall time and the UTC offset, so an ambiguous autumn hour is unambiguous. */
export function formatInZone(instant: DateTime, zone: string): string {
  const local = instant.setZone(zone);
  if (!local.isValid) throw new WarRoomError('invalid-input', `'${zone}' is not a known time zone (use an IANA name like Europe/Berlin)`, [{ field: 'zone' }]);
  return local.toFormat("yyyy-MM-dd HH:mm 'UTC'ZZ");
}

/** Resolve due text for display in the release's zone and in the viewer's zone. */
export function describeDue(due: string, timing: ReleaseTiming, viewerZone: string): DueTime {
  const instant = resolveDue(requireDueOffset(due), timing);
  return {
    instant: instant.toUTC().toISO() ?? '',
    release: { zone: timing.zone, text: formatInZone(instant, timing.zone) },
    viewer: { zone: viewerZone, text: formatInZone(instant, viewerZone) },
  };
}

/**
 * A resolver of many due texts against one timing, for a whole checklist at once.
 *
 * Why: luxon's zone arithmetic costs about half a millisecond per call, so resolving
 * 2,000 items one by one blocks the main process for a second. Calendar days are the
 * only part that needs the zone; they are resolved once per distinct day count, and
 * hours and minutes (exact elapsed time) are added as milliseconds, which is what
 * resolveDue does too. Returns epoch milliseconds; throws like requireDueOffset.
 */
export function createDueResolver(timing: ReleaseTiming): (due: string) => number {
  const t0 = t0In(timing);
  const dayStarts = new Map<number, number>();
  const byText = new Map<string, number>();
  return (due) => {
    const known = byText.get(due);
    if (known !== undefined) return known;
    const offset = requireDueOffset(due);
    const days = offset.sign * offset.days;
    let base = dayStarts.get(days);
    if (base === undefined) {
      base = t0.plus({ days }).toMillis();
      dayStarts.set(days, base);
    }
    const instant = base + offset.sign * (offset.hours * 60 + offset.minutes) * 60_000;
    byText.set(due, instant);
    return instant;
  };
}
