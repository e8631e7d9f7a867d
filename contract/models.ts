/**
 * The data shapes that cross the boundary, re-exported for the renderer (which may
 * import only the contract). They are defined beside the code that owns them.
 */
export type { JournalEvent, JournalVerification } from '../main/core/journal/journal-event';
export type { ReleaseState } from '../main/core/release/release-state';
export type { ReleaseMetaState, Target, Note, ReleaseMode, EnvironmentClass } from '../main/core/release/release-meta';
export type { LibraryTarget } from '../main/core/workspace/target-library-model';
export type { ReleaseListing } from '../main/core/workspace/release-listing';
export type { ReleaseView } from './requests/release-requests';
export type { AppInfo } from './requests/app-requests';
export type {
  ScheduleStatus,
  ScheduleCalendar,
  WorkspaceCalendarView,
  IcsImportOutcome,
  IcsImportSummary,
  IcsSkipped,
  IcsExport,
  RehearsedRollback,
} from './requests/schedule-requests';
export type { Pod, ReleaseWindow, Blackout, BlackoutRule, BlackoutScope, FridayRule } from '../main/core/schedule/schedule-schemas';
export type { PolicyFinding, PolicyRule } from '../main/core/schedule/policy-checks';
export type { FollowTheSunPlan, Handover, PlanSegment, PlanHour } from '../main/core/schedule/follow-the-sun';
export type { CalendarDay, CalendarDayEntry } from '../main/core/schedule/calendar-view';
export type { CalendarBlackout, CalendarImport } from '../main/core/workspace/workspace-calendar-model';
export type { Risk, RiskBand, RiskCategory, RiskStatus, RiskContingency, RiskAcceptance } from '../main/core/risks/risk-model';
export type { RiskRow, RiskFilter, RiskHeatMap, HeatMapBasis, RiskSortKey, GoNoGoRisk } from '../main/core/risks/risks-queries';
export type { RiskHistoryEntry } from '../main/core/risks/risk-history';
export type { RiskFieldChange, RiskOccurredData } from '../main/core/risks/risks-reducer';
export type { RiskImportPreview, RiskImportRow, RiskImportProblem } from '../main/core/risks/risk-import-preview';
export type { RiskCsvField } from '../main/core/risks/risk-csv-fields';
export type { RiskImportResult, RiskExportFile, RiskImportPreviewView } from './requests/risk-requests';
export type { Incident, ActionItem, IncidentsState } from '../main/core/incidents/incident-model';
export type { ReportModel } from '../main/core/report/report-model';
export type { RedactionReview, ReportExport } from './requests/report-requests';
export type { ChecklistState, ChecklistItem, ChecklistPhase, ItemStatus, ItemOwner, Evidence, EvidenceKind } from '../main/core/checklist/checklist-model';
export type { DueTime } from '../main/core/checklist/due-offset';
export type {
  PollState,
  Participant,
  Criterion,
  Vote,
  VoteValue,
  CriterionVote,
  DecisionOutcome,
  GateBlocker,
  QuorumResult,
  Decision,
  GateOverride,
} from '../main/core/go-no-go/poll-model';
export type { BuiltinTemplateView, ChecklistChange, ChecklistDueTimes, ChecklistExport, GoGates } from './requests/checklist-requests';
export type {
  PlaybookListing,
  RunQuestion,
  ActiveRuns,
  RunEstimateView,
  RunLogView,
  RunPreflight,
  UnmetRequirement,
  HeldFinding,
} from './requests/playbook-requests';
export type { Playbook, PlaybookStep, PlaybookVariable, StepKind } from '../main/core/playbooks/playbook-model';
export type { RunState, RunsState, StepRunState, RunStatus, StepStatus } from '../main/core/playbooks/run-state';
export type { RunMode } from '../main/core/playbooks/run-events';
export type {
  TerminalSessionView,
  TerminalAttachView,
  TerminalExitView,
  TerminalEnvironment,
  RecordingListing,
  RecordingContent,
} from './requests/terminal-requests';
export type { PlanView, PlanRow, PlanBar, PlanForecast, LimitCheck } from '../main/core/plan/plan-forecast';
export type { PlanWarning, ForecastLimit } from '../main/core/plan/plan-model';
export type { RunComparison, StepComparison } from '../main/core/plan/run-comparison';
