import type { AppliedEvent } from './domain-event';
import type { ChecklistItem, ChecklistPhase, ChecklistState } from '../../../contract/domain/checklist/checklist-model';
import { itemById } from '../../../contract/domain/checklist/checklist-model';
import { CHECKLIST_EVENTS, parseChecklistEvent } from '../../../contract/domain/checklist/checklist-events';
import type {
  EvidenceAddedData,
  ItemDraft,
  ItemEditedData,
  ItemMovedData,
  ItemStatusChangedData,
  PhaseAddedData,
  TemplateAppliedData,
} from '../../../contract/domain/checklist/checklist-events';

export { initialChecklistState } from '../../../contract/domain/checklist/checklist-model';

/**
 * Apply one journal event to the checklist slice. Pure, never mutates; events of other
 * areas return the state unchanged (the same object, so callers can skip re-rendering).
 *
 * Each event is read through its schema (parseChecklistEvent): data that does not fit is
 * refused as corrupt with its seq; an event that fits but refers to something missing (a
 * journal edited by hand) is ignored rather than crashing the projection of the release.
 */
export function reduceChecklist(state: ChecklistState, journalEvent: AppliedEvent): ChecklistState {
  const event = parseChecklistEvent(journalEvent);
  if (!event) return state;
  switch (event.type) {
    case CHECKLIST_EVENTS.phaseAdded:
      return addPhase(state, event.data);
    case CHECKLIST_EVENTS.itemAdded: {
      const data = event.data;
      return addItem(state, data.item, data.position, event);
    }
    case CHECKLIST_EVENTS.itemEdited:
      return editItem(state, event.data, event);
    case CHECKLIST_EVENTS.itemMoved:
      return moveItem(state, event.data, event);
    case CHECKLIST_EVENTS.itemStatusChanged:
      return changeStatus(state, event.data, event);
    case CHECKLIST_EVENTS.evidenceAdded:
      return addEvidence(state, event.data, event);
    case CHECKLIST_EVENTS.templateApplied:
      return applyTemplate(state, event.data, event);
    default:
      return state;
  }
}

function insertAt<Value>(list: readonly Value[], index: number, value: Value): Value[] {
  const copy = list.slice();
  copy.splice(Math.max(0, Math.min(index, copy.length)), 0, value);
  return copy;
}

function addPhase(state: ChecklistState, data: PhaseAddedData): ChecklistState {
  if (state.phases.some((phase) => phase.id === data.phase.id)) return state;
  const phase: ChecklistPhase = { id: data.phase.id, title: data.phase.title, itemIds: [] };
  return { ...state, phases: insertAt(state.phases, data.position, phase) };
}

/** A new item: to do, no evidence, created and last changed by whoever journaled it. */
function newItem(draft: ItemDraft, event: AppliedEvent): ChecklistItem {
  return {
    ...draft,
    status: 'todo',
    statusReason: null,
    evidence: [],
    createdBy: event.actor,
    createdAt: event.ts,
    updatedBy: event.actor,
    updatedAt: event.ts,
  };
}

function addItem(state: ChecklistState, draft: ItemDraft, position: number, event: AppliedEvent): ChecklistState {
  const phaseIndex = state.phases.findIndex((phase) => phase.id === draft.phaseId);
  const phase = state.phases[phaseIndex];
  if (phase === undefined || itemById(state, draft.id) !== undefined) return state;
  const item = newItem(draft, event);
  const phases = state.phases.slice();
  phases[phaseIndex] = { ...phase, itemIds: insertAt(phase.itemIds, position, draft.id) };
  return { ...state, phases, items: { ...state.items, [draft.id]: item } };
}

function updateItem(state: ChecklistState, itemId: string, update: (item: ChecklistItem) => ChecklistItem): ChecklistState {
  const item = itemById(state, itemId);
  if (item === undefined) return state;
  return { ...state, items: { ...state.items, [itemId]: update(item) } };
}

function editItem(state: ChecklistState, data: ItemEditedData, event: AppliedEvent): ChecklistState {
  return updateItem(state, data.itemId, (item) => ({ ...item, ...data.changes, updatedBy: event.actor, updatedAt: event.ts }));
}

function moveItem(state: ChecklistState, data: ItemMovedData, event: AppliedEvent): ChecklistState {
  const item = itemById(state, data.itemId);
  if (item === undefined || !state.phases.some((phase) => phase.id === data.toPhaseId)) return state;
  const removed = state.phases.map((phase) =>
    phase.itemIds.includes(data.itemId) ? { ...phase, itemIds: phase.itemIds.filter((id) => id !== data.itemId) } : phase,
  );
  const phases = removed.map((phase) => (phase.id === data.toPhaseId ? { ...phase, itemIds: insertAt(phase.itemIds, data.toIndex, data.itemId) } : phase));
  return { ...state, phases, items: { ...state.items, [data.itemId]: { ...item, phaseId: data.toPhaseId, updatedBy: event.actor, updatedAt: event.ts } } };
}

function changeStatus(state: ChecklistState, data: ItemStatusChangedData, event: AppliedEvent): ChecklistState {
  return updateItem(state, data.itemId, (item) => ({
    ...item,
    status: data.to,
    statusReason: data.reason,
    evidence: [...item.evidence, ...data.evidence.map((evidence) => ({ ...evidence, addedBy: event.actor, addedAt: event.ts }))],
    updatedBy: event.actor,
    updatedAt: event.ts,
  }));
}

function addEvidence(state: ChecklistState, data: EvidenceAddedData, event: AppliedEvent): ChecklistState {
  return updateItem(state, data.itemId, (item) => ({
    ...item,
    evidence: [...item.evidence, { ...data.evidence, addedBy: event.actor, addedAt: event.ts }],
    updatedBy: event.actor,
    updatedAt: event.ts,
  }));
}

function applyTemplate(state: ChecklistState, data: TemplateAppliedData, event: AppliedEvent): ChecklistState {
  let next: ChecklistState = data.mode === 'replace' ? { phases: [], items: {}, templates: state.templates } : state;
  for (const phase of data.phases) next = addPhase(next, { phase, position: next.phases.length });
  const items: Record<string, ChecklistItem> = { ...next.items };
  const itemIdsByPhase = new Map(next.phases.map((phase) => [phase.id, phase.itemIds.slice()]));
  for (const draft of data.items) {
    const itemIds = itemIdsByPhase.get(draft.phaseId);
    if (itemIds === undefined || Object.hasOwn(items, draft.id)) continue;
    itemIds.push(draft.id);
    items[draft.id] = newItem(draft, event);
  }
  return {
    phases: next.phases.map((phase) => ({ ...phase, itemIds: itemIdsByPhase.get(phase.id) ?? phase.itemIds })),
    items,
    templates: [...next.templates, { name: data.template.name, file: data.template.file, appliedBy: event.actor, appliedAt: event.ts }],
  };
}
