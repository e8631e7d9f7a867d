import type { AppliedEvent, DomainEvent } from '../../../contract/domain/release/domain-event';
/**
 * The `risks` slice of a release's state and the reducer that projects it from the journal.
 *
 * Every change to the register is one of the events below; the state is only ever what
 * those events say, so release.json can always be rebuilt from the journal.
 */
import type { Risk, RiskAcceptance, RiskContingency, RiskEditableField, RiskStatus } from '../../../contract/domain/risks/risk-model';
import { RISK_EDITABLE_FIELDS, riskNumberOf } from '../../../contract/domain/risks/risk-model';

export interface RisksState {
  /** In creation order (the order of the register), deleted risks removed. */
  readonly risks: readonly Risk[];
  /** The number the next new risk gets: one past the highest ever used, so ids are never reused. */
  readonly nextNumber: number;
}

/** A journal event as the framework hands it to reducers. */
export type JournalEventLike = AppliedEvent;
export type { DomainEvent };

/** The event types the risks slice owns. */
export const RISK_EVENT_TYPES = {
  added: 'risks.added',
  updated: 'risks.updated',
  statusChanged: 'risks.status-changed',
  /** A status change to occurred: the timeline shows it as an incident marker. */
  occurred: 'risks.occurred',
  deleted: 'risks.deleted',
  imported: 'risks.imported',
} as const;

export interface RiskAddedData {
  readonly risk: Risk;
}

/** One changed field, with its value before and after (for the history). */
export interface RiskFieldChange {
  readonly field: RiskEditableField;
  readonly before: unknown;
  readonly after: unknown;
}

export interface RiskUpdatedData {
  readonly id: string;
  readonly changes: readonly RiskFieldChange[];
}

export interface RiskStatusChangedData {
  readonly id: string;
  readonly from: RiskStatus;
  readonly to: RiskStatus;
  readonly note: string | null;
  /** Set when `to` is accepted: who accepted and why. */
  readonly acceptance: RiskAcceptance | null;
}

/** The incident marker: enough for the timeline and to offer the plan B playbook. */
export interface RiskOccurredData extends RiskStatusChangedData {
  readonly to: 'occurred';
  readonly marker: 'incident';
  readonly title: string;
  readonly score: number;
  readonly band: string;
  readonly owner: string;
  readonly contingency: RiskContingency;
}

export interface RiskDeletedData {
  readonly id: string;
  readonly reason: string | null;
  /** The risk as it was, so the history and the report keep it. */
  readonly before: Risk;
}

export interface RiskImportedData {
  readonly format: 'csv' | 'json';
  readonly risks: readonly Risk[];
  /** Rows whose id was already used in this register got a new one. */
  readonly renumbered: readonly { readonly from: string; readonly to: string }[];
  /** Bad rows of the preview that were left out. */
  readonly skippedBadRows: number;
  /** The register's next number afterwards (at least one past every imported id). */
  readonly nextNumber: number;
}

/** The empty register of a new release. */
export function initialRisksState(): RisksState {
  return { risks: [], nextNumber: 1 };
}

function withRisk(state: RisksState, id: string, change: (risk: Risk) => Risk): RisksState {
  const index = state.risks.findIndex((risk) => risk.id === id);
  if (index < 0) return state;
  const risks = state.risks.slice();
  risks[index] = change(state.risks[index] as Risk);
  return { ...state, risks };
}

function nextNumberAfter(state: RisksState, ids: readonly string[]): number {
  let next = state.nextNumber;
  for (const id of ids) {
    const number = riskNumberOf(id);
    if (number !== null && number >= next) next = number + 1;
  }
  return next;
}

/**
 * Apply one journal event to the risks slice; events of other areas leave it unchanged.
 */
export function reduceRisks(state: RisksState, event: JournalEventLike): RisksState {
  switch (event.type) {
    case RISK_EVENT_TYPES.added: {
      const { risk } = event.data as RiskAddedData;
      return { risks: [...state.risks, risk], nextNumber: nextNumberAfter(state, [risk.id]) };
    }
    case RISK_EVENT_TYPES.updated: {
      const { id, changes } = event.data as RiskUpdatedData;
      return withRisk(state, id, (risk) => {
        const next: Record<string, unknown> = { ...risk, updatedAt: event.ts };
        // Only the editable fields: a journal line can never reach id, status or a prototype key.
        for (const change of changes) if (RISK_EDITABLE_FIELDS.includes(change.field)) next[change.field] = change.after;
        return next as unknown as Risk;
      });
    }
    case RISK_EVENT_TYPES.statusChanged:
    case RISK_EVENT_TYPES.occurred: {
      const { id, to, acceptance } = event.data as RiskStatusChangedData;
      return withRisk(state, id, (risk) => ({
        ...risk,
        status: to,
        acceptance: acceptance ?? risk.acceptance,
        updatedAt: event.ts,
      }));
    }
    case RISK_EVENT_TYPES.deleted: {
      const { id } = event.data as RiskDeletedData;
      return { ...state, risks: state.risks.filter((risk) => risk.id !== id) };
    }
    case RISK_EVENT_TYPES.imported: {
      const { risks, nextNumber } = event.data as RiskImportedData;
      const after = nextNumberAfter(
        state,
        risks.map((risk) => risk.id),
      );
      return { risks: [...state.risks, ...risks], nextNumber: Math.max(after, nextNumber) };
    }
    default:
      return state;
  }
}
