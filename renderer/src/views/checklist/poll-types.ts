import type { Participant, Vote } from '../../../../contract/models';

export type { GoGates, Participant, PollState, Vote, VoteValue, Criterion, DecisionOutcome, GateBlocker } from '../../../../contract/models';

/** One participant as the roll call walks them. */
export interface GoNoGoRoll {
  readonly participant: Participant;
  readonly role: string;
  readonly required: boolean;
  readonly vote: Vote | null;
}
