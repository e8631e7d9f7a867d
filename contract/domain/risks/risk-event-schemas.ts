/**
 * The zod schemas of the risks events, for main to read journal lines through (the
 * renderer never parses: it receives events main has read, and zod stays out of its bundle).
 */
import { z } from 'zod';
import { eventParser } from '../journal/typed-events';
import { RISK_BANDS, RISK_CATEGORIES, RISK_STATUSES, type Risk, type RiskAcceptance, type RiskContingency, type RiskEditableField } from './risk-model';
import { RISK_EVENT_TYPES } from './risk-event-types';

/** Plan B as journaled. */
const contingencySchema = z
  .object({ plan: z.string(), playbook: z.string().nullable(), step: z.string().nullable() })
  .readonly() satisfies z.ZodType<RiskContingency>;
const acceptanceSchema = z.object({ by: z.string(), reason: z.string(), at: z.string() }).readonly() satisfies z.ZodType<RiskAcceptance>;
const level = z.number().int();

/**
 * A risk as journaled. Shapes, not the input rules (lengths, one-line titles): those were
 * checked when the risk was made, and a journal written under other limits still reads.
 */
const journaledRiskSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    category: z.enum(RISK_CATEGORIES),
    likelihood: level,
    impact: level,
    owner: z.string(),
    trigger: z.string(),
    mitigation: z.string(),
    contingency: contingencySchema,
    residualLikelihood: level.nullable(),
    residualImpact: level.nullable(),
    reviewDate: z.string().nullable(),
    status: z.enum(RISK_STATUSES),
    acceptance: acceptanceSchema.nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
  })
  .readonly() satisfies z.ZodType<Risk>;

/** One changed field with its value before and after, typed by the field (for the history). */
function change<Field extends RiskEditableField>(field: Field, value: z.ZodType<Risk[Field]>) {
  return z.object({ field: z.literal(field), before: value, after: value }).readonly();
}

const fieldChangeSchema = z.discriminatedUnion('field', [
  change('title', z.string()),
  change('description', z.string()),
  change('category', z.enum(RISK_CATEGORIES)),
  change('likelihood', level),
  change('impact', level),
  change('owner', z.string()),
  change('trigger', z.string()),
  change('mitigation', z.string()),
  change('contingency', contingencySchema),
  change('residualLikelihood', level.nullable()),
  change('residualImpact', level.nullable()),
  change('reviewDate', z.string().nullable()),
]);

const statusChangedSchema = z
  .object({
    id: z.string(),
    from: z.enum(RISK_STATUSES),
    to: z.enum(RISK_STATUSES),
    note: z.string().nullable(),
    /** Set when `to` is accepted: who accepted and why. */
    acceptance: acceptanceSchema.nullable(),
  })
  .readonly();

/** The data of each risks event, as journaled: the one description of its shape. */
export const riskEventDataSchemas = {
  [RISK_EVENT_TYPES.added]: z.object({ risk: journaledRiskSchema }).readonly(),
  [RISK_EVENT_TYPES.updated]: z.object({ id: z.string(), changes: z.array(fieldChangeSchema).readonly() }).readonly(),
  [RISK_EVENT_TYPES.statusChanged]: statusChangedSchema,
  /** The incident marker: enough for the timeline and to offer the plan B playbook. */
  [RISK_EVENT_TYPES.occurred]: statusChangedSchema
    .unwrap()
    .extend({
      to: z.literal('occurred'),
      marker: z.literal('incident'),
      title: z.string(),
      score: z.number(),
      band: z.enum(RISK_BANDS),
      owner: z.string(),
      contingency: contingencySchema,
    })
    .readonly(),
  [RISK_EVENT_TYPES.deleted]: z
    .object({
      id: z.string(),
      reason: z.string().nullable(),
      /** The risk as it was, so the history and the report keep it. */
      before: journaledRiskSchema,
    })
    .readonly(),
  [RISK_EVENT_TYPES.imported]: z
    .object({
      format: z.enum(['csv', 'json']),
      risks: z.array(journaledRiskSchema).readonly(),
      /** Rows whose id was already used in this register got a new one. */
      renumbered: z.array(z.object({ from: z.string(), to: z.string() }).readonly()).readonly(),
      /** Bad rows of the preview that were left out. */
      skippedBadRows: z.number().int(),
      /** The register's next number afterwards (at least one past every imported id). */
      nextNumber: z.number().int(),
    })
    .readonly(),
} as const;

/** The typed risks event of a journal event: null for another area's or an unknown type; throws (corrupt) when the data does not fit. */
export const parseRiskEvent = eventParser(riskEventDataSchemas);
