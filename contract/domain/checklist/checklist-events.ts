import { z } from 'zod';
import { EVIDENCE_KINDS, ITEM_STATUSES, type ItemOwner } from './checklist-model';
import { eventParser, type AppliedUnion, type EventUnion } from '../journal/typed-events';

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

const ownerSchema = z.object({ role: z.string().optional(), person: z.string().optional() }).readonly() satisfies z.ZodType<ItemOwner>;
const evidenceSchema = z.object({ kind: z.enum(EVIDENCE_KINDS), value: z.string() }).readonly();
const phaseSchema = z.object({ id: z.string(), title: z.string() }).readonly();

/** An item as a command describes it, before the reducer stamps status and authorship. */
const itemDraftSchema = z
  .object({
    id: z.string(),
    phaseId: z.string(),
    title: z.string(),
    detail: z.string(),
    owner: ownerSchema,
    due: z.string().nullable(),
    required: z.boolean(),
  })
  .readonly();

/** The fields an edit may change. */
const itemChangesSchema = z
  .object({
    title: z.string().optional(),
    detail: z.string().optional(),
    owner: ownerSchema.optional(),
    due: z.string().nullable().optional(),
    required: z.boolean().optional(),
  })
  .readonly();

/** The data of each checklist event, as journaled: the one description of its shape. */
export const checklistEventDataSchemas = {
  [CHECKLIST_EVENTS.phaseAdded]: z.object({ phase: phaseSchema, position: z.number().int() }).readonly(),
  [CHECKLIST_EVENTS.itemAdded]: z.object({ item: itemDraftSchema, position: z.number().int() }).readonly(),
  [CHECKLIST_EVENTS.itemEdited]: z
    .object({
      itemId: z.string(),
      changes: itemChangesSchema,
      /** The same fields before the edit, for the timeline. */
      before: itemChangesSchema,
    })
    .readonly(),
  [CHECKLIST_EVENTS.itemMoved]: z
    .object({ itemId: z.string(), fromPhaseId: z.string(), fromIndex: z.number().int(), toPhaseId: z.string(), toIndex: z.number().int() })
    .readonly(),
  [CHECKLIST_EVENTS.itemStatusChanged]: z
    .object({
      itemId: z.string(),
      from: z.enum(ITEM_STATUSES),
      to: z.enum(ITEM_STATUSES),
      reason: z.string().nullable(),
      evidence: z.array(evidenceSchema).readonly(),
    })
    .readonly(),
  [CHECKLIST_EVENTS.evidenceAdded]: z.object({ itemId: z.string(), evidence: evidenceSchema }).readonly(),
  [CHECKLIST_EVENTS.templateApplied]: z
    .object({
      template: z.object({ name: z.string(), file: z.string() }).readonly(),
      mode: z.enum(['append', 'replace']),
      /** Phases created by the template (phases with an existing title are reused). */
      phases: z.array(phaseSchema).readonly(),
      items: z.array(itemDraftSchema).readonly(),
      /** Durations and dependencies the template gives its items (plan node ids); read by the plan slice. */
      plan: z
        .array(z.object({ nodeId: z.string(), dependsOn: z.array(z.string()).readonly(), plannedMs: z.number().nullable() }).readonly())
        .readonly()
        .optional(),
    })
    .readonly(),
} as const;

type Data<Type extends keyof typeof checklistEventDataSchemas> = z.output<(typeof checklistEventDataSchemas)[Type]>;
export type ItemDraft = z.output<typeof itemDraftSchema>;
export type EvidenceData = z.output<typeof evidenceSchema>;
export type ItemChanges = z.output<typeof itemChangesSchema>;
export type PhaseAddedData = Data<typeof CHECKLIST_EVENTS.phaseAdded>;
export type ItemAddedData = Data<typeof CHECKLIST_EVENTS.itemAdded>;
export type ItemEditedData = Data<typeof CHECKLIST_EVENTS.itemEdited>;
export type ItemMovedData = Data<typeof CHECKLIST_EVENTS.itemMoved>;
export type ItemStatusChangedData = Data<typeof CHECKLIST_EVENTS.itemStatusChanged>;
export type EvidenceAddedData = Data<typeof CHECKLIST_EVENTS.evidenceAdded>;
export type TemplateAppliedData = Data<typeof CHECKLIST_EVENTS.templateApplied>;

/** A checklist event as a command produces it: narrow on `type` to get its data. */
export type ChecklistEvent = EventUnion<typeof checklistEventDataSchemas>;
export type AppliedChecklistEvent = AppliedUnion<ChecklistEvent>;

/** The typed checklist event of a journal event: null for another area's or an unknown type; throws (corrupt) when the data does not fit. */
export const parseChecklistEvent = eventParser(checklistEventDataSchemas);
