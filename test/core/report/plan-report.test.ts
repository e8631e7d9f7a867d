import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReportModel } from '../../../main/core/report/build-report-model';
import { renderHtml } from '../../../main/core/report/render-html';
import { PLAN_EVENTS } from '../../../main/core/plan/plan-events';
import { PlanBuilder, T0, at } from '../plan/plan-fixtures';

test('the report draws the plan: planned, rehearsal and actual bars, the critical path in red, the window behind', () => {
  const builder = new PlanBuilder()
    .apply(
      {
        type: 'release.created',
        data: { name: 'Payments 7.3', version: '7.3.0', goLive: T0, zone: 'Europe/Berlin', mode: 'live', description: '', targets: [] },
      },
      T0,
    )
    .apply({ type: 'schedule.window-set', data: { window: { start: '2026-06-02T22:00', end: '2026-06-03T00:00', zone: 'Europe/Berlin' } } }, T0)
    .playbook('deploy.yaml', [
      ['migrate', 10],
      ['deploy', 10],
    ])
    .item('verify', 15)
    .run('r1', 'deploy.yaml', 'rehearsal', ['migrate', 'deploy'], [12, 20], at(-600))
    .run('live', 'deploy.yaml', 'live', ['migrate', 'deploy'], [11, 9], T0);
  builder.apply({ type: PLAN_EVENTS.dependenciesSet, data: { nodeId: 'item:verify', dependsOn: ['playbook:deploy.yaml'], before: [] } }, T0);
  const state = builder.get();
  assert.ok(state.meta, 'the release is defined');
  const model = buildReportModel({
    state,
    events: [],
    verification: { ok: true, count: 0, headSeq: 0, headHash: '', problem: null, redactedHeadHash: null },
    generatedAt: at(25),
    redactionCount: 0,
    fileHashes: new Map(),
  });
  assert.deepEqual(
    model.plan?.view.rows.map((row) => [row.id, row.status, row.critical]),
    [
      // Five minutes after the deploy ended nothing has started: from now on only what remains decides the finish.
      ['step:deploy.yaml#migrate', 'done', false],
      ['step:deploy.yaml#deploy', 'done', false],
      ['item:verify', 'pending', true],
    ],
  );
  const html = renderHtml(model);
  const svg = /<figure class="chart plan-gantt">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
  assert.match(svg, /aria-label="Plan: planned, rehearsed and actual durations"/);
  assert.equal((svg.match(/<rect[^>]*fill="#d29922"/g) ?? []).length, 2, 'a rehearsal bar per step');
  assert.equal((svg.match(/<rect[^>]*fill="#c62828"/g) ?? []).length, 1, 'the forecast bar on the critical path');
  assert.equal((svg.match(/<rect[^>]*fill="#1565c0"/g) ?? []).length, 2, 'what was done, off the path');
  assert.match(svg, /fill="#e8f5e9"/, 'the window');
  assert.match(svg, /forecast 2026-06-02T20:40:00.000Z \(5 min late\)/);
});
