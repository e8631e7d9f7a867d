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
export type { ChecklistState, ChecklistItem, ChecklistPhase, ItemStatus, ItemOwner, Evidence, EvidenceKind } from '../main/core/checklist/checklist-model';
export type { DueTime } from '../main/core/checklist/due-offset';
export type { PollState, Participant, Criterion, Vote, VoteValue, CriterionVote, DecisionOutcome, GateBlocker, QuorumResult, Decision, GateOverride } from '../main/core/go-no-go/poll-model';
export type { ChecklistChange, ChecklistDueTimes, ChecklistExport, GoGates } from './requests/checklist-requests';
