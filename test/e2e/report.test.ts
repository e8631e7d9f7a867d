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

test('an export the final scan refuses shows each finding (rule and place, never the text); allowing it with a reason journals it and the export goes through', async () => {
  await page.getByTestId('tab-report').click();
  const review = page.getByTestId('redaction-review');
  // A pattern of the operator's that also matches the report's own heading: the events hold no such text, so only the
  // rendered report does, and the final scan (which knows the release's patterns) refuses it.
  await page.getByTestId('redaction-pattern-name').fill('codename');
  await page.getByTestId('redaction-pattern-source').fill('Post-release report');
  await page.getByTestId('redaction-add-pattern').click();
  await review.getByText(/1 pattern\(s\) of your own/).waitFor();
  await page.getByTestId('export-md').click();
  const findings = page.getByTestId('export-findings');
  await findings.waitFor();
  const listed = findings.locator('li.export-finding');
  await listed.first().waitFor();
  const first = (await listed.first().textContent())!;
  assert.match(first, /codename at report\.md line 1, column 3/);
  assert.match(first, /finding [0-9a-f]{16}/);
  assert.equal(await findings.getByText('Post-release report', { exact: false }).count(), 0, 'the panel never shows the matched text');
  await page.screenshot({ path: join(screenshots, 'report-export-refused.png'), fullPage: true });

  const [slug] = readdirSync(join(app.workspace, 'releases'));
  const reports = join(app.workspace, 'releases', slug!, 'reports');
  const download = page.waitForEvent('download');
  const fingerprints: string[] = [];
  for (const testId of await listed.evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')!))) {
    const fingerprint = testId.replace(/^finding-/, '');
    fingerprints.push(fingerprint);
    const allow = page.getByTestId(`finding-allow-${fingerprint}`);
    await page.getByTestId(`finding-reason-${fingerprint}`).fill('too short');
    assert.equal(await allow.isDisabled(), true, 'a reason under 10 characters cannot allow it');
    await page.getByTestId(`finding-reason-${fingerprint}`).fill('our own report heading, not the codename');
    await allow.click();
  }
  // Every finding allowed: the export is retried and goes through.
  const saved = await download;
  assert.match(saved.suggestedFilename(), /-report-.*\.md$/);
  await findings.waitFor({ state: 'detached' });
  assert.ok(readdirSync(reports).includes(saved.suggestedFilename()), 'the report is written into the release');
  const journal = readFileSync(join(app.workspace, 'releases', slug!, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; actor: string; data: { fingerprint?: string; reason?: string } });
  for (const fingerprint of fingerprints) {
    const allowed = journal.find((event) => event.type === 'redaction.finding-allowed' && event.data.fingerprint === fingerprint);
    assert.equal(allowed?.data.reason, 'our own report heading, not the codename', `finding ${fingerprint} is journaled with its reason`);
  }
  assert.deepEqual(problems, []);
});
