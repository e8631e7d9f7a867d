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
export type { TerminalSessionView, TerminalAttachView, TerminalExitView, TerminalEnvironment, RecordingListing, RecordingContent } from './requests/terminal-requests';
