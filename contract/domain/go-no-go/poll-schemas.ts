import { z } from 'zod';
import { checklistIdSchema, reasonSchema } from '../checklist/checklist-schemas';
import { DECISION_OUTCOMES, RISK_BANDS, VOTE_VALUES } from './poll-model';

/**
 * Input shapes of the go/no-go commands, shared with the contract layer so requests
 * from the renderer are validated by the same schemas.
 */

const POLL_LIMITS = {
  /** A poll with more criteria than fit on one shared screen is not read by anyone. */
  maxCriteria: 20,
  /** A go/no-go call is a room, not a town hall. */
  maxParticipants: 100,
  /** Comments are a sentence or two, read aloud in the room. */
  commentLength: 2_000,
  /** Names and roles fit on one line of the poll-the-room screen. */
  nameLength: 100,
  /** A gate's query or condition is a line of PromQL, not a program. */
  queryLength: 1_000,
} as const;

const nameSchema = z.string().trim().min(1, 'must not be empty').max(POLL_LIMITS.nameLength, `must be at most ${POLL_LIMITS.nameLength} characters`);
const commentSchema = z.string().trim().max(POLL_LIMITS.commentLength, `must be at most ${POLL_LIMITS.commentLength} characters`);

const metricText = (what: string) =>
  z.string().trim().min(1, `must be ${what}`).max(POLL_LIMITS.queryLength, `must be at most ${POLL_LIMITS.queryLength} characters`);

/** A metric gate as a criterion: the analysis step's keys, measured once (conditions are parsed by the command). */
export const metricCriterionInputSchema = z.strictObject({
  source: z
    .string()
    .trim()
    .regex(/^(sandbox|https?:\/\/\S+)$/, 'must be sandbox or a Prometheus address like http://127.0.0.1:9090'),
  query: metricText('the query (PromQL, or a selector for the sandbox)'),
  baseline: metricText('the baseline query').optional(),
  successCondition: metricText('a condition like result[0] < 0.05').optional(),
  failureCondition: metricText('a condition like result[0] >= 0.05').optional(),
});

export const criterionInputSchema = z.strictObject({
  id: checklistIdSchema.optional(),
  title: nameSchema,
  description: z.string().max(POLL_LIMITS.commentLength).optional(),
  /** Makes the criterion a metric gate. */
  metric: metricCriterionInputSchema.optional(),
});
export type CriterionInput = z.infer<typeof criterionInputSchema>;

export const participantInputSchema = z.strictObject({
  id: checklistIdSchema.optional(),
  name: nameSchema,
  role: nameSchema,
  required: z.boolean(),
});
export type ParticipantInput = z.infer<typeof participantInputSchema>;

export const setCriteriaInputSchema = z.strictObject({
  criteria: z.array(criterionInputSchema).min(1, 'a poll needs at least one criterion').max(POLL_LIMITS.maxCriteria),
});
export type SetCriteriaInput = z.infer<typeof setCriteriaInputSchema>;

export const setParticipantsInputSchema = z.strictObject({
  participants: z.array(participantInputSchema).max(POLL_LIMITS.maxParticipants),
});
export type SetParticipantsInput = z.infer<typeof setParticipantsInputSchema>;

export const openPollInputSchema = z.strictObject({
  /** Defaults to the criteria of the previous poll (or the default criteria). */
  criteria: z.array(criterionInputSchema).min(1).max(POLL_LIMITS.maxCriteria).optional(),
  /** Defaults to the participants of the previous poll. */
  participants: z.array(participantInputSchema).max(POLL_LIMITS.maxParticipants).optional(),
});
export type OpenPollInput = z.infer<typeof openPollInputSchema>;

export const castVoteInputSchema = z.strictObject({
  participantId: checklistIdSchema,
  value: z.enum(VOTE_VALUES),
  comment: commentSchema.optional(),
  criteria: z
    .array(z.strictObject({ criterionId: checklistIdSchema, value: z.enum(VOTE_VALUES), comment: commentSchema.optional() }))
    .max(POLL_LIMITS.maxCriteria)
    .optional(),
});
export type CastVoteInput = z.infer<typeof castVoteInputSchema>;

export const decideInputSchema = z.strictObject({
  outcome: z.enum(DECISION_OUTCOMES),
  note: commentSchema.optional(),
  /** A written reason to call GO despite open required items or unmitigated risks. */
  override: z.strictObject({ reason: reasonSchema }).optional(),
});
export type DecideInput = z.infer<typeof decideInputSchema>;

export const resetPollInputSchema = z.strictObject({
  reason: commentSchema.optional(),
});
export type ResetPollInput = z.infer<typeof resetPollInputSchema>;

/** Risks the gate weighs: open ones without a mitigation, from the risk register. */
export const riskSummarySchema = z.strictObject({ id: z.string().min(1), title: z.string(), band: z.enum(RISK_BANDS) });
