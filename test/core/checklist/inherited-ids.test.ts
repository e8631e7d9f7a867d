import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialChecklistState } from '../../../contract/domain/checklist/checklist-model';
import { addItem, addPhase, changeItemStatus } from '../../../main/core/checklist/checklist-commands';
import { reduceChecklist } from '../../../main/core/checklist/checklist-reducer';
import type { AppliedEvent, DomainEvent } from '../../../contract/domain/release/domain-event';

const context = { actor: 'tester', now: '2026-11-22T10:00:00.000Z' };

function apply(state: ReturnType<typeof initialChecklistState>, events: readonly DomainEvent[]) {
  return events.reduce(
    (current, event, index) => reduceChecklist(current, { ...event, seq: index + 1, actor: 'tester', ts: context.now } as AppliedEvent),
    state,
  );
}

test('item ids that every object inherits ("constructor", "tostring") are ordinary ids', () => {
  let state = apply(initialChecklistState(), addPhase(initialChecklistState(), { title: 'Cutover' }, context));
  const phaseId = state.phases[0]!.id;
  assert.throws(() => changeItemStatus(state, { itemId: 'constructor', status: 'done' } as never, context), /There is no checklist item 'constructor'/);
  state = apply(state, addItem(state, { phaseId, id: 'constructor', title: 'Inherited name' } as never, context));
  assert.equal(state.items['constructor']?.title, 'Inherited name');
  state = apply(state, changeItemStatus(state, { itemId: 'constructor', status: 'done' } as never, context));
  assert.equal(state.items['constructor']?.status, 'done');
  assert.equal(({} as Record<string, unknown>).status, undefined);
});

test('a poll participant called "constructor" has not voted until it votes', async () => {
  const { evaluateQuorum } = await import('../../../main/core/go-no-go/poll-quorum');
  const participants = [{ id: 'constructor', name: 'C', role: 'Tech lead', required: true }];
  const before = evaluateQuorum({ participants, votes: {} } as never);
  assert.equal(before.met, false);
  assert.deepEqual(before.missingRoles, ['Tech lead']);
});
