import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adoptRehearsalDurations, setDependencies, setPlannedDuration } from '../../../main/core/plan/plan-commands';
import { PLAN_EVENTS } from '../../../main/core/plan/plan-events';
import { reducePlan } from '../../../main/core/plan/plan-reducer';
import { WarRoomError } from '../../../contract/domain/errors';
import { MIN, PlanBuilder, T0, at } from './plan-fixtures';

const ctx = { actor: 'ana', now: T0 };

test('a dependency that closes a cycle is refused with the path named', () => {
  const state = new PlanBuilder().item('a', 10).item('b', 10, ['a']).item('c', 10, ['b']).get();
  assert.throws(
    () => setDependencies(state, { nodeId: 'item:a', dependsOn: ['item:c'] }, ctx),
    (error: unknown) =>
      error instanceof WarRoomError && error.code === 'refused' && /a cycle, A -> C -> B -> A \(each waits for the next\)/.test(error.message),
  );
  assert.throws(() => setDependencies(state, { nodeId: 'item:a', dependsOn: ['item:a'] }, ctx), /cannot wait for itself/);
  assert.throws(() => setDependencies(state, { nodeId: 'item:a', dependsOn: ['item:zzz'] }, ctx), /dependsOn.0: "item:zzz" is neither/);
  const [event] = setDependencies(state, { nodeId: 'item:c', dependsOn: ['item:a', 'item:b', 'item:a'] }, ctx);
  assert.deepEqual(event, { type: PLAN_EVENTS.dependenciesSet, data: { nodeId: 'item:c', dependsOn: ['item:a', 'item:b'], before: ['item:b'] } });
});

test('a cycle through a whole playbook is named too: the playbook waits as its first step', () => {
  const builder = new PlanBuilder().playbook('deploy.yaml', [
    ['migrate', 5],
    ['deploy', 5],
  ]);
  builder.item('verify', 5);
  builder.apply({ type: PLAN_EVENTS.dependenciesSet, data: { nodeId: 'item:verify', dependsOn: ['playbook:deploy.yaml'], before: [] } }, T0);
  assert.throws(
    () => setDependencies(builder.get(), { nodeId: 'playbook:deploy.yaml', dependsOn: ['item:verify'] }, ctx),
    /a cycle, (migrate -> VERIFY -> deploy -> migrate|deploy -> migrate -> VERIFY -> deploy|VERIFY -> deploy -> migrate -> VERIFY)/,
  );
});

test('durations: set, unchanged is no event, cleared with null', () => {
  const state = new PlanBuilder().item('a', 10).get();
  assert.deepEqual(setPlannedDuration(state, { nodeId: 'item:a', plannedMs: 10 * MIN }, ctx), []);
  const [event] = setPlannedDuration(state, { nodeId: 'item:a', plannedMs: null }, ctx);
  assert.deepEqual(event?.data, { nodeId: 'item:a', plannedMs: null, before: 10 * MIN });
});

test('use the rehearsal durations as the plan: one journaled event with what each step was planned at before', () => {
  const state = new PlanBuilder()
    .playbook('deploy.yaml', [
      ['migrate', 10],
      ['deploy', null],
    ])
    .run('r1', 'deploy.yaml', 'rehearsal', ['migrate', 'deploy'], [12, 20], at(-600))
    .run('r2', 'deploy.yaml', 'rehearsal', ['migrate', 'deploy'], [12, 0], at(-300), true)
    .get();
  const events = adoptRehearsalDurations(state, { runId: 'r1' }, ctx);
  assert.deepEqual(events, [
    {
      type: PLAN_EVENTS.durationsAdopted,
      data: {
        runId: 'r1',
        changes: [
          { nodeId: 'step:deploy.yaml#migrate', plannedMs: 12 * MIN, before: null },
          { nodeId: 'step:deploy.yaml#deploy', plannedMs: 20 * MIN, before: null },
        ],
      },
    },
  ]);
  const plan = reducePlan(state.plan, { ...events[0]!, seq: 99, ts: T0, actor: 'ana' });
  assert.equal(plan.entries['step:deploy.yaml#deploy']?.plannedMs, 20 * MIN);
  assert.throws(() => adoptRehearsalDurations(state, { runId: 'r2' }, ctx), /not a complete rehearsal/);
});

test('a plan event that does not fit its schema is reported as corrupt, not projected', () => {
  const state = new PlanBuilder().get();
  assert.throws(
    () => reducePlan(state.plan, { type: PLAN_EVENTS.durationSet, data: { nodeId: 'item:a', plannedMs: -5, before: null }, seq: 7, ts: T0, actor: 'ana' }),
    /Journal event 7 \(plan.duration-set\) does not fit its schema/,
  );
});
