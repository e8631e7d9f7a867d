import { DateTime } from 'luxon';
import type { scheduleRequests, WorkspaceCalendarView } from '../../../contract/requests/schedule-requests';
import type { HandlerGroup } from '../handler-types';
import type { CallContext, Services } from '../services';
import { WarRoomError } from '../../../contract/domain/errors';
import { updateReleaseEvents, type ReleaseMetaEvent } from '../../../contract/domain/release/release-meta';
import type { ScheduleEvent } from '../../../contract/domain/schedule/schedule-events';
import { calendarDays, calendarRange } from '../../core/schedule/calendar-view';
import type { CalendarRelease } from '../../core/schedule/calendar-view';
import { exportWindowsIcs } from '../../core/schedule/ics-export';
import type { ExportedWindow } from '../../core/schedule/ics-export';
import { instantMs } from '../../../contract/domain/schedule/local-time';
import { resolveWindow } from '../../core/schedule/release-window';
import { recordOverride, setPods, setWindow } from '../../core/schedule/schedule-commands';
import type { Blackout, ReleaseWindow } from '../../../contract/domain/schedule/schedule-schemas';
import type { WorkspaceCalendar } from '../../core/workspace/workspace-calendar';
import { releaseScheduleFindings, scheduleStatus } from '../schedule-context';
import { effectiveWindow, localAt } from '../../core/schedule/release-schedule';

const LIMITS = {
  /** A release window longer than this is a planning mistake (and would make the follow-the-sun plan huge). */
  maxWindowDays: 14,
} as const;

async function openRelease(services: Services, slug: string) {
  const release = await services.release(slug);
  if (!release.state.meta) throw new WarRoomError('conflict', `Release ${slug} has no definition yet.`);
  return release;
}

/** The releases a caller may see: a participant only the one of their invite (another release's name and window are not theirs to know). */
async function visibleReleases(services: Services, context: CallContext) {
  const listings = await services.workspace.list();
  const only = context.participant?.release;
  return only === undefined ? listings : listings.filter((listing) => listing.slug === only);
}

function calendarView(calendar: WorkspaceCalendar): WorkspaceCalendarView {
  return { ...calendar.data, file: calendar.file, warnings: calendar.warnings };
}

/** The go-live kept when a window is set without one: the release's T-0 when it falls inside. */
function withGoLive(window: ReleaseWindow, goLive: string): ReleaseWindow {
  if (window.goLive !== undefined) return window;
  const resolved = resolveWindow(window);
  const at = instantMs(goLive);
  if (at < instantMs(resolved.start) || at >= instantMs(resolved.end)) return window;
  const local = localAt(goLive, window.zone);
  return { ...window, goLive: local.local, ...(local.fold === 'later' ? { fold: { ...window.fold, goLive: 'later' as const } } : {}) };
}

/** The Friday rule as a weekly blackout, so the calendar shows it with the others (a rule in each release's zone is drawn in the view's zone). */
function fridayBlackout(calendar: WorkspaceCalendar, viewZone: string): Blackout[] {
  const rule = calendar.data.fridayRule;
  if (!rule || !rule.enabled) return [];
  return [
    {
      id: 'friday-rule',
      title: `Friday rule (${rule.severity === 'block' ? 'blocks' : 'warns'}${rule.zone === undefined ? ', in each release’s zone' : ''})`,
      scope: { kind: 'all' },
      rule: { kind: 'weekly', zone: rule.zone ?? viewZone, startDay: rule.fromDay, startTime: rule.fromTime, endDay: rule.untilDay, endTime: rule.untilTime },
    },
  ];
}

export const scheduleHandlers: HandlerGroup<keyof typeof scheduleRequests> = {
  'schedule.status': async (input, services) => scheduleStatus(services, await openRelease(services, input.slug)),

  'schedule.setWindow': async (input, services, context) => {
    const release = await openRelease(services, input.slug);
    await release.execute(context.actor, (state, ctx) => {
      const meta = state.meta;
      if (!meta) throw new WarRoomError('conflict', 'The release has not been created yet.');
      const window = withGoLive(input.window, meta.goLive);
      const resolved = resolveWindow(window);
      if (instantMs(resolved.end) - instantMs(resolved.start) > LIMITS.maxWindowDays * 86_400_000) {
        throw new WarRoomError(
          'invalid-input',
          `The window is longer than ${LIMITS.maxWindowDays} days; a release window is hours, a freeze belongs in the calendar`,
          [{ field: 'window.end' }],
        );
      }
      const events: (ScheduleEvent | ReleaseMetaEvent)[] = [...setWindow(state.schedule, { window }, ctx)];
      // One T-0: the header's countdown follows the window's go-live.
      if (instantMs(resolved.goLive) !== instantMs(meta.goLive)) {
        const goLive = DateTime.fromISO(resolved.goLive, { zone: window.zone }).toISO({ suppressMilliseconds: true })!;
        events.push(...updateReleaseEvents(meta, { goLive }));
      }
      return events;
    });
    return scheduleStatus(services, release);
  },

  'schedule.setPods': async (input, services, context) => {
    const release = await openRelease(services, input.slug);
    await release.execute(context.actor, (state, ctx) => setPods(state.schedule, { pods: input.pods }, ctx));
    return scheduleStatus(services, release);
  },

  'schedule.override': async (input, services, context) => {
    const release = await openRelease(services, input.slug);
    const findings = await releaseScheduleFindings(services, release);
    // Checked before a four-eyes hold: approvers are never asked for an override that cannot be recorded.
    recordOverride(
      release.state.schedule,
      { findingId: input.findingId, reason: input.reason },
      { actor: context.actor, now: new Date().toISOString() },
      findings,
    );
    await services.approvals.hold(release, context, {
      action: 'schedule.override',
      input,
      summary: `an override of the schedule finding “${findings.find((finding) => finding.id === input.findingId)?.message ?? input.findingId}”`,
      reason: input.reason,
      carryOut: (approved) => scheduleHandlers['schedule.override'](input, services, approved),
    });
    await release.execute(context.actor, (state, ctx) => recordOverride(state.schedule, { findingId: input.findingId, reason: input.reason }, ctx, findings));
    return scheduleStatus(services, release);
  },

  'schedule.calendar': async (input, services, context) => {
    const calendar = await services.calendar();
    const range = calendarRange(input.view, input.date, input.zone);
    const releases: CalendarRelease[] = [];
    for (const listing of await visibleReleases(services, context)) {
      if (listing.error) continue;
      const release = await services.release(listing.slug).catch(() => null);
      const meta = release?.state.meta;
      if (!release || !meta) continue;
      try {
        releases.push({ releaseId: listing.slug, title: meta.name, window: resolveWindow(effectiveWindow(meta, release.state.schedule).window) });
      } catch {
        // A window that does not resolve is shown in its release's header.
      }
    }
    const days = calendarDays({
      zone: input.zone,
      firstDate: range.firstDate,
      days: range.days,
      releases,
      blackouts: [...calendar.blackouts, ...fridayBlackout(calendar, input.zone)],
    });
    return { view: input.view, zone: input.zone, firstDate: range.firstDate, days };
  },

  'schedule.exportIcs': async (input, services, context) => {
    const windows: ExportedWindow[] = [];
    for (const listing of await visibleReleases(services, context)) {
      if (listing.error) continue;
      const release = await services.release(listing.slug).catch(() => null);
      const meta = release?.state.meta;
      if (!release || !meta) continue;
      const { window, isDefault } = effectiveWindow(meta, release.state.schedule);
      windows.push({
        releaseId: listing.slug,
        title: `${meta.name}${meta.version ? ` v${meta.version}` : ''}`,
        window,
        ...(isDefault ? { description: 'Window not set yet: go-live to go-live + 4h.' } : {}),
      });
    }
    const now = new Date().toISOString();
    return { fileName: `release-windows-${now.slice(0, 10)}.ics`, text: exportWindowsIcs(windows, { now, mode: input.mode }), windows: windows.length };
  },

  'calendar.get': async (_input, services) => calendarView(await services.calendar()),

  'calendar.addBlackout': async (input, services, context) => {
    const calendar = await services.calendar();
    await calendar.addBlackout(context.actor, input);
    return calendarView(calendar);
  },

  'calendar.removeBlackout': async (input, services) => {
    const calendar = await services.calendar();
    await calendar.removeBlackout(input.id);
    return calendarView(calendar);
  },

  'calendar.setFridayRule': async (input, services) => {
    const calendar = await services.calendar();
    await calendar.setFridayRule(input.rule);
    return calendarView(calendar);
  },

  'calendar.importIcs': async (input, services, context) => {
    const calendar = await services.calendar();
    const outcome = await calendar.importIcs(context.actor, {
      fileName: input.fileName,
      text: input.text,
      scope: input.scope,
      ...(input.zone ? { zone: input.zone } : {}),
    });
    return { ...outcome, calendar: calendarView(calendar) };
  },
};
