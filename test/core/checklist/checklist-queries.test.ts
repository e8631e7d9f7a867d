import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomainEvent } from '../../../main/core/checklist/domain-event';
import type { ChecklistState } from '../../../contract/domain/checklist/checklist-model';
import { initialChecklistState, reduceChecklist } from '../../../main/core/checklist/checklist-reducer';
import { addItem, addPhase, changeItemStatus } from '../../../main/core/checklist/checklist-commands';
import { filterItems, isOverdue, itemDueTime, openRequiredItemsBeforeT0, phaseProgress } from '../../../main/core/checklist/checklist-queries';

const ctx = { actor: 'ana', now: '2026-03-27T10:00:00.000Z' };
const timing = { t0: '2026-03-29T01:30:00+01:00', zone: 'Europe/Berlin' };

function apply(state: ChecklistState, events: readonly DomainEvent[]): ChecklistState {
  return events.reduce((current, event, index) => reduceChecklist(current, { ...event, actor: ctx.actor, ts: ctx.now, seq: index }), state);
}

function sample(): ChecklistState {
  let state = initialChecklistState();
  state = apply(state, addPhase(state, { title: 'Preparation' }, ctx));
  state = apply(state, addPhase(state, { title: 'Cutover' }, ctx));
  state = apply(
    state,
    addItem(
      state,
      { phaseId: 'preparation', title: 'Stakeholders informed', due: 'T-1d', required: true, owner: { role: 'Release manager', person: 'Ana' } },
      ctx,
    ),
  );
  state = apply(
    state,
    addItem(state, { phaseId: 'preparation', title: 'Security review', due: 'T-24h', required: true, owner: { role: 'Security officer' } }, ctx),
  );
  state = apply(state, addItem(state, { phaseId: 'preparation', title: 'Nice to have', due: 'T-2d' }, ctx));
  state = apply(state, addItem(state, { phaseId: 'cutover', title: 'Go/no-go held', due: 'T-0', required: true, owner: { person: 'Ana' } }, ctx));
  state = apply(state, addItem(state, { phaseId: 'cutover', title: 'Deploy', due: 'T+30m', required: true }, ctx));
  state = apply(state, addItem(state, { phaseId: 'cutover', title: 'Undated', required: true }, ctx));
  return state;
}

test('an open item is overdue once the clock passes its due instant, a finished one never', () => {
  let state = sample();
  const item = (id: string) => state.items[id]!;
  // T-1d is 2026-03-28T00:30Z.
  assert.equal(isOverdue(item('stakeholders-informed'), '2026-03-28T00:29:59Z', timing), false);
  assert.equal(isOverdue(item('stakeholders-informed'), '2026-03-28T00:30:01Z', timing), true);
  assert.equal(isOverdue(item('undated'), '2027-01-01T00:00:00Z', timing), false);
  state = apply(state, changeItemStatus(state, { itemId: 'stakeholders-informed', status: 'blocked', reason: 'Partner unreachable' }, ctx));
  assert.equal(isOverdue(item('stakeholders-informed'), '2026-03-28T00:30:01Z', timing), true);
  state = apply(state, changeItemStatus(state, { itemId: 'stakeholders-informed', status: 'done' }, ctx));
  assert.equal(isOverdue(item('stakeholders-informed'), '2026-03-28T00:30:01Z', timing), false);
  assert.equal(itemDueTime(item('undated'), timing, 'UTC'), null);
  assert.equal(itemDueTime(item('deploy'), timing, 'UTC')?.viewer.text, '2026-03-29 01:00 UTC+00:00');
});

test('progress per phase counts done and not applicable as complete, and overdue items', () => {
  let state = sample();
  state = apply(state, changeItemStatus(state, { itemId: 'stakeholders-informed', status: 'done' }, ctx));
  state = apply(state, changeItemStatus(state, { itemId: 'nice-to-have', status: 'not-applicable', reason: 'No budget' }, ctx));
  const progress = phaseProgress(state, { now: '2026-03-29T00:00:00Z', timing });
  assert.deepEqual(
    progress.map((phase) => [phase.phaseId, phase.total, phase.complete, phase.percent, phase.overdue]),
    [
      ['preparation', 3, 2, 66, 1],
      ['cutover', 3, 0, 0, 0],
    ],
  );
  assert.equal(progress[0]?.counts.todo, 1);
  assert.equal(phaseProgress(state)[0]?.overdue, 0);
});

test('filters by owner (role or person), status and phase', () => {
  let state = sample();
  state = apply(state, changeItemStatus(state, { itemId: 'deploy', status: 'in-progress' }, ctx));
  const ids = (filter: Parameters<typeof filterItems>[1]) => filterItems(state, filter).map((item) => item.id);
  assert.deepEqual(ids({ owner: 'ana' }), ['stakeholders-informed', 'go-no-go-held']);
  assert.deepEqual(ids({ owner: 'security' }), ['security-review']);
  assert.deepEqual(ids({ statuses: ['in-progress'] }), ['deploy']);
  assert.deepEqual(ids({ phaseIds: ['cutover'], statuses: ['todo'] }), ['go-no-go-held', 'undated']);
  assert.deepEqual(ids({ phaseIds: ['preparation'], requiredOnly: true, owner: 'release' }), ['stakeholders-informed']);
  assert.equal(ids({}).length, 6);
});

test('the go gate sees required items due strictly before T-0 that are still open', () => {
  let state = sample();
  assert.deepEqual(
    openRequiredItemsBeforeT0(state).map((item) => item.id),
    ['stakeholders-informed', 'security-review'],
  );
  state = apply(state, changeItemStatus(state, { itemId: 'security-review', status: 'not-applicable', reason: 'Copy change only' }, ctx));
  assert.deepEqual(
    openRequiredItemsBeforeT0(state).map((item) => item.id),
    ['stakeholders-informed'],
  );
});
