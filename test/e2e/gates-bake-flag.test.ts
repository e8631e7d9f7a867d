// Telemetry that decides, in Chromium against the demo's real sandbox (v1 stable, v2 a 50%
// canary with visibly more errors): metric gates at go/no-go show their live verdicts
// beside the ballots and hold GO until an override; the decision freezes their values; the
// bake after go-live fails on the canary's gate (an incident opens with the evidence) and
// verifies on the stable one with a countdown; a live flag flip asks for confirmation
// showing the flag's state, and journals the state before and after.
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

test('metric gates at go/no-go, the bake after go-live, and a live flag flip', async () => {
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
  for (const args of [['switch', 'v1'], ['start'], ['canary', 'v2', '50']]) assert.equal(sandboxctl(...args).status, 0, args.join(' '));
  const errors: string[] = [];
  const page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.url);
  await page.getByTestId('release-name').waitFor();

  // Two metric gates join the criteria.
  await page.getByTestId('tab-checklist').click();
  await page.getByTestId('subtab-go-no-go').click();
  await page.getByRole('button', { name: 'Participants & criteria…' }).click();
  const gates = [
    {
      title: 'Canary error rate',
      query: 'sandbox_error_ratio{version="v2"}',
      baseline: 'sandbox_error_ratio{version="v1"}',
      passes: 'result[0] <= baseline[0] + 0.05',
    },
    { title: 'Stable error rate', query: 'sandbox_error_ratio{version="v1"}', baseline: '', passes: 'result[0] < 0.05' },
  ];
  for (const gate of gates) {
    await page.getByTestId('add-metric-gate').click();
    await page.getByLabel('Criterion', { exact: true }).last().fill(gate.title);
    const draft = page.getByTestId('metric-draft').last();
    await draft.getByLabel('Metric query').fill(gate.query);
    if (gate.baseline) await draft.getByLabel('Baseline query').fill(gate.baseline);
    await draft.getByLabel('Success condition').fill(gate.passes);
  }
  await page.getByTestId('poll-setup-save').click();
  await page.getByTestId('poll-setup-save').waitFor({ state: 'detached' });

  // Their live verdicts, beside the criteria's ballots; the failing one holds GO.
  const canaryGate = page.locator('.metric-criterion', { hasText: 'Canary error rate' }).getByTestId('metric-gate');
  const stableGate = page.locator('.metric-criterion', { hasText: 'Stable error rate' }).getByTestId('metric-gate');
  await page.locator('.metric-criterion [data-testid="metric-gate"][data-phase="failed"]').waitFor({ timeout: 20_000 });
  assert.equal(await canaryGate.getAttribute('data-phase'), 'failed');
  assert.match((await canaryGate.textContent()) ?? '', /FAILING0\.\d+ · baseline 0(\.\d+)? · threshold 0\.\d+/);
  await page.locator('.metric-criterion', { hasText: 'Stable error rate' }).locator('[data-phase="successful"]').waitFor();
  assert.match((await stableGate.textContent()) ?? '', /passing/);
  await page
    .getByTestId('gate-blockers')
    .getByText(/metric gate 'Canary error rate' fails: successCondition .* is false/)
    .waitFor();

  // The room says GO; GO over the failing gate needs a written override; the decision freezes the readings.
  await page.getByTestId('poll-the-room').click();
  await page.getByTestId('poll-room').waitFor();
  for (const [role, voted] of [
    ['Release manager', 1],
    ['Tech lead', 2],
    ['SRE', 3],
  ] as const) {
    await page.getByTestId('poll-room-role').filter({ hasText: role }).waitFor();
    await page.keyboard.press('g');
    await page
      .getByTestId('poll-room-progress')
      .filter({ hasText: `${voted} of 4 voted` })
      .waitFor();
  }
  await page.keyboard.press('Escape');
  await page.getByTestId('poll-room').waitFor({ state: 'detached' });
  await page.getByTestId('outcome-GO').check();
  await page.getByTestId('override-reason').fill('Canary held at 5% until the cache fix; the flag is the remedy');
  await page.screenshot({ path: join(screenshots, 'gonogo-metric-gates.png'), fullPage: true });
  await page.getByTestId('decide').click();
  const snapshot = page.getByTestId('metric-snapshot');
  await snapshot.waitFor();
  assert.match((await snapshot.textContent()) ?? '', /FAILING Canary error rate: sandbox_error_ratio\{version="v2"\} = 0\.\d+/);
  assert.match((await page.getByTestId('override-record').textContent()) ?? '', /metric gate 'Canary error rate' fails/);
  const decided = journal(dir).find((event) => event.type === 'poll.decided');
  const frozen = (decided?.data.snapshot as { metricGates: { title: string; phase: string; values: number[] }[] }).metricGates;
  assert.deepEqual(
    frozen.map((reading) => [reading.title, reading.phase]),
    [
      ['Canary error rate', 'failed'],
      ['Stable error rate', 'successful'],
    ],
  );
  assert.ok(frozen[0]!.values[0]! > 0.05);

  // The bake on both gates fails at its first round and opens an incident with the evidence.
  await page.getByTestId('tab-health').click();
  const panel = page.getByTestId('bake-panel');
  await panel.waitFor();
  await page.getByTestId('bake-open').click();
  await page.getByTestId('bake-minutes').fill('10');
  await page.getByTestId('bake-interval').fill('1');
  await page.getByTestId('bake-start').click();
  await page.locator('[data-testid="bake-panel"][data-status="failed"]').waitFor({ timeout: 20_000 });
  assert.match(
    (await page.getByTestId('bake-message').textContent()) ?? '',
    /bake-1 failed .*gate 'Canary error rate' failed: .* incident INC-\d+ opened with the evidence/,
  );
  const incident = journal(dir).find((event) => event.type === 'incident.opened' && String(event.data.title).startsWith('Bake failed'));
  assert.match(
    String(incident?.data.summary),
    /Evidence \(the readings that decided\):\n- .*Canary error rate: FAILED — sandbox_error_ratio\{version="v2"\} = 0\.\d+ against/,
  );

  // Bake again on the stable gate only: a countdown, then VERIFIED.
  await page.getByTestId('bake-open').click();
  await page.getByTestId('bake-minutes').fill('0.1');
  await page.getByTestId('bake-interval').fill('1');
  await page.getByTestId('bake-form').getByLabel('Canary error rate').uncheck();
  await page.getByTestId('bake-start').click();
  await page.locator('[data-testid="bake-panel"][data-status="baking"]').waitFor();
  assert.match((await page.getByTestId('bake-countdown').textContent()) ?? '', /^0:0\d$/);
  await page.locator('[data-testid="bake-gate"][data-phase="successful"]').waitFor();
  await page.screenshot({ path: join(screenshots, 'bake-countdown.png') });
  await page.locator('[data-testid="bake-panel"][data-status="verified"]').waitFor({ timeout: 30_000 });
  assert.match((await page.getByTestId('bake-message').textContent()) ?? '', /bake-2 verified .*every gate passed/);
  await page.locator('[data-testid="gate-card"]', { hasText: 'bake-2: Stable error rate' }).waitFor();
  await page.screenshot({ path: join(screenshots, 'health-board-bake.png'), fullPage: true });

  // A live flag flip: the confirmation shows the flag's state now; before and after are journaled.
  await page.getByTestId('tab-playbooks').click();
  await page.getByTestId('playbook-demo-flag-off.yaml').click();
  await page.getByTestId('playbook-detail').getByText('flag new-pricing-cache → off').waitFor();
  await page.getByTestId('playbook-start').click();
  await page.getByTestId('mode-live').check();
  // The preflight answers first: either the schedule holds the run (a reason to write) or the button is enabled.
  await page.waitForFunction(() => {
    const { document } = globalThis as unknown as { document: { querySelector(selector: string): { disabled?: boolean } | null } };
    const button = document.querySelector('[data-testid="start-run"]');
    return document.querySelector('[data-testid="override-reason"]') !== null || (button !== null && button.disabled === false);
  });
  const held = page.getByTestId('override-reason');
  if ((await held.count()) > 0) await held.fill('Rehearsing the live flag flip against the sandbox');
  await page.getByTestId('start-run').click();
  const confirm = page.getByTestId('flag-confirm-panel');
  await confirm.waitFor({ timeout: 30_000 });
  assert.match((await confirm.textContent()) ?? '', /Switch feature flag new-pricing-cache off \(it is on now\) through the sandbox's flag endpoint/);
  assert.match(sandboxctl('metrics').stdout, /sandbox_feature_flag\{flag="new-pricing-cache"\} 1/, 'nothing switched before the confirmation');
  await page.screenshot({ path: join(screenshots, 'flag-confirm.png') });
  await page.getByTestId('manual-done').click();
  await page.getByTestId('manual-panel').waitFor();
  await page.getByTestId('manual-done').click();
  await page.getByTestId('run-status').getByText('succeeded').waitFor({ timeout: 30_000 });
  await page.getByText(/flag new-pricing-cache: on → off/).waitFor();
  assert.match(sandboxctl('metrics').stdout, /sandbox_feature_flag\{flag="new-pricing-cache"\} 0/);
  const flip = journal(dir).find((event) => event.type === 'run.flag-flipped');
  assert.deepEqual([flip?.data.flag, flip?.data.before, flip?.data.after], ['new-pricing-cache', true, false]);
  assert.deepEqual(errors, []);
});
