import type { RunMode, RunStatus, StepStatus } from '../../../../contract/models';

/** "1.2 s", "3 min 05 s", "1 h 02 min": durations as people read them. */
export function formatMs(milliseconds: number | undefined): string {
  if (milliseconds === undefined) return '';
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export const MODE_LABELS: Record<RunMode, string> = { live: 'LIVE', rehearsal: 'REHEARSAL', 'dry-run': 'DRY RUN' };

export const STATUS_LABELS: Record<RunStatus | StepStatus, string> = {
  pending: 'pending',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  aborted: 'aborted',
  interrupted: 'interrupted',
};

/** The symbol beside a step's status (colour is never the only signal). */
export const STATUS_ICONS: Record<StepStatus, string> = {
  pending: '○',
  running: '▶',
  succeeded: '✓',
  failed: '✗',
  skipped: '↷',
  aborted: '■',
  interrupted: '?',
};
