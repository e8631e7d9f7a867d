import { DateTime } from 'luxon';
import type { Blackout, BlackoutScope, PolicyFinding, RehearsedRollback, ResolvedWindowLike } from './schedule-types';

export const SCHEDULE_UI = {
  /** Warn this long before the last moment a rollback still fits (as the main side's clocks do). */
  pointOfNoReturnLeadMs: 15 * 60_000,
} as const;

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** "03:04:05", or "2d 03:04:05" when there are whole days. */
export function formatSpan(ms: number): string {
  let seconds = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(seconds / 86_400);
  seconds -= days * 86_400;
  const hms = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60].map((part) => String(part).padStart(2, '0')).join(':');
  return days > 0 ? `${days}d ${hms}` : hms;
}

/** Where now stands in the window: "01:12:00 left", "opens in 00:30:00", "closed 00:05:00 ago". */
export function windowClock(window: ResolvedWindowLike, now: number): { phase: 'not-open' | 'open' | 'closed'; label: string } {
  const start = DateTime.fromISO(window.start).toMillis();
  const end = DateTime.fromISO(window.end).toMillis();
  if (now < start) return { phase: 'not-open', label: `opens in ${formatSpan(start - now)}` };
  if (now < end) return { phase: 'open', label: `${formatSpan(end - now)} left` };
  return { phase: 'closed', label: `closed ${formatSpan(now - end)} ago` };
}

/** The point of no return: until when a rollback rehearsed in `rollback.ms` still fits in the window. */
export function pointOfNoReturn(
  window: ResolvedWindowLike,
  rollback: RehearsedRollback,
  now: number,
): { status: 'fits' | 'closing' | 'no-longer-fits'; latest: number; msUntil: number } {
  const latest = DateTime.fromISO(window.end).toMillis() - rollback.ms;
  const msUntil = latest - now;
  return { status: msUntil < 0 ? 'no-longer-fits' : msUntil <= SCHEDULE_UI.pointOfNoReturnLeadMs ? 'closing' : 'fits', latest, msUntil };
}

/** A chip's short label for a finding. */
export function findingLabel(finding: PolicyFinding): string {
  switch (finding.rule) {
    case 'outside-window':
      return 'Outside window';
    case 'blackout':
      return `Blackout: ${/'([^']+)'/.exec(finding.message)?.[1] ?? 'freeze'}`;
    case 'friday-rule':
      return 'Friday rule';
    case 'target-overlap':
      return `Overlap: ${/Release '([^']+)'/.exec(finding.message)?.[1] ?? 'another release'}`;
    case 'clock-change':
      return 'Clock change';
    case 'point-of-no-return':
      return 'Point of no return';
  }
}

/** "Tue 24 Nov 22:00" in a zone. */
export function formatLocal(iso: string, zone: string, format = 'ccc d LLL HH:mm'): string {
  const moment = DateTime.fromISO(iso).setZone(zone);
  return moment.isValid ? moment.toFormat(format) : iso;
}

export function describeScope(scope: BlackoutScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all releases';
    case 'service':
      return `service ${scope.service}`;
    case 'environment':
      return `${scope.environmentClass} environments`;
  }
}

/** One line saying when a blackout happens, in its own zone. */
export function describeRule(blackout: Blackout): string {
  const rule = blackout.rule;
  switch (rule.kind) {
    case 'once':
      return `${rule.start.replace('T', ' ')} → ${rule.end.replace('T', ' ')} ${rule.zone}`;
    case 'weekly':
      return `every ${WEEKDAYS[rule.startDay - 1]} ${rule.startTime} → ${WEEKDAYS[rule.endDay - 1]} ${rule.endTime} ${rule.zone}${rule.from ? ` from ${rule.from}` : ''}${rule.until ? ` until ${rule.until}` : ''}`;
    case 'yearly':
      return `every year on ${DateTime.fromObject({ year: 2000, month: rule.month, day: rule.day }).toFormat('d LLLL')}${rule.days > 1 ? ` for ${rule.days} days` : ''} (${rule.zone})`;
    case 'rrule':
      return `${rule.allDay ? rule.start.slice(0, 10) : rule.start.replace('T', ' ')} ${rule.zone}${rule.rrule ? `, ${rule.rrule}` : ''}${rule.exdates.length > 0 ? `, ${rule.exdates.length} excluded` : ''}`;
  }
}
