/**
 * The plan of an open release at a moment: the inputs the pure forecast needs (T-0, the
 * window's end, the rehearsed rollback), gathered in one place for the plan requests and
 * the forecast watch, with one cache per release so a status change reuses the graph.
 */
import type { Release } from '../core/release/release';
import type { ReleaseState } from '../core/release/release-state';
import { computePlan, createPlanCache, forecastPlan } from '../core/plan/plan-forecast';
import type { PlanCache, PlanComputation, PlanInputs, PlanView } from '../core/plan/plan-forecast';
import { resolveWindow } from '../core/schedule/release-window';
import { effectiveWindow, rehearsedRollback } from '../core/schedule/release-schedule';

const caches = new WeakMap<Release, PlanCache>();

/** The forecast inputs of a release state at `now`; null before the release has a definition. */
export function planInputsOf(state: ReleaseState, now: string): PlanInputs | null {
  if (!state.meta) return null;
  let windowEnd: string | null = null;
  let origin = state.meta.goLive;
  try {
    const resolved = resolveWindow(effectiveWindow(state.meta, state.schedule).window);
    windowEnd = resolved.end;
    origin = resolved.goLive;
  } catch {
    // A window that does not resolve is reported by the schedule header; the plan runs from T-0 without limits.
  }
  return {
    plan: state.plan,
    checklist: state.checklist,
    runs: state.runs,
    origin,
    now,
    windowEnd,
    rollbackMs: rehearsedRollback(state.runs)?.ms ?? null,
  };
}

/** The plan view of a release's state at `now` (empty before the release has a definition). */
export function planViewOf(release: Release, state: ReleaseState, now: string): PlanView {
  const inputs = planInputsOf(state, now);
  if (!inputs) return { rows: [], forecast: null, criticalPath: [], cycle: null, warnings: [] };
  return computePlan(inputs, cacheOf(release));
}

/** The forecast without the chart's rows: what the forecast watch checks every few seconds. */
export function planForecastOf(release: Release, state: ReleaseState, now: string): Pick<PlanComputation, 'forecast'> {
  const inputs = planInputsOf(state, now);
  return inputs ? forecastPlan(inputs, cacheOf(release)) : { forecast: null };
}

function cacheOf(release: Release): PlanCache {
  let cache = caches.get(release);
  if (!cache) {
    cache = createPlanCache();
    caches.set(release, cache);
  }
  return cache;
}
