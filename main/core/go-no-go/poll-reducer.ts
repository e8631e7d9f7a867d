import type { AppliedEvent } from '../checklist/domain-event';
import type { PollState, Vote } from '../../../contract/domain/go-no-go/poll-model';
import { initialPollState } from '../../../contract/domain/go-no-go/poll-model';
import { parsePollEvent, POLL_EVENTS } from '../../../contract/domain/go-no-go/poll-events';

export { initialPollState } from '../../../contract/domain/go-no-go/poll-model';

/**
 * Apply one journal event to the poll slice. Pure, never mutates; events of other
 * areas (and events of a poll that is no longer current) return the state unchanged.
 */
export function reducePoll(state: PollState, journalEvent: AppliedEvent): PollState {
  const event = parsePollEvent(journalEvent);
  if (!event) return state;
  switch (event.type) {
    case POLL_EVENTS.opened: {
      const data = event.data;
      return {
        ...state,
        status: 'open',
        pollId: data.pollId,
        openedBy: event.actor,
        openedAt: event.ts,
        criteria: data.criteria,
        participants: data.participants,
        votes: {},
        voteHistory: [],
        overrides: [],
        decision: null,
      };
    }
    case POLL_EVENTS.criteriaSet:
      return state.status === 'open' ? { ...state, criteria: event.data.criteria } : state;
    case POLL_EVENTS.participantsSet:
      return state.status === 'open' ? { ...state, participants: event.data.participants } : state;
    case POLL_EVENTS.voteCast: {
      const data = event.data;
      if (state.status !== 'open' || data.pollId !== state.pollId) return state;
      const vote: Vote = {
        participantId: data.participantId,
        role: data.role,
        value: data.value,
        comment: data.comment,
        criteria: data.criteria,
        castBy: event.actor,
        castAt: event.ts,
      };
      return { ...state, votes: { ...state.votes, [data.participantId]: vote }, voteHistory: [...state.voteHistory, vote] };
    }
    case POLL_EVENTS.gateOverridden: {
      const data = event.data;
      if (data.pollId !== state.pollId) return state;
      return { ...state, overrides: [...state.overrides, { reason: data.reason, blockers: data.blockers, by: event.actor, at: event.ts }] };
    }
    case POLL_EVENTS.decided: {
      const data = event.data;
      if (state.status !== 'open' || data.pollId !== state.pollId) return state;
      const override = data.override === null ? null : { reason: data.override.reason, blockers: data.override.blockers, by: event.actor, at: event.ts };
      return {
        ...state,
        status: 'decided',
        decision: { outcome: data.outcome, decidedBy: event.actor, decidedAt: event.ts, note: data.note, override, snapshot: data.snapshot },
      };
    }
    case POLL_EVENTS.reset: {
      const data = event.data;
      if (state.status === 'idle' || data.pollId !== state.pollId || state.pollId === null) return state;
      const past = {
        pollId: state.pollId,
        openedBy: state.openedBy ?? '',
        openedAt: state.openedAt ?? '',
        decision: state.decision,
        voteHistory: state.voteHistory,
        resetBy: event.actor,
        resetAt: event.ts,
        resetReason: data.reason,
      };
      return { ...initialPollState(), criteria: state.criteria, participants: state.participants, pastPolls: [...state.pastPolls, past] };
    }
    default:
      return state;
  }
}
