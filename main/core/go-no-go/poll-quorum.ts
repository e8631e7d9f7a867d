import { voteOf } from '../../../contract/domain/go-no-go/poll-model';
import type { Participant, PollState, QuorumResult, Vote } from '../../../contract/domain/go-no-go/poll-model';

/**
 * The quorum rule of the go/no-go: every required role has voted, and no required role
 * says NO-GO.
 *
 * Roles, not people, are counted: a role with two participants has voted when either
 * has, and says NO-GO when either does (one engineer's veto stands for the role).
 * ABSTAIN counts as having voted: the role was asked and answered. Advisory NO-GO votes
 * do not block; they are listed as dissent. Per-criterion votes inform the discussion
 * and the report; the overall vote is what counts.
 */
export function evaluateQuorum(state: Pick<PollState, 'participants' | 'votes'>): QuorumResult {
  const requiredRoles = uniqueInOrder(state.participants.filter((participant) => participant.required).map((participant) => participant.role));
  const missingRoles: string[] = [];
  const noGoRoles: string[] = [];
  for (const role of requiredRoles) {
    const votes = votesOfRole(state, role);
    if (votes.length === 0) missingRoles.push(role);
    if (votes.some((vote) => vote.value === 'NO-GO')) noGoRoles.push(role);
  }
  const advisoryNoGo = state.participants
    .filter((participant) => !participant.required && voteOf(state, participant.id)?.value === 'NO-GO')
    .map((participant) => participant.id);
  return { met: requiredRoles.length > 0 && missingRoles.length === 0 && noGoRoles.length === 0, requiredRoles, missingRoles, noGoRoles, advisoryNoGo };
}

function votesOfRole(state: Pick<PollState, 'participants' | 'votes'>, role: string): Vote[] {
  return state.participants
    .filter((participant) => participant.role === role)
    .map((participant) => voteOf(state, participant.id))
    .filter((vote): vote is Vote => vote !== undefined);
}

function uniqueInOrder(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** One role of the room, in the order participants were listed: for "poll the room". */
export interface RollCallEntry {
  readonly role: string;
  readonly required: boolean;
  readonly participants: readonly { readonly participant: Participant; readonly vote: Vote | null }[];
}

/** The roles in order with their participants and current votes, required roles first. */
export function rollCall(state: Pick<PollState, 'participants' | 'votes'>): RollCallEntry[] {
  const roles = uniqueInOrder(state.participants.map((participant) => participant.role));
  const entries = roles.map((role) => {
    const members = state.participants.filter((participant) => participant.role === role);
    return {
      role,
      required: members.some((participant) => participant.required),
      participants: members.map((participant) => ({ participant, vote: voteOf(state, participant.id) ?? null })),
    };
  });
  return [...entries.filter((entry) => entry.required), ...entries.filter((entry) => !entry.required)];
}
