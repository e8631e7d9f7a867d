/**
 * The schedule of a release seen from the workspace: its effective window, the calendar
 * and the other releases it is checked against, its findings and its clocks' inputs.
 *
 * The one place that gathers what the pure schedule core needs from the services, so the
 * release header, the calendar view and the go/no-go gate all see the same findings.
 */
import type { Release } from '../core/release/release';
import type { Target } from '../../contract/domain/release/release-meta';
import { planFollowTheSun, podShifts } from '../core/schedule/follow-the-sun';
import { instantMs, isoFromMs } from '../../contract/domain/schedule/local-time';
import { blockingFindings } from '../core/schedule/policy-checks';
import type { PolicyFinding, ScheduledRelease } from '../core/schedule/policy-checks';
import { resolveWindow } from '../core/schedule/release-window';
import type { Period } from '../core/schedule/release-window';
import { scheduleFindings } from '../core/schedule/schedule-findings';
import { checkLiveAction } from '../core/schedule/live-action-checks';
import type { ScheduleStatus } from '../../contract/requests/schedule-requests';
import type { Services } from './services';
import { SCHEDULE_API, effectiveWindow, rehearsedRollback, releaseScope } from '../core/schedule/release-schedule';

/** Where a target's commands really run: two targets with the same key are the same place. */
function targetKey(target: Target): string {
  return JSON.stringify([target.command, ...target.args, target.cwd ?? '']);
}

/** Everything the findings of one release depend on, gathered from the workspace. */
async function checkInput(services: Services, release: Release, now: string) {
  const state = release.state;
  const meta = state.meta;
  if (!meta) return null;
  const calendar = await services.calendar();
  const { window, isDefault } = effectiveWindow(meta, state.schedule);
  const mine = new Map(meta.targets.map((target) => [targetKey(target), target.name]));
  const others: ScheduledRelease[] = [];
  for (const listing of await services.workspace.list()) {
    if (listing.slug === release.slug || listing.error) continue;
    const other = await services.release(listing.slug).catch(() => null);
    const otherMeta = other?.state.meta;
    if (!other || !otherMeta) continue;
    try {
      const resolved = resolveWindow(effectiveWindow(otherMeta, other.state.schedule).window);
      // The same place under another release's name is reported under this release's name.
      const targets = otherMeta.targets.map((target) => mine.get(targetKey(target)) ?? `${listing.slug}:${target.id}`);
      others.push({ releaseId: listing.slug, title: otherMeta.name, targets, window: { start: resolved.start, end: resolved.end } });
    } catch {
      // A release whose window does not resolve is reported in its own header, not here.
    }
  }
  // Only live runs must keep to the window: rehearsals and dry runs happen days before.
  const liveRuns = state.runs.runs.filter((run) => run.mode === 'live');
  const activities = liveRuns.map((run) => ({
    what: `Live run of ${run.playbook.name} (${run.id})`,
    period: orderedPeriod(run.startedAt, run.endedAt ?? now),
  }));
  // A live run started over the policy with a written reason: its window findings carry that override.
  const runOverrides = liveRuns.flatMap((run) =>
    run.policyOverride
      ? ['before', 'after'].map((side) => ({
          findingId: `outside-window:${side}:Live run of ${run.playbook.name} (${run.id})`,
          rule: 'outside-window' as const,
          message: `Live run of ${run.playbook.name} (${run.id}) outside the window`,
          reason: run.policyOverride!.reason,
          actor: run.policyOverride!.by,
          at: run.policyOverride!.at,
        }))
      : [],
  );
  const schedule = { ...state.schedule, window, overrides: [...state.schedule.overrides, ...runOverrides] };
  return {
    meta,
    calendar,
    window,
    isDefault,
    findings: scheduleFindings({
      state: schedule,
      release: { releaseId: release.slug, title: meta.name, targets: meta.targets.map((target) => target.name), scope: releaseScope(meta) },
      calendar: calendar.blackouts,
      workspaceFridayRule: calendar.data.fridayRule,
      others,
      activities,
    }),
  };
}

function orderedPeriod(start: string, end: string): Period {
  return instantMs(end) < instantMs(start) ? { start, end: start } : { start, end };
}

/**
 * The findings that hold a live action started now (a live run, a terminal on a
 * production target): outside the window, inside a blackout that binds the release, in
 * the Friday rule. Overrides already on record for the same freeze apply.
 */
export async function liveActionFindings(services: Services, release: Release, what: string, at = new Date().toISOString()): Promise<PolicyFinding[]> {
  const state = release.state;
  const meta = state.meta;
  if (!meta) return [];
  const calendar = await services.calendar();
  const window = resolveWindow(effectiveWindow(meta, state.schedule).window);
  return checkLiveAction({
    window,
    at,
    what,
    blackouts: [...calendar.blackouts, ...state.schedule.blackouts],
    scope: releaseScope(meta),
    fridayRule: state.schedule.fridayRule ?? calendar.data.fridayRule,
    overrides: state.schedule.overrides,
  });
}

/** Every schedule finding of a release (overrides applied). */
export async function releaseScheduleFindings(services: Services, release: Release): Promise<PolicyFinding[]> {
  return (await checkInput(services, release, new Date().toISOString()))?.findings ?? [];
}

/**
 * The schedule findings that stop a go at the go/no-go gate: blocking and not overridden
 * with a written reason (outside the window, a blackout, a blocking Friday rule, another
 * release on the same target in an overlapping window).
 */
export async function scheduleGateBlockers(services: Services, release: Release): Promise<PolicyFinding[]> {
  return blockingFindings(await releaseScheduleFindings(services, release));
}

/** The header's and the calendar view's picture of a release's schedule. */
export async function scheduleStatus(services: Services, release: Release): Promise<ScheduleStatus> {
  const now = new Date().toISOString();
  const input = await checkInput(services, release, now);
  if (!input) throw new Error(`Release ${release.slug} has no definition yet`);
  const resolved = resolveWindow(input.window);
  const pods = release.state.schedule.pods;
  const around = { start: isoFromMs(instantMs(now) - SCHEDULE_API.shiftsBeforeMs), end: isoFromMs(instantMs(now) + SCHEDULE_API.shiftsAfterMs) };
  return {
    window: input.window,
    windowIsDefault: input.isDefault,
    resolved,
    pods,
    shifts: pods.flatMap((pod) => podShifts(pod, around).map((shift) => ({ pod: pod.name, start: shift.start, end: shift.end }))),
    plan: planFollowTheSun(resolved, pods),
    findings: input.findings,
    rollback: rehearsedRollback(release.state.runs),
    calendarZone: input.calendar.data.zone,
    computedAt: now,
  };
}
