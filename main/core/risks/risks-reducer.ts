/**
 * The `risks` slice of a release's state and the reducer that projects it from the journal.
 *
 * Every change to the register is one of the events below; the state is only ever what
 * those events say, so release.json can always be rebuilt from the journal.
 */
import type { Risk } from '../../../contract/domain/risks/risk-model';
import { riskNumberOf } from '../../../contract/domain/risks/risk-model';

export * from '../../../contract/domain/risks/risk-events';
import { RISK_EVENT_TYPES } from '../../../contract/domain/risks/risk-events';
import { parseRiskEvent } from '../../../contract/domain/risks/risk-event-schemas';
import type { JournalEventLike, RisksState } from '../../../contract/domain/risks/risk-events';

/** The empty register of a new release. */
export function initialRisksState(): RisksState {
  return { risks: [], nextNumber: 1 };
}

function withRisk(state: RisksState, id: string, change: (risk: Risk) => Risk): RisksState {
  const index = state.risks.findIndex((risk) => risk.id === id);
  if (index < 0) return state;
  const risks = state.risks.slice();
  const risk = state.risks[index];
  if (risk === undefined) return state;
  risks[index] = change(risk);
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
 * Each event is read through its schema (parseRiskEvent): data that does not fit is
 * refused as corrupt with its seq and field.
 */
export function reduceRisks(state: RisksState, journalEvent: JournalEventLike): RisksState {
  const event = parseRiskEvent(journalEvent);
  if (!event) return state;
  switch (event.type) {
    case RISK_EVENT_TYPES.added: {
      const { risk } = event.data;
      return { risks: [...state.risks, risk], nextNumber: nextNumberAfter(state, [risk.id]) };
    }
    case RISK_EVENT_TYPES.updated: {
      const { id, changes } = event.data;
      // Only the editable fields (the schema names each): a journal line can never reach id, status or a prototype key.
      return withRisk(state, id, (risk) =>
        changes.reduce<Risk>((next, change) => ({ ...next, [change.field]: change.after }), { ...risk, updatedAt: event.ts }),
      );
    }
    case RISK_EVENT_TYPES.statusChanged:
    case RISK_EVENT_TYPES.occurred: {
      const { id, to, acceptance } = event.data;
      return withRisk(state, id, (risk) => ({
        ...risk,
        status: to,
        acceptance: acceptance ?? risk.acceptance,
        updatedAt: event.ts,
      }));
    }
    case RISK_EVENT_TYPES.deleted: {
      const { id } = event.data;
      return { ...state, risks: state.risks.filter((risk) => risk.id !== id) };
    }
    case RISK_EVENT_TYPES.imported: {
      const { risks, nextNumber } = event.data;
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
