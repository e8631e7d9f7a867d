import { voteOf } from '../../../contract/domain/go-no-go/poll-model';
import { WarRoomError } from '../../../contract/domain/errors';
import type { CommandContext } from '../checklist/domain-event';
import type { PollEvent } from '../../../contract/domain/go-no-go/poll-events';
import { parseInput, uniqueSlug } from '../checklist/parse-input';
import type { Criterion, MetricCriterion, Participant, PollState } from '../../../contract/domain/go-no-go/poll-model';
import { compileConditions } from '../telemetry/analysis';
import { ConditionError } from '../telemetry/conditions';
import { POLL_EVENTS } from '../../../contract/domain/go-no-go/poll-events';
import type {
  CriteriaSetData,
  GateOverriddenData,
  ParticipantsSetData,
  PollDecidedData,
  PollOpenedData,
  PollResetData,
  VoteCastData,
} from '../../../contract/domain/go-no-go/poll-events';
import {
  castVoteInputSchema,
  decideInputSchema,
  openPollInputSchema,
  resetPollInputSchema,
  setCriteriaInputSchema,
  setParticipantsInputSchema,
} from '../../../contract/domain/go-no-go/poll-schemas';
import type {
  CastVoteInput,
  CriterionInput,
  DecideInput,
  OpenPollInput,
  ParticipantInput,
  ResetPollInput,
  SetCriteriaInput,
  SetParticipantsInput,
} from '../../../contract/domain/go-no-go/poll-schemas';
import { evaluateGoGates, takeDecisionSnapshot } from './poll-gates';
import type { GateInput } from './poll-gates';

/**
 * The go/no-go commands: open a poll, set its criteria and participants, vote (and
 * change a vote until the decision), decide, and reset for a new poll. Pure; each
 * throws WarRoomError with a message the room can act on.
 */

/** A metric criterion's conditions must parse now, not at the decision: the error names the criterion, the field and the column. */
function checkMetric(input: CriterionInput, index: number): void {
  if (input.metric === undefined) return;
  try {
    compileConditions(input.metric);
  } catch (error) {
    if (!(error instanceof ConditionError)) throw error;
    const key = error.message.startsWith('failureCondition') ? 'failureCondition' : 'successCondition';
    throw new WarRoomError(
      'invalid-input',
      `Criterion '${input.title}': metric.${key} does not parse${error.column === undefined ? '' : ` at column ${error.column}`}: ${error.message.replace(/^\w+: /, '')}`,
      [{ field: `criteria[${index}].metric.${key}` }],
    );
  }
}

function toCriteria(inputs: readonly CriterionInput[], previous: readonly Criterion[]): Criterion[] {
  const taken = new Set<string>();
  inputs.forEach(checkMetric);
  return inputs.map((input) => {
    const known = input.id === undefined ? previous.find((criterion) => criterion.title.toLowerCase() === input.title.toLowerCase())?.id : input.id;
    if (known !== undefined && taken.has(known)) throw new WarRoomError('invalid-input', `Criterion id '${known}' appears twice.`, [{ field: 'criteria' }]);
    const id = known ?? uniqueSlug(input.title, taken, 'criterion');
    taken.add(id);
    const metric = input.metric === undefined ? undefined : metricOf(input.metric);
    return { id, title: input.title, description: input.description ?? '', ...(metric ? { metric } : {}) };
  });
}

function metricOf(input: NonNullable<CriterionInput['metric']>): MetricCriterion {
  return {
    source: input.source,
    query: input.query,
    ...(input.baseline !== undefined ? { baseline: input.baseline } : {}),
    ...(input.successCondition !== undefined ? { successCondition: input.successCondition } : {}),
    ...(input.failureCondition !== undefined ? { failureCondition: input.failureCondition } : {}),
  };
}

function toParticipants(inputs: readonly ParticipantInput[], previous: readonly Participant[]): Participant[] {
  const taken = new Set<string>();
  const requiredByRole = new Map<string, boolean>();
  return inputs.map((input) => {
    const flag = requiredByRole.get(input.role);
    if (flag !== undefined && flag !== input.required) {
      throw new WarRoomError(
        'invalid-input',
        `Role '${input.role}' is marked both required and advisory: a role is one or the other for every participant in it.`,
        [{ field: 'participants' }],
      );
    }
    requiredByRole.set(input.role, input.required);
    const known = input.id ?? previous.find((participant) => participant.name === input.name && participant.role === input.role)?.id;
    if (known !== undefined && taken.has(known))
      throw new WarRoomError('invalid-input', `Participant id '${known}' appears twice.`, [{ field: 'participants' }]);
    const id = known ?? uniqueSlug(input.name, taken, 'participant');
    taken.add(id);
    return { id, name: input.name, role: input.role, required: input.required };
  });
}

function requireOpen(state: PollState, action: string): string {
  if (state.status === 'idle' || state.pollId === null) throw new WarRoomError('refused', `Cannot ${action}: no go/no-go poll is open. Open a poll first.`);
  if (state.status === 'decided') {
    throw new WarRoomError('refused', `Cannot ${action}: the poll was decided (${state.decision?.outcome ?? 'decided'}). Reset it to start a new poll.`);
  }
  return state.pollId;
}

/** Open a new poll; criteria and participants default to those of the previous poll. */
export function openPoll(state: PollState, input: OpenPollInput, _context: CommandContext): PollEvent[] {
  const parsed = parseInput(openPollInputSchema, input, 'Cannot open the poll');
  if (state.status === 'open') throw new WarRoomError('conflict', 'A go/no-go poll is already open.');
  if (state.status === 'decided') throw new WarRoomError('conflict', 'The last poll was decided; reset it before opening a new one.');
  const data: PollOpenedData = {
    pollId: `poll-${state.pastPolls.length + 1}`,
    criteria: parsed.criteria === undefined ? state.criteria : toCriteria(parsed.criteria, state.criteria),
    participants: parsed.participants === undefined ? state.participants : toParticipants(parsed.participants, state.participants),
  };
  return [{ type: POLL_EVENTS.opened, data }];
}

/** Replace the criteria of the open poll; a criterion that already has votes cannot be removed. */
export function setCriteria(state: PollState, input: SetCriteriaInput, _context: CommandContext): PollEvent[] {
  const parsed = parseInput(setCriteriaInputSchema, input, 'Cannot set the criteria');
  requireOpen(state, 'change the criteria');
  const criteria = toCriteria(parsed.criteria, state.criteria);
  const kept = new Set(criteria.map((criterion) => criterion.id));
  for (const vote of Object.values(state.votes)) {
    const lost = vote.criteria.find((criterionVote) => !kept.has(criterionVote.criterionId));
    if (lost !== undefined) {
      const title = state.criteria.find((criterion) => criterion.id === lost.criterionId)?.title ?? lost.criterionId;
      throw new WarRoomError('conflict', `Cannot remove criterion '${title}': it already has votes. Reset the poll to change it.`, [{ field: 'criteria' }]);
    }
  }
  const data: CriteriaSetData = { criteria };
  return [{ type: POLL_EVENTS.criteriaSet, data }];
}

/** Replace the participants of the open poll; a participant who voted cannot be removed or change role. */
export function setParticipants(state: PollState, input: SetParticipantsInput, _context: CommandContext): PollEvent[] {
  const parsed = parseInput(setParticipantsInputSchema, input, 'Cannot set the participants');
  requireOpen(state, 'change the participants');
  const participants = toParticipants(parsed.participants, state.participants);
  for (const vote of Object.values(state.votes)) {
    const next = participants.find((participant) => participant.id === vote.participantId);
    const name = state.participants.find((participant) => participant.id === vote.participantId)?.name ?? vote.participantId;
    if (next === undefined)
      throw new WarRoomError('conflict', `Cannot remove ${name}: they have voted. Reset the poll to change the room.`, [{ field: 'participants' }]);
    if (next.role !== vote.role)
      throw new WarRoomError('conflict', `Cannot move ${name} to role '${next.role}': they voted as '${vote.role}'.`, [{ field: 'participants' }]);
  }
  const data: ParticipantsSetData = { participants };
  return [{ type: POLL_EVENTS.participantsSet, data }];
}

/** Record a participant's vote (overall, optionally per criterion); a later vote replaces it until the decision. */
export function castVote(state: PollState, input: CastVoteInput, _context: CommandContext): PollEvent[] {
  const parsed = parseInput(castVoteInputSchema, input, 'Cannot record the vote');
  const pollId = requireOpen(state, 'vote');
  const participant = state.participants.find((candidate) => candidate.id === parsed.participantId);
  if (participant === undefined)
    throw new WarRoomError('not-found', `'${parsed.participantId}' is not a participant of this poll. Add them to the participants first.`, [
      { field: 'participantId' },
    ]);
  const seen = new Set<string>();
  for (const criterionVote of parsed.criteria ?? []) {
    if (!state.criteria.some((criterion) => criterion.id === criterionVote.criterionId)) {
      throw new WarRoomError('not-found', `'${criterionVote.criterionId}' is not a criterion of this poll.`, [{ field: 'criteria' }]);
    }
    if (seen.has(criterionVote.criterionId))
      throw new WarRoomError('invalid-input', `Criterion '${criterionVote.criterionId}' is voted twice in one vote.`, [{ field: 'criteria' }]);
    seen.add(criterionVote.criterionId);
  }
  const comment = parsed.comment?.trim() ?? '';
  const data: VoteCastData = {
    pollId,
    participantId: participant.id,
    role: participant.role,
    value: parsed.value,
    comment: comment === '' ? null : comment,
    criteria: (parsed.criteria ?? []).map((criterionVote) => ({
      criterionId: criterionVote.criterionId,
      value: criterionVote.value,
      comment: criterionVote.comment?.trim() || null,
    })),
    previous: voteOf(state, participant.id)?.value ?? null,
  };
  return [{ type: POLL_EVENTS.voteCast, data }];
}

/**
 * Call the decision. NO-GO and POSTPONED can always be called. GO needs the quorum
 * (never overridable) and passes the checklist and risk gates, or an override with a
 * written reason: then a poll.gate-overridden event precedes the decision. An override
 * given when no gate is closed is not journaled (there was nothing to override).
 */
export function decidePoll(state: PollState, input: DecideInput, context: CommandContext, gates: GateInput): PollEvent[] {
  const parsed = parseInput(decideInputSchema, input, 'Cannot record the decision');
  const pollId = requireOpen(state, 'decide');
  const verdict = evaluateGoGates(state, gates);
  const events: PollEvent[] = [];
  let override: PollDecidedData['override'] = null;
  if (parsed.outcome === 'GO') {
    if (verdict.quorumBlockers.length > 0) {
      throw new WarRoomError(
        'refused',
        `GO refused: ${verdict.quorumBlockers.map((blocker) => blocker.message).join('; ')}. The quorum cannot be overridden: collect the missing votes, or decide NO-GO or POSTPONED.`,
        [{ field: 'outcome' }],
      );
    }
    if (verdict.overridableBlockers.length > 0) {
      if (parsed.override === undefined) {
        throw new WarRoomError(
          'refused',
          `GO refused: ${verdict.overridableBlockers.map((blocker) => blocker.message).join('; ')}. Finish or mark these items, mitigate the risks, or give an override with a written reason.`,
          [{ field: 'override' }],
        );
      }
      override = { reason: parsed.override.reason, blockers: verdict.overridableBlockers };
      const overridden: GateOverriddenData = { pollId, reason: override.reason, blockers: override.blockers };
      events.push({ type: POLL_EVENTS.gateOverridden, data: overridden });
    }
  }
  const note = parsed.note?.trim() ?? '';
  const decided: PollDecidedData = {
    pollId,
    outcome: parsed.outcome,
    note: note === '' ? null : note,
    override,
    snapshot: takeDecisionSnapshot(state, gates, verdict.quorum, context.now),
  };
  events.push({ type: POLL_EVENTS.decided, data: decided });
  return events;
}

/** Close the current poll (decided or not) into the history, ready for a new poll. */
export function resetPoll(state: PollState, input: ResetPollInput, _context: CommandContext): PollEvent[] {
  const parsed = parseInput(resetPollInputSchema, input, 'Cannot reset the poll');
  if (state.status === 'idle' || state.pollId === null) throw new WarRoomError('refused', 'There is no poll to reset.');
  const reason = parsed.reason?.trim() ?? '';
  const data: PollResetData = { pollId: state.pollId, reason: reason === '' ? null : reason };
  return [{ type: POLL_EVENTS.reset, data }];
}
