// The demo canary in Chromium: the gate at 5% goes inconclusive while the sandbox is
// down (a person accepts it with a reason), v2's error rate trips the gate at 25%, the
// rollback runs; the health board shows the spike, the threshold and the rollback
// marker; "switch the feature off" flips the sandbox's flag and is journaled.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium';
import { startWarRoom } from '../support/browser-mode';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });
const ctl = new URL('../../assets/sandbox/sandboxctl.mjs', import.meta.url).pathname;

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function journal(dir: string): { type: string; actor: string; data: Record<string, unknown> }[] {
  return readFileSync(join(dir, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

test('the canary: inconclusive while the source is down (accepted with a reason), rolled back at 25%, shown on the health board', async () => {
  const app = await startWarRoom();
  const browser = await launchChromium();
  const [slug] = readdirSync(join(app.workspace, 'releases'));
  const dir = join(app.workspace, 'releases', slug!);
  const sandbox = join(dir, 'sandbox');
  const sandboxctl = (...args: string[]) => spawnSync(process.execPath, [ctl, ...args, '--dir', sandbox], { encoding: 'utf8' });
  cleanups.push(
    () => app.stop(),
    () => browser.close(),
    () => void sandboxctl('stop'),
  );
  const errors: string[] = [];
  const page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.url);
  await page.getByTestId('release-name').waitFor();
  await page.getByTestId('tab-playbooks').click();

  await page.getByTestId('playbook-demo-canary.yaml').click();
  await page.getByTestId('playbook-detail').getByText('Error rate at 25% (canary against v1)').waitFor();
  await page.getByTestId('playbook-start').click();
  await page.getByTestId('start-run').click();

  // The 5% error-rate gate (step 3) is measuring: the sandbox goes down under it.
  await page.locator('[data-testid="run-step-3"][data-status="running"]').waitFor({ timeout: 60_000 });
  assert.equal(sandboxctl('stop').status, 0);
  const inconclusive = page.getByTestId('inconclusive-panel');
  await inconclusive.waitFor({ timeout: 60_000 });
  assert.match((await inconclusive.textContent()) ?? '', /inconclusive.*Error rate at 5%.*3 measurements in a row could not be made: .*sandbox.*unreachable/);
  assert.equal(await page.getByTestId('run-step-3').getAttribute('data-status'), 'failed', 'never passed on its own');
  await page.screenshot({ path: join(screenshots, 'canary-inconclusive.png') });

  assert.equal(sandboxctl('start').status, 0);
  await page.getByTestId('choice-accept').click();
  await page.getByTestId('accept-reason').fill('Sandbox restarted by Priya; v2 looked fine at 5% on the dashboard');
  await page.getByTestId('accept-confirm').click();

  await page.getByTestId('run-status').getByText('failed').waitFor({ timeout: 120_000 });
  const statuses = await page
    .getByTestId('run-steps')
    .locator('li.run-step')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
  assert.deepEqual(statuses, [
    'succeeded', // stable v1
    'succeeded', // 5%
    'succeeded', // errors at 5%: accepted
    'succeeded', // latency at 5%
    'succeeded', // 25%
    'failed', // errors at 25%: v2's error rate
    'skipped',
    'skipped',
    'skipped',
    'skipped',
    'skipped',
    'skipped',
    'skipped',
    'skipped', // promote
    'succeeded', // rollback: traffic
    'succeeded', // rollback: health
  ]);

  await page.getByTestId('tab-health').click();
  const failedGate = page.locator('[data-testid="gate-card"][data-verdict="failed"]');
  await failedGate.waitFor();
  assert.match((await failedGate.textContent()) ?? '', /Error rate at 25%.*FAILED.*sandbox_error_ratio\{version="v2"\}/);
  const value = Number(await failedGate.getByTestId('gate-value').textContent());
  assert.ok(value > 0.055, `the spike: v2's error rate at 25% is ${value}, over v1's + 0.05`);
  assert.equal(
    await page.locator('[data-testid="gate-card"]').count(),
    3,
    'the gates measured: errors and latency at 5%, errors at 25%; none after the rollback',
  );
  await page
    .getByText(/rollback: Error rate at 25%/)
    .first()
    .waitFor();
  assert.equal(await failedGate.locator('canvas').count(), 1, 'a uPlot chart');
  await page.screenshot({ path: join(screenshots, 'health-board.png'), fullPage: true });

  await page.getByTestId('remedy-flag-off').click();
  await page.getByTestId('remedy-reason').fill('v2 pricing cache storms under load; keep v2 deployed with the cache off');
  await page.getByTestId('remedy-confirm').click();
  await page
    .getByTestId('remedy-message')
    .getByText(/flag new-pricing-cache: on -> off/)
    .waitFor();
  await page
    .getByTestId('remedy-log')
    .getByText(/Switch the feature off: v2 pricing cache storms under load/)
    .waitFor();

  const events = journal(dir);
  const measurements = events.filter((event) => event.type === 'run.measurement');
  const at25 = measurements
    .filter((event) => event.data.stepIndex === 5)
    .map((event) => event.data.measurement as { query: string; phase: string; values: number[] });
  assert.ok(at25.length >= 2);
  assert.ok(at25.every((measurement) => measurement.query === 'sandbox_error_ratio{version="v2"}'));
  assert.deepEqual(at25.map((measurement) => measurement.phase).filter((phase) => phase === 'failed').length, 2);
  const accept = events.find((event) => event.type === 'run.decision' && event.data.decision === 'accept');
  assert.equal(accept?.data.reason, 'Sandbox restarted by Priya; v2 looked fine at 5% on the dashboard');
  const remedy = events.find((event) => event.type === 'note.added' && String(event.data.text).startsWith('Remedy: Switch the feature off'));
  assert.ok(remedy, 'the remedy is journaled as a decision');
  assert.equal(remedy.data.kind, 'decision');
  assert.deepEqual(errors, []);
});
