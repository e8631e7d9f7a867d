// Safety of playbook runs in the browser (issue 19): abort after a failure from the key
// and the button, the written override a live run needs outside its window, and the
// one-click sandbox target a shipped playbook asks for.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import { tempDir } from '../support/temp-dir';
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

const FAILING = [
  'name: Flaky cleanup',
  'target: sandbox',
  'steps:',
  '  - run: echo one',
  '  - name: Purge the cache',
  '    run: exit 3',
  '  - run: echo three',
  '',
].join('\n');

test('after a failed step, A aborts the run at once, and so does the Abort button', async () => {
  const app = await startWarRoom();
  const browser = await launchChromium();
  cleanups.push(
    () => app.stop(),
    () => browser.close(),
  );
  const dir = releaseDir(app.workspace);
  writeFileSync(join(dir, 'playbooks', 'flaky.yaml'), FAILING);
  const errors: string[] = [];
  const page = await open(app, browser, errors);

  for (const how of ['key', 'button'] as const) {
    await page.getByTestId('playbook-flaky.yaml').click();
    await page.getByTestId('playbook-start').click();
    await page.getByTestId('start-run').click();
    const failure = page.getByTestId('failure-panel');
    await failure.waitFor({ timeout: 30_000 });
    if (how === 'key') await page.keyboard.press('a');
    else await page.getByTestId('choice-abort').click();
    await page.getByTestId('run-status').getByText('aborted').waitFor({ timeout: 10_000 });
    await failure.waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('run-step-3').getAttribute('data-status'), 'pending', `${how}: later steps do not run`);
  }
  const finished = journal(dir).filter((event) => event.type === 'run.finished');
  assert.deepEqual(
    finished.map((event) => event.data.status),
    ['aborted', 'aborted'],
  );
  const decisions = journal(dir).filter((event) => event.type === 'run.decision');
  assert.deepEqual(
    decisions.map((event) => event.data.decision),
    ['abort', 'abort'],
  );
  assert.deepEqual(errors, []);
});

const local = (moment: DateTime) => moment.toFormat("yyyy-LL-dd'T'HH:mm");

async function call<T>(services: Services, name: string, input: unknown): Promise<T> {
  const result = await dispatch(services, name, input, { actor: 'Dana Okafor', transport: 'test' });
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

test('a live run 114 days before its window, inside an imported freeze, asks for a written override in the start dialog; the header counts the runs in one chip', async () => {
  // The workspace as a release manager left it: the window months ahead, a freeze on now.
  const workspace = tempDir('warroom-e2e-');
  const services = await bootServices({ workspaceDir: workspace, runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const release = await services.release(listing!.slug);
  const now = DateTime.now().setZone('Europe/Berlin');
  const opens = now.plus({ days: 114 });
  await release.execute('Dana Okafor', () => [
    { type: 'schedule.window-set', data: { window: { start: local(opens), end: local(opens.plus({ hours: 4 })), zone: 'Europe/Berlin' } } },
    {
      type: 'schedule.blackout-added',
      data: {
        blackout: {
          id: 'year-end-freeze',
          title: 'Year-end freeze',
          scope: { kind: 'all' },
          rule: { kind: 'once', start: local(now.minus({ hours: 1 })), end: local(now.plus({ hours: 6 })), zone: 'Europe/Berlin' },
          source: { kind: 'ics', file: 'freeze.ics' },
        },
      },
    },
  ]);
  await call(services, 'playbook.import', {
    slug: listing!.slug,
    fileName: 'restart-cache.yaml',
    text: 'name: Restart the cache\ntarget: sandbox\nsteps:\n  - run: echo restarted\n',
  });
  await services.dispose();

  const app = await startWarRoom({ workspace });
  const browser = await launchChromium();
  cleanups.push(
    () => app.stop(),
    () => browser.close(),
  );
  const errors: string[] = [];
  const page = await open(app, browser, errors);
  const reason = 'Payment outage since 09:40: the cache restart cannot wait for the window (INC-7).';
  for (let round = 1; round <= 3; round += 1) {
    await page.getByTestId('playbook-restart-cache.yaml').click();
    await page.getByTestId('playbook-start').click();
    await page.getByTestId('mode-rehearsal').check();
    await page.getByTestId('start-run').and(page.locator(':enabled')).waitFor();
    assert.equal(await page.getByTestId('start-override').count(), 0, 'a rehearsal is not held');
    await page.getByTestId('mode-live').check();
    const findings = page.getByTestId('start-override-findings');
    await findings.waitFor();
    const text = (await findings.textContent()) ?? '';
    assert.match(text, /Outside the window.*11[34] days before the release window opens/);
    assert.match(text, /Blackout.*Year-end freeze/);
    assert.equal(await page.getByTestId('start-run').isDisabled(), true, 'no reason, no live run');
    await page.getByTestId('override-reason').fill('urgent');
    assert.equal(await page.getByTestId('start-run').isDisabled(), true, 'a reason of six characters is not enough');
    await page.getByTestId('override-reason').fill(reason);
    assert.equal(await page.getByTestId('start-run').textContent(), 'Override and start live run');
    if (round === 1) await page.getByTestId('start-run-form').screenshot({ path: join(screenshots, 'playbooks-live-override-dialog.png') });
    await page.getByTestId('start-run').click();
    await page.getByTestId('run-status').getByText('succeeded').waitFor({ timeout: 30_000 });
    assert.match(
      (await page.getByTestId('run-policy-override').textContent()) ?? '',
      /Started against the release schedule \(outside window, blackout\) by \S+: Payment outage/,
    );
  }
  const overrides = journal(releaseDir(app.workspace)).filter((event) => event.type === 'run.policy-overridden');
  assert.equal(overrides.length, 3);
  assert.equal(overrides[0]?.data.reason, reason);

  const chip = page.locator('[data-testid="finding-chip"][data-rule="outside-window"]');
  // The header's status is fetched again after each run: wait for the third, not a fixed time.
  await page.locator('[data-testid="finding-chip"][data-rule="outside-window"][data-count="3"]').waitFor();
  assert.equal(await chip.count(), 1, 'one chip for the three live runs outside the window');
  assert.equal(await chip.getAttribute('data-count'), '3');
  assert.match((await chip.textContent()) ?? '', /Outside window\s*×3.*overridden/);
  await page.getByTestId('header-schedule').screenshot({ path: join(screenshots, 'header-finding-chips.png') });
  await page.getByTestId('tab-timeline').click();
  await page
    .getByTestId('timeline')
    .getByText(/OVERRIDE: live run started against the release schedule/)
    .first()
    .waitFor();
  assert.deepEqual(errors, []);
});

test('a new rehearsal release: the shipped rollback says it needs the sandbox target, one click adds it, and the rehearsal runs', async () => {
  const workspace = tempDir('warroom-e2e-');
  const services = await bootServices({ workspaceDir: workspace, runtime: 'browser', seedDemo: false });
  const created = await call<{ slug: string }>(services, 'release.create', {
    definition: { name: 'Billing 7 rehearsal', mode: 'rehearsal', goLive: DateTime.now().plus({ hours: 1 }).toISO(), zone: 'Europe/Berlin' },
  });
  await services.dispose();
  const app = await startWarRoom({ workspace });
  const browser = await launchChromium();
  const sandbox = join(workspace, 'releases', created.slug, 'sandbox');
  cleanups.push(
    () => app.stop(),
    () => browser.close(),
    () => void spawnSync(process.execPath, [ctl, 'stop', '--dir', sandbox]),
  );
  const errors: string[] = [];
  const page = await open(app, browser, errors);
  await page.getByTestId('playbook-import').click();
  await page.getByTestId('import-name').fill('demo-rollback.yaml');
  await page.getByTestId('import-text').fill(readFileSync(new URL('../../assets/playbooks/demo-rollback.yaml', import.meta.url), 'utf8'));
  await page.getByTestId('import-submit').click();
  const needs = page.getByTestId('playbook-needs');
  await needs.waitFor();
  assert.match((await needs.textContent()) ?? '', /needs the sandbox target \(War Room's local sandbox service\), which this release does not have/);
  await page.getByTestId('playbook-detail').screenshot({ path: join(screenshots, 'playbooks-needs-sandbox.png') });
  await page.getByTestId('add-sandbox').click();
  await needs.waitFor({ state: 'detached' });
  assert.equal(existsSync(join(sandbox, 'versions', 'v1.json')), true, 'the sandbox service files are there');

  await page.getByTestId('playbook-start').click();
  assert.equal(await page.getByTestId('mode-rehearsal').isChecked(), true);
  await page.getByTestId('start-run').and(page.locator(':enabled')).waitFor();
  await page.getByTestId('start-run').click();
  await page.getByTestId('manual-panel').waitFor({ timeout: 60_000 });
  await page.getByTestId('manual-note').fill('posted in #billing');
  await page.getByTestId('manual-done').click();
  await page.getByTestId('run-status').getByText('succeeded').waitFor({ timeout: 30_000 });
  const health = spawnSync(process.execPath, [ctl, 'health', '--dir', sandbox], { encoding: 'utf8' });
  assert.equal(health.status, 0, health.stdout + health.stderr);
  assert.deepEqual(errors, []);
});
