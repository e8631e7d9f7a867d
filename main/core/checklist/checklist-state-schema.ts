import { z } from 'zod';
import { EVIDENCE_KINDS, ITEM_STATUSES, itemById } from '../../../contract/domain/checklist/checklist-model';
import type { ChecklistState } from '../../../contract/domain/checklist/checklist-model';
import { checklistIdSchema, dueSchema } from '../../../contract/domain/checklist/checklist-schemas';

/**
 * The zod schema of the checklist slice as stored in release.json.
 *
 * Why: release.json is rewritten often and read back on start; a hand-edited or torn
 * file must be recognised as corrupt (and rebuilt from the journal) rather than loaded
 * half-right. Cross-references (every phase's item exists, every item sits in exactly
 * the phase it names) are checked too.
 */
const evidenceSchema = z.object({ kind: z.enum(EVIDENCE_KINDS), value: z.string(), addedBy: z.string(), addedAt: z.string() });

const itemSchema = z.object({
  id: checklistIdSchema,
  phaseId: checklistIdSchema,
  title: z.string(),
  detail: z.string(),
  owner: z.object({ role: z.string().optional(), person: z.string().optional() }),
  due: dueSchema.nullable(),
  required: z.boolean(),
  status: z.enum(ITEM_STATUSES),
  statusReason: z.string().nullable(),
  evidence: z.array(evidenceSchema),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

export const checklistStateSchema = z
  .object({
    phases: z.array(z.object({ id: checklistIdSchema, title: z.string(), itemIds: z.array(checklistIdSchema) })),
    items: z.record(z.string(), itemSchema),
    templates: z.array(z.object({ name: z.string(), file: z.string(), appliedBy: z.string(), appliedAt: z.string() })),
  })
  .superRefine((state, context) => {
    const placed = new Map<string, string>();
    state.phases.forEach((phase, phaseIndex) => {
      phase.itemIds.forEach((itemId, itemIndex) => {
        const item = itemById(state, itemId);
        const path = ['phases', phaseIndex, 'itemIds', itemIndex];
        if (item === undefined) context.addIssue({ code: 'custom', path, message: `item '${itemId}' is listed but missing` });
        else if (item.phaseId !== phase.id) context.addIssue({ code: 'custom', path, message: `item '${itemId}' says it belongs to phase '${item.phaseId}'` });
        if (placed.has(itemId)) context.addIssue({ code: 'custom', path, message: `item '${itemId}' is listed twice` });
        placed.set(itemId, phase.id);
      });
    });
    for (const [key, item] of Object.entries(state.items)) {
      if (key !== item.id) context.addIssue({ code: 'custom', path: ['items', key, 'id'], message: `is '${item.id}' under key '${key}'` });
      if (!placed.has(key)) context.addIssue({ code: 'custom', path: ['items', key], message: 'is in no phase' });
    }
  });

/** True when data is a well-formed checklist slice; use checklistStateSchema.safeParse for the reasons. */
export function isChecklistState(data: unknown): data is ChecklistState {
  return checklistStateSchema.safeParse(data).success;
}
