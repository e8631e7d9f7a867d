import type { SlaTimer } from '../../../../contract/requests/hypercare-requests';

/** A clock as the board shows it now: the status and time left, moved on from when main computed it. */
export interface LiveTimer {
  readonly clock: SlaTimer['clock'];
  readonly status: SlaTimer['status'];
  readonly remainingMs: number;
  readonly dueAt: string;
}

/** Tick a clock forward by the time passed since main computed it (running clocks only). */
export function liveTimer(timer: SlaTimer, elapsedMs: number): LiveTimer {
  if (timer.stoppedAt !== null) return timer;
  const now = Date.parse(timer.dueAt) - timer.remainingMs + elapsedMs;
  const status = now >= Date.parse(timer.dueAt) ? 'breached' : now >= Date.parse(timer.warnAt) ? 'warning' : 'ok';
  return { clock: timer.clock, status, remainingMs: timer.remainingMs - elapsedMs, dueAt: timer.dueAt };
}

/** "42m", "3h 05m", "2d 4h"; negative: "-12m" (overdue). */
export function formatRemaining(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${sign}${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${sign}${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${sign}${Math.floor(hours / 24)}d ${hours % 24}h`;
}

export const CLOCK_LABELS = { acknowledge: 'Ack', mitigate: 'Mitigate', resolve: 'Resolve' } as const;
export const REMEDY_LABELS = { 'flag-off': 'Switch the feature off', 'fix-forward': 'Fix forward', 'roll-back': 'Roll back' } as const;
export const STATE_LABELS = { new: 'New', triaged: 'Triaged', 'in-progress': 'In progress', mitigated: 'Mitigated', resolved: 'Resolved' } as const;

/** The moments a status update announces, as the pickers name them. */
export const TEMPLATE_TITLES = {
  'go-no-go': 'Go/no-go result',
  'window-started': 'Window started',
  'step-done': 'Step done',
  'rollback-started': 'Rollback started',
  'release-done': 'Release done',
  'incident-opened': 'Incident opened',
  'incident-mitigated': 'Incident mitigated',
  'incident-resolved': 'Incident resolved',
  'sla-breach': 'SLA breach',
} as const;
