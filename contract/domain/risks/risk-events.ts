/**
 * The `risks` slice of a release's state and the events that change it: the vocabulary the
 * reducer (main/core/risks), the queries and the renderer share.
 */
import { z } from 'zod';
import type { AppliedEvent, DomainEvent } from '../release/domain-event';
import { eventParser, type AppliedUnion, type EventUnion } from '../journal/typed-events';
import { RISK_BANDS, RISK_CATEGORIES, RISK_STATUSES, type Risk, type RiskAcceptance, type RiskContingency, type RiskEditableField } from './risk-model';

export interface RisksState {
  /** In creation order (the order of the register), deleted risks removed. */
  readonly risks: readonly Risk[];
  /** The number the next new risk gets: one past the highest ever used, so ids are never reused. */
  readonly nextNumber: number;
}

/** A journal event as the framework hands it to reducers. */
export type JournalEventLike = AppliedEvent;
export type { DomainEvent };

/** The event types the risks slice owns. */
export const RISK_EVENT_TYPES = {
  added: 'risks.added',
  updated: 'risks.updated',
  statusChanged: 'risks.status-changed',
  /** A status change to occurred: the timeline shows it as an incident marker. */
  occurred: 'risks.occurred',
  deleted: 'risks.deleted',
  imported: 'risks.imported',
} as const;

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

/** One changed field, with its value before and after (for the history). */
export type RiskFieldChange = z.output<typeof fieldChangeSchema>;

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

type Data<Type extends keyof typeof riskEventDataSchemas> = z.output<(typeof riskEventDataSchemas)[Type]>;
export type RiskAddedData = Data<typeof RISK_EVENT_TYPES.added>;
export type RiskUpdatedData = Data<typeof RISK_EVENT_TYPES.updated>;
export type RiskStatusChangedData = Data<typeof RISK_EVENT_TYPES.statusChanged>;
export type RiskOccurredData = Data<typeof RISK_EVENT_TYPES.occurred>;
export type RiskDeletedData = Data<typeof RISK_EVENT_TYPES.deleted>;
export type RiskImportedData = Data<typeof RISK_EVENT_TYPES.imported>;

/** A risks event as a command produces it: narrow on `type` to get its data. */
export type RiskEvent = EventUnion<typeof riskEventDataSchemas>;
export type AppliedRiskEvent = AppliedUnion<RiskEvent>;

/** The typed risks event of a journal event: null for another area's or an unknown type; throws (corrupt) when the data does not fit. */
export const parseRiskEvent = eventParser(riskEventDataSchemas);
