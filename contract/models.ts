/**
 * The data shapes that cross the boundary, re-exported for the renderer (which may
 * import only the contract). They are defined beside the code that owns them.
 */
export type { JournalEvent, JournalVerification } from '../main/core/journal/journal-event';
export type { ReleaseState } from '../main/core/release/release-state';
export type { ReleaseMetaState, Target, Note, ReleaseMode, EnvironmentClass } from '../main/core/release/release-meta';
export type { ReleaseListing } from '../main/core/workspace/release-listing';
export type { ReleaseView } from './requests/release-requests';
export type { AppInfo } from './requests/app-requests';
export type { ScheduleStatus, ScheduleCalendar, WorkspaceCalendarView, IcsImportOutcome, IcsExport, RehearsedRollback } from './requests/schedule-requests';
export type { Pod, ReleaseWindow, Blackout, BlackoutRule, BlackoutScope, FridayRule } from '../main/core/schedule/schedule-schemas';
export type { PolicyFinding, PolicyRule } from '../main/core/schedule/policy-checks';
export type { FollowTheSunPlan, Handover, PlanSegment, PlanHour } from '../main/core/schedule/follow-the-sun';
export type { CalendarDay, CalendarDayEntry } from '../main/core/schedule/calendar-view';
export type { CalendarBlackout, CalendarImport } from '../main/core/workspace/workspace-calendar-model';
