/**
 * The history of one risk, read from the journal: who changed what, when, before and after.
 *
 * Why from the journal and not the state: the state only knows the present; the
 * post-mortem needs every step, including the risk's life before it was deleted.
 */
import type { Risk, RiskAcceptance, RiskStatus } from './risk-model';
import type { JournalEventLike, RiskFieldChange } from './risk-events';
import { RISK_EVENT_TYPES } from './risk-events';
import { parseRiskEvent } from './risk-event-schemas';

export type RiskHistoryKind = 'added' | 'imported' | 'updated' | 'status-changed' | 'occurred' | 'deleted';

export interface RiskHistoryEntry {
  readonly seq: number;
  readonly ts: string;
  readonly actor: string;
  readonly kind: RiskHistoryKind;
  /** Field changes (updated), empty otherwise. */
  readonly changes: readonly RiskFieldChange[];
  /** Status before and after (status-changed, occurred). */
  readonly from: RiskStatus | null;
  readonly to: RiskStatus | null;
  readonly note: string | null;
  readonly acceptance: RiskAcceptance | null;
  /** The whole risk when it appeared (added, imported) or as it was when deleted. */
  readonly snapshot: Risk | null;
}

function entry(event: JournalEventLike, kind: RiskHistoryKind, fields: Partial<RiskHistoryEntry>): RiskHistoryEntry {
  return {
    seq: event.seq,
    ts: event.ts,
    actor: event.actor,
    kind,
    changes: [],
    from: null,
    to: null,
    note: null,
    acceptance: null,
    snapshot: null,
    ...fields,
  };
}

/**
 * The entries of one risk's history, oldest first, from a release's journal events.
 */
export function riskHistory(events: Iterable<JournalEventLike>, id: string): RiskHistoryEntry[] {
  const history: RiskHistoryEntry[] = [];
  for (const journalEvent of events) {
    const event = parseRiskEvent(journalEvent);
    if (!event) continue;
    switch (event.type) {
      case RISK_EVENT_TYPES.added: {
        const { risk } = event.data;
        if (risk.id === id) history.push(entry(event, 'added', { snapshot: risk, to: risk.status }));
        break;
      }
      case RISK_EVENT_TYPES.imported: {
        const { risks } = event.data;
        const risk = risks.find((candidate) => candidate.id === id);
        if (risk) history.push(entry(event, 'imported', { snapshot: risk, to: risk.status }));
        break;
      }
      case RISK_EVENT_TYPES.updated: {
        const data = event.data;
        if (data.id === id) history.push(entry(event, 'updated', { changes: data.changes }));
        break;
      }
      case RISK_EVENT_TYPES.statusChanged:
      case RISK_EVENT_TYPES.occurred: {
        const data = event.data;
        if (data.id !== id) break;
        const kind = event.type === RISK_EVENT_TYPES.occurred ? 'occurred' : 'status-changed';
        history.push(entry(event, kind, { from: data.from, to: data.to, note: data.note, acceptance: data.acceptance }));
        break;
      }
      case RISK_EVENT_TYPES.deleted: {
        const data = event.data;
        if (data.id === id) history.push(entry(event, 'deleted', { note: data.reason, snapshot: data.before }));
        break;
      }
      default:
        break;
    }
  }
  return history;
}
