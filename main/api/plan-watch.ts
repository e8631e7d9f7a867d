/**
 * The forecast watch: journal a warning the moment the plan's forecast crosses the end
 * of the window or the point of no return, and its recovery.
 *
 * Why in main and on a timer as well as on events: a running step goes over its estimate
 * while nothing is journaled; only the clock moves. The check is cheap (the graph is
 * cached; two linear passes), and the command re-checks against the pending state, so two
 * checks in flight still journal one warning.
 */
import type { Release } from '../core/release/release';
import { forecastWarningEvents } from '../core/plan/plan-commands';
import { planForecastOf } from './plan-context';

const WATCH = {
  /** How often the clock alone is checked: a warning within this of the crossing is "the moment" for a person. */
  intervalMs: 5_000,
} as const;

/** Watch one release; returns the function that stops watching. */
export function watchPlanForecast(release: Release, actor: string, intervalMs: number = WATCH.intervalMs): () => void {
  let checking = false;
  let again = false;
  const check = () => {
    if (checking) {
      again = true;
      return;
    }
    const now = new Date().toISOString();
    if (release.state.plan.playbooks.length === 0 && Object.keys(release.state.plan.entries).length === 0) return;
    if (forecastWarningEvents(release.state.plan, planForecastOf(release, release.state, now)).length === 0) return;
    checking = true;
    release
      .execute(actor, (state, context) => forecastWarningEvents(state.plan, planForecastOf(release, state, context.now)))
      .catch((error: unknown) => console.error(`warroom: could not journal the forecast warning of ${release.slug}`, error))
      .finally(() => {
        checking = false;
        if (again) {
          again = false;
          check();
        }
      });
  };
  const off = release.onChange((events) => {
    // Our own warning events change the state too; checking again then finds nothing to do.
    if (events.length > 0) check();
  });
  const timer = setInterval(check, intervalMs);
  timer.unref?.();
  return () => {
    off();
    clearInterval(timer);
  };
}
