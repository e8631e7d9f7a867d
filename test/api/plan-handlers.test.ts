import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import type { PlanView } from '../../main/core/plan/plan-forecast';
import type { RunComparison } from '../../main/core/plan/run-comparison';
import { watchPlanForecast } from '../../main/api/plan-watch';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-dir';

const context = { actor: 'Dana Okafor', transport: 'test' } as const;

async function call<T>(services: Services, name: string, input: unknown): Promise<T> {
  const result = await dispatch(services, name, input, context);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

/** A playbook of two quick sandbox steps: the first sleeps longer when the file "slow" exists in the sandbox. */
const PLAYBOOK = [
  'name: Deploy',
  'target: sandbox',
  'steps:',
  '  - id: migrate',
  '    name: Migrate the schema',
  `    run: 'if [ -f "$WARROOM_SANDBOX/slow" ]; then sleep 2.5; else sleep 0.2; fi'`,
  '    timeout: 30s',
  '  - id: switch',
  '    name: Switch traffic',
  '    run: sleep 0.1',
  '    timeout: 30s',
].join('\n');

async function runToEnd(services: Services, slug: string, mode: 'rehearsal' | 'live'): Promise<string> {
  const { runId } = await call<{ runId: string }>(services, 'run.start', { slug, playbookFile: 'deploy.yaml', mode, variables: [] });
  const release = await services.release(slug);
  await new Promise<void>((resolve) => {
    const done = () => release.state.runs.runs.find((run) => run.id === runId)?.status !== 'running';
    if (done()) return resolve();
    const off = release.onChange(() => {
      if (done()) {
        off();
        resolve();
      }
    });
  });
  return runId;
}

test('the plan over the contract: a rehearsal teaches durations, a cycle is refused by name, a live overrun raises the warning once', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  try {
    const [listing] = await services.workspace.list();
    const slug = listing!.slug;
    await call(services, 'playbook.add-sandbox', { slug }).catch(() => undefined);
    await call(services, 'playbook.import', { slug, fileName: 'deploy.yaml', text: PLAYBOOK });
    await call(services, 'plan.add-playbook', { slug, playbookFile: 'deploy.yaml' });
    await call(services, 'plan.set-duration', { slug, nodeId: 'step:deploy.yaml#migrate', duration: '1s' });
    const bad = await dispatch(services, 'plan.set-duration', { slug, nodeId: 'step:deploy.yaml#switch', duration: 'soon' }, context);
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.error.message, /duration: "soon" must be a duration like 30m/);

    const release = await services.release(slug);
    const itemId = release.state.checklist.phases.at(-1)!.itemIds[0]!;
    await call(services, 'plan.set-dependencies', { slug, nodeId: `item:${itemId}`, dependsOn: ['playbook:deploy.yaml'] });
    const cycle = await dispatch(services, 'plan.set-dependencies', { slug, nodeId: 'playbook:deploy.yaml', dependsOn: [`item:${itemId}`] }, context);
    assert.equal(cycle.ok, false);
    assert.match(cycle.ok ? '' : cycle.error.message, /a cycle, .* -> .* -> .* -> .*\(each waits for the next\)/);

    const rehearsal = await runToEnd(services, slug, 'rehearsal');
    let view = await call<PlanView>(services, 'plan.get', { slug });
    const migrate = view.rows.find((row) => row.id === 'step:deploy.yaml#migrate')!;
    assert.equal(migrate.plannedMs, 1000);
    assert.ok(migrate.rehearsedMs !== null && migrate.rehearsedMs >= 150 && migrate.rehearsedMs < 1000, String(migrate.rehearsedMs));
    assert.ok(view.rows.every((row) => row.rehearsal !== null || row.kind === 'item'));
    assert.deepEqual(view.criticalPath.slice(0, 2), ['step:deploy.yaml#migrate', 'step:deploy.yaml#switch']);

    const adopted = await call<{ changed: number }>(services, 'plan.adopt-rehearsal', { slug, runId: rehearsal });
    assert.equal(adopted.changed, 2);
    view = await call<PlanView>(services, 'plan.get', { slug });
    assert.equal(
      view.rows.find((row) => row.id === 'step:deploy.yaml#migrate')!.plannedMs,
      migrate.rehearsedMs !== null ? Math.round(migrate.rehearsedMs) : -1,
    );

    // The window closes in a moment: the live run's slow step makes the forecast cross it.
    const stop = watchPlanForecast(release, 'War Room', 50);
    const windowEndMs = Math.ceil((Date.now() + 30 * 60_000) / 60_000) * 60_000;
    const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
    await call(services, 'schedule.setWindow', { slug, window: { start: local(Date.now() - 3_600_000), end: local(windowEndMs), zone: 'UTC' } });
    writeFileSync(join(release.dir, 'sandbox', 'slow'), '');
    // The item waiting for the playbook is made long enough to end 1.5 s before the window closes: any overrun crosses it.
    view = await call<PlanView>(services, 'plan.get', { slug });
    const item = view.rows.find((row) => row.id === `item:${itemId}`)!;
    const duration = (item.plannedMs ?? 0) + (windowEndMs - 1_500 - Date.parse(item.forecast.end));
    await call(services, 'plan.set-duration', { slug, nodeId: `item:${itemId}`, duration: `${Math.round(duration)}ms` });
    assert.deepEqual(
      release.state.plan.warnings.filter((warning) => warning.clearedAt === null),
      [],
      'the plan fits before the live run',
    );
    const live = await runToEnd(services, slug, 'live');
    await new Promise<void>((resolve) => {
      const raised = () => release.state.plan.warnings.some((warning) => warning.limit === 'window' && warning.clearedAt === null);
      if (raised()) return resolve();
      const off = release.onChange(() => {
        if (raised()) {
          off();
          resolve();
        }
      });
    });
    stop();
    const warnings = release.state.plan.warnings.filter((warning) => warning.limit === 'window' && warning.clearedAt === null);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!.message, /after the window closes/);

    const comparison = await call<RunComparison>(services, 'plan.compare-runs', { slug, baseRunId: rehearsal, otherRunId: live });
    assert.equal(comparison.slipped[0]?.stepId, 'migrate');
    assert.ok((comparison.slipped[0]?.deltaMs ?? 0) >= 2_000);
  } finally {
    await services.dispose();
  }
});
