import { z } from 'zod';
import { IMPACT_LEVELS, ISSUE_REMEDIES, ISSUE_SEVERITIES, ISSUE_SOURCES, ISSUE_STATES, SLA_CLOCKS } from './hypercare-model';

const text = (max: number) => z.string().trim().max(max);
const level = z.union(IMPACT_LEVELS.map((value) => z.literal(value)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>]);
export const issueIdSchema = z.string().regex(/^ISS-\d+$/, 'must be an issue id like ISS-3');

export const issueLinksSchema = z
  .object({
    risk: z
      .string()
      .regex(/^R-\d+$/, 'must be a risk id like R-2')
      .nullable()
      .default(null),
    incident: z
      .string()
      .regex(/^INC-\d+$/, 'must be an incident id like INC-1')
      .nullable()
      .default(null),
    step: text(200).min(1).nullable().default(null),
  })
  .strict();

export const remedySchema = z
  .object({
    kind: z.enum(ISSUE_REMEDIES),
    reason: text(2000).min(1, 'a remedy needs a reason'),
  })
  .strict();

/** A new post-release issue, from the board, the quick-add or a participant's page. */
export const issueLogSchema = z
  .object({
    title: text(300).min(1, 'must not be empty'),
    source: z.enum(ISSUE_SOURCES),
    reporter: text(120).default(''),
    customer: text(120).default(''),
    environment: text(80).default('production'),
    severity: z.enum(ISSUE_SEVERITIES),
    impact: level.default(2),
    urgency: level.default(2),
    links: issueLinksSchema.default({ risk: null, incident: null, step: null }),
    pod: text(80).min(1).nullable().default(null),
  })
  .strict();
export type IssueLogInput = z.output<typeof issueLogSchema>;

/** A triage decision: any of these, at least one. The release manager assigns the point of contact. */
export const issueTriageSchema = z
  .object({
    id: issueIdSchema,
    severity: z.enum(ISSUE_SEVERITIES).optional(),
    impact: level.optional(),
    urgency: level.optional(),
    pod: text(80).min(1).nullable().optional(),
    contact: text(120).min(1).nullable().optional(),
    remedy: remedySchema.nullable().optional(),
    links: issueLinksSchema.optional(),
  })
  .strict();
export type IssueTriageInput = z.output<typeof issueTriageSchema>;

/** Move an issue in the lane; mitigating needs a remedy (given here or at triage). */
export const issueMoveSchema = z
  .object({
    id: issueIdSchema,
    to: z.enum(ISSUE_STATES),
    remedy: remedySchema.optional(),
  })
  .strict();
export type IssueMoveInput = z.output<typeof issueMoveSchema>;

/** The data of each journal event of the slice: checked when it is made and when it is read back. */
export const issueLoggedDataSchema = issueLogSchema.extend({ id: issueIdSchema }).strict();
export const issueTriagedDataSchema = z
  .object({
    id: issueIdSchema,
    /** Only what changed. */
    after: issueTriageSchema.omit({ id: true }),
  })
  .strict();
export const issueMovedDataSchema = z
  .object({ id: issueIdSchema, from: z.enum(ISSUE_STATES), to: z.enum(ISSUE_STATES), remedy: remedySchema.optional() })
  .strict();
export const slaBreachedDataSchema = z
  .object({
    issue: issueIdSchema,
    clock: z.enum(SLA_CLOCKS),
    severity: z.enum(ISSUE_SEVERITIES),
    dueAt: z.iso.datetime({ offset: true }),
    targetMinutes: z.number().int().positive(),
  })
  .strict();
