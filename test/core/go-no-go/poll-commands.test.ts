import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WarRoomError } from '../../../contract/domain/errors';
import type { DomainEvent } from '../../../main/core/checklist/domain-event';
import type { ChecklistState } from '../../../contract/domain/checklist/checklist-model';
import { initialChecklistState, reduceChecklist } from '../../../main/core/checklist/checklist-reducer';
import { addItem, addPhase, changeItemStatus } from '../../../main/core/checklist/checklist-commands';
import type { PollState, RiskSummary, VoteValue } from '../../../contract/domain/go-no-go/poll-model';
import { DEFAULT_CRITERIA } from '../../../contract/domain/go-no-go/poll-model';
import { initialPollState, reducePoll } from '../../../main/core/go-no-go/poll-reducer';
import { castVote, decidePoll, openPoll, resetPoll, setCriteria, setParticipants } from '../../../main/core/go-no-go/poll-commands';
import { POLL_EVENTS } from '../../../contract/domain/go-no-go/poll-events';
import type { PollDecidedData } from '../../../contract/domain/go-no-go/poll-events';
import { evaluateQuorum, rollCall } from '../../../main/core/go-no-go/poll-quorum';

const ctx = { actor: 'rm', now: '2026-03-28T22:00:00.000Z' };
let seq = 0;

function applyPoll(state: PollState, events: readonly DomainEvent[], actor = ctx.actor, ts = ctx.now): PollState {
  return events.reduce((current, event) => reducePoll(current, { ...event, actor, ts, seq: ++seq }), state);
}

function applyChecklist(state: ChecklistState, events: readonly DomainEvent[]): ChecklistState {
  return events.reduce((current, event) => reduceChecklist(current, { ...event, actor: ctx.actor, ts: ctx.now, seq: ++seq }), state);
}

const PARTICIPANTS = [
  { name: 'Ana', role: 'Release manager', required: true },
  { name: 'Bo', role: 'Product owner', required: true },
  { name: 'Chen', role: 'Security', required: true },
  { name: 'Dara', role: 'Security', required: true },
  { name: 'Eli', role: 'Support', required: false },
];

function openedPoll(): PollState {
  return applyPoll(initialPollState(), openPoll(initialPollState(), { participants: PARTICIPANTS }, ctx));
}

function vote(state: PollState, participantId: string, value: VoteValue, actor = ctx.actor): PollState {
  return applyPoll(state, castVote(state, { participantId, value }, ctx), actor);
}

function checklist(done: boolean): ChecklistState {
  let state = initialChecklistState();
  state = applyChecklist(state, addPhase(state, { title: 'Preparation' }, ctx));
  state = applyChecklist(state, addItem(state, { phaseId: 'preparation', title: 'Rollback rehearsed', due: 'T-2d', required: true }, ctx));
  state = applyChecklist(state, addItem(state, { phaseId: 'preparation', title: 'Optional polish', due: 'T-2d', required: false }, ctx));
  state = applyChecklist(state, addItem(state, { phaseId: 'preparation', title: 'Go/no-go held', due: 'T-0', required: true }, ctx));
  if (done) state = applyChecklist(state, changeItemStatus(state, { itemId: 'rollback-rehearsed', status: 'done' }, ctx));
  return state;
}

function allGo(state: PollState): PollState {
  return ['ana', 'bo', 'chen', 'eli'].reduce((current, id) => vote(current, id, 'GO'), state);
}

function refused(run: () => unknown, pattern: RegExp, code = 'refused'): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof WarRoomError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  });
}

const noRisks: RiskSummary[] = [];

test('a poll opens with the default criteria and the participants, ids from names', () => {
  const state = openedPoll();
  assert.equal(state.status, 'open');
  assert.equal(state.pollId, 'poll-1');
  assert.deepEqual(
    state.criteria.map((criterion) => criterion.title),
    ['Solution readiness', 'Regulatory compliance', 'Organisational readiness', 'Risk management', 'Rollback readiness'],
  );
  assert.deepEqual(
    state.participants.map((participant) => participant.id),
    ['ana', 'bo', 'chen', 'dara', 'eli'],
  );
  refused(() => openPoll(state, {}, ctx), /already open/, 'conflict');
  refused(
    () =>
      openPoll(
        initialPollState(),
        {
          participants: [
            { name: 'X', role: 'Security', required: true },
            { name: 'Y', role: 'Security', required: false },
          ],
        },
        ctx,
      ),
    /both required and advisory/,
    'invalid-input',
  );
});

test('quorum: every required role voted and no required role says NO-GO; advisory NO-GO is dissent only', () => {
  let state = openedPoll();
  assert.deepEqual(evaluateQuorum(state).missingRoles, ['Release manager', 'Product owner', 'Security']);
  state = vote(state, 'ana', 'GO');
  state = vote(state, 'bo', 'ABSTAIN');
  state = vote(state, 'eli', 'NO-GO');
  assert.deepEqual(evaluateQuorum(state), {
    met: false,
    requiredRoles: ['Release manager', 'Product owner', 'Security'],
    missingRoles: ['Security'],
    noGoRoles: [],
    advisoryNoGo: ['eli'],
  });
  // One of two people in a role is enough to vote for it...
  state = vote(state, 'dara', 'GO');
  assert.equal(evaluateQuorum(state).met, true);
  // ...and one NO-GO in a required role is a veto for the role.
  state = vote(state, 'chen', 'NO-GO');
  assert.deepEqual(evaluateQuorum(state).noGoRoles, ['Security']);
  assert.equal(evaluateQuorum(state).met, false);
  assert.deepEqual(
    rollCall(state).map((entry) => [entry.role, entry.required, entry.participants.length]),
    [
      ['Release manager', true, 1],
      ['Product owner', true, 1],
      ['Security', true, 2],
      ['Support', false, 1],
    ],
  );
});

test('a vote can be changed until the decision, and the history keeps every vote', () => {
  let state = openedPoll();
  state = applyPoll(
    state,
    castVote(
      state,
      { participantId: 'bo', value: 'NO-GO', comment: 'Metrics dashboard missing', criteria: [{ criterionId: 'solution-readiness', value: 'NO-GO' }] },
      ctx,
    ),
    'bo',
    '2026-03-28T21:00:00.000Z',
  );
  const change = castVote(state, { participantId: 'bo', value: 'GO', comment: 'Dashboard is there now' }, ctx);
  assert.equal((change[0]?.data as { previous: string }).previous, 'NO-GO');
  state = applyPoll(state, change, 'rm', '2026-03-28T21:10:00.000Z');
  assert.equal(state.votes['bo']?.value, 'GO');
  assert.equal(state.votes['bo']?.castBy, 'rm');
  assert.deepEqual(
    state.voteHistory.map((entry) => [entry.value, entry.castBy, entry.castAt]),
    [
      ['NO-GO', 'bo', '2026-03-28T21:00:00.000Z'],
      ['GO', 'rm', '2026-03-28T21:10:00.000Z'],
    ],
  );
  refused(() => castVote(state, { participantId: 'zed', value: 'GO' }, ctx), /'zed' is not a participant/, 'not-found');
  refused(
    () => castVote(state, { participantId: 'bo', value: 'GO', criteria: [{ criterionId: 'vibes', value: 'GO' }] }, ctx),
    /'vibes' is not a criterion/,
    'not-found',
  );
  refused(() => castVote(state, { participantId: 'bo', value: 'MAYBE' as VoteValue }, ctx), /value/, 'invalid-input');
  const decided = applyPoll(
    state,
    decidePoll(state, { outcome: 'POSTPONED', note: 'Partner window moved' }, ctx, { checklist: checklist(true), unmitigatedRisks: noRisks }),
  );
  refused(() => castVote(decided, { participantId: 'bo', value: 'NO-GO' }, ctx), /the poll was decided \(POSTPONED\)\. Reset it/);
});

test('GO is decided when the quorum is met and the gates are open; the decision freezes checklist and votes', () => {
  const state = allGo(vote(openedPoll(), 'dara', 'ABSTAIN'));
  const events = decidePoll(state, { outcome: 'GO' }, ctx, { checklist: checklist(true), unmitigatedRisks: [{ id: 'r1', title: 'Minor', band: 'medium' }] });
  assert.deepEqual(
    events.map((event) => event.type),
    [POLL_EVENTS.decided],
  );
  const data = events[0]?.data as PollDecidedData;
  assert.equal(data.override, null);
  assert.equal(data.snapshot.takenAt, ctx.now);
  assert.deepEqual(
    data.snapshot.checklist[0]?.items.map((item) => [item.id, item.status]),
    [
      ['rollback-rehearsed', 'done'],
      ['optional-polish', 'todo'],
      ['go-no-go-held', 'todo'],
    ],
  );
  assert.deepEqual(
    data.snapshot.votes.map((entry) => [entry.participantId, entry.value]),
    [
      ['ana', 'GO'],
      ['bo', 'GO'],
      ['chen', 'GO'],
      ['dara', 'ABSTAIN'],
      ['eli', 'GO'],
    ],
  );
  const decided = applyPoll(state, events, 'ana', '2026-03-28T23:00:00.000Z');
  assert.equal(decided.status, 'decided');
  assert.deepEqual([decided.decision?.outcome, decided.decision?.decidedBy, decided.decision?.decidedAt], ['GO', 'ana', '2026-03-28T23:00:00.000Z']);
  refused(() => decidePoll(decided, { outcome: 'NO-GO' }, ctx, { checklist: checklist(true), unmitigatedRisks: noRisks }), /already|decided/);
});

test('GO is refused for each quorum reason, and no override lifts it', () => {
  const gates = { checklist: checklist(true), unmitigatedRisks: noRisks };
  const override = { reason: 'We must ship tonight' };
  const missing = vote(openedPoll(), 'ana', 'GO');
  refused(
    () => decidePoll(missing, { outcome: 'GO', override }, ctx, gates),
    /GO refused: required role 'Product owner' has not voted; required role 'Security' has not voted\. The quorum cannot be overridden/,
  );
  const vetoed = vote(allGo(openedPoll()), 'dara', 'NO-GO');
  refused(() => decidePoll(vetoed, { outcome: 'GO', override }, ctx, gates), /required role 'Security' says NO-GO/);
  const empty = applyPoll(initialPollState(), openPoll(initialPollState(), { participants: [{ name: 'Eli', role: 'Support', required: false }] }, ctx));
  refused(() => decidePoll(vote(empty, 'eli', 'GO'), { outcome: 'GO' }, ctx, gates), /no participant holds a required role/);
  // NO-GO can always be called, with the dissent on record.
  const events = decidePoll(vetoed, { outcome: 'NO-GO', note: 'Security finding open' }, ctx, gates);
  assert.equal((events[0]?.data as PollDecidedData).snapshot.quorum.noGoRoles[0], 'Security');
});

test('GO is refused while required items due before T-0 are open or a high/critical risk has no mitigation', () => {
  const state = allGo(openedPoll());
  const openItem = { checklist: checklist(false), unmitigatedRisks: noRisks };
  refused(
    () => decidePoll(state, { outcome: 'GO' }, ctx, openItem),
    /GO refused: required item 'Rollback rehearsed' \(due T-2d\) is to do\. .*override with a written reason/,
  );
  const risky = {
    checklist: checklist(true),
    unmitigatedRisks: [
      { id: 'r7', title: 'Payment provider rate limit', band: 'critical' as const },
      { id: 'r8', title: 'Log noise', band: 'low' as const },
    ],
  };
  refused(() => decidePoll(state, { outcome: 'GO' }, ctx, risky), /critical risk 'Payment provider rate limit' has no mitigation/);
  assert.throws(
    () => decidePoll(state, { outcome: 'GO' }, ctx, risky),
    (error: unknown) => error instanceof WarRoomError && !/Log noise/.test(error.message),
  );
  refused(() => decidePoll(state, { outcome: 'GO', override: { reason: '   ' } }, ctx, openItem), /override\.reason: must not be empty/, 'invalid-input');
});

test('an override with a written reason lets GO through, journaled and flagged', () => {
  const state = allGo(openedPoll());
  const gates = { checklist: checklist(false), unmitigatedRisks: [{ id: 'r7', title: 'Payment provider rate limit', band: 'high' as const }] };
  const events = decidePoll(
    state,
    { outcome: 'GO', override: { reason: 'Rehearsal ran on staging yesterday; provider confirmed a raised limit by mail' } },
    ctx,
    gates,
  );
  assert.deepEqual(
    events.map((event) => event.type),
    [POLL_EVENTS.gateOverridden, POLL_EVENTS.decided],
  );
  const decided = applyPoll(state, events, 'ana', '2026-03-28T23:05:00.000Z');
  assert.equal(decided.decision?.outcome, 'GO');
  assert.equal(decided.overrides.length, 1);
  assert.deepEqual(
    decided.decision?.override?.blockers.map((blocker) => blocker.kind),
    ['open-item', 'unmitigated-risk'],
  );
  assert.equal(decided.decision?.override?.by, 'ana');
  assert.match(decided.decision?.override?.reason ?? '', /raised limit/);
  // An override when every gate is open journals nothing extra.
  const clean = decidePoll(state, { outcome: 'GO', override: { reason: 'just in case' } }, ctx, { checklist: checklist(true), unmitigatedRisks: noRisks });
  assert.deepEqual(
    clean.map((event) => event.type),
    [POLL_EVENTS.decided],
  );
});

test('criteria and participants are editable while the poll is open, but not out from under a vote', () => {
  let state = openedPoll();
  state = applyPoll(state, setCriteria(state, { criteria: [...DEFAULT_CRITERIA.map(({ title }) => ({ title })), { title: 'Partner readiness' }] }, ctx));
  assert.deepEqual(state.criteria.map((criterion) => criterion.id).slice(-2), ['rollback-readiness', 'partner-readiness']);
  state = applyPoll(state, castVote(state, { participantId: 'bo', value: 'GO', criteria: [{ criterionId: 'partner-readiness', value: 'GO' }] }, ctx));
  refused(
    () => setCriteria(state, { criteria: [{ title: 'Solution readiness' }] }, ctx),
    /Cannot remove criterion 'Partner readiness': it already has votes/,
    'conflict',
  );
  refused(
    () => setParticipants(state, { participants: PARTICIPANTS.filter((participant) => participant.name !== 'Bo') }, ctx),
    /Cannot remove Bo: they have voted/,
    'conflict',
  );
  state = applyPoll(state, setParticipants(state, { participants: [...PARTICIPANTS, { name: 'Fay', role: 'Compliance', required: true }] }, ctx));
  assert.deepEqual(evaluateQuorum(state).missingRoles, ['Release manager', 'Security', 'Compliance']);
});

test('reset moves the poll into the history and a new poll starts with the same room', () => {
  let state = allGo(openedPoll());
  state = applyPoll(state, decidePoll(state, { outcome: 'NO-GO' }, ctx, { checklist: checklist(true), unmitigatedRisks: noRisks }));
  state = applyPoll(state, resetPoll(state, { reason: 'Fix deployed, poll again' }, ctx), 'ana', '2026-03-29T00:00:00.000Z');
  assert.equal(state.status, 'idle');
  assert.equal(state.pastPolls[0]?.decision?.outcome, 'NO-GO');
  assert.equal(state.pastPolls[0]?.resetReason, 'Fix deployed, poll again');
  assert.equal(state.pastPolls[0]?.voteHistory.length, 4);
  state = applyPoll(state, openPoll(state, {}, ctx));
  assert.equal(state.pollId, 'poll-2');
  assert.deepEqual(state.votes, {});
  assert.equal(state.participants.length, 5);
  refused(() => resetPoll(initialPollState(), {}, ctx), /no poll to reset/);
  refused(() => castVote(initialPollState(), { participantId: 'ana', value: 'GO' }, ctx), /no go\/no-go poll is open/);
  // Stale events of an old poll do not touch the new one.
  assert.equal(
    reducePoll(state, {
      type: POLL_EVENTS.voteCast,
      data: { pollId: 'poll-1', participantId: 'ana', role: 'Release manager', value: 'GO', comment: null, criteria: [], previous: null },
      actor: 'x',
      ts: ctx.now,
      seq: 1,
    }),
    state,
  );
});

test('a poll event whose data does not fit its schema is refused as corrupt, naming the seq and the field; an unknown type is left alone', () => {
  const state = initialPollState();
  assert.throws(
    () =>
      reducePoll(state, {
        type: POLL_EVENTS.voteCast,
        data: { pollId: 'p1', participantId: 'ana', role: 'SRE', value: 'MAYBE', comment: null, criteria: [], previous: null },
        actor: 'x',
        ts: '',
        seq: 21,
      }),
    (error: unknown) => error instanceof WarRoomError && error.code === 'corrupt' && /#21 \(poll\.vote-cast\).*data\.value/.test(error.message),
  );
  assert.throws(
    () =>
      reducePoll(state, {
        type: POLL_EVENTS.gateOverridden,
        data: { pollId: 'p1', reason: 'ok', blockers: [{ kind: 'weather', message: 'rain' }] },
        actor: 'x',
        ts: '',
        seq: 22,
      }),
    (error: unknown) => error instanceof WarRoomError && error.code === 'corrupt' && /#22 .*data\.blockers\.0\.kind/.test(error.message),
  );
  assert.equal(reducePoll(state, { type: 'poll.from-a-newer-version', data: 42, actor: 'x', ts: '', seq: 23 }), state);
});
