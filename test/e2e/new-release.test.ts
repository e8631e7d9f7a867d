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

before(async () => {
  // An en-US browser in São Paulo: the locale that draws <input type="time"> with AM/PM.
  session = await openCockpit({ viewport: { width: 1440, height: 1000 }, locale: 'en-US', timezoneId: 'America/Sao_Paulo' });
  ({ app, page } = session);
});

after(() => session?.close());

test('the new-release dialog defaults to the browser’s zone, offers the built-in templates, and creates the release with its checklist', async () => {
  await page.getByRole('button', { name: '+ New release' }).click();
  const zone = page.getByTestId('new-release-zone');
  assert.equal(await zone.inputValue(), 'America/Sao_Paulo');
  assert.match((await zone.locator('option:checked').textContent()) ?? '', /America\/Sao_Paulo \(this browser’s zone\)/);
  const template = page.getByTestId('new-release-template');
  await template.locator('option', { hasText: /^Go-live \(\d+ items in \d+ phases\)$/ }).waitFor({ state: 'attached' });
  assert.equal(await template.inputValue(), 'go-live');
  const offered = await template.locator('option').allTextContents();
  assert.ok(offered.some((text) => text.startsWith('Demo rehearsal')));
  assert.ok(offered.includes('Empty checklist'));
  assert.equal(await page.locator('input[type="time"], input[type="datetime-local"]').count(), 0, 'no locale-drawn (AM/PM) time inputs');
  assert.match(await page.getByTestId('new-release-golive-time').inputValue(), /^\d\d:00$/);
  await page.getByLabel('Name', { exact: true }).fill('Payments 7.3');
  await page.screenshot({ path: join(screenshots, 'new-release-dialog.png') });
  await page.getByRole('button', { name: 'Create release' }).click();
  await page.getByTestId('release-name').filter({ hasText: 'Payments 7.3' }).waitFor();
  const slug = readdirSync(join(app.workspace, 'releases')).find((name) => name.startsWith('payments'))!;
  const journal = readFileSync(join(app.workspace, 'releases', slug, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(journal[0].data.zone, 'America/Sao_Paulo');
  const applied = journal.find((event) => event.type === 'checklist.template-applied');
  assert.equal(applied?.data.template.file, 'go-live.yaml');

  // A UTC browser (as on this machine) sees UTC chosen, not the first zone of the list (Africa/Abidjan).
  const utcPage = await session.browser.newPage({ locale: 'en-US', timezoneId: 'UTC' });
  await utcPage.goto(app.url);
  await utcPage.getByRole('button', { name: '+ New release' }).click();
  assert.equal(await utcPage.getByTestId('new-release-zone').inputValue(), 'UTC');
  await utcPage.close();
});

test('pod hours are 24-hour; a Sunday window says why nobody is on duty until a pod works Sundays; the real length shows on a DST night', async () => {
  await page.getByTestId('release-list').locator('li', { hasText: 'Checkout' }).click();
  await page.getByTestId('release-name').filter({ hasText: 'Checkout' }).waitFor();
  await page.getByTestId('tab-calendar').click();
  const podsForm = page.getByTestId('pods-form');
  await podsForm.waitFor();
  assert.deepEqual(await podsForm.getByTestId('pod-from').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value)), [
    '09:00',
    '09:00',
    '09:30',
  ]);
  assert.equal(await page.locator('input[type="time"], input[type="datetime-local"]').count(), 0);
  assert.doesNotMatch((await podsForm.innerText()) + (await page.getByTestId('window-form').innerText()), /\b(AM|PM)\b/);

  // The demo's pods work every day; make them weekday pods, as most teams are.
  const rows = podsForm.getByTestId('pod-row');
  for (let index = 0; index < 3; index += 1) {
    await rows.nth(index).getByTestId('pod-day-6').uncheck();
    await rows.nth(index).getByTestId('pod-day-7').uncheck();
  }
  await page.getByTestId('pods-save').click();
  await podsForm.getByText('Pods saved (journaled).').waitFor();
  // Sunday 21 March 2027, 10:00-12:00 in Berlin: every pod is on its Sunday.
  const setWindow = async (date: string, start: string, end: string, endDate = date) => {
    await page.getByTestId('window-start-date').fill(date);
    await page.getByTestId('window-start-time').fill(start);
    await page.getByTestId('window-end-date').fill(endDate);
    await page.getByTestId('window-end-time').fill(end);
    await page.getByTestId('window-golive-date').fill(date);
    await page.getByTestId('window-golive-time').fill(start);
    await page.getByTestId('window-zone').fill('Europe/Berlin');
    await page.getByTestId('window-save').click();
  };
  await setWindow('2027-03-21', '10:00', '12:00');
  const firstHour = page.getByTestId('fts-hour').first();
  await firstHour.filter({ hasText: 'Sun 10:00' }).filter({ hasText: 'nobody' }).waitFor();
  assert.match(await firstHour.innerText(), /nobody on duty: no pod works Sundays/);
  assert.match(await page.getByTestId('fts-uncovered').innerText(), /Sun 10:00–12:00: no pod works Sundays/);
  await page.getByTestId('follow-the-sun').screenshot({ path: join(screenshots, 'new-release-sunday-nobody.png') });

  await podsForm.getByTestId('pod-row').first().getByTestId('pod-day-7').check();
  await page.getByTestId('pods-save').click();
  await firstHour.filter({ hasText: 'Berlin' }).waitFor();
  assert.equal(await page.getByTestId('fts-uncovered').count(), 0);

  // The spring-forward night in Berlin: 01:00-04:00 on the wall clock is two real hours.
  await setWindow('2027-03-28', '01:00', '04:00');
  await page.getByTestId('window-length').filter({ hasText: '2 h, clocks go forward (3 h on the wall clock)' }).waitFor();
  await page.getByTestId('window-clock').filter({ hasText: '2 h, clocks go forward' }).waitFor();
  await page.getByTestId('window-form').screenshot({ path: join(screenshots, 'new-release-window-dst.png') });
  await page.getByTestId('pods-form').screenshot({ path: join(screenshots, 'new-release-pods-24h.png') });
  assert.deepEqual(session.pageErrors, []);
});
