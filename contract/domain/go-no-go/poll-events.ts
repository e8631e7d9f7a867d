import type { Criterion, DecisionOutcome, DecisionSnapshot, GateBlocker, Participant, VoteValue, CriterionVote } from './poll-model';

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
