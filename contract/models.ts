/**
 * The data shapes that cross the boundary, re-exported for the renderer (which may
 * import only the contract). They are defined beside the code that owns them.
 */
export type { JournalEvent, JournalVerification } from './domain/journal/journal-event';
export type { ReleaseState } from './domain/release/release-state-model';
export type { ReleaseMetaState, Target, Note, ReleaseMode, EnvironmentClass } from './domain/release/release-meta';
export type { LibraryTarget } from './domain/workspace/target-library-model';
export type { ReleaseListing } from './domain/workspace/release-listing';
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
export type { Pod, ReleaseWindow, Blackout, BlackoutRule, BlackoutScope, FridayRule } from './domain/schedule/schedule-schemas';
export type { PolicyFinding, PolicyRule } from './domain/schedule/schedule-model';
export type { FollowTheSunPlan, Handover, PlanSegment, PlanHour } from './domain/schedule/schedule-model';
export type { CalendarDay, CalendarDayEntry } from './domain/schedule/schedule-model';
export type { CalendarBlackout, CalendarImport } from './domain/workspace/workspace-calendar-model';
export type { Risk, RiskBand, RiskCategory, RiskStatus, RiskContingency, RiskAcceptance } from './domain/risks/risk-model';
export type { RiskRow, RiskFilter, RiskHeatMap, HeatMapBasis, RiskSortKey, GoNoGoRisk } from './domain/risks/risks-queries';
export type { RiskHistoryEntry } from './domain/risks/risk-history';
export type { RiskFieldChange, RiskOccurredData } from './domain/risks/risk-events';
export type { RiskImportPreview, RiskImportRow, RiskImportProblem } from './domain/risks/risk-import-preview';
export type { RiskCsvField } from './domain/risks/risk-csv-fields';
export type { RiskImportResult, RiskExportFile, RiskImportPreviewView } from './requests/risk-requests';
export type { Incident, ActionItem, IncidentsState } from './domain/incidents/incident-model';
export type { ReportModel } from './domain/report/report-model';
export type { RedactionReview, ReportExport } from './requests/report-requests';
export type { ChecklistState, ChecklistItem, ChecklistPhase, ItemStatus, ItemOwner, Evidence, EvidenceKind } from './domain/checklist/checklist-model';
export type { DueTime } from './domain/checklist/due-offset';
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
  MetricCriterion,
  MetricGateReading,
} from './domain/go-no-go/poll-model';
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
export type { Playbook, PlaybookStep, PlaybookVariable, StepKind } from './domain/playbooks/playbook-model';
export type { RunState, RunsState, StepRunState, RunStatus, StepStatus } from './domain/playbooks/run-model';
export type { RunMode } from './domain/playbooks/run-events';
export type {
  TerminalSessionView,
  TerminalAttachView,
  TerminalExitView,
  TerminalEnvironment,
  RecordingListing,
  RecordingContent,
} from './requests/terminal-requests';
export type { PlanView, PlanRow, PlanBar, PlanForecast, LimitCheck } from './domain/plan/plan-views';
export type { PlanWarning, ForecastLimit } from './domain/plan/plan-model';
export type { RunComparison, StepComparison } from './domain/plan/plan-views';
