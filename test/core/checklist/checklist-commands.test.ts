import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WarRoomError } from '../../../contract/domain/errors';
import type { DomainEvent } from '../../../main/core/checklist/domain-event';
import type { ChecklistState } from '../../../contract/domain/checklist/checklist-model';
import { initialChecklistState, reduceChecklist } from '../../../main/core/checklist/checklist-reducer';
import { addEvidence, addItem, addPhase, changeItemStatus, editItem, moveItem } from '../../../main/core/checklist/checklist-commands';
import { CHECKLIST_EVENTS } from '../../../contract/domain/checklist/checklist-events';
import type { ItemStatus } from '../../../contract/domain/checklist/checklist-model';
import { checklistStateSchema, isChecklistState } from '../../../main/core/checklist/checklist-state-schema';

let seq = 0;
const ctx = { actor: 'ana', now: '2026-03-27T10:00:00.000Z' };

function apply(state: ChecklistState, events: readonly DomainEvent[], actor = 'ana', ts = '2026-03-27T10:00:00.000Z'): ChecklistState {
  return events.reduce((current, event) => reduceChecklist(current, { ...event, actor, ts, seq: ++seq }), state);
}

function sample(): ChecklistState {
  let state = initialChecklistState();
  state = apply(state, addPhase(state, { title: 'Preparation' }, ctx));
  state = apply(state, addPhase(state, { title: 'Cutover' }, ctx));
  for (const title of ['Stakeholders informed', 'Rollback rehearsed', 'Load test']) {
    state = apply(state, addItem(state, { phaseId: 'preparation', title, due: 'T-2d', required: true, owner: { role: 'Release manager' } }, ctx));
  }
  state = apply(state, addItem(state, { phaseId: 'cutover', title: 'Deploy', due: 'T+30m' }, ctx));
  return state;
}

function expectError(run: () => unknown, code: string, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof WarRoomError, `expected WarRoomError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  });
}

test('adding phases and items builds the ordered checklist with ids from titles', () => {
  const state = sample();
  assert.deepEqual(
    state.phases.map((phase) => [phase.id, phase.itemIds]),
    [
      ['preparation', ['stakeholders-informed', 'rollback-rehearsed', 'load-test']],
      ['cutover', ['deploy']],
    ],
  );
  const item = state.items['rollback-rehearsed'];
  assert.equal(item?.status, 'todo');
  assert.equal(item?.due, 'T-2d');
  assert.equal(item?.createdBy, 'ana');
  const again = apply(state, addItem(state, { phaseId: 'cutover', title: 'Deploy' }, ctx));
  assert.deepEqual(again.phases[1]?.itemIds, ['deploy', 'deploy-2']);
  expectError(() => addItem(state, { phaseId: 'nowhere', title: 'x' }, ctx), 'not-found', /no checklist phase 'nowhere'/);
  expectError(() => addItem(state, { phaseId: 'cutover', title: '  ' }, ctx), 'invalid-input', /title: must not be empty/);
  expectError(
    () => addItem(state, { phaseId: 'cutover', title: 'x', due: 'tomorrow' }, ctx),
    'invalid-input',
    /due: 'tomorrow' must be a time relative to T-0/,
  );
  expectError(() => addPhase(state, { title: 'preparation' }, ctx), 'conflict', /already exists/);
});

test('the reducer never mutates and ignores events of other areas', () => {
  const state = sample();
  const frozen = JSON.stringify(state);
  const next = apply(state, changeItemStatus(state, { itemId: 'load-test', status: 'done' }, ctx));
  assert.equal(JSON.stringify(state), frozen);
  assert.notEqual(next, state);
  assert.equal(next.items['stakeholders-informed'], state.items['stakeholders-informed']);
  assert.equal(reduceChecklist(state, { type: 'poll.vote-cast', data: {}, actor: 'x', ts: ctx.now, seq: 1 }), state);
});

test('a checklist event whose data does not fit its schema is refused as corrupt, naming the seq and the field; an unknown type is left alone', () => {
  const state = sample();
  expectError(
    () =>
      reduceChecklist(state, {
        type: CHECKLIST_EVENTS.itemStatusChanged,
        data: { itemId: 'load-test', from: 'todo', to: 'finished', reason: null, evidence: [] },
        actor: 'x',
        ts: ctx.now,
        seq: 12,
      }),
    'corrupt',
    /#12 \(checklist\.item-status-changed\).*data\.to/,
  );
  expectError(
    () => reduceChecklist(state, { type: CHECKLIST_EVENTS.itemAdded, data: { position: 0 }, actor: 'x', ts: ctx.now, seq: 13 }),
    'corrupt',
    /#13 .*data\.item/,
  );
  assert.equal(reduceChecklist(state, { type: 'checklist.from-a-newer-version', data: null, actor: 'x', ts: ctx.now, seq: 14 }), state);
});

test('editing records the change and what it replaced; an unchanged edit emits nothing', () => {
  const state = sample();
  const events = editItem(
    state,
    { itemId: 'load-test', title: 'Load test on the release build', due: 'T-072h', owner: { role: 'QA lead', person: 'Bo' } },
    ctx,
  );
  assert.equal(events.length, 1);
  assert.equal(events[0]?.type, CHECKLIST_EVENTS.itemEdited);
  assert.deepEqual(events[0]?.data, {
    itemId: 'load-test',
    changes: { title: 'Load test on the release build', owner: { role: 'QA lead', person: 'Bo' }, due: 'T-72h' },
    before: { title: 'Load test', owner: { role: 'Release manager' }, due: 'T-2d' },
  });
  const next = apply(state, events, 'bo', '2026-03-27T11:00:00.000Z');
  assert.equal(next.items['load-test']?.title, 'Load test on the release build');
  assert.equal(next.items['load-test']?.updatedBy, 'bo');
  assert.equal(next.items['load-test']?.updatedAt, '2026-03-27T11:00:00.000Z');
  assert.deepEqual(editItem(next, { itemId: 'load-test', due: 'T-72h' }, ctx), []);
  expectError(() => editItem(state, { itemId: 'load-test' }, ctx), 'invalid-input', /say what to change/);
  expectError(() => editItem(state, { itemId: 'ghost', title: 'x' }, ctx), 'not-found', /no checklist item 'ghost'/);
});

test('moving reorders within a phase and across phases', () => {
  let state = sample();
  state = apply(state, moveItem(state, { itemId: 'load-test', toPhaseId: 'preparation', toIndex: 0 }, ctx));
  assert.deepEqual(state.phases[0]?.itemIds, ['load-test', 'stakeholders-informed', 'rollback-rehearsed']);
  state = apply(state, moveItem(state, { itemId: 'stakeholders-informed', toPhaseId: 'preparation', toIndex: 2 }, ctx));
  assert.deepEqual(state.phases[0]?.itemIds, ['load-test', 'rollback-rehearsed', 'stakeholders-informed']);
  state = apply(state, moveItem(state, { itemId: 'rollback-rehearsed', toPhaseId: 'cutover', toIndex: 1 }, ctx));
  assert.deepEqual(
    state.phases.map((phase) => phase.itemIds),
    [
      ['load-test', 'stakeholders-informed'],
      ['deploy', 'rollback-rehearsed'],
    ],
  );
  assert.equal(state.items['rollback-rehearsed']?.phaseId, 'cutover');
  assert.deepEqual(moveItem(state, { itemId: 'deploy', toPhaseId: 'cutover', toIndex: 0 }, ctx), []);
  expectError(() => moveItem(state, { itemId: 'deploy', toPhaseId: 'cutover', toIndex: 2 }, ctx), 'invalid-input', /only 2 items/);
  expectError(() => moveItem(state, { itemId: 'deploy', toPhaseId: 'preparation', toIndex: 3 }, ctx), 'invalid-input', /position 4/);
});

function withStatus(state: ChecklistState, itemId: string, path: readonly [ItemStatus, string?][]): ChecklistState {
  return path.reduce(
    (current, [status, reason]) => apply(current, changeItemStatus(current, { itemId, status, ...(reason === undefined ? {} : { reason }) }, ctx)),
    state,
  );
}

test('legal status changes carry reasons and evidence into the item', () => {
  let state = withStatus(sample(), 'load-test', [['in-progress'], ['blocked', 'Load environment down'], ['in-progress']]);
  assert.equal(state.items['load-test']?.status, 'in-progress');
  assert.equal(state.items['load-test']?.statusReason, null);
  state = apply(
    state,
    changeItemStatus(state, { itemId: 'load-test', status: 'done', evidence: [{ kind: 'link', value: 'https://ci.example/load/42' }] }, ctx),
    'bo',
    '2026-03-27T12:00:00.000Z',
  );
  assert.deepEqual(state.items['load-test']?.evidence, [
    { kind: 'link', value: 'https://ci.example/load/42', addedBy: 'bo', addedAt: '2026-03-27T12:00:00.000Z' },
  ]);
  state = withStatus(state, 'load-test', [['in-progress', 'Build was replaced, rerun']]);
  assert.equal(state.items['load-test']?.statusReason, 'Build was replaced, rerun');
  state = withStatus(state, 'deploy', [['not-applicable', 'No deploy: config only'], ['todo'], ['done']]);
  assert.equal(state.items['deploy']?.status, 'done');
});

test('illegal status changes are rejected with a message saying what to do', () => {
  const state = sample();
  expectError(
    () => changeItemStatus(state, { itemId: 'load-test', status: 'todo' }, ctx),
    'refused',
    /Cannot mark 'Load test' to do: the item is already to do/,
  );
  expectError(() => changeItemStatus(state, { itemId: 'load-test', status: 'blocked' }, ctx), 'invalid-input', /say what blocks the item/);
  expectError(
    () => changeItemStatus(state, { itemId: 'load-test', status: 'blocked', reason: '   ' }, ctx),
    'invalid-input',
    /reason is required to mark it blocked/,
  );
  expectError(() => changeItemStatus(state, { itemId: 'load-test', status: 'not-applicable' }, ctx), 'invalid-input', /say why the item does not apply/);
  const done = withStatus(state, 'load-test', [['done']]);
  expectError(
    () => changeItemStatus(done, { itemId: 'load-test', status: 'blocked', reason: 'x' }, ctx),
    'refused',
    /a done item cannot become blocked directly: reopen it first/,
  );
  expectError(
    () => changeItemStatus(done, { itemId: 'load-test', status: 'not-applicable', reason: 'x' }, ctx),
    'refused',
    /cannot become not applicable directly/,
  );
  expectError(() => changeItemStatus(done, { itemId: 'load-test', status: 'todo' }, ctx), 'invalid-input', /say why the item is reopened/);
  const skipped = withStatus(state, 'load-test', [['not-applicable', 'Not needed']]);
  expectError(
    () => changeItemStatus(skipped, { itemId: 'load-test', status: 'done' }, ctx),
    'refused',
    /a not applicable item cannot become done directly: set it back to to do first/,
  );
  expectError(() => changeItemStatus(state, { itemId: 'load-test', status: 'finished' as ItemStatus }, ctx), 'invalid-input', /status/);
});

test('evidence can be added at any time and is validated', () => {
  let state = sample();
  state = apply(state, addEvidence(state, { itemId: 'deploy', evidence: { kind: 'file', value: 'runs/deploy-1.log' } }, ctx));
  state = apply(state, addEvidence(state, { itemId: 'deploy', evidence: { kind: 'note', value: 'Checked with Bo' } }, ctx));
  assert.deepEqual(
    state.items['deploy']?.evidence.map((evidence) => evidence.kind),
    ['file', 'note'],
  );
  expectError(
    () => addEvidence(state, { itemId: 'deploy', evidence: { kind: 'link', value: 'javascript:alert(1)' } }, ctx),
    'invalid-input',
    /http:\/\/ or https:\/\//,
  );
  expectError(() => addEvidence(state, { itemId: 'deploy', evidence: { kind: 'note', value: '' } }, ctx), 'invalid-input', /evidence.value: must not be empty/);
});

test('the state the reducer builds passes the stored-state schema; a broken one does not', () => {
  const state = withStatus(sample(), 'deploy', [['blocked', 'Waiting for the partner']]);
  assert.equal(checklistStateSchema.safeParse(JSON.parse(JSON.stringify(state))).success, true);
  const orphan = { ...state, phases: state.phases.map((phase) => ({ ...phase, itemIds: phase.itemIds.filter((id) => id !== 'deploy') })) };
  const result = checklistStateSchema.safeParse(orphan);
  assert.equal(result.success, false);
  assert.match(result.error?.issues[0]?.message ?? '', /is in no phase/);
  assert.equal(isChecklistState({ ...state, items: { ...state.items, deploy: { ...state.items['deploy'], status: 'finished' } } }), false);
});
