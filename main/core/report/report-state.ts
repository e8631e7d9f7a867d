import type { AppliedEvent, DomainEvent } from '../../../contract/domain/release/domain-event';
export type { LiteralRecord, LiteralEntry, ReportState } from '../../../contract/domain/report/report-events';
export { REPORT_EVENTS } from '../../../contract/domain/report/report-events';
import type { LiteralRecord, ReportState } from '../../../contract/domain/report/report-events';
import { REPORT_EVENTS } from '../../../contract/domain/report/report-events';

export function initialReportState(): ReportState {
  return { redaction: { literals: [], patterns: [], clearLiteralEvents: [], allowedFindings: [] }, exports: [] };
}

export function reduceReport(state: ReportState, event: AppliedEvent): ReportState {
  switch (event.type) {
    case REPORT_EVENTS.redactionSaved: {
      const data = event.data as { literals?: readonly string[]; patterns?: ReportState['redaction']['patterns'] };
      const clear = (data.literals ?? []).length > 0;
      return {
        ...state,
        redaction: {
          ...state.redaction,
          patterns: data.patterns ?? [],
          clearLiteralEvents: clear ? [...state.redaction.clearLiteralEvents, event.seq] : state.redaction.clearLiteralEvents,
        },
      };
    }
    case REPORT_EVENTS.literalAdded: {
      const data = event.data as LiteralRecord;
      if (state.redaction.literals.some((literal) => literal.sha256 === data.sha256)) return state;
      return { ...state, redaction: { ...state.redaction, literals: [...state.redaction.literals, { ...data, at: event.ts, by: event.actor }] } };
    }
    case REPORT_EVENTS.findingAllowed: {
      const data = event.data as { fingerprint: string; reason: string };
      const allowed = { fingerprint: data.fingerprint, reason: data.reason, by: event.actor, at: event.ts };
      return { ...state, redaction: { ...state.redaction, allowedFindings: [...(state.redaction.allowedFindings ?? []), allowed] } };
    }
    case REPORT_EVENTS.exported: {
      const data = event.data as { format: string; file: string; sha256: string };
      return { ...state, exports: [...state.exports, { ...data, at: event.ts, by: event.actor }] };
    }
    default:
      return state;
  }
}

/** The literals held in clear by journals written before the literals file (for masking their exports). */
export function clearLiteralsOf(events: readonly AppliedEvent[]): string[] {
  const out: string[] = [];
  for (const event of events) {
    if (event.type !== REPORT_EVENTS.redactionSaved) continue;
    const literals = (event.data as { literals?: unknown }).literals;
    if (Array.isArray(literals)) for (const literal of literals) if (typeof literal === 'string') out.push(literal);
  }
  return out;
}

/** The events that save redaction patterns and record added literals (hash and length only). */
export function saveRedactionEvents(patterns: ReportState['redaction']['patterns'], added: readonly LiteralRecord[] = []): DomainEvent[] {
  return [
    { type: REPORT_EVENTS.redactionSaved, data: { literals: [], patterns } },
    ...added.map((record) => ({ type: REPORT_EVENTS.literalAdded, data: { sha256: record.sha256, length: record.length } })),
  ];
}

/** The fingerprints of the findings the operator allowed in exports of this release. */
export function allowedFindingsOf(state: ReportState): Set<string> {
  return new Set((state.redaction.allowedFindings ?? []).map((allowed) => allowed.fingerprint));
}
