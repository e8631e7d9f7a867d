import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
export type { LiteralRecord, LiteralEntry, ReportState } from '../../../contract/domain/report/report-events';
export { REPORT_EVENTS } from '../../../contract/domain/report/report-events';
import type { LiteralRecord, ReportState } from '../../../contract/domain/report/report-events';
import { REPORT_EVENTS, type ReportEvent } from '../../../contract/domain/report/report-events';
import { parseReportEvent } from '../../../contract/domain/report/report-event-schemas';

export function initialReportState(): ReportState {
  return { redaction: { literals: [], patterns: [], clearLiteralEvents: [], allowedFindings: [] }, exports: [] };
}

/** Apply one journal event to the report slice; a report line whose data does not fit is refused as corrupt naming its seq. */
export function reduceReport(state: ReportState, journalEvent: AppliedEvent): ReportState {
  const event = parseReportEvent(journalEvent);
  if (!event) return state;
  switch (event.type) {
    case REPORT_EVENTS.redactionSaved: {
      const clear = event.data.literals.length > 0;
      return {
        ...state,
        redaction: {
          ...state.redaction,
          patterns: event.data.patterns,
          clearLiteralEvents: clear ? [...state.redaction.clearLiteralEvents, event.seq] : state.redaction.clearLiteralEvents,
        },
      };
    }
    case REPORT_EVENTS.literalAdded: {
      const { sha256, length } = event.data;
      if (state.redaction.literals.some((literal) => literal.sha256 === sha256)) return state;
      return { ...state, redaction: { ...state.redaction, literals: [...state.redaction.literals, { sha256, length, at: event.ts, by: event.actor }] } };
    }
    case REPORT_EVENTS.findingAllowed: {
      // A state written before allowed findings existed has none.
      const allowed = { fingerprint: event.data.fingerprint, reason: event.data.reason, by: event.actor, at: event.ts };
      return { ...state, redaction: { ...state.redaction, allowedFindings: [...(state.redaction.allowedFindings ?? []), allowed] } };
    }
    case REPORT_EVENTS.exported:
      return { ...state, exports: [...state.exports, { ...event.data, at: event.ts, by: event.actor }] };
  }
}

/** The literals held in clear by journals written before the literals file (for masking their exports). */
export function clearLiteralsOf(events: readonly AppliedEvent[]): string[] {
  const out: string[] = [];
  for (const journalEvent of events) {
    const event = parseReportEvent(journalEvent);
    if (event?.type === REPORT_EVENTS.redactionSaved) out.push(...event.data.literals);
  }
  return out;
}

/** The events that save redaction patterns and record added literals (hash and length only). */
export function saveRedactionEvents(patterns: ReportState['redaction']['patterns'], added: readonly LiteralRecord[] = []): ReportEvent[] {
  return [
    { type: REPORT_EVENTS.redactionSaved, data: { literals: [], patterns } },
    ...added.map((record) => ({ type: REPORT_EVENTS.literalAdded, data: { sha256: record.sha256, length: record.length } })),
  ];
}

/** The fingerprints of the findings the operator allowed in exports of this release. */
export function allowedFindingsOf(state: ReportState): Set<string> {
  // A state written before allowed findings existed has none.
  return new Set((state.redaction.allowedFindings ?? []).map((allowed) => allowed.fingerprint));
}
