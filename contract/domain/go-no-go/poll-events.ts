import { z } from 'zod';
import type { Criterion, DecisionOutcome, DecisionSnapshot, GateBlocker, MetricGateReading, Participant, VoteValue, CriterionVote } from './poll-model';
import { DECISION_OUTCOMES, RISK_BANDS, VOTE_VALUES } from './poll-model';
import { eventParser, type AppliedUnion, type EventUnion } from '../journal/typed-events';

/**
 * The event types the poll slice owns and their data. Who and when come from the
 * journal entry (actor, ts). A GO called over open gates journals two events: the
 * override (flagged for the report) and then the decision that carries it.
 */
export const POLL_EVENTS = {
  opened: 'poll.opened',
  criteriaSet: 'poll.criteria-set',
  participantsSet: 'poll.participants-set',
  voteCast: 'poll.vote-cast',
  gateOverridden: 'poll.gate-overridden',
  decided: 'poll.decided',
  reset: 'poll.reset',
} as const;

export interface PollOpenedData {
  readonly pollId: string;
  readonly criteria: readonly Criterion[];
  readonly participants: readonly Participant[];
}

export interface CriteriaSetData {
  readonly criteria: readonly Criterion[];
}

export interface ParticipantsSetData {
  readonly participants: readonly Participant[];
}

export interface VoteCastData {
  readonly pollId: string;
  readonly participantId: string;
  readonly role: string;
  readonly value: VoteValue;
  readonly comment: string | null;
  readonly criteria: readonly CriterionVote[];
  /** The participant's vote before this one, or null for a first vote. */
  readonly previous: VoteValue | null;
}

export interface GateOverriddenData {
  readonly pollId: string;
  readonly reason: string;
  readonly blockers: readonly GateBlocker[];
}

export interface PollDecidedData {
  readonly pollId: string;
  readonly outcome: DecisionOutcome;
  readonly note: string | null;
  /** The override this GO relied on, or null. */
  readonly override: { readonly reason: string; readonly blockers: readonly GateBlocker[] } | null;
  readonly snapshot: DecisionSnapshot;
}

export interface PollResetData {
  readonly pollId: string;
  readonly reason: string | null;
}

const metricCriterionSchema = z
  .object({
    source: z.string(),
    query: z.string(),
    baseline: z.string().optional(),
    successCondition: z.string().optional(),
    failureCondition: z.string().optional(),
  })
  .readonly();
const criterionSchema = z
  .object({ id: z.string(), title: z.string(), description: z.string(), metric: metricCriterionSchema.optional() })
  .readonly() satisfies z.ZodType<Criterion>;
const metricGateReadingSchema = z
  .object({
    criterionId: z.string(),
    title: z.string(),
    at: z.string(),
    query: z.string(),
    baselineQuery: z.string().nullable(),
    source: z.string(),
    values: z.array(z.number()).readonly(),
    baselineValues: z.array(z.number()).readonly().nullable(),
    phase: z.enum(['successful', 'failed', 'inconclusive', 'error']),
    message: z.string(),
    threshold: z.number().nullable(),
  })
  .readonly() satisfies z.ZodType<MetricGateReading>;
const participantSchema = z.object({ id: z.string(), name: z.string(), role: z.string(), required: z.boolean() }).readonly() satisfies z.ZodType<Participant>;
const voteValueSchema = z.enum(VOTE_VALUES);
const criterionVoteSchema = z
  .object({ criterionId: z.string(), value: voteValueSchema, comment: z.string().nullable() })
  .readonly() satisfies z.ZodType<CriterionVote>;
const blockerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no-required-role'), message: z.string() }).readonly(),
  z.object({ kind: z.literal('missing-role'), role: z.string(), message: z.string() }).readonly(),
  z.object({ kind: z.literal('required-no-go'), role: z.string(), participantIds: z.array(z.string()).readonly(), message: z.string() }).readonly(),
  z.object({ kind: z.literal('open-item'), itemId: z.string(), title: z.string(), status: z.string(), due: z.string(), message: z.string() }).readonly(),
  z.object({ kind: z.literal('unmitigated-risk'), riskId: z.string(), title: z.string(), band: z.enum(RISK_BANDS), message: z.string() }).readonly(),
  z.object({ kind: z.literal('policy'), source: z.string(), message: z.string() }).readonly(),
  z
    .object({
      kind: z.literal('metric-gate'),
      criterionId: z.string(),
      title: z.string(),
      phase: z.enum(['failed', 'inconclusive', 'error']),
      message: z.string(),
    })
    .readonly(),
]) satisfies z.ZodType<GateBlocker>;
const voteSchema = z
  .object({
    participantId: z.string(),
    role: z.string(),
    value: voteValueSchema,
    comment: z.string().nullable(),
    criteria: z.array(criterionVoteSchema).readonly(),
    castBy: z.string(),
    castAt: z.string(),
  })
  .readonly();
const snapshotSchema = z
  .object({
    takenAt: z.string(),
    criteria: z.array(criterionSchema).readonly(),
    participants: z.array(participantSchema).readonly(),
    votes: z.array(voteSchema).readonly(),
    voteHistory: z.array(voteSchema).readonly(),
    quorum: z
      .object({
        met: z.boolean(),
        requiredRoles: z.array(z.string()).readonly(),
        missingRoles: z.array(z.string()).readonly(),
        noGoRoles: z.array(z.string()).readonly(),
        advisoryNoGo: z.array(z.string()).readonly(),
      })
      .readonly(),
    checklist: z
      .array(
        z
          .object({
            id: z.string(),
            title: z.string(),
            items: z
              .array(
                z
                  .object({
                    id: z.string(),
                    title: z.string(),
                    status: z.string(),
                    statusReason: z.string().nullable(),
                    required: z.boolean(),
                    due: z.string().nullable(),
                    owner: z.object({ role: z.string().optional(), person: z.string().optional() }).readonly(),
                    evidenceCount: z.number(),
                  })
                  .readonly(),
              )
              .readonly(),
          })
          .readonly(),
      )
      .readonly(),
    unmitigatedRisks: z.array(z.object({ id: z.string(), title: z.string(), band: z.enum(RISK_BANDS) }).readonly()).readonly(),
    metricGates: z.array(metricGateReadingSchema).readonly().optional(),
  })
  .readonly() satisfies z.ZodType<DecisionSnapshot>;

/** The data of each poll event, as journaled: checked against the interfaces above, read through parsePollEvent. */
export const pollEventDataSchemas = {
  [POLL_EVENTS.opened]: z
    .object({ pollId: z.string(), criteria: z.array(criterionSchema).readonly(), participants: z.array(participantSchema).readonly() })
    .readonly() satisfies z.ZodType<PollOpenedData>,
  [POLL_EVENTS.criteriaSet]: z.object({ criteria: z.array(criterionSchema).readonly() }).readonly() satisfies z.ZodType<CriteriaSetData>,
  [POLL_EVENTS.participantsSet]: z.object({ participants: z.array(participantSchema).readonly() }).readonly() satisfies z.ZodType<ParticipantsSetData>,
  [POLL_EVENTS.voteCast]: z
    .object({
      pollId: z.string(),
      participantId: z.string(),
      role: z.string(),
      value: voteValueSchema,
      comment: z.string().nullable(),
      criteria: z.array(criterionVoteSchema).readonly(),
      previous: voteValueSchema.nullable(),
    })
    .readonly() satisfies z.ZodType<VoteCastData>,
  [POLL_EVENTS.gateOverridden]: z
    .object({ pollId: z.string(), reason: z.string(), blockers: z.array(blockerSchema).readonly() })
    .readonly() satisfies z.ZodType<GateOverriddenData>,
  [POLL_EVENTS.decided]: z
    .object({
      pollId: z.string(),
      outcome: z.enum(DECISION_OUTCOMES),
      note: z.string().nullable(),
      override: z
        .object({ reason: z.string(), blockers: z.array(blockerSchema).readonly() })
        .readonly()
        .nullable(),
      snapshot: snapshotSchema,
    })
    .readonly() satisfies z.ZodType<PollDecidedData>,
  [POLL_EVENTS.reset]: z.object({ pollId: z.string(), reason: z.string().nullable() }).readonly() satisfies z.ZodType<PollResetData>,
} as const;

/** A poll event as a command produces it: narrow on `type` to get its data. */
export type PollEvent = EventUnion<typeof pollEventDataSchemas>;
export type AppliedPollEvent = AppliedUnion<PollEvent>;

/** The typed poll event of a journal event: null for another area's or an unknown type; throws (corrupt) when the data does not fit. */
export const parsePollEvent = eventParser(pollEventDataSchemas);
