import type { EvidenceKind, ItemOwner, ItemStatus } from './checklist-model';

/**
 * The event types the checklist slice owns and the data each carries.
 *
 * Events are self-contained (an added item carries every field) so the reducer needs
 * nothing but the event, and the report can print the timeline from the journal alone.
 * Who and when come from the journal entry (actor, ts), never from the data.
 */
export const CHECKLIST_EVENTS = {
  phaseAdded: 'checklist.phase-added',
  itemAdded: 'checklist.item-added',
  itemEdited: 'checklist.item-edited',
  itemMoved: 'checklist.item-moved',
  itemStatusChanged: 'checklist.item-status-changed',
  evidenceAdded: 'checklist.evidence-added',
  templateApplied: 'checklist.template-applied',
} as const;

/** An item as a command describes it, before the reducer stamps status and authorship. */
export interface ItemDraft {
  readonly id: string;
  readonly phaseId: string;
  readonly title: string;
  readonly detail: string;
  readonly owner: ItemOwner;
  readonly due: string | null;
  readonly required: boolean;
}

export interface EvidenceData {
  readonly kind: EvidenceKind;
  readonly value: string;
}

export interface PhaseAddedData {
  readonly phase: { readonly id: string; readonly title: string };
  readonly position: number;
}

export interface ItemAddedData {
  readonly item: ItemDraft;
  readonly position: number;
}

/** The fields an edit may change. */
export interface ItemChanges {
  readonly title?: string;
  readonly detail?: string;
  readonly owner?: ItemOwner;
  readonly due?: string | null;
  readonly required?: boolean;
}

export interface ItemEditedData {
  readonly itemId: string;
  readonly changes: ItemChanges;
  /** The same fields before the edit, for the timeline. */
  readonly before: ItemChanges;
}

export interface ItemMovedData {
  readonly itemId: string;
  readonly fromPhaseId: string;
  readonly fromIndex: number;
  readonly toPhaseId: string;
  readonly toIndex: number;
}

export interface ItemStatusChangedData {
  readonly itemId: string;
  readonly from: ItemStatus;
  readonly to: ItemStatus;
  readonly reason: string | null;
  readonly evidence: readonly EvidenceData[];
}

export interface EvidenceAddedData {
  readonly itemId: string;
  readonly evidence: EvidenceData;
}

export interface TemplateAppliedData {
  readonly template: { readonly name: string; readonly file: string };
  readonly mode: 'append' | 'replace';
  /** Phases created by the template (phases with an existing title are reused). */
  readonly phases: readonly { readonly id: string; readonly title: string }[];
  readonly items: readonly ItemDraft[];
  /** Durations and dependencies the template gives its items (plan node ids); read by the plan slice. */
  readonly plan?: readonly { readonly nodeId: string; readonly dependsOn: readonly string[]; readonly plannedMs: number | null }[];
}
