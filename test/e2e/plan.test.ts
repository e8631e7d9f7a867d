import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCockpit } from '../support/cockpit-session';
import { contractSocket as contract } from '../support/contract-socket';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });
const ctl = new URL('../../assets/sandbox/sandboxctl.mjs', import.meta.url).pathname;
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The deploy playbook: its migration is quick in the rehearsal and slow live (the file "slow" in the sandbox). */
const PLAYBOOK = [
  'name: Deploy the payments API',
  'target: sandbox',
  'steps:',
  '  - id: migrate',
  '    name: Migrate the schema',
  `    run: 'if [ -f "$WARROOM_SANDBOX/slow" ]; then sleep 25; else sleep 0.4; fi'`,
  '    timeout: 2m',
  '  - id: deploy',
  '    name: Deploy the API',
  '    run: sleep 0.3',
  '    timeout: 2m',
  '  - id: smoke',
  '    name: Smoke test',
  '    run: sleep 0.2',
  '    timeout: 2m',
].join('\n');

/** Poll a condition the page cannot express as a locator (the order of rows). */
async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('a rehearsal then a live run of the same plan: the Gantt shows both, and the drift warning appears when a step overruns', async () => {
  const session = await openCockpit({ viewport: { width: 1600, height: 1000 } });
  const { app, page } = session;
  const [slug] = readdirSync(join(app.workspace, 'releases'));
  const dir = join(app.workspace, 'releases', slug!);
  cleanups.push(
    () => session.close(),
    () => void spawnSync(process.execPath, [ctl, 'stop', '--dir', join(dir, 'sandbox')]),
  );
  const api = await contract(app);
  cleanups.push(() => api.close());
  writeFileSync(join(dir, 'playbooks', 'deploy.yaml'), PLAYBOOK);

  // The window is open now and closes in half an hour.
  const windowEndMs = Math.ceil((Date.now() + 30 * 60_000) / 60_000) * 60_000;
  const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  await api.call('schedule.setWindow', { slug, window: { start: local(Date.now() - 3_600_000), end: local(windowEndMs), zone: 'UTC' } });

  await page.getByTestId('tab-plan').click();
  await page.getByTestId('gantt').waitFor();
  await page.getByTestId('plan-add-playbook').selectOption('deploy.yaml');
  await page.getByRole('button', { name: 'Add playbook' }).click();
  await page.locator('[data-row-id="step:deploy.yaml#smoke"]').waitFor();
  // The template's rollback rehearsal waits for the deploy: made from the keyboard, in the editor.
  await page.locator('[data-row-id="item:rollback-rehearsed"]').click();
  await page.getByTestId('plan-depends-on').selectOption(['playbook:deploy.yaml']);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await until(async () => {
    const rows = await page.getByTestId('gantt-row').evaluateAll((elements) => elements.map((row) => row.getAttribute('data-row-id')));
    return rows.indexOf('item:rollback-rehearsed') > rows.indexOf('step:deploy.yaml#smoke');
  });

  // Rehearsal: every step quick.
  const rehearsal = await api.call<{ runId: string }>('run.start', { slug, playbookFile: 'deploy.yaml', mode: 'rehearsal', variables: [] });
  await page.locator('.gantt-bar-rehearsal').nth(2).waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('[data-row-id="step:deploy.yaml#migrate"] .gantt-bar-rehearsal').count(), 1);

  // The last item is planned to end 15 s before the window closes: the plan fits, no warning.
  const plan = await api.call<{ rows: { id: string; plannedMs: number | null; forecast: { end: string } }[] }>('plan.get', { slug });
  const last = plan.rows.find((row) => row.id === 'item:rollback-rehearsed')!;
  const duration = (last.plannedMs ?? 0) + (windowEndMs - 15_000 - Date.parse(last.forecast.end));
  await api.call('plan.set-duration', { slug, nodeId: 'item:rollback-rehearsed', duration: `${Math.round(duration)}ms` });
  writeFileSync(join(dir, 'sandbox', 'slow'), '');
  await page.getByTestId('tab-plan').click();
  assert.equal(await page.getByTestId('plan-drift-warning').count(), 0, 'the plan fits before the live run');

  // Live: the migration overruns its rehearsed time; the forecast crosses the end of the window.
  const live = await api.call<{ runId: string }>('run.start', {
    slug,
    playbookFile: 'deploy.yaml',
    mode: 'live',
    variables: [],
    override: { reason: 'The e2e test runs live outside the demo release’s own schedule' },
  });
  const migrateRow = page.locator('[data-row-id="step:deploy.yaml#migrate"]');
  await migrateRow.locator('.gantt-bar-actual').waitFor({ timeout: 15_000 });
  const warning = page.getByTestId('plan-drift-warning');
  await warning.waitFor({ timeout: 40_000 });
  assert.match((await warning.textContent()) ?? '', /Running late:.*after the window closes/);
  await migrateRow.getByText(/OVERRUN/).waitFor();
  assert.match((await page.getByTestId('plan-drift').textContent()) ?? '', /late/);
  // The Gantt shows both runs on the same rows: a rehearsal bar and a live bar for the migration.
  assert.equal(await migrateRow.locator('.gantt-bar-rehearsal').count(), 1);
  assert.equal(await migrateRow.locator('.gantt-bar-actual').count(), 1);
  await page.getByTestId('plan-forecast').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, 'plan-gantt.png') });
  assert.equal(await page.locator('.gantt-row.critical').count(), 4, 'the critical path runs through the playbook to the rollback rehearsal');
  await page.getByTestId('gantt-now').waitFor({ state: 'attached' });
  await page.screenshot({ path: join(screenshots, 'plan-gantt.png') });

  // The keyboard walks the rows; each row says its bars in words.
  await page.getByTestId('gantt').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  const active = await page.getByTestId('gantt').getAttribute('aria-activedescendant');
  assert.ok(active, 'a row is active');
  const cell = page.locator(`#${active} [role="gridcell"]`);
  assert.match((await cell.getAttribute('aria-label')) ?? '', /planned \d\d:\d\d to \d\d:\d\d/);

  // After the run: compare the rehearsal with the live run.
  await page
    .locator('[data-row-id="step:deploy.yaml#smoke"]')
    .getByText(/done in/)
    .waitFor({ timeout: 30_000 });
  const firstRun = page.getByRole('combobox', { name: 'First run' });
  await firstRun.selectOption(rehearsal.runId);
  await page.getByRole('combobox', { name: 'Second run' }).selectOption(live.runId);
  await page.getByRole('button', { name: 'Compare' }).click();
  const compare = page.getByTestId('plan-compare');
  await compare.waitFor();
  assert.match((await compare.locator('tr.slipped').first().textContent()) ?? '', /Migrate the schema/);
  await page.screenshot({ path: join(screenshots, 'plan-compare.png'), fullPage: true });
  assert.deepEqual(session.pageErrors, []);
});
