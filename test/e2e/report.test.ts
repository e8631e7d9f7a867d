import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningWarRoom } from '../support/browser-mode';
import { openCockpit, type CockpitSession } from '../support/cockpit-session';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });
const HOSTILE = '<img src=x onerror=alert(1)> [x](javascript:alert(2)) </script>';

let app: RunningWarRoom;
let session: CockpitSession;
let page: Page;
let problems: string[];

before(async () => {
  session = await openCockpit({ acceptDownloads: true }, { dialogsAreErrors: true });
  ({ app, page, pageErrors: problems } = session);
});

after(() => session?.close());

test('Alt+N from any view adds an incident and a decision; the Timeline lists, edits and filters them', async () => {
  await page.getByTestId('tab-risks').click();
  await page.keyboard.press('Alt+N');
  await page.getByTestId('quick-kind-incident').check();
  await page.getByTestId('quick-text').fill(`Checkout latency ${HOSTILE}`);
  await page.getByTestId('quick-severity').selectOption('sev2');
  await page.getByTestId('quick-owner').fill('Priya Raman');
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('quick-add').waitFor({ state: 'detached' });
  await page.getByTestId('tab-checklist').click();
  await page.keyboard.press('Alt+N');
  await page.getByTestId('quick-kind-decision').check();
  await page.getByTestId('quick-text').fill('Hold at 10% until the latency is explained');
  await page.getByTestId('quick-save').click();
  await page.getByTestId('quick-add').waitFor({ state: 'detached' });
  await page.getByTestId('tab-timeline').click();
  const incident = page.getByTestId('incident-INC-1');
  await incident.waitFor();
  assert.ok((await incident.textContent())!.includes(HOSTILE), 'the hostile title is shown as text');
  await page.getByTestId('incident-status-INC-1').selectOption('mitigated');
  await page.getByTestId('timeline').locator('tr', { hasText: 'INC-1 changed: status → mitigated' }).waitFor();
  await page.getByTestId('filter-kind-decision').click();
  const rows = page.getByTestId('timeline').locator('tbody tr.event');
  // Filters are answered by main a page at a time: wait for the filtered page, not a fixed time.
  const timelineRowCount = (count: number) =>
    page.waitForFunction(
      (expected) =>
        (globalThis as unknown as { document: { querySelectorAll(selector: string): { length: number } } }).document.querySelectorAll(
          '[data-testid="timeline"] tbody tr.event',
        ).length === expected,
      count,
    );
  await timelineRowCount(1);
  assert.match((await rows.first().textContent())!, /Hold at 10%/);
  await page.getByTestId('filter-kind-incident').click();
  await timelineRowCount(3);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  await page.screenshot({ path: join(screenshots, 'report-timeline.png') });
  await page.getByRole('button', { name: 'Clear filters' }).click();
});

test('the report is exported from the UI; the HTML opens with no request and no dialog', async () => {
  await page.getByTestId('tab-report').click();
  await page.getByTestId('report-section-incidents').waitFor();
  await page.getByTestId('redaction-review').locator('p').first().waitFor();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-html').click();
  const saved = await download;
  assert.match(saved.suggestedFilename(), /-report-.*\.html$/);
  const popup = page.waitForEvent('popup');
  await page.getByTestId('open-html').click();
  const opened = await popup;
  await opened.waitForLoadState();
  assert.match(await opened.title(), /^Post-release report: Checkout 4\.2/);
  assert.equal(await opened.locator('script, img').count(), 0);
  await opened.close();
  await page.getByTestId('export-md').click();
  await page.getByTestId('export-list').locator('li', { hasText: '.md' }).waitFor();
  await page.screenshot({ path: join(screenshots, 'report-view.png') });
  const [slug] = readdirSync(join(app.workspace, 'releases'));
  const reports = join(app.workspace, 'releases', slug!, 'reports');
  const html = readdirSync(reports).find((name) => name.endsWith('.html'))!;
  const content = readFileSync(join(reports, html), 'utf8');
  assert.doesNotMatch(content, /<script|<img/i);
  const viewer = await session.browser.newPage({ viewport: { width: 1200, height: 900 } });
  const requests: string[] = [];
  viewer.on('request', (request) => {
    if (!request.url().startsWith('file://')) requests.push(request.url());
  });
  viewer.on('dialog', (dialog) => {
    problems.push(`dialog in the report: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await viewer.goto(`file://${join(reports, html)}`);
  await viewer.locator('#incidents').scrollIntoViewIfNeeded();
  await viewer.screenshot({ path: join(screenshots, 'report-exported-html.png') });
  assert.deepEqual(requests, []);
  await viewer.close();
  assert.deepEqual(problems, []);
});

test('the redaction review lists a pasted token and a literal the operator adds; the export masks both', async () => {
  await page.keyboard.press('Alt+N');
  await page.getByTestId('quick-text').fill('pasted ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ by mistake; db host falcon-internal-db-7');
  await page.getByTestId('quick-save').click();
  await page.getByTestId('quick-add').waitFor({ state: 'detached' });
  await page.getByTestId('tab-report').click();
  const review = page.getByTestId('redaction-review');
  await review.locator('tr', { hasText: 'github-pat' }).first().waitFor();
  assert.equal(await review.getByText('ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ').count(), 0, 'the review never shows the secret');
  await page.getByTestId('redaction-literal').fill('falcon-internal-db-7');
  await page.getByTestId('redaction-add-literal').click();
  await review.locator('tr', { hasText: 'literal' }).first().waitFor();
  await page.getByTestId('redaction-pattern-name').fill('bad');
  await page.getByTestId('redaction-pattern-source').fill('(');
  await page.getByTestId('redaction-add-pattern').click();
  await review.getByRole('alert').filter({ hasText: "Redaction pattern 'bad' is not a valid regular expression" }).waitFor();
  await page.screenshot({ path: join(screenshots, 'report-redaction.png'), fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByTestId('export-md').click();
  const saved = await download;
  const text = readFileSync((await saved.path())!, 'utf8');
  assert.ok(!text.includes('ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ') && !text.includes('falcon-internal-db-7'));
  assert.ok(text.includes('REDACTED:github-pat') && text.includes('REDACTED:literal'));
  assert.deepEqual(problems, []);
});
