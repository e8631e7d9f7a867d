import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { computePlan, createPlanCache } from '../../../main/core/plan/plan-forecast';
import type { PlanInputs } from '../../../main/core/plan/plan-forecast';
import { forecastWarningEvents } from '../../../main/core/plan/plan-commands';
import { PLAN_EVENTS } from '../../../main/core/plan/plan-events';
import type { ReleaseState } from '../../../main/core/release/release-state';
import { resolveWindow } from '../../../main/core/schedule/release-window';
import { MIN, PlanBuilder, T0, at } from './plan-fixtures';

function inputs(state: ReleaseState, overrides: Partial<PlanInputs> = {}): PlanInputs {
  return { plan: state.plan, checklist: state.checklist, runs: state.runs, origin: T0, now: T0, windowEnd: null, rollbackMs: null, ...overrides };
}

function row(view: ReturnType<typeof computePlan>, id: string) {
  const found = view.rows.find((candidate) => candidate.id === `item:${id}`);
  assert.ok(found, `row ${id}`);
  return found;
}

test('parallel branches: the longer branch is the critical path, the shorter has the difference as slack', () => {
  // A(30) -> B(60) -> D(10); A -> C(20) -> D
  const state = new PlanBuilder().item('a', 30).item('b', 60, ['a']).item('c', 20, ['a']).item('d', 10, ['b', 'c']).get();
  const view = computePlan(inputs(state));
  assert.deepEqual(view.criticalPath, ['item:a', 'item:b', 'item:d']);
  assert.equal(view.forecast?.plannedFinish, at(100));
  assert.equal(view.forecast?.projectedFinish, at(100));
  assert.equal(view.forecast?.driftMs, 0);
  assert.equal(row(view, 'c').slackMs, 40 * MIN);
  assert.equal(row(view, 'c').critical, false);
  assert.deepEqual(
    ['a', 'b', 'd'].map((id) => row(view, id).slackMs),
    [0, 0, 0],
  );
  assert.deepEqual(row(view, 'd').planned, { start: at(90), end: at(100) });
});

test('a zero-duration milestone sits on the critical path with no length of its own', () => {
  // A(30) -> M(0) -> B(15); C(50) -> M
  const state = new PlanBuilder().item('a', 30).item('c', 50).item('m', 0, ['a', 'c']).item('b', 15, ['m']).get();
  const view = computePlan(inputs(state));
  assert.deepEqual(view.criticalPath, ['item:c', 'item:m', 'item:b']);
  assert.deepEqual(row(view, 'm').planned, { start: at(50), end: at(50) });
  assert.equal(row(view, 'a').slackMs, 20 * MIN);
  assert.equal(view.forecast?.plannedFinish, at(65));
});

test('an item done early pulls the forecast in: negative drift, successors start now', () => {
  const state = new PlanBuilder().item('a', 60).item('b', 30, ['a']).status('a', 'todo', 'in-progress', T0).status('a', 'in-progress', 'done', at(20)).get();
  const view = computePlan(inputs(state, { now: at(20) }));
  assert.equal(row(view, 'a').status, 'done');
  assert.equal(row(view, 'a').actualMs, 20 * MIN);
  assert.deepEqual(row(view, 'b').forecast, { start: at(20), end: at(50) });
  assert.equal(view.forecast?.projectedFinish, at(50));
  assert.equal(view.forecast?.driftMs, -40 * MIN);
});

test('a running item over its estimate pushes everything after it, and the warning is raised once', () => {
  const state = new PlanBuilder().item('a', 30).item('b', 10, ['a']).status('a', 'todo', 'in-progress', T0).get();
  const now = at(45);
  const view = computePlan(inputs(state, { now, windowEnd: at(50), rollbackMs: 20 * MIN }));
  assert.equal(row(view, 'a').overrun, true);
  assert.deepEqual(row(view, 'a').forecast, { start: T0, end: now });
  assert.equal(view.forecast?.projectedFinish, at(55));
  assert.equal(view.forecast?.driftMs, 15 * MIN);
  const [window, pnr] = view.forecast!.limits;
  assert.deepEqual([window?.fits, window?.overByMs, window?.at], [false, 5 * MIN, at(50)]);
  assert.deepEqual([pnr?.fits, pnr?.overByMs, pnr?.at], [false, 25 * MIN, at(30)]);
  const events = forecastWarningEvents(state.plan, view);
  assert.deepEqual(
    events.map((event) => [event.type, (event.data as { limit: string }).limit]),
    [
      [PLAN_EVENTS.forecastWarning, 'window'],
      [PLAN_EVENTS.forecastWarning, 'point-of-no-return'],
    ],
  );
  assert.match((events[0]!.data as { message: string }).message, /5 min after the window closes/);
  // Journaled: a second look at the same forecast raises nothing more.
  const builder = new PlanBuilder().item('a', 30).item('b', 10, ['a']).status('a', 'todo', 'in-progress', T0);
  for (const event of events) builder.apply(event, now);
  const warned = builder.get();
  assert.deepEqual(forecastWarningEvents(warned.plan, computePlan(inputs(warned, { now: at(46), windowEnd: at(50), rollbackMs: 20 * MIN }))), []);
  // Back inside (the window moved): recovered, once.
  const recovered = forecastWarningEvents(warned.plan, computePlan(inputs(warned, { now: at(46), windowEnd: at(120), rollbackMs: 20 * MIN })));
  assert.deepEqual(
    recovered.map((event) => event.type),
    [PLAN_EVENTS.forecastRecovered, PLAN_EVENTS.forecastRecovered],
  );
});

test('before T-0 nothing is forecast to start early; before it started, the forecast is the plan', () => {
  const state = new PlanBuilder().item('a', 30).item('b', 10, ['a']).get();
  const view = computePlan(inputs(state, { now: at(-120) }));
  assert.equal(view.forecast?.projectedFinish, at(40));
  assert.equal(view.forecast?.driftMs, 0);
});

test('across the spring-forward night durations are real time: two hours from 01:30 Berlin end at 04:30 on the wall', () => {
  // 29 March 2026, Europe/Berlin: 02:00 CET jumps to 03:00 CEST.
  const origin = DateTime.fromISO('2026-03-29T01:30', { zone: 'Europe/Berlin' }).toUTC().toISO()!;
  const window = resolveWindow({ start: '2026-03-29T01:00', end: '2026-03-29T04:00', zone: 'Europe/Berlin' });
  const state = new PlanBuilder().item('a', 60).item('b', 60, ['a']).get();
  const view = computePlan(inputs(state, { origin, now: origin, windowEnd: window.end }));
  assert.equal(view.forecast?.projectedFinish, '2026-03-29T02:30:00.000Z');
  assert.equal(DateTime.fromISO(view.forecast!.projectedFinish).setZone('Europe/Berlin').toFormat('HH:mm'), '04:30');
  // The window 01:00-04:00 on the wall is two real hours: the plan (two hours from 01:30) overruns it by 30 minutes.
  const [windowCheck] = view.forecast!.limits;
  assert.equal(windowCheck?.fits, false);
  assert.equal(windowCheck?.overByMs, 30 * MIN);
});

test('a whole playbook is one node: an item waits for its last step, its steps use the median of complete rehearsals', () => {
  const builder = new PlanBuilder()
    .playbook('deploy.yaml', [
      ['migrate', 10],
      ['deploy', 10],
    ])
    .item('verify', 5)
    .run('r1', 'deploy.yaml', 'rehearsal', ['migrate', 'deploy'], [12, 20], at(-600))
    .run('r2', 'deploy.yaml', 'rehearsal', ['migrate', 'deploy'], [14, 30], at(-500))
    .run('r3', 'deploy.yaml', 'rehearsal', ['migrate', 'deploy'], [16, 25], at(-400))
    // An unfinished rehearsal measures nothing.
    .run('r4', 'deploy.yaml', 'rehearsal', ['migrate', 'deploy'], [99, 99], at(-300), true);
  builder.apply({ type: PLAN_EVENTS.dependenciesSet, data: { nodeId: 'item:verify', dependsOn: ['playbook:deploy.yaml'], before: [] } }, T0);
  const view = computePlan(inputs(builder.get()));
  const migrate = view.rows.find((candidate) => candidate.id === 'step:deploy.yaml#migrate')!;
  const deploy = view.rows.find((candidate) => candidate.id === 'step:deploy.yaml#deploy')!;
  assert.deepEqual([migrate.plannedMs, migrate.rehearsedMs, deploy.rehearsedMs], [10 * MIN, 14 * MIN, 25 * MIN]);
  assert.deepEqual(deploy.rehearsal, { start: at(14), end: at(39) });
  assert.equal(view.forecast?.plannedFinish, at(25));
  assert.equal(view.forecast?.rehearsedFinish, at(44));
  assert.equal(view.forecast?.projectedFinish, at(44));
  assert.deepEqual(view.criticalPath, ['step:deploy.yaml#migrate', 'step:deploy.yaml#deploy', 'item:verify']);
});

test('rows are in planned order; where starts tie (unplanned steps take no time) a row comes after what it waits for', () => {
  // The item was added before the playbook, and waits for it: its steps, unplanned, all start and end at T0.
  const builder = new PlanBuilder().item('verify', 10).playbook('deploy.yaml', [
    ['migrate', null],
    ['deploy', null],
    ['smoke', null],
  ]);
  builder.apply({ type: PLAN_EVENTS.dependenciesSet, data: { nodeId: 'item:verify', dependsOn: ['playbook:deploy.yaml'], before: [] } }, T0);
  const view = computePlan(inputs(builder.get()));
  assert.deepEqual(
    view.rows.map((candidate) => candidate.id),
    ['step:deploy.yaml#migrate', 'step:deploy.yaml#deploy', 'step:deploy.yaml#smoke', 'item:verify'],
  );
});

test('a live run of the plan: its steps are the actuals, a running step over its rehearsed time is an overrun', () => {
  const state = new PlanBuilder()
    .playbook('deploy.yaml', [
      ['migrate', 10],
      ['deploy', 10],
    ])
    .run('r1', 'deploy.yaml', 'rehearsal', ['migrate', 'deploy'], [12, 20], at(-600))
    .run('live', 'deploy.yaml', 'live', ['migrate', 'deploy'], [11, 0], T0, true)
    .get();
  const view = computePlan(inputs(state, { now: at(40) }));
  const [migrate, deploy] = view.rows;
  assert.deepEqual([migrate?.status, migrate?.actualMs, migrate?.forecast], ['done', 11 * MIN, { start: T0, end: at(11) }]);
  assert.deepEqual([deploy?.status, deploy?.overrun, deploy?.forecast.end], ['running', true, at(40)]);
  assert.equal(view.forecast?.driftMs, 20 * MIN);
});

test('the structure is reused while only statuses change, and rebuilt when an edge changes', () => {
  const builder = new PlanBuilder().item('a', 30).item('b', 10, ['a']);
  const cache = createPlanCache();
  computePlan(inputs(builder.get()), cache);
  const first = cache.structure?.value;
  builder.status('a', 'todo', 'in-progress', T0);
  computePlan(inputs(builder.get(), { now: at(5) }), cache);
  assert.equal(cache.structure?.value, first);
  builder.apply({ type: PLAN_EVENTS.dependenciesSet, data: { nodeId: 'item:a', dependsOn: [], before: [] } }, T0);
  computePlan(inputs(builder.get()), cache);
  assert.notEqual(cache.structure?.value, first);
});
