import { DateTime } from 'luxon';

/**
 * "T-01:23:45" before go-live, "T+00:12:03" after; whole days are written out
 * ("T-2d 03:04:05") so a countdown days ahead still reads at a glance.
 */
export function formatCountdown(goLive: string, now: Date): { text: string; before: boolean } {
  const target = DateTime.fromISO(goLive);
  if (!target.isValid) return { text: 'T-?', before: true };
  const diffMs = target.toMillis() - now.getTime();
  const before = diffMs > 0;
  let seconds = Math.floor(Math.abs(diffMs) / 1000);
  const days = Math.floor(seconds / 86_400);
  seconds -= days * 86_400;
  const hms = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60].map((part) => String(part).padStart(2, '0')).join(':');
  return { text: `T${before ? '-' : '+'}${days > 0 ? `${days}d ` : ''}${hms}`, before };
}

/** Wall-clock time in a zone, "22:14:05". */
export function formatClock(now: Date, zone: string): string {
  return DateTime.fromJSDate(now).setZone(zone).toFormat('HH:mm:ss');
}

/** An instant in a zone with its abbreviation: "Tue 24 Nov, 22:00 CET". */
export function formatInstant(iso: string, zone: string): string {
  const moment = DateTime.fromISO(iso).setZone(zone);
  return moment.isValid ? moment.toFormat('ccc d LLL, HH:mm ZZZZ') : iso;
}

/** Time of day with seconds for the timeline, in a zone. */
export function formatTimeOfDay(iso: string, zone: string): string {
  const moment = DateTime.fromISO(iso).setZone(zone);
  return moment.isValid ? moment.toFormat('HH:mm:ss') : iso;
}

/** The viewer's own zone (the browser's or the OS's). */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The zone's short city name for clock labels: "Europe/Berlin" -> "Berlin". */
export function zoneLabel(zone: string): string {
  if (zone === 'UTC') return 'UTC';
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}
