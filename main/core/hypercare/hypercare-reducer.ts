import type { z } from 'zod';
import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
import { HYPERCARE_EVENTS, type HypercareIssue, type HypercareState, type IssueState } from '../../../contract/domain/hypercare/hypercare-model';
import type {
  issueLoggedDataSchema,
  issueMovedDataSchema,
  issueTriagedDataSchema,
  slaBreachedDataSchema,
} from '../../../contract/domain/hypercare/hypercare-schemas';

const ORDER: readonly IssueState[] = ['new', 'triaged', 'in-progress', 'mitigated', 'resolved'];

/** Apply one journal event to the hypercare slice; other events leave it unchanged. */
export function reduceHypercare(state: HypercareState, event: AppliedEvent): HypercareState {
  switch (event.type) {
    case HYPERCARE_EVENTS.logged: {
      const data = event.data as z.output<typeof issueLoggedDataSchema>;
      const issue: HypercareIssue = {
        id: data.id,
        title: data.title,
        source: data.source,
        reporter: data.reporter,
        customer: data.customer,
        environment: data.environment,
        severity: data.severity,
        impact: data.impact,
        urgency: data.urgency,
        links: data.links,
        state: 'new',
        pod: data.pod,
        contact: null,
        remedy: null,
        loggedAt: event.ts,
        loggedBy: event.actor,
        acknowledgedAt: null,
        mitigatedAt: null,
        resolvedAt: null,
        moves: [],
        updatedAt: event.ts,
      };
      return { ...state, issues: [...state.issues, issue], nextIssue: Math.max(state.nextIssue, numberOf(data.id) + 1) };
    }
    case HYPERCARE_EVENTS.triaged: {
      const data = event.data as z.output<typeof issueTriagedDataSchema>;
      return mapIssue(state, data.id, (issue) => ({ ...issue, ...definedOnly(data.after), updatedAt: event.ts }));
    }
    case HYPERCARE_EVENTS.moved: {
      const data = event.data as z.output<typeof issueMovedDataSchema>;
      return mapIssue(state, data.id, (issue) => {
        const forward = ORDER.indexOf(data.to);
        const next: HypercareIssue = {
          ...issue,
          state: data.to,
          remedy: data.remedy ?? issue.remedy,
          moves: [...issue.moves, { from: data.from, to: data.to, at: event.ts, by: event.actor }],
          updatedAt: event.ts,
          // A clock stops the first time the issue gets that far; moving back does not restart it.
          acknowledgedAt: issue.acknowledgedAt ?? (forward >= 1 ? event.ts : null),
          mitigatedAt: issue.mitigatedAt ?? (forward >= 3 ? event.ts : null),
          resolvedAt: forward >= 4 ? (issue.resolvedAt ?? event.ts) : null,
        };
        return next;
      });
    }
    case HYPERCARE_EVENTS.breached: {
      const data = event.data as z.output<typeof slaBreachedDataSchema>;
      return { ...state, breaches: [...state.breaches, { ...data, recordedAt: event.ts }] };
    }
    default:
      return state;
  }
}

function mapIssue(state: HypercareState, id: string, change: (issue: HypercareIssue) => HypercareIssue): HypercareState {
  return { ...state, issues: state.issues.map((issue) => (issue.id === id ? change(issue) : issue)) };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

function numberOf(id: string): number {
  const value = Number(id.split('-')[1]);
  return Number.isFinite(value) ? value : 0;
}
