/**
 * Which IANA zone an iCalendar TZID means.
 *
 * Calendars name zones every which way: "Europe/Berlin", "/freeassociation.sourceforge.net/
 * Tzfile/Europe/Berlin", Outlook's "W. Europe Standard Time", or a private name defined by
 * a VTIMEZONE in the file. We store blackouts with IANA names (so luxon's rules apply for
 * every year), so each TZID is mapped: directly, by its IANA suffix, by the Windows name,
 * by the VTIMEZONE's X-LIC-LOCATION, and last by finding an IANA zone whose offsets agree
 * with the VTIMEZONE's at every sample instant of the years concerned (with a warning).
 */
import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import type { IcsComponentLines } from './ics-lines';

/** Outlook / Exchange zone names seen in exported calendars, and their IANA equivalents (CLDR's windowsZones "001" territory). */
export const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  UTC: 'UTC',
  'GMT Standard Time': 'Europe/London',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'India Standard Time': 'Asia/Kolkata',
  'China Standard Time': 'Asia/Shanghai',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Singapore Standard Time': 'Asia/Singapore',
  'AUS Eastern Standard Time': 'Australia/Sydney',
};

/** How a TZID was mapped; `guessed` means by matching offsets, worth a warning. */
export interface ZoneMapping {
  readonly zone: string;
  readonly guessed: boolean;
}

/** The local times a VTIMEZONE must agree with an IANA zone on: noon on the 1st and 15th of each month. */
function samples(years: readonly number[]): DateTime[] {
  return years.flatMap((year) =>
    Array.from({ length: 24 }, (_, index) =>
      DateTime.fromObject({ year, month: Math.floor(index / 2) + 1, day: index % 2 === 0 ? 1 : 15, hour: 12 }, { zone: 'UTC' }),
    ),
  );
}

/** Match a VTIMEZONE to an IANA zone by its UTC offsets over the given years. */
function matchByOffsets(vtimezone: unknown, years: readonly number[], preferred: readonly string[]): string | null {
  let timezone: InstanceType<typeof ICAL.Timezone>;
  try {
    timezone = new ICAL.Timezone(vtimezone as ConstructorParameters<typeof ICAL.Timezone>[0]);
  } catch {
    return null;
  }
  const points = samples(years).map((sample) => {
    // utcOffset reads the time as local time in the VTIMEZONE; local noon is never near a transition.
    const local = ICAL.Time.fromData({ year: sample.year, month: sample.month, day: sample.day, hour: 12, minute: 0, second: 0 });
    const offsetMinutes = Math.round(timezone.utcOffset(local) / 60);
    return { ms: sample.toMillis() - offsetMinutes * 60_000, offsetMinutes };
  });
  // Zones people name first (the workspace's, Windows' usual ones) win over rarer twins with the same rules.
  for (const name of new Set([...preferred, ...Object.values(WINDOWS_ZONES), ...Intl.supportedValuesOf('timeZone')])) {
    if (!IANAZone.isValidZone(name)) continue;
    const zone = IANAZone.create(name);
    if (points.every((point) => zone.offset(point.ms) === point.offsetMinutes)) return name;
  }
  return null;
}

/**
 * Map a TZID to an IANA zone, or null when nothing fits.
 * `vtimezones` are the file's VTIMEZONE components (scanned and as ical.js components).
 */
export function mapTzid(
  tzid: string,
  vtimezones: readonly { lines: IcsComponentLines; component: unknown }[],
  years: readonly number[],
  preferred: readonly string[] = [],
): ZoneMapping | null {
  const name = tzid.trim();
  if (IANAZone.isValidZone(name)) return { zone: name, guessed: false };
  const parts = name.split('/').filter((part) => part !== '');
  for (let take = parts.length; take >= 1; take -= 1) {
    const suffix = parts.slice(parts.length - take).join('/');
    if (suffix.includes('/') && IANAZone.isValidZone(suffix)) return { zone: suffix, guessed: false };
  }
  const windows = WINDOWS_ZONES[name];
  if (windows) return { zone: windows, guessed: false };
  const vtimezone = vtimezones.find((entry) => entry.lines.lines.find((line) => line.name === 'TZID')?.value.trim() === name);
  if (!vtimezone) return null;
  const location = vtimezone.lines.lines.find((line) => line.name === 'X-LIC-LOCATION')?.value.trim();
  if (location && IANAZone.isValidZone(location)) return { zone: location, guessed: false };
  const matched = matchByOffsets(vtimezone.component, years, preferred);
  return matched ? { zone: matched, guessed: true } : null;
}
