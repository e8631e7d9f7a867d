/**
 * Zod schemas of the risk register: the stored risk and the inputs of its commands.
 *
 * The contract layer reuses the input schemas to validate requests from the (untrusted)
 * renderer; the commands parse with them too, so a direct caller gets the same checks.
 */
import { z } from 'zod';
import { WarRoomError } from '../errors';
import type { RiskEditableField } from './risk-model';
import { RISK_CATEGORIES, RISK_SCORING, RISK_STATUSES } from './risk-model';

/** Text limits: generous for a spreadsheet cell, small enough to keep release.json small. */
export const RISK_TEXT_LIMITS = {
  /** A title is a line in a table and a tooltip in the heat map. */
  title: 200,
  /** Description, trigger, mitigation, plan B: a few paragraphs at most. */
  longText: 5000,
  /** Owner, accepted-by, playbook and step references: names, not prose. */
  name: 200,
} as const;

export const riskLevelSchema = z
  .number()
  .int('must be a whole number from 1 to 5')
  .min(RISK_SCORING.minLevel, 'must be from 1 to 5')
  .max(RISK_SCORING.maxLevel, 'must be from 1 to 5');

export const riskCategorySchema = z.enum(RISK_CATEGORIES);
export const riskStatusSchema = z.enum(RISK_STATUSES);
export const riskIdSchema = z.string().regex(/^R-[1-9][0-9]{0,8}$/, 'must be a risk id like R-12');

/** One line: a line break pasted from a spreadsheet cell becomes a space. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

const titleSchema = z.string().transform(oneLine).pipe(z.string().min(1, 'must not be empty').max(RISK_TEXT_LIMITS.title));
/** Prose; line breaks stored as \n only, so text from Windows, a textarea or a CSV compares equal. */
const longTextSchema = z
  .string()
  .max(RISK_TEXT_LIMITS.longText)
  .transform((text) => text.replace(/\r\n?/g, '\n'));
const nameSchema = z.string().transform(oneLine).pipe(z.string().max(RISK_TEXT_LIMITS.name));
const requiredNameSchema = z.string().transform(oneLine).pipe(z.string().min(1, 'must not be empty').max(RISK_TEXT_LIMITS.name));

/**
 * True when YYYY-MM-DD names a day that exists (no 30 February, 29 February only in leap
 * years). Plain arithmetic rather than luxon: it runs for every row of a 5,000-row import.
 */
export function isCalendarDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** A calendar date YYYY-MM-DD that exists (no 30 February). */
export const riskReviewDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-31')
  .refine(isCalendarDate, 'is not a real calendar date');

export const riskContingencySchema = z.strictObject({
  plan: longTextSchema,
  // An empty reference is no reference: '' and null would otherwise differ after a CSV round trip.
  playbook: nameSchema.nullable().transform((name) => (name === '' ? null : name)),
  step: nameSchema.nullable().transform((name) => (name === '' ? null : name)),
});

export const riskAcceptanceSchema = z.strictObject({
  by: requiredNameSchema,
  reason: z.string().min(1).max(RISK_TEXT_LIMITS.longText),
  at: z.string(),
});

/** The fields a user edits directly, with their rules (shared by the stored risk and by updates). */
const editableShape = {
  title: titleSchema,
  description: longTextSchema,
  category: riskCategorySchema,
  likelihood: riskLevelSchema,
  impact: riskLevelSchema,
  owner: nameSchema,
  trigger: longTextSchema,
  mitigation: longTextSchema,
  contingency: riskContingencySchema,
  residualLikelihood: riskLevelSchema.nullable(),
  residualImpact: riskLevelSchema.nullable(),
  reviewDate: riskReviewDateSchema.nullable(),
} satisfies Record<RiskEditableField, z.ZodType>;

/** A stored risk, as in the state and in a JSON export: the editable fields plus id, status and audit. */
export const riskSchema = z.strictObject({
  id: riskIdSchema,
  ...editableShape,
  status: riskStatusSchema,
  acceptance: riskAcceptanceSchema.nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});

/** Quick add: a title, likelihood and impact are enough; the rest can follow. */
export const addRiskInputSchema = z.strictObject({
  title: titleSchema,
  description: longTextSchema.default(''),
  category: riskCategorySchema.default('technical'),
  likelihood: riskLevelSchema,
  impact: riskLevelSchema,
  owner: nameSchema.default(''),
  trigger: longTextSchema.default(''),
  mitigation: longTextSchema.default(''),
  contingency: riskContingencySchema.default({ plan: '', playbook: null, step: null }),
  residualLikelihood: riskLevelSchema.nullable().default(null),
  residualImpact: riskLevelSchema.nullable().default(null),
  reviewDate: riskReviewDateSchema.nullable().default(null),
});
export type AddRiskInput = z.input<typeof addRiskInputSchema>;

/** Change some editable fields of a risk; status moves go through transitionRisk. */
export const updateRiskInputSchema = z.strictObject({
  id: riskIdSchema,
  changes: z.strictObject(editableShape).partial(),
});
export type UpdateRiskInput = z.input<typeof updateRiskInputSchema>;

/** Move a risk in its lifecycle. Accepting needs a reason; acceptedBy defaults to the actor. */
export const transitionRiskInputSchema = z.strictObject({
  id: riskIdSchema,
  to: riskStatusSchema,
  note: longTextSchema.optional(),
  acceptedBy: requiredNameSchema.optional(),
  reason: longTextSchema.optional(),
});
export type TransitionRiskInput = z.input<typeof transitionRiskInputSchema>;

/** Remove a risk entered by mistake. Its id is never given out again. */
export const deleteRiskInputSchema = z.strictObject({
  id: riskIdSchema,
  reason: longTextSchema.optional(),
});
export type DeleteRiskInput = z.input<typeof deleteRiskInputSchema>;

/** Close a risk that no longer applies (a transition to closed, with a note). */
export const closeRiskInputSchema = z.strictObject({
  id: riskIdSchema,
  note: longTextSchema.optional(),
});
export type CloseRiskInput = z.input<typeof closeRiskInputSchema>;

/**
 * Parse a command input with its schema, or throw a WarRoomError naming each bad field.
 *
 * Why: the renderer is untrusted and the message must tell a release manager which field
 * to fix ("likelihood: must be from 1 to 5"), not dump a zod issue list.
 */
export function parseRiskInput<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const described = issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`);
  throw new WarRoomError(
    'invalid-input',
    `${what}: ${described.join('; ')}`,
    issues.map((issue) => ({ field: issue.path.join('.') })),
  );
}
