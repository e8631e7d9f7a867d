import type { CommandContext, DomainEvent } from '../../../contract/domain/release/domain-event';
import type { IncidentsState } from '../../../contract/domain/incidents/incident-model';
import { WarRoomError } from '../../../contract/domain/errors';
import { HYPERCARE_EVENTS, ISSUE_MOVES, type HypercareIssue, type HypercareState } from '../../../contract/domain/hypercare/hypercare-model';
import {
  issueLoggedDataSchema,
  issueMovedDataSchema,
  issueTriagedDataSchema,
  type IssueLogInput,
  type IssueMoveInput,
  type IssueTriageInput,
} from '../../../contract/domain/hypercare/hypercare-schemas';
import { dueBreaches } from './sla-clock';
import type { SlaSettings } from '../../../contract/domain/hypercare/sla-settings';

/** What a command of this slice reads: the slice, and the incidents it may link to. */
export interface HypercareCommandState {
  readonly hypercare: HypercareState;
  readonly incidents: IncidentsState;
}

/** Log a post-release issue: one `hypercare.issue-logged` with the next id. */
export function logIssue(state: HypercareCommandState, input: IssueLogInput, context: CommandContext): DomainEvent[] {
  void context;
  checkIncident(state, input.links.incident);
  const data = issueLoggedDataSchema.parse({ ...input, id: `ISS-${state.hypercare.nextIssue}` });
  return [{ type: HYPERCARE_EVENTS.logged, data }];
}

/** Triage: change severity, impact, urgency, pod, point of contact, remedy or links; only what differs is journaled. */
export function triageIssue(state: HypercareCommandState, input: IssueTriageInput, settings: SlaSettings, context: CommandContext): DomainEvent[] {
  const issue = findIssue(state.hypercare, input.id);
  if (input.links) checkIncident(state, input.links.incident);
  const after: Record<string, unknown> = {};
  for (const field of ['severity', 'impact', 'urgency', 'pod', 'contact', 'remedy', 'links'] as const) {
    const value = input[field];
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(issue[field])) after[field] = value;
  }
  if (Object.keys(after).length === 0) return [];
  // Breaches owed before the change (a severity change moves the targets) are recorded first.
  const breaches = dueBreaches(state.hypercare, settings, Date.parse(context.now), new Set([issue.id]));
  return [...breaches, { type: HYPERCARE_EVENTS.triaged, data: issueTriagedDataSchema.parse({ id: issue.id, after }) }];
}

/**
 * Move an issue in the lane. Leaving `new` needs a point of contact; reaching mitigated
 * or resolved needs a remedy (with its reason). A clock that ran out before the move
 * is journaled as breached first, so a late stop is never counted as met.
 */
export function moveIssue(state: HypercareCommandState, input: IssueMoveInput, settings: SlaSettings, context: CommandContext): DomainEvent[] {
  const issue = findIssue(state.hypercare, input.id);
  if (issue.state === input.to) return [];
  if (!ISSUE_MOVES[issue.state].includes(input.to)) {
    throw new WarRoomError('refused', `${issue.id} is ${issue.state}: it can move to ${ISSUE_MOVES[issue.state].join(' or ')}, not to ${input.to}.`, [
      { field: 'to' },
    ]);
  }
  if (issue.state === 'new' && !issue.contact) {
    throw new WarRoomError('refused', `${issue.id} has no point of contact: assign one before triaging it.`, [{ field: 'contact' }]);
  }
  const remedy = input.remedy ?? issue.remedy;
  if ((input.to === 'mitigated' || input.to === 'resolved') && !remedy) {
    throw new WarRoomError('refused', `${issue.id} needs a remedy (flag off, fix forward or roll back) and its reason before it is ${input.to}.`, [
      { field: 'remedy' },
    ]);
  }
  const breaches = dueBreaches(state.hypercare, settings, Date.parse(context.now), new Set([issue.id]));
  const data = issueMovedDataSchema.parse({ id: issue.id, from: issue.state, to: input.to, ...(input.remedy ? { remedy: input.remedy } : {}) });
  return [...breaches, { type: HYPERCARE_EVENTS.moved, data }];
}

/** Journal every breach owed at `now` (the SLA watcher's command): nothing twice. */
export function recordBreaches(state: HypercareCommandState, settings: SlaSettings, context: CommandContext): DomainEvent[] {
  return dueBreaches(state.hypercare, settings, Date.parse(context.now));
}

export function findIssue(state: HypercareState, id: string): HypercareIssue {
  const issue = state.issues.find((candidate) => candidate.id === id);
  if (!issue) throw new WarRoomError('not-found', `There is no issue ${id} in this release.`, [{ field: 'id' }]);
  return issue;
}

function checkIncident(state: HypercareCommandState, incident: string | null): void {
  if (incident && !state.incidents.incidents.some((candidate) => candidate.id === incident)) {
    throw new WarRoomError('not-found', `There is no incident ${incident} in this release to link to.`, [{ field: 'links.incident' }]);
  }
}
