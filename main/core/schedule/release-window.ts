/**
 * A release window made concrete: its start, end and go-live as instants.
 *
 * The window is stored as wall-clock times in one zone; everything that compares it with
 * other things (blackouts, pods, clocks, other releases) needs instants. Resolution goes
 * through resolveLocal so skipped and repeated hours follow the one documented rule and
 * come back as warnings.
 */
import { WarRoomError } from '../../../contract/domain/errors';
import { instantMs, resolveLocal } from '../../../contract/domain/schedule/local-time';
import type { TimeWarning } from '../../../contract/domain/schedule/local-time';
import type { ReleaseWindow } from '../../../contract/domain/schedule/schedule-schemas';
export type { Period, ResolvedWindow } from '../../../contract/domain/schedule/schedule-model';
import type { Period, ResolvedWindow } from '../../../contract/domain/schedule/schedule-model';

/** Resolve a release window; refuses a window that ends before it starts or a go-live outside it. */
export function resolveWindow(window: ReleaseWindow): ResolvedWindow {
  const start = resolveLocal(window.start, window.zone, window.fold?.start);
  const end = resolveLocal(window.end, window.zone, window.fold?.end);
  const goLive = window.goLive === undefined ? start : resolveLocal(window.goLive, window.zone, window.fold?.goLive);
  if (instantMs(end.instant) <= instantMs(start.instant)) {
    throw new WarRoomError(
      'invalid-input',
      `The window ends (${window.end} ${window.zone}) before it starts (${window.start}); an overnight window ends on the next day`,
      [{ field: 'window.end' }],
    );
  }
  const goLiveMs = instantMs(goLive.instant);
  if (goLiveMs < instantMs(start.instant) || goLiveMs >= instantMs(end.instant)) {
    throw new WarRoomError('invalid-input', `The go-live ${window.goLive} is outside the window ${window.start} - ${window.end} ${window.zone}`, [
      { field: 'window.goLive' },
    ]);
  }
  const warnings = [start.warning, end.warning, window.goLive === undefined ? null : goLive.warning].filter(
    (warning): warning is TimeWarning => warning !== null,
  );
  return { start: start.instant, end: end.instant, goLive: goLive.instant, zone: window.zone, warnings };
}

/** The overlap of two periods, or null when they do not meet (touching ends do not overlap). */
export function overlapOf(a: Period, b: Period): Period | null {
  const start = Math.max(instantMs(a.start), instantMs(b.start));
  const end = Math.min(instantMs(a.end), instantMs(b.end));
  if (start >= end) return null;
  return { start: instantMs(a.start) >= instantMs(b.start) ? a.start : b.start, end: instantMs(a.end) <= instantMs(b.end) ? a.end : b.end };
}
