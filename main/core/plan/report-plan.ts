/**
 * The plan as the report shows it: the same computation as the live view, at the moment
 * the report is generated, with the window to draw behind it.
 */
import { resolveWindow } from '../schedule/release-window';
import { lastRollbackRehearsal } from '../playbooks/rehearsal-measure';
import type { ReleaseState } from '../release/release-state';
import { computePlan } from './plan-forecast';
export type { ReportPlan } from '../../../contract/domain/plan/plan-views';
import type { ReportPlan } from '../../../contract/domain/plan/plan-views';

/** The plan at `at`, or null when the release has nothing planned. */
export function reportPlan(state: ReleaseState, at: string): ReportPlan | null {
  if (!state.meta) return null;
  let window: ReportPlan['window'] = null;
  let origin = state.meta.goLive;
  if (state.schedule.window) {
    try {
      const resolved = resolveWindow(state.schedule.window);
      window = { start: resolved.start, end: resolved.end };
      origin = resolved.goLive;
    } catch {
      // A window that does not resolve is reported as not planned; the plan runs from T-0.
    }
  }
  const view = computePlan({
    plan: state.plan,
    checklist: state.checklist,
    runs: state.runs,
    origin,
    now: at,
    windowEnd: window?.end ?? null,
    rollbackMs: lastRollbackRehearsal(state.runs.runs)?.ms ?? null,
  });
  if (view.rows.length === 0 && view.cycle === null) return null;
  return { view, zone: state.schedule.window?.zone ?? state.meta.zone, window, at };
}
