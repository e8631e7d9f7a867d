import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningWarRoom } from '../support/browser-mode';
import { openCockpit, type CockpitSession } from '../support/cockpit-session';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

let app: RunningWarRoom;
let session: CockpitSession;
let page: Page;
let pageErrors: string[];

before(async () => {
  session = await openCockpit({}, { dialogsAreErrors: true });
  ({ app, page, pageErrors } = session);
});

after(() => session?.close());

test('the demo release opens in rehearsal mode with its countdown and clocks', async () => {
  await page.getByTestId('release-name').waitFor();
  assert.equal(await page.getByTestId('release-name').textContent(), 'Checkout 4.2 (demo rehearsal)');
  assert.equal(await page.getByTestId('mode-badge').textContent(), 'REHEARSAL');
  assert.match((await page.getByTestId('countdown').textContent()) ?? '', /^T[-+](\d+d )?\d\d:\d\d:\d\d$/);
  assert.equal(new URL(page.url()).hash, '', 'the token is taken out of the address bar');
});

test('every view is reachable by click and by keyboard', async () => {
  for (const view of ['checklist', 'terminals', 'risks', 'playbooks', 'timeline', 'calendar', 'report', 'health', 'hypercare', 'plan']) {
    await page.getByTestId(`tab-${view}`).click();
    assert.equal(await page.getByTestId(`tab-${view}`).getAttribute('aria-selected'), 'true', view);
    assert.equal(await page.locator(`#panel-${view}`).count(), 1, view);
  }
  await page.keyboard.press('Alt+1');
  assert.equal(await page.getByTestId('tab-checklist').getAttribute('aria-selected'), 'true');
  await page.getByTestId('tab-checklist').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByTestId('tab-terminals').getAttribute('aria-selected'), 'true');
  await page.keyboard.press('End');
  assert.equal(await page.getByTestId('tab-plan').getAttribute('aria-selected'), 'true');
});

test('a note added in the UI appears on the timeline live and in journal.jsonl, hostile text inert', async () => {
  await page.keyboard.press('Alt+N');
  const input = page.getByTestId('quick-text');
  await input.waitFor();
  assert.equal(
    await page.evaluate(() =>
      (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document.activeElement?.getAttribute(
        'data-testid',
      ),
    ),
    'quick-text',
    'Alt+N opens the quick-add dialog, focused',
  );
  const text = 'Canary at 10% looks healthy <img src=x onerror=alert(1)>';
  await input.fill(text);
  await page.getByTestId('quick-save').click();
  await page.getByTestId('tab-timeline').click();
  const row = page.getByTestId('timeline').locator('tr', { hasText: 'Canary at 10% looks healthy' });
  await row.waitFor();
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'the markup is shown as text');
  const [slug] = readdirSync(join(app.workspace, 'releases'));
  const journal = readFileSync(join(app.workspace, 'releases', slug!, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n');
  const last = JSON.parse(journal[journal.length - 1]!);
  assert.equal(last.type, 'note.added');
  assert.equal(last.data.text, text);
  assert.equal(await row.locator('.seq').textContent(), String(last.seq));
  await page.screenshot({ path: join(screenshots, 'cockpit-timeline.png') });
  assert.deepEqual(pageErrors, []);
});

test('the timeline’s From/To time fields (HH:mm:ss) show their whole placeholder and a whole typed time, not HH:mm', async () => {
  await page.getByTestId('tab-timeline').click();
  const from = page.getByTestId('filter-from-time');
  const to = page.getByTestId('filter-to-time');
  const clipped = (field: typeof from) =>
    field.evaluate((input) => {
      const element = input as unknown as { scrollWidth: number; clientWidth: number };
      return element.scrollWidth > element.clientWidth;
    });
  assert.equal(await from.getAttribute('placeholder'), 'HH:mm:ss');
  assert.equal(await clipped(from), false, 'the placeholder HH:mm:ss fits');
  await to.fill('23:59:59');
  assert.equal(await clipped(to), false, 'a typed 23:59:59 fits');
  await page.getByTestId('filter-to-time').screenshot({ path: join(screenshots, 'timeline-to-time.png') });
  await to.fill('');
});

test('a new release can be created from the sidebar and is selected', async () => {
  await page.getByRole('button', { name: '+ New release' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Payments 7.3');
  await page.getByLabel('Version').fill('7.3.0');
  await page.getByRole('button', { name: 'Create release' }).click();
  await page.getByTestId('release-name').filter({ hasText: 'Payments 7.3' }).waitFor();
  assert.equal(await page.getByTestId('release-list').locator('li').count(), 2);
  await page.screenshot({ path: join(screenshots, 'cockpit-new-release.png') });
});
