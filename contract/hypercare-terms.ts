/**
 * The words of hypercare and status updates the UI needs as values (severities, states,
 * moves, remedies, templates). Pure constants, no schema: the renderer imports these, and
 * only types from the request files, so no zod reaches its bundle.
 */
export {
  ACTIVE_ISSUE_STATES,
  IMPACT_LEVELS,
  ISSUE_MOVES,
  ISSUE_REMEDIES,
  ISSUE_SEVERITIES,
  ISSUE_SOURCES,
  ISSUE_STATES,
} from './domain/hypercare/hypercare-model';
export type { IssueRemedy, IssueSeverity, IssueSource, IssueState } from './domain/hypercare/hypercare-model';
export { STATUS_TEMPLATES, CHANNEL_KINDS, AUTO_TEMPLATES } from './domain/comms/comms-model';
export type { StatusTemplate, ChannelKind } from './domain/comms/comms-model';
