import type { CommandContext } from '../../../contract/domain/release/domain-event';
/**
 * Commands of the risk register: validate against the current state, return the events.
 *
 * Pure functions: the framework journals what they return (fsync) and then applies it
 * with reduceRisks. An illegal operation throws a WarRoomError saying why.
 */
import { WarRoomError } from '../../../contract/domain/errors';
import type { Risk, RiskAcceptance, RiskEditableField } from '../../../contract/domain/risks/risk-model';
import { RISK_EDITABLE_FIELDS, assertTransition, riskBand, riskIdOf, riskScore } from '../../../contract/domain/risks/risk-model';
import type {
  RiskEvent,
  RiskAddedData,
  RiskDeletedData,
  RiskFieldChange,
  RiskOccurredData,
  RiskStatusChangedData,
  RiskUpdatedData,
  RisksState,
} from './risks-reducer';
import { RISK_EVENT_TYPES } from './risks-reducer';
import {
  addRiskInputSchema,
  closeRiskInputSchema,
  deleteRiskInputSchema,
  parseRiskInput,
  transitionRiskInputSchema,
  updateRiskInputSchema,
} from '../../../contract/domain/risks/risks-schemas';

export type { CommandContext };

/** The risk with this id, or a not-found error that names it. */
export function findRisk(state: RisksState, id: string): Risk {
  const risk = state.risks.find((candidate) => candidate.id === id);
  if (!risk) throw new WarRoomError('not-found', `There is no risk ${id} in this register (deleted, or never added)`, [{ field: 'id' }]);
  return risk;
}

/** Add a risk; it gets the next id (R-n), never one used before. */
export function addRisk(state: RisksState, input: unknown, context: CommandContext): RiskEvent[] {
  const parsed = parseRiskInput(addRiskInputSchema, input, 'Cannot add the risk');
  const risk: Risk = {
    id: riskIdOf(state.nextNumber),
    ...parsed,
    status: 'open',
    acceptance: null,
    createdAt: context.now,
    createdBy: context.actor,
    updatedAt: context.now,
  };
  const data: RiskAddedData = { risk };
  return [{ type: RISK_EVENT_TYPES.added, data }];
}

function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/** A change of one field: before and after are of the field's type, so the pair is the union's member for it. */
function fieldChange<Field extends RiskEditableField>(field: Field, before: Risk[Field], after: Risk[Field]): RiskFieldChange {
  return { field, before, after } as RiskFieldChange;
}

/**
 * Change editable fields of a risk. The event carries before and after of each changed
 * field only; a change to nothing produces no event (no noise in the history).
 */
export function updateRisk(state: RisksState, input: unknown, _context: CommandContext): RiskEvent[] {
  const parsed = parseRiskInput(updateRiskInputSchema, input, 'Cannot change the risk');
  const risk = findRisk(state, parsed.id);
  const requested: Partial<Pick<Risk, RiskEditableField>> = parsed.changes;
  const changes: RiskFieldChange[] = [];
  for (const field of RISK_EDITABLE_FIELDS) {
    const after = requested[field];
    if (!Object.hasOwn(requested, field) || after === undefined) continue;
    if (!sameValue(risk[field], after)) changes.push(fieldChange(field, risk[field], after));
  }
  if (changes.length === 0) return [];
  const data: RiskUpdatedData = { id: risk.id, changes };
  return [{ type: RISK_EVENT_TYPES.updated, data }];
}

/**
 * Move a risk in its lifecycle (see RISK_TRANSITIONS). Accepting records who and why;
 * occurring produces the incident marker with the linked plan B playbook.
 */
export function transitionRisk(state: RisksState, input: unknown, context: CommandContext): RiskEvent[] {
  const parsed = parseRiskInput(transitionRiskInputSchema, input, 'Cannot change the status of the risk');
  const risk = findRisk(state, parsed.id);
  assertTransition(risk.id, risk.status, parsed.to);
  const note = parsed.note?.trim() ? parsed.note.trim() : null;
  let acceptance: RiskAcceptance | null = null;
  if (parsed.to === 'accepted') {
    const reason = parsed.reason?.trim() ?? '';
    if (reason === '') {
      throw new WarRoomError('invalid-input', `Accepting ${risk.id} needs a reason: say why it is acceptable to go live with it`, [{ field: 'reason' }]);
    }
    acceptance = { by: parsed.acceptedBy?.trim() || context.actor, reason, at: context.now };
  }
  const base: RiskStatusChangedData = { id: risk.id, from: risk.status, to: parsed.to, note, acceptance };
  if (parsed.to === 'occurred') {
    const score = riskScore(risk.likelihood, risk.impact);
    const data: RiskOccurredData = {
      ...base,
      to: 'occurred',
      marker: 'incident',
      title: risk.title,
      score,
      band: riskBand(score),
      owner: risk.owner,
      contingency: risk.contingency,
    };
    return [{ type: RISK_EVENT_TYPES.occurred, data }];
  }
  return [{ type: RISK_EVENT_TYPES.statusChanged, data: base }];
}

/** Close a risk that no longer applies: the lifecycle transition to closed. */
export function closeRisk(state: RisksState, input: unknown, context: CommandContext): RiskEvent[] {
  const parsed = parseRiskInput(closeRiskInputSchema, input, 'Cannot close the risk');
  return transitionRisk(state, { id: parsed.id, to: 'closed', ...(parsed.note === undefined ? {} : { note: parsed.note }) }, context);
}

/**
 * Delete a risk entered by mistake. The event keeps the risk as it was, and its id is
 * never given out again. A risk that occurred is part of the record: close it instead.
 */
export function deleteRisk(state: RisksState, input: unknown, _context: CommandContext): RiskEvent[] {
  const parsed = parseRiskInput(deleteRiskInputSchema, input, 'Cannot delete the risk');
  const risk = findRisk(state, parsed.id);
  if (risk.status === 'occurred') {
    throw new WarRoomError('refused', `${risk.id} occurred and is part of the release record: close it instead of deleting it`, [{ field: 'id' }]);
  }
  const data: RiskDeletedData = { id: risk.id, reason: parsed.reason?.trim() || null, before: risk };
  return [{ type: RISK_EVENT_TYPES.deleted, data }];
}
