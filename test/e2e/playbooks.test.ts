import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startWarRoom, type RunningWarRoom } from '../support/browser-mode';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });
const ctl = new URL('../../assets/sandbox/sandboxctl.mjs', import.meta.url).pathname;

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function open(app: RunningWarRoom, browser: Browser, errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.url);
  await page.getByTestId('release-name').waitFor();
  await page.getByTestId('tab-playbooks').click();
  return page;
}

function releaseDir(workspace: string): string {
  const [slug] = readdirSync(join(workspace, 'releases'));
  return join(workspace, 'releases', slug!);
}

function journal(dir: string): { type: string; actor: string; data: Record<string, unknown> }[] {
  return readFileSync(join(dir, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

test('the demo rollback, rehearsed against the sandbox: a failed step is retried from the keyboard, the run finishes and v1 is healthy', async () => {
  const app = await startWarRoom();
  const browser = await launchChromium();
  const dir = releaseDir(app.workspace);
  const sandbox = join(dir, 'sandbox');
  cleanups.push(
    () => app.stop(),
    () => browser.close(),
    () => void spawnSync(process.execPath, [ctl, 'stop', '--dir', sandbox]),
  );
  const errors: string[] = [];
  const page = await open(app, browser, errors);

  await page.getByTestId('playbook-demo-rollback.yaml').click();
  await page.getByTestId('playbook-detail').getByText('Switch to the known good version').waitFor();
  // The v1 artefact is not where the deploy tool looks: the switch fails until someone puts it back.
  renameSync(join(sandbox, 'versions', 'v1.json'), join(sandbox, 'v1.json.away'));
  await page.getByTestId('playbook-start').click();
  assert.equal(await page.getByTestId('mode-rehearsal').isChecked(), true, 'a rehearsal release suggests a rehearsal run');
  await page.getByTestId('start-run').click();

  const failure = page.getByTestId('failure-panel');
  await failure.waitFor({ timeout: 30_000 });
  assert.match((await failure.textContent()) ?? '', /Step 4 failed.*Switch to the known good version.*exited with 1/);
  await page.getByTestId('run-output').getByText('unknown version v1').waitFor();
  assert.equal(await page.getByTestId('run-step-2').getAttribute('data-status'), 'failed', 'the outage is confirmed: health fails on v2');
  await page.screenshot({ path: join(screenshots, 'playbooks-failure.png') });

  renameSync(join(sandbox, 'v1.json.away'), join(sandbox, 'versions', 'v1.json'));
  await page.keyboard.press('r');
  const manual = page.getByTestId('manual-panel');
  await manual.waitFor({ timeout: 60_000 });
  await page.getByTestId('manual-note').fill('posted in #release-checkout');
  await page.getByTestId('manual-done').click();
  await page.getByTestId('run-status').getByText('succeeded').waitFor({ timeout: 30_000 });

  const statuses = await page
    .getByTestId('run-steps')
    .locator('li.run-step')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
  assert.deepEqual(statuses, ['succeeded', 'failed', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);
  assert.match((await page.getByTestId('run-step-4').textContent()) ?? '', /attempt 2.*retry by/);
  await page.getByTestId('run-output').getByText('switched configured version to v1').waitFor();
  assert.equal(await page.getByTestId('run-progress').textContent(), '7 / 7 steps');
  await page.screenshot({ path: join(screenshots, 'playbooks-run.png'), fullPage: true });

  const health = spawnSync(process.execPath, [ctl, 'health', '--dir', sandbox], { encoding: 'utf8' });
  assert.equal(health.status, 0, health.stdout);
  assert.match(health.stdout, /HTTP 200 .*"version":"v1"/);
  const events = journal(dir);
  assert.ok(events.some((event) => event.type === 'run.decision' && event.data.decision === 'retry' && event.data.stepIndex === 3));
  assert.ok(events.some((event) => event.type === 'run.finished' && event.data.status === 'succeeded' && typeof event.data.logSha256 === 'string'));

  await page.getByTestId('tab-timeline').click();
  await page
    .getByTestId('timeline')
    .getByText(/chose to retry step 4/)
    .waitFor();
  assert.deepEqual(errors, []);
});

test('after the server is killed mid-run, the restarted app shows "interrupted at step N, outcome unknown" and the run can be marked done', async () => {
  const app = await startWarRoom();
  const browser = await launchChromium();
  const dir = releaseDir(app.workspace);
  const pidFile = join(dir, 'sandbox', 'slow.pid');
  const restarted: { app?: RunningWarRoom } = {};
  cleanups.push(
    () => browser.close(),
    () => restarted.app?.stop(),
    () => {
      // The step's process group outlived the killed server (as it would after a crash): end it.
      if (existsSync(pidFile)) {
        try {
          process.kill(-Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  );
  writeFileSync(
    join(dir, 'playbooks', 'slow-migration.yaml'),
    [
      'name: Slow migration',
      'target: sandbox',
      'steps:',
      '  - name: Announce',
      "    run: printf '\\033[1;32mmigration starting\\033[0m\\n'",
      '  - name: Migrate',
      '    run: echo $$ > "$WARROOM_SANDBOX/slow.pid"; echo migrating; sleep 60',
      '  - name: Verify',
      '    run: echo verified',
      '',
    ].join('\n'),
  );
  const errors: string[] = [];
  const page = await open(app, browser, errors);
  await page.getByTestId('playbook-slow-migration.yaml').click();
  await page.getByTestId('playbook-start').click();
  await page.getByTestId('start-run').click();
  await page.locator('[data-testid="run-step-2"][data-status="running"]').waitFor({ timeout: 30_000 });
  await page.getByTestId('run-output').getByText('migrating').waitFor();
  const colour = await page
    .getByTestId('run-output')
    .getByText('migration starting')
    .evaluate((span) => (globalThis as unknown as { getComputedStyle(element: unknown): { color: string } }).getComputedStyle(span).color);
  assert.equal(colour, 'rgb(63, 185, 80)', 'ANSI colours survive');

  app.process.kill('SIGKILL');
  await new Promise((resolve) => (app.process.exitCode !== null || app.process.signalCode !== null ? resolve(undefined) : app.process.once('exit', resolve)));
  await page.close();

  const second = await startWarRoom({ workspace: app.workspace });
  restarted.app = second;
  const reopened = await open(second, browser, errors);
  const text = reopened.getByTestId('interruption-text');
  await text.waitFor({ timeout: 20_000 });
  assert.equal(await text.textContent(), 'interrupted at step 2 (Migrate), outcome unknown');
  for (const choice of ['interruption-rerun', 'interruption-mark-done', 'interruption-abort'])
    assert.equal(await reopened.getByTestId(choice).isVisible(), true, choice);
  assert.equal(await reopened.getByTestId('interruption-mark-done').isDisabled(), true, 'marking done needs a note');
  await reopened.screenshot({ path: join(screenshots, 'playbooks-interrupted.png') });

  await reopened.getByTestId('interruption-note').fill('checked the schema version on the sandbox: migration 42 applied');
  await reopened.getByTestId('interruption-mark-done').click();
  await reopened.getByTestId('run-status').getByText('succeeded').waitFor({ timeout: 30_000 });
  assert.match((await reopened.getByTestId('run-step-2').textContent()) ?? '', /mark-done by .*migration 42 applied/);
  assert.equal(await reopened.getByTestId('run-step-3').getAttribute('data-status'), 'succeeded');
  const events = journal(dir);
  assert.ok(events.some((event) => event.type === 'run.interrupted' && event.data.stepIndex === 1 && event.data.outcomeKnown === false));
  assert.deepEqual(errors, []);
});

test('importing a playbook: a broken one is refused with its line and column, a Markdown runbook becomes a playbook', async () => {
  const app = await startWarRoom();
  const browser = await launchChromium();
  cleanups.push(
    () => app.stop(),
    () => browser.close(),
  );
  const errors: string[] = [];
  const page = await open(app, browser, errors);
  await page.getByTestId('playbook-import').click();
  await page.getByTestId('import-name').fill('restart-cache.yaml');
  await page.getByTestId('import-text').fill('name: Restart the cache\nsteps:\n  - run: echo restart\n    timeout: soon\n');
  await page.getByTestId('import-submit').click();
  const error = page.getByTestId('import-error');
  await error.waitFor();
  assert.match((await error.textContent()) ?? '', /restart-cache\.yaml line 4, column \d+: 'timeout' must be a duration/);
  assert.equal(existsSync(join(releaseDir(app.workspace), 'playbooks', 'restart-cache.yaml')), false, 'nothing is written');

  await page.getByTestId('import-name').fill('restart-cache.md');
  await page
    .getByTestId('import-text')
    .fill(
      '# Restart the cache\n\nOnly during the window.\n\n## Drain traffic\n\n```sh\necho draining\n```\n\n## Restart\n\n```bash timeout=2m\necho restarting\n```\n',
    );
  await page.getByTestId('import-submit').click();
  const detail = page.getByTestId('playbook-detail');
  await detail.getByText('Drain traffic').waitFor();
  assert.match((await detail.textContent()) ?? '', /Restart the cache.*restart-cache\.md · Markdown runbook.*2 steps/);
  assert.ok(existsSync(join(releaseDir(app.workspace), 'playbooks', 'restart-cache.md')));
  assert.deepEqual(errors, []);
});
