import { WarRoomError } from '../../../contract/domain/errors';
import { normaliseDue } from '../../../contract/domain/checklist/due-offset';
import type { CommandContext } from './domain-event';
import type { ChecklistEvent } from '../../../contract/domain/checklist/checklist-events';
import type { ChecklistItem, ChecklistPhase, ChecklistState, ItemOwner } from '../../../contract/domain/checklist/checklist-model';
import { itemById } from '../../../contract/domain/checklist/checklist-model';
import { CHECKLIST_EVENTS } from '../../../contract/domain/checklist/checklist-events';
import { planNodeId } from '../../../contract/domain/plan/plan-model';
import { parseDuration } from '../playbooks/duration';
import type {
  EvidenceAddedData,
  ItemAddedData,
  ItemChanges,
  ItemDraft,
  ItemEditedData,
  ItemMovedData,
  ItemStatusChangedData,
  PhaseAddedData,
  TemplateAppliedData,
} from '../../../contract/domain/checklist/checklist-events';
import {
  addEvidenceInputSchema,
  addItemInputSchema,
  addPhaseInputSchema,
  applyTemplateInputSchema,
  changeStatusInputSchema,
  editItemInputSchema,
  moveItemInputSchema,
} from '../../../contract/domain/checklist/checklist-schemas';
import type {
  AddEvidenceInput,
  AddItemInput,
  AddPhaseInput,
  ApplyTemplateInput,
  ChangeStatusInput,
  EditItemInput,
  MoveItemInput,
} from '../../../contract/domain/checklist/checklist-schemas';
import { parseChecklistTemplate } from './checklist-template';
import type { ChecklistTemplate } from './checklist-template';
import { parseInput, uniqueSlug } from './parse-input';
import { checkStatusReason, judgeStatusChange, statusWords } from './status-rules';

/**
 * The checklist commands: validate input against the current state and return the
 * events to journal. Pure: no clock, no disk; ctx carries who and when.
 * Each throws WarRoomError with a message the release manager can act on.
 */

function requireItem(state: ChecklistState, itemId: string): ChecklistItem {
  const item = itemById(state, itemId);
  if (item === undefined)
    throw new WarRoomError('not-found', `There is no checklist item '${itemId}'; it may have been removed or renamed. Reload the checklist.`, [
      { field: 'itemId' },
    ]);
  return item;
}

function requirePhase(state: ChecklistState, phaseId: string, field: string): ChecklistPhase {
  const phase = state.phases.find((candidate) => candidate.id === phaseId);
  if (phase === undefined) throw new WarRoomError('not-found', `There is no checklist phase '${phaseId}'.`, [{ field }]);
  return phase;
}

function cleanOwner(owner: ItemOwner | undefined): ItemOwner {
  if (owner === undefined) return {};
  return { ...(owner.role === undefined ? {} : { role: owner.role }), ...(owner.person === undefined ? {} : { person: owner.person }) };
}

/** Add a phase (at the end unless a position is given). */
export function addPhase(state: ChecklistState, input: AddPhaseInput, _context: CommandContext): ChecklistEvent[] {
  const parsed = parseInput(addPhaseInputSchema, input, 'Cannot add the phase');
  if (state.phases.some((phase) => phase.title.toLowerCase() === parsed.title.toLowerCase())) {
    throw new WarRoomError('conflict', `A phase called '${parsed.title}' already exists.`, [{ field: 'title' }]);
  }
  const taken = new Set(state.phases.map((phase) => phase.id));
  if (parsed.id !== undefined && taken.has(parsed.id)) throw new WarRoomError('conflict', `A phase with id '${parsed.id}' already exists.`, [{ field: 'id' }]);
  const id = parsed.id ?? uniqueSlug(parsed.title, taken, 'phase');
  const position = Math.min(parsed.position ?? state.phases.length, state.phases.length);
  const data: PhaseAddedData = { phase: { id, title: parsed.title }, position };
  return [{ type: CHECKLIST_EVENTS.phaseAdded, data }];
}

/** Add an item to a phase (at the end unless a position is given). */
export function addItem(state: ChecklistState, input: AddItemInput, _context: CommandContext): ChecklistEvent[] {
  const parsed = parseInput(addItemInputSchema, input, 'Cannot add the checklist item');
  const phase = requirePhase(state, parsed.phaseId, 'phaseId');
  if (parsed.id !== undefined && itemById(state, parsed.id) !== undefined) {
    throw new WarRoomError('conflict', `A checklist item with id '${parsed.id}' already exists.`, [{ field: 'id' }]);
  }
  const item: ItemDraft = {
    id: parsed.id ?? uniqueSlug(parsed.title, new Set(Object.keys(state.items)), 'item'),
    phaseId: phase.id,
    title: parsed.title,
    detail: parsed.detail ?? '',
    owner: cleanOwner(parsed.owner),
    due: parsed.due === undefined || parsed.due === null ? null : normaliseDue(parsed.due),
    required: parsed.required ?? false,
  };
  const data: ItemAddedData = { item, position: Math.min(parsed.position ?? phase.itemIds.length, phase.itemIds.length) };
  return [{ type: CHECKLIST_EVENTS.itemAdded, data }];
}

/** Edit an item's title, detail, owner, due time or required flag; unchanged fields produce no event. */
export function editItem(state: ChecklistState, input: EditItemInput, _context: CommandContext): ChecklistEvent[] {
  const parsed = parseInput(editItemInputSchema, input, 'Cannot edit the checklist item');
  const item = requireItem(state, parsed.itemId);
  const changes: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  const consider = (key: keyof ItemChanges, next: unknown, current: unknown): void => {
    if (next === undefined || JSON.stringify(next) === JSON.stringify(current)) return;
    changes[key] = next;
    before[key] = current;
  };
  consider('title', parsed.title, item.title);
  consider('detail', parsed.detail, item.detail);
  consider('owner', parsed.owner === undefined ? undefined : cleanOwner(parsed.owner), cleanOwner(item.owner));
  consider('due', parsed.due === undefined ? undefined : parsed.due === null ? null : normaliseDue(parsed.due), item.due);
  consider('required', parsed.required, item.required);
  if (Object.keys(changes).length === 0) return [];
  const data: ItemEditedData = { itemId: item.id, changes: changes as ItemChanges, before: before as ItemChanges };
  return [{ type: CHECKLIST_EVENTS.itemEdited, data }];
}

/** Move an item within its phase or into another one; toIndex is the index in the target phase after the move. */
export function moveItem(state: ChecklistState, input: MoveItemInput, _context: CommandContext): ChecklistEvent[] {
  const parsed = parseInput(moveItemInputSchema, input, 'Cannot move the checklist item');
  const item = requireItem(state, parsed.itemId);
  const from = requirePhase(state, item.phaseId, 'itemId');
  const to = requirePhase(state, parsed.toPhaseId, 'toPhaseId');
  const fromIndex = from.itemIds.indexOf(item.id);
  const lastIndex = from.id === to.id ? to.itemIds.length - 1 : to.itemIds.length;
  if (parsed.toIndex > lastIndex) {
    throw new WarRoomError(
      'invalid-input',
      `Cannot move '${item.title}' to position ${parsed.toIndex + 1}: phase '${to.title}' would have only ${lastIndex + 1} items.`,
      [{ field: 'toIndex' }],
    );
  }
  if (from.id === to.id && fromIndex === parsed.toIndex) return [];
  const data: ItemMovedData = { itemId: item.id, fromPhaseId: from.id, fromIndex, toPhaseId: to.id, toIndex: parsed.toIndex };
  return [{ type: CHECKLIST_EVENTS.itemMoved, data }];
}

/** Change an item's status under the rules of status-rules.ts, with a reason and evidence. */
export function changeItemStatus(state: ChecklistState, input: ChangeStatusInput, _context: CommandContext): ChecklistEvent[] {
  const parsed = parseInput(changeStatusInputSchema, input, 'Cannot change the status');
  const item = requireItem(state, parsed.itemId);
  const verdict = judgeStatusChange(item.status, parsed.status);
  if (!verdict.allowed) {
    throw new WarRoomError('refused', `Cannot mark '${item.title}' ${statusWords(parsed.status)}: ${verdict.message ?? 'not allowed'}.`, [{ field: 'status' }]);
  }
  const reasonProblem = checkStatusReason(item.status, parsed.status, parsed.reason);
  if (reasonProblem !== null) {
    throw new WarRoomError('invalid-input', `Cannot mark '${item.title}' ${statusWords(parsed.status)}: ${reasonProblem}.`, [{ field: 'reason' }]);
  }
  const reason = parsed.reason?.trim() ?? '';
  const data: ItemStatusChangedData = {
    itemId: item.id,
    from: item.status,
    to: parsed.status,
    reason: reason === '' ? null : reason,
    evidence: (parsed.evidence ?? []).map((evidence) => ({ kind: evidence.kind, value: evidence.value })),
  };
  return [{ type: CHECKLIST_EVENTS.itemStatusChanged, data }];
}

/** Attach evidence (a note, a link, a file path) to an item, whatever its status. */
export function addEvidence(state: ChecklistState, input: AddEvidenceInput, _context: CommandContext): ChecklistEvent[] {
  const parsed = parseInput(addEvidenceInputSchema, input, 'Cannot add the evidence');
  const item = requireItem(state, parsed.itemId);
  const data: EvidenceAddedData = { itemId: item.id, evidence: { kind: parsed.evidence.kind, value: parsed.evidence.value } };
  return [{ type: CHECKLIST_EVENTS.evidenceAdded, data }];
}

/**
 * Apply a template (YAML text): a bad template throws with file, line and column and
 * returns no event, so nothing changes. 'append' adds items to phases of the same
 * title (creating missing phases); 'replace' starts over and is refused once work
 * has started (an item not to do, or with evidence), so no progress is thrown away.
 */
export function applyTemplate(state: ChecklistState, input: ApplyTemplateInput, _context: CommandContext): ChecklistEvent[] {
  const parsed = parseInput(applyTemplateInputSchema, input, 'Cannot apply the template');
  const template = parseChecklistTemplate(parsed.source, parsed.file);
  if (parsed.mode === 'replace') {
    const started = Object.values(state.items).find((item) => item.status !== 'todo' || item.evidence.length > 0);
    if (started !== undefined) {
      throw new WarRoomError(
        'refused',
        `Cannot replace the checklist with template ${parsed.file}: work has started ('${started.title}' is ${statusWords(started.status)}). Append the template instead.`,
        [{ field: 'mode' }],
      );
    }
  }
  const data = planTemplate(parsed.mode === 'replace' ? { phases: [], items: {}, templates: [] } : state, template, parsed.file, parsed.mode);
  return [{ type: CHECKLIST_EVENTS.templateApplied, data }];
}

/** Work out which phases a template creates and the ids of its items, unique against the checklist. */
export function planTemplate(state: ChecklistState, template: ChecklistTemplate, file: string, mode: 'append' | 'replace'): TemplateAppliedData {
  const phaseIds = new Set(state.phases.map((phase) => phase.id));
  const itemIds = new Set(Object.keys(state.items));
  const phases: { id: string; title: string }[] = [];
  const items: ItemDraft[] = [];
  // Template ids may be renamed to stay unique; dependencies follow the rename.
  const idOf = new Map<string, string>();
  const waits: { id: string; dependsOn: readonly string[]; duration: string | undefined }[] = [];
  for (const templatePhase of template.phases) {
    let phaseId = state.phases.find((phase) => phase.title.toLowerCase() === templatePhase.title.toLowerCase())?.id;
    if (phaseId === undefined) {
      phaseId = templatePhase.id !== undefined && !phaseIds.has(templatePhase.id) ? templatePhase.id : uniqueSlug(templatePhase.title, phaseIds, 'phase');
      phaseIds.add(phaseId);
      phases.push({ id: phaseId, title: templatePhase.title });
    }
    for (const templateItem of templatePhase.items) {
      const id =
        templateItem.id !== undefined && !itemIds.has(templateItem.id) ? templateItem.id : uniqueSlug(templateItem.id ?? templateItem.title, itemIds, 'item');
      itemIds.add(id);
      if (templateItem.id !== undefined) idOf.set(templateItem.id, id);
      if (templateItem.dependsOn !== undefined || templateItem.duration !== undefined)
        waits.push({ id, dependsOn: templateItem.dependsOn ?? [], duration: templateItem.duration });
      items.push({
        id,
        phaseId,
        title: templateItem.title,
        detail: templateItem.detail ?? '',
        owner: cleanOwner(templateItem.owner),
        due: templateItem.due ?? null,
        required: templateItem.required ?? false,
      });
    }
  }
  const plan = waits.map((wait) => ({
    nodeId: planNodeId.item(wait.id),
    dependsOn: wait.dependsOn.flatMap((dependency) => {
      const id = idOf.get(dependency);
      return id === undefined ? [] : [planNodeId.item(id)];
    }),
    plannedMs: wait.duration === undefined ? null : (parseDuration(wait.duration) ?? null),
  }));
  return { template: { name: template.name, file }, mode, phases, items, ...(plan.length > 0 ? { plan } : {}) };
}
