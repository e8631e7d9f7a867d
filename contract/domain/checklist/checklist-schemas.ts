import { z } from 'zod';
import { dueOffsetProblem } from './due-offset';
import { EVIDENCE_KINDS, ITEM_STATUSES } from './checklist-model';

/**
 * Input shapes of the checklist commands and the pieces templates share.
 *
 * Exported so the contract layer validates requests from the (untrusted) renderer with
 * the same schemas the commands use; the commands still check the input against the
 * current state (an item must exist, a move must land inside a phase...).
 */

const CHECKLIST_LIMITS = {
  /** A title is one line on a checklist row; longer is a paste accident. */
  titleLength: 200,
  /** Detail is a few paragraphs of markdown; 20k keeps release.json small. */
  detailLength: 20_000,
  /** Names of roles and people. */
  nameLength: 100,
  /** Evidence is a note, a link or a path, not a log dump (logs go to runs/). */
  evidenceLength: 4_000,
  /** Reasons are a sentence or two. */
  reasonLength: 2_000,
  /** Ids appear in URLs, file names and events. */
  idLength: 80,
  /** A template is a file a person edits; far more is a mistake or an attack. */
  templateSourceLength: 1_000_000,
} as const;

/** Ids of phases and items: lowercase words joined by dashes ("rollback-rehearsed"). */
export const checklistIdSchema = z
  .string()
  .regex(new RegExp(`^[a-z0-9][a-z0-9-]{0,${CHECKLIST_LIMITS.idLength - 1}}$`), 'must be lowercase letters, digits and dashes, like rollback-rehearsed');

const titleSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(CHECKLIST_LIMITS.titleLength, `must be at most ${CHECKLIST_LIMITS.titleLength} characters`);
const detailSchema = z.string().max(CHECKLIST_LIMITS.detailLength, `must be at most ${CHECKLIST_LIMITS.detailLength} characters`);
const nameSchema = z.string().trim().min(1, 'must not be empty').max(CHECKLIST_LIMITS.nameLength, `must be at most ${CHECKLIST_LIMITS.nameLength} characters`);

/** A reason a person writes (blocked, not applicable, reopened, override). */
export const reasonSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(CHECKLIST_LIMITS.reasonLength, `must be at most ${CHECKLIST_LIMITS.reasonLength} characters`);

export const ownerSchema = z.strictObject({ role: nameSchema.optional(), person: nameSchema.optional() });

/** Due text relative to T-0, checked with the same rules as parseDueOffset. */
export const dueSchema = z.string().superRefine((text, context) => {
  const problem = dueOffsetProblem(text);
  if (problem !== null) context.addIssue({ code: 'custom', message: problem });
});

export const evidenceInputSchema = z
  .strictObject({
    kind: z.enum(EVIDENCE_KINDS),
    value: z.string().trim().min(1, 'must not be empty').max(CHECKLIST_LIMITS.evidenceLength, `must be at most ${CHECKLIST_LIMITS.evidenceLength} characters`),
  })
  .superRefine((evidence, context) => {
    if (evidence.kind === 'link' && !/^https?:\/\/\S+$/i.test(evidence.value)) {
      context.addIssue({ code: 'custom', path: ['value'], message: 'a link must start with http:// or https://' });
    }
  });
export type EvidenceInput = z.infer<typeof evidenceInputSchema>;

export const addPhaseInputSchema = z.strictObject({
  id: checklistIdSchema.optional(),
  title: titleSchema,
  /** Index among phases; at the end when absent. */
  position: z.number().int().min(0).optional(),
});
export type AddPhaseInput = z.infer<typeof addPhaseInputSchema>;

export const addItemInputSchema = z.strictObject({
  phaseId: checklistIdSchema,
  id: checklistIdSchema.optional(),
  title: titleSchema,
  detail: detailSchema.optional(),
  owner: ownerSchema.optional(),
  due: dueSchema.nullable().optional(),
  required: z.boolean().optional(),
  /** Index inside the phase; at the end when absent. */
  position: z.number().int().min(0).optional(),
});
export type AddItemInput = z.infer<typeof addItemInputSchema>;

export const editItemInputSchema = z
  .strictObject({
    itemId: checklistIdSchema,
    title: titleSchema.optional(),
    detail: detailSchema.optional(),
    owner: ownerSchema.optional(),
    due: dueSchema.nullable().optional(),
    required: z.boolean().optional(),
  })
  .refine((input) => ['title', 'detail', 'owner', 'due', 'required'].some((key) => key in input), 'say what to change: title, detail, owner, due or required');
export type EditItemInput = z.infer<typeof editItemInputSchema>;

export const moveItemInputSchema = z.strictObject({
  itemId: checklistIdSchema,
  toPhaseId: checklistIdSchema,
  toIndex: z.number().int().min(0),
});
export type MoveItemInput = z.infer<typeof moveItemInputSchema>;

export const changeStatusInputSchema = z.strictObject({
  itemId: checklistIdSchema,
  status: z.enum(ITEM_STATUSES),
  reason: z.string().max(CHECKLIST_LIMITS.reasonLength).optional(),
  evidence: z.array(evidenceInputSchema).max(20).optional(),
});
export type ChangeStatusInput = z.infer<typeof changeStatusInputSchema>;

export const addEvidenceInputSchema = z.strictObject({
  itemId: checklistIdSchema,
  evidence: evidenceInputSchema,
});
export type AddEvidenceInput = z.infer<typeof addEvidenceInputSchema>;

export const applyTemplateInputSchema = z.strictObject({
  /** The file name shown in errors and in the report. */
  file: z.string().min(1).max(500),
  /** The YAML text of the template. */
  source: z.string().max(CHECKLIST_LIMITS.templateSourceLength, `a template must be at most ${CHECKLIST_LIMITS.templateSourceLength} characters`),
  /** append: phases with the same title gain the items; replace: only while no work has started. */
  mode: z.enum(['append', 'replace']).default('append'),
});
export type ApplyTemplateInput = z.input<typeof applyTemplateInputSchema>;

/** Shared pieces, reused by the template schema. */
export const checklistFieldSchemas = { title: titleSchema, detail: detailSchema, name: nameSchema } as const;
