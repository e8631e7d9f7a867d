/**
 * All schedule findings of one release, with the overrides on record applied.
 *
 * The one function the release header and the go/no-go gate call: it resolves the window,
 * runs every policy check against the release's own and the workspace's blackouts, the
 * Friday rule and the other releases, and marks what was overridden.
 */
import type { ReleaseScope } from './blackout-calendar';
import { applyOverrides, checkBlackouts, checkClockChanges, checkFridayRule, checkOutsideWindow, checkTargetOverlaps } from './policy-checks';
import type { PolicyFinding, ScheduledRelease } from './policy-checks';
import { resolveWindow } from './release-window';
import type { Period } from './release-window';
import type { Blackout, FridayRule } from '../../../contract/domain/schedule/schedule-schemas';
import type { ScheduleState } from './schedule-state';

export interface ScheduleCheckInput {
  readonly state: ScheduleState;
  readonly release: { readonly releaseId: string; readonly title: string; readonly targets: readonly string[]; readonly scope: ReleaseScope };
  /** The workspace calendar's blackouts. */
  readonly calendar: readonly Blackout[];
  /** The workspace's Friday rule, used when the release sets none. */
  readonly workspaceFridayRule: FridayRule | null;
  /** Other releases of the workspace, with their resolved windows. */
  readonly others: readonly ScheduledRelease[];
  /** Something that must happen inside the window (a go decision now, a planned run). */
  readonly activities?: readonly { readonly what: string; readonly period: Period }[];
}

/** Every finding for the release; empty when it has no window yet. */
export function scheduleFindings(input: ScheduleCheckInput): PolicyFinding[] {
  const { state } = input;
  if (!state.window) return [];
  const window = resolveWindow(state.window);
  const findings = [
    ...checkClockChanges(window, state.window),
    ...(input.activities ?? []).flatMap((activity) => checkOutsideWindow(window, activity.period, activity.what)),
    ...checkBlackouts(window, [...input.calendar, ...state.blackouts], input.release.scope),
    ...checkFridayRule(window, state.fridayRule ?? input.workspaceFridayRule),
    ...checkTargetOverlaps(
      { releaseId: input.release.releaseId, title: input.release.title, targets: input.release.targets, window },
      input.others,
      window.zone,
    ),
  ];
  return applyOverrides(findings, state.overrides);
}
