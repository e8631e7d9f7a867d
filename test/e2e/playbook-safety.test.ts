// Safety of playbook runs in the browser (issue 19): abort after a failure from the key
// and the button, the written override a live run needs outside its window, and the
// one-click sandbox target a shipped playbook asks for.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startWarRoom, type RunningWarRoom } from '../support/browser-mode';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

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
