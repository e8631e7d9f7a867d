import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';
import {
  blackoutRuleSchema,
  blackoutScopeSchema,
  fridayRuleSchema,
  localDateSchema,
  podSchema,
  recordOverrideInputSchema,
  releaseWindowSchema,
  zoneSchema,
} from '../domain/schedule/schedule-schemas';
import type { Pod, ReleaseWindow } from '../domain/schedule/schedule-schemas';
import type { PolicyFinding } from '../domain/schedule/schedule-model';
import type { ResolvedWindow } from '../domain/schedule/schedule-model';
import type { FollowTheSunPlan } from '../domain/schedule/schedule-model';
import type { CalendarDay } from '../domain/schedule/schedule-model';
import type { CalendarImport, WorkspaceCalendarData } from '../domain/workspace/workspace-calendar-model';

/** The last succeeded rehearsal of a rollback playbook: how long rolling back takes. */
export interface RehearsedRollback {
  readonly runId: string;
  readonly playbook: string;
  readonly file: string;
  /** Sum of its steps' durations. */
  readonly ms: number;
  readonly endedAt: string;
}

/** A release's schedule as the header and the calendar view show it. */
export interface ScheduleStatus {
  /** The window as declared (or the default one: go-live to go-live + 4h). */
  readonly window: ReleaseWindow;
  readonly windowIsDefault: boolean;
  readonly resolved: ResolvedWindow;
  readonly pods: readonly Pod[];
  /** Each pod's shifts from a day before to three days after `computedAt`: who is on duty now. */
  readonly shifts: readonly { readonly pod: string; readonly start: string; readonly end: string }[];
  readonly plan: FollowTheSunPlan;
  /** Policy findings with the overrides on record. */
  readonly findings: readonly PolicyFinding[];
  readonly rollback: RehearsedRollback | null;
  readonly calendarZone: string;
  readonly computedAt: string;
}

/** Week or month of local days with the windows of every release and the workspace's blackouts. */
export interface ScheduleCalendar {
  readonly view: 'week' | 'month';
  readonly zone: string;
  readonly firstDate: string;
  readonly days: readonly CalendarDay[];
}

/** The workspace calendar document, where it lives, and what went wrong opening it. */
export interface WorkspaceCalendarView extends WorkspaceCalendarData {
  readonly file: string;
  readonly warnings: readonly string[];
}

/** A component of an imported .ics that was not imported: where it starts, what it is, and why. */
export interface IcsSkipped {
  readonly line: number;
  readonly component: string;
  readonly title: string | null;
  readonly reason: string;
}

/** What an .ics import did: counts, and the zone floating times and dates were read in. */
export interface IcsImportSummary {
  readonly events: number;
  readonly imported: number;
  /** Kept as information (TRANSP:TRANSPARENT): shown, never blocking. */
  readonly informational: number;
  /** Zero-length markers (DTSTART date-time only). */
  readonly markers: number;
  readonly floatingZone: { readonly zone: string; readonly source: 'X-WR-TIMEZONE' | 'default' };
}

export interface IcsImportOutcome {
  readonly record: CalendarImport;
  /** Events imported with a caveat, by line. */
  readonly warnings: readonly { readonly line: number; readonly message: string }[];
  /** Components not imported (cancelled events, to-dos...), each with its line and why. */
  readonly skipped: readonly IcsSkipped[];
  /** Counts (imported, information only, markers) and the zone floating times were read in. */
  readonly summary: IcsImportSummary;
  readonly calendar: WorkspaceCalendarView;
}

export interface IcsExport {
  readonly fileName: string;
  readonly text: string;
  readonly windows: number;
}

const blackoutInputSchema = z.object({ title: z.string().trim().min(1).max(300), scope: blackoutScopeSchema, rule: blackoutRuleSchema }).strict();

/** The schedule requests of the contract: release windows, pods, findings, and the workspace calendar. */
export const scheduleRequests = {
  'schedule.status': request<ScheduleStatus>()(z.object({ slug: slugSchema }).strict()),
  'schedule.setWindow': request<ScheduleStatus>()(z.object({ slug: slugSchema, window: releaseWindowSchema }).strict()),
  'schedule.setPods': request<ScheduleStatus>()(z.object({ slug: slugSchema, pods: z.array(podSchema).max(50) }).strict()),
  'schedule.override': request<ScheduleStatus>()(z.object({ slug: slugSchema }).extend(recordOverrideInputSchema.shape).strict()),
  'schedule.calendar': request<ScheduleCalendar>()(z.object({ view: z.enum(['week', 'month']), date: localDateSchema, zone: zoneSchema }).strict()),
  'schedule.exportIcs': request<IcsExport>()(z.object({ mode: z.enum(['tzid', 'utc']).default('tzid') }).strict()),
  'calendar.get': request<WorkspaceCalendarView>()(z.object({}).strict()),
  'calendar.addBlackout': request<WorkspaceCalendarView>()(blackoutInputSchema),
  'calendar.removeBlackout': request<WorkspaceCalendarView>()(z.object({ id: z.string().min(1).max(200) }).strict()),
  'calendar.setFridayRule': request<WorkspaceCalendarView>()(z.object({ rule: fridayRuleSchema.nullable() }).strict()),
  'calendar.importIcs': request<IcsImportOutcome>()(
    z
      .object({
        fileName: z.string().trim().min(1).max(300),
        text: z.string().max(5_000_000),
        scope: blackoutScopeSchema.default({ kind: 'all' }),
        zone: zoneSchema.optional(),
      })
      .strict(),
  ),
};
