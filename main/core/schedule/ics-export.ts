/**
 * Export the workspace's release windows as an iCalendar (.ics) file.
 *
 * Stakeholders subscribe to the windows in their own calendar. UIDs are stable per release
 * (re-exporting updates events instead of duplicating them), DTSTAMP comes from the
 * caller (same input, same bytes). Two modes: 'utc' writes instants (always unambiguous);
 * 'tzid' writes the window's wall-clock times with TZID and a VTIMEZONE generated from
 * luxon's rules for the years concerned, except for a time in a repeated hour taken as its
 * second pass, which iCalendar cannot express with TZID (RFC 5545 means the first): that
 * one is written in UTC.
 */
import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { instantMs, resolveLocal } from '../../../contract/domain/schedule/local-time';
import { resolveWindow } from './release-window';
import type { ReleaseWindow } from '../../../contract/domain/schedule/schedule-schemas';

/** One release's window to export. */
export interface ExportedWindow {
  readonly releaseId: string;
  readonly title: string;
  readonly window: ReleaseWindow;
  readonly description?: string;
}

export interface IcsExportOptions {
  /** DTSTAMP of every event (ISO); pass the export moment. */
  readonly now: string;
  readonly mode: 'utc' | 'tzid';
}

export const ICS_EXPORT = {
  /** RFC 5545 lines are at most 75 octets; ical.js adds the continuation's leading space after folding, hence 74. */
  foldOctets: 74,
} as const;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The stable UID of a release's window. */
export function windowUid(releaseId: string): string {
  return `release-window-${releaseId}@warroom`;
}

function icalUtc(iso: string): InstanceType<typeof ICAL.Time> {
  const at = DateTime.fromISO(iso, { zone: 'UTC' });
  return ICAL.Time.fromData({ year: at.year, month: at.month, day: at.day, hour: at.hour, minute: at.minute, second: at.second }, ICAL.Timezone.utcTimezone);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}

/** The offset changes of a zone within some years: found day by day, then to the minute. */
function transitions(zone: IANAZone, fromYear: number, toYear: number): { at: number; from: number; to: number }[] {
  const found: { at: number; from: number; to: number }[] = [];
  const end = DateTime.fromObject({ year: toYear + 1 }, { zone: 'UTC' }).toMillis();
  for (let day = DateTime.fromObject({ year: fromYear }, { zone: 'UTC' }).toMillis(); day < end; day += DAY_MS) {
    const before = zone.offset(day);
    if (zone.offset(day + DAY_MS) === before) continue;
    let low = day;
    let high = day + DAY_MS;
    while (high - low > MINUTE_MS) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
      if (zone.offset(middle) === before) low = middle;
      else high = middle;
    }
    found.push({ at: high, from: before, to: zone.offset(high) });
  }
  return found;
}

/** A VTIMEZONE for an IANA zone, exact for the given years (one observance per transition). */
function vtimezone(zoneName: string, fromYear: number, toYear: number): InstanceType<typeof ICAL.Component> {
  const zone = IANAZone.create(zoneName);
  const component = new ICAL.Component('vtimezone');
  component.addPropertyWithValue('tzid', zoneName);
  const changes = transitions(zone, fromYear, toYear);
  const observance = (kind: 'standard' | 'daylight', localStart: DateTime, from: number, to: number): void => {
    const child = new ICAL.Component(kind);
    child.addPropertyWithValue(
      'dtstart',
      ICAL.Time.fromData({ year: localStart.year, month: localStart.month, day: localStart.day, hour: localStart.hour, minute: localStart.minute, second: 0 }),
    );
    child.addPropertyWithValue('tzoffsetfrom', formatOffset(from));
    child.addPropertyWithValue('tzoffsetto', formatOffset(to));
    component.addSubcomponent(child);
  };
  const first = DateTime.fromObject({ year: fromYear }, { zone: 'UTC' }).toMillis();
  const initial = zone.offset(first);
  // The offset in force at the start of the range, so every local time in it is covered.
  observance('standard', DateTime.fromMillis(first, { zone: 'UTC' }).plus({ minutes: initial }), initial, initial);
  for (const change of changes) {
    // DTSTART of an observance is the local time before the change (RFC 5545, 3.6.5).
    const localStart = DateTime.fromMillis(change.at + change.from * MINUTE_MS, { zone: 'UTC' });
    observance(change.to > change.from ? 'daylight' : 'standard', localStart, change.from, change.to);
  }
  return component;
}

/** Render release windows as an .ics text (CRLF lines, folded by ical.js). */
export function exportWindowsIcs(windows: readonly ExportedWindow[], options: IcsExportOptions): string {
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('prodid', '-//War Room//Release windows//EN');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  const sorted = [...windows].sort((a, b) => a.releaseId.localeCompare(b.releaseId));
  const events: InstanceType<typeof ICAL.Component>[] = [];
  const zoneYears = new Map<string, { from: number; to: number }>();

  for (const entry of sorted) {
    const resolved = resolveWindow(entry.window);
    const event = new ICAL.Component('vevent');
    event.addPropertyWithValue('uid', windowUid(entry.releaseId));
    event.addPropertyWithValue('dtstamp', icalUtc(options.now));
    const put = (name: 'dtstart' | 'dtend', instant: string): void => {
      const local = DateTime.fromISO(instant, { zone: entry.window.zone });
      // Written with TZID only when that wall time reads back as this instant (not a second pass).
      const roundTrips = instantMs(resolveLocal(local.toFormat("yyyy-MM-dd'T'HH:mm:ss"), entry.window.zone).instant) === instantMs(instant);
      if (options.mode === 'tzid' && entry.window.zone !== 'UTC' && roundTrips) {
        const time = ICAL.Time.fromData({ year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second });
        const property = event.addPropertyWithValue(name, time);
        property.setParameter('tzid', entry.window.zone);
        const years = zoneYears.get(entry.window.zone) ?? { from: local.year, to: local.year };
        zoneYears.set(entry.window.zone, { from: Math.min(years.from, local.year - 1), to: Math.max(years.to, local.year) });
      } else {
        event.addPropertyWithValue(name, icalUtc(instant));
      }
    };
    put('dtstart', resolved.start);
    put('dtend', resolved.end);
    event.addPropertyWithValue('summary', `Release window: ${entry.title}`);
    const lines = [`Go-live (T-0): ${DateTime.fromISO(resolved.goLive, { zone: entry.window.zone }).toFormat('yyyy-MM-dd HH:mm')} ${entry.window.zone}`];
    if (entry.description) lines.push(entry.description);
    for (const warning of resolved.warnings) lines.push(`Note: ${warning.message}`);
    event.addPropertyWithValue('description', lines.join('\n'));
    events.push(event);
  }
  for (const [zone, years] of [...zoneYears].sort((a, b) => a[0].localeCompare(b[0]))) calendar.addSubcomponent(vtimezone(zone, years.from, years.to));
  for (const event of events) calendar.addSubcomponent(event);
  // ical.js folds at foldLength octets but then prefixes the continuation with a space, one
  // past RFC 5545's 75; folding at 74 keeps every line within 75 octets. Restored at once
  // (synchronous) so nobody else sees the setting change.
  const foldLength = ICAL.foldLength;
  ICAL.foldLength = ICS_EXPORT.foldOctets;
  try {
    return calendar.toString().replace(/\r?\n/g, '\r\n') + '\r\n';
  } finally {
    ICAL.foldLength = foldLength;
  }
}
