/**
 * The schedule of one release, from its state alone: the window it is checked against
 * (its own or a default one from go-live), who it touches for scoped blackouts, and its
 * last rehearsed rollback. main/api/schedule-context.ts adds what reads the workspace.
 */
import { DateTime } from 'luxon';
import type { ReleaseMetaState } from '../../../contract/domain/release/release-meta';
import type { RunsState } from '../../../contract/domain/playbooks/run-model';
import type { ScheduleState } from '../../../contract/domain/schedule/schedule-events';
import type { ReleaseWindow } from '../../../contract/domain/schedule/schedule-schemas';
import type { RehearsedRollback } from '../../../contract/requests/schedule-requests';
import { instantMs, isoFromMs, resolveLocal, toLocal } from '../../../contract/domain/schedule/local-time';
import { lastRollbackRehearsal } from '../playbooks/rehearsal-measure';
import type { ReleaseScope } from './blackout-calendar';

export const SCHEDULE_API = {
  /** A release without a window of its own is given go-live to go-live + this: long enough for a cutover and a rollback. */
  defaultWindowHours: 4,
  /** Pods' shifts are sent for this long around now, so the header can tell who is on duty without asking again. */
  shiftsBeforeMs: 24 * 3_600_000,
  shiftsAfterMs: 72 * 3_600_000,
} as const;

/** The window a release is checked against: its own, or go-live to go-live + 4h in its zone. */
export function effectiveWindow(meta: ReleaseMetaState, schedule: ScheduleState): { readonly window: ReleaseWindow; readonly isDefault: boolean } {
  if (schedule.window) return { window: schedule.window, isDefault: false };
  const goLive = DateTime.fromISO(meta.goLive, { setZone: true }).toUTC().toISO()!;
  const end = isoFromMs(instantMs(goLive) + SCHEDULE_API.defaultWindowHours * 3_600_000);
  const start = localAt(goLive, meta.zone);
  const last = localAt(end, meta.zone);
  const fold = {
    ...(start.fold === 'later' ? { start: 'later' as const, goLive: 'later' as const } : {}),
    ...(last.fold === 'later' ? { end: 'later' as const } : {}),
  };
  return {
    window: { start: start.local, end: last.local, zone: meta.zone, goLive: start.local, ...(Object.keys(fold).length > 0 ? { fold } : {}) },
    isDefault: true,
  };
}

/** The wall-clock reading of an instant, and which pass of a repeated hour it is. */
export function localAt(instant: string, zone: string): { local: string; fold: 'earlier' | 'later' } {
  const local = toLocal(instant, zone);
  const earlier = resolveLocal(local, zone, 'earlier').instant;
  return { local, fold: instantMs(earlier) === instantMs(instant) ? 'earlier' : 'later' };
}

/** Who a release touches, for scoped blackouts: its targets' ids and names, and their environment classes (all three when it has no target yet). */
export function releaseScope(meta: ReleaseMetaState): ReleaseScope {
  return {
    services: meta.targets.flatMap((target) => [target.id, target.name]),
    environmentClasses: meta.targets.length === 0 ? ['production', 'staging', 'sandbox'] : [...new Set(meta.targets.map((target) => target.environment))],
  };
}

/** The last complete rehearsal of a rollback playbook, with the sum of its steps' durations (never a resumed or partial one). */
export function rehearsedRollback(runs: RunsState): RehearsedRollback | null {
  const measure = lastRollbackRehearsal(runs.runs);
  if (!measure) return null;
  const run = measure.run;
  return { runId: run.id, playbook: run.playbook.name, file: run.playbook.file, ms: measure.ms, endedAt: run.endedAt ?? run.startedAt };
}
