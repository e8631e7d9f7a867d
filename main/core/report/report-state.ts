import type { AppliedEvent, DomainEvent } from '../release/domain-event';

/**
 * The report slice of a release: the redaction settings the operator saved in the
 * review, and the exports written (for the Report view's list).
 *
 * The literals are kept in the journal because that is where everything the release
 * knows lives; every exported file (bundle included) masks them like any other secret.
 */
export interface ReportState {
  readonly redaction: {
    readonly literals: readonly string[];
    readonly patterns: readonly { readonly name: string; readonly source: string; readonly caseInsensitive: boolean }[];
  };
  readonly exports: readonly { readonly format: string; readonly file: string; readonly sha256: string; readonly at: string; readonly by: string }[];
}

export const REPORT_EVENTS = {
  redactionSaved: 'redaction.settings-saved',
  exported: 'report.exported',
} as const;

export function initialReportState(): ReportState {
  return { redaction: { literals: [], patterns: [] }, exports: [] };
}

export function reduceReport(state: ReportState, event: AppliedEvent): ReportState {
  switch (event.type) {
    case REPORT_EVENTS.redactionSaved:
      return { ...state, redaction: event.data as ReportState['redaction'] };
    case REPORT_EVENTS.exported: {
      const data = event.data as { format: string; file: string; sha256: string };
      return { ...state, exports: [...state.exports, { ...data, at: event.ts, by: event.actor }] };
    }
    default:
      return state;
  }
}

/** The event that saves redaction settings (already validated and compiled by the caller). */
export function saveRedactionEvents(settings: ReportState['redaction']): DomainEvent[] {
  return [{ type: REPORT_EVENTS.redactionSaved, data: settings }];
}
