/**
 * The checklist slice of a release: plain readonly JSON (no classes, no Dates).
 *
 * Phases are ordered and each holds the ordered ids of its items; items live in one
 * record keyed by id so that toggling one item copies one small object, not the list
 * (a release may carry 2,000 items). Detail is markdown source; it is sanitised where
 * it is rendered, never here.
 */

/** The statuses an item moves through; see status-rules.ts for the legal moves. */
export const ITEM_STATUSES = ['todo', 'in-progress', 'done', 'blocked', 'not-applicable'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Statuses that still need work: an item in one of these can be overdue or hold a gate. */
export const OPEN_STATUSES: readonly ItemStatus[] = ['todo', 'in-progress', 'blocked'];

/** Kinds of evidence: a note typed in, a link (ticket, dashboard), a file path on disk. */
export const EVIDENCE_KINDS = ['note', 'link', 'file'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Something that shows an item was done, kept for the report. */
export interface Evidence {
  readonly kind: EvidenceKind;
  readonly value: string;
  /** Who added it and when (from the journal event). */
  readonly addedBy: string;
  readonly addedAt: string;
}

/** Who owns an item: a role ("Release manager"), a person, or both. */
export interface ItemOwner {
  readonly role?: string;
  readonly person?: string;
}

export interface ChecklistItem {
  readonly id: string;
  readonly phaseId: string;
  readonly title: string;
  /** Markdown source. */
  readonly detail: string;
  readonly owner: ItemOwner;
  /** Canonical due text relative to T-0 (see due-offset.ts), or null when not time-bound. */
  readonly due: string | null;
  readonly required: boolean;
  readonly status: ItemStatus;
  /** Why an item is blocked or not applicable, or why it was reopened; null otherwise. */
  readonly statusReason: string | null;
  readonly evidence: readonly Evidence[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

export interface ChecklistPhase {
  readonly id: string;
  readonly title: string;
  readonly itemIds: readonly string[];
}

/** Where a template came from, for the report. */
export interface AppliedTemplate {
  readonly name: string;
  readonly file: string;
  readonly appliedBy: string;
  readonly appliedAt: string;
}

export interface ChecklistState {
  readonly phases: readonly ChecklistPhase[];
  readonly items: Readonly<Record<string, ChecklistItem>>;
  readonly templates: readonly AppliedTemplate[];
}

/**
 * The item with this id, or undefined. Ids come from outside (templates, requests), so an
 * id like "constructor" or "toString" must not find what every object inherits.
 */
export function itemById(state: Pick<ChecklistState, 'items'>, id: string): ChecklistItem | undefined {
  return Object.hasOwn(state.items, id) ? state.items[id] : undefined;
}

/** The empty checklist of a new release. */
export function initialChecklistState(): ChecklistState {
  return { phases: [], items: {}, templates: [] };
}

/** The items of the checklist in display order (phase by phase). */
export function orderedItems(state: ChecklistState): ChecklistItem[] {
  return state.phases.flatMap((phase) => phase.itemIds.map((id) => itemById(state, id)).filter((item): item is ChecklistItem => item !== undefined));
}
