/**
 * The `risks` slice of a release's state and the events that change it: the vocabulary the
 * reducer (main/core/risks), the queries and the renderer share.
 */
import type { AppliedEvent, DomainEvent } from '../release/domain-event';
import type { Risk, RiskAcceptance, RiskContingency, RiskEditableField, RiskStatus } from './risk-model';

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
