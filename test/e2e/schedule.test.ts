import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import type { RunningWarRoom } from '../support/browser-mode';
import { openCockpit, type CockpitSession } from '../support/cockpit-session';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

let app: RunningWarRoom;
let session: CockpitSession;
let page: Page;
let goLive: DateTime;
let journalFile: string;
let pageErrors: string[];

before(async () => {
  session = await openCockpit({ viewport: { width: 1440, height: 1000 } });
  ({ app, page, pageErrors } = session);
  const [slug] = readdirSync(join(app.workspace, 'releases'));
  journalFile = join(app.workspace, 'releases', slug!, 'journal.jsonl');
  const created = JSON.parse(readFileSync(journalFile, 'utf8').split('\n')[0]!);
  goLive = DateTime.fromISO(created.data.goLive).setZone('Europe/Berlin');
});

after(() => session?.close());

test('the header shows time left in the window and a wall clock for each pod', async () => {
  await page.getByTestId('window-clock').waitFor();
  assert.match(
    (await page.getByTestId('window-clock').textContent()) ?? '',
    new RegExp(`Window ${goLive.toFormat('HH:mm')}–${goLive.plus({ hours: 4 }).toFormat('HH:mm')}opens in \\d\\d:\\d\\d:\\d\\d`),
  );
  const pods = page.getByTestId('pod-clock');
  assert.equal(await pods.count(), 3);
  const now = DateTime.now();
  const expected = [
    ['Berlin', 'Europe/Berlin'],
    ['São Paulo', 'America/Sao_Paulo'],
    ['Bangalore', 'Asia/Kolkata'],
  ];
  for (const [index, [name, zone]] of expected.entries()) {
    const text = (await pods.nth(index).textContent()) ?? '';
    assert.ok(text.startsWith(name!), text);
    const shown = /(\w{3}) (\d\d):(\d\d)/.exec(text)!;
    const local = now.setZone(zone);
    assert.ok(
      Math.abs(Number(shown[2]) * 60 + Number(shown[3]) - (local.hour * 60 + local.minute)) <= 1 || local.minute === 0,
      `${name} shows its own wall clock: ${text}`,
    );
    assert.match(text, /(on|off) duty$/);
  }
  assert.match((await page.getByTestId('point-of-no-return').textContent()) ?? '', /Rollback.*no rehearsal yet/);
});

test('the calendar view shows the demo window in week and month views, with its pods and follow-the-sun plan', async () => {
  await page.getByTestId('tab-calendar').click();
  await page.getByTestId('week-view').waitFor();
  const day = page.locator(`[data-testid="calendar-day"][data-date="${goLive.toFormat('yyyy-MM-dd')}"]`);
  await day.locator('[data-kind="window"]').first().waitFor();
  assert.match((await day.locator('[data-kind="window"]').first().textContent()) ?? '', new RegExp(`${goLive.toFormat('HH:mm')}.*Checkout 4\\.2`));
  await page.getByTestId('fts-hour').nth(3).waitFor();
  assert.equal(await page.getByTestId('fts-hour').count(), 4, 'one row per hour of the 4-hour window');
  await page.getByTestId('calendar-next').click();
  await page.getByTestId('calendar-prev').click();
  // The view scrolls inside the app: a tall viewport shows the whole calendar view at once.
  await page.setViewportSize({ width: 1440, height: 2000 });
  await page.screenshot({ path: join(screenshots, 'schedule-calendar-week.png') });
  await page.setViewportSize({ width: 1440, height: 1000 });

  await page.getByTestId('calendar-month').click();
  await page.getByTestId('month-view').waitFor();
  assert.ok((await page.locator('[data-testid="month-view"] [data-testid="calendar-day"]').count()) >= 28);
  await page.locator(`[data-testid="month-view"] [data-date="${goLive.toFormat('yyyy-MM-dd')}"] [data-kind="window"]`).waitFor();
  await page.screenshot({ path: join(screenshots, 'schedule-calendar-month.png') });
  await page.getByTestId('calendar-week').click();
});

test('a day when the clocks change is 23 or 25 hours long in the week view', async () => {
  // Navigate to the week of the next clock change in Berlin (last Sunday of March or October).
  const now = DateTime.now().setZone('Europe/Berlin');
  let change = now.startOf('day');
  while (change.plus({ days: 1 }).offset === change.offset) change = change.plus({ days: 1 });
  const changeDay = change.toFormat('yyyy-MM-dd');
  for (let step = 0; step < 60; step += 1) {
    if ((await page.locator(`[data-testid="week-view"] [data-date="${changeDay}"]`).count()) > 0) break;
    await page.getByTestId('calendar-next').click();
    await page.waitForTimeout(50);
  }
  const hours = Number(await page.locator(`[data-date="${changeDay}"]`).getAttribute('data-hours'));
  assert.ok(hours === 23 || hours === 25, `${changeDay} has ${hours} hours`);
  assert.match((await page.locator(`[data-date="${changeDay}"] .dst-badge`).textContent()) ?? '', /clocks (forward|back)/);
  await page.getByTestId('calendar-today').click();
});

test('a weekly blackout over the demo window becomes a finding in the header; overriding it with a reason reaches the timeline', async () => {
  const end = goLive.plus({ hours: 1 });
  await page.getByTestId('blackout-title').fill('Payments freeze');
  await page.getByTestId('blackout-kind').selectOption('weekly');
  await page.getByTestId('blackout-from-day').selectOption(String(goLive.weekday));
  await page.getByTestId('blackout-from-time').fill(goLive.toFormat('HH:mm'));
  await page.getByTestId('blackout-until-day').selectOption(String(end.weekday));
  await page.getByTestId('blackout-until-time').fill(end.toFormat('HH:mm'));
  await page.getByTestId('blackout-zone').fill('Europe/Berlin');
  await page.getByTestId('blackout-add').click();
  await page.getByTestId('blackout-item').filter({ hasText: 'Payments freeze' }).waitFor();
  const onDisk = JSON.parse(readFileSync(join(app.workspace, 'calendar', 'calendar.json'), 'utf8'));
  assert.equal(onDisk.blackouts[0].title, 'Payments freeze');

  const chip = page.locator('[data-testid="finding-chip"][data-rule="blackout"]');
  await chip.waitFor();
  assert.match((await chip.textContent()) ?? '', /Blackout: Payments freeze/);
  await page
    .locator(`[data-testid="week-view"] [data-date="${goLive.toFormat('yyyy-MM-dd')}"] [data-kind="blackout"]`)
    .first()
    .waitFor();
  await page.screenshot({ path: join(screenshots, 'schedule-header-finding.png') });

  await chip.getByRole('button', { name: /Override/ }).click();
  await page.getByTestId('override-reason').fill('ok');
  assert.equal(await page.getByTestId('override-save').isDisabled(), true, 'a reason of two characters is not enough');
  const reason = 'Freeze owner Ana approved this window (CHG-1234).';
  await page.getByTestId('override-reason').fill(reason);
  await page.screenshot({ path: join(screenshots, 'schedule-override-dialog.png') });
  await page.getByTestId('override-save').click();
  await chip.locator('.finding-overridden').waitFor();

  const journal = readFileSync(journalFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const override = journal.find((event) => event.type === 'schedule.override-recorded');
  assert.equal(override.data.reason, reason);
  assert.equal(override.data.rule, 'blackout');

  await page.getByTestId('tab-timeline').click();
  await page
    .getByTestId('timeline')
    .locator('tr', { hasText: `Reason: ${reason}` })
    .waitFor();
  await page.screenshot({ path: join(screenshots, 'schedule-timeline.png') });
});

test('a malformed .ics is refused with its line and nothing is imported; a good one is', async () => {
  await page.getByTestId('tab-calendar').click();
  const bad = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:xmas',
    'DTSTART;TZID=Europe/Berlin:20261224T000000',
    'DTEND;TZID=Europe/Berlin:not-a-date',
    'SUMMARY:Christmas',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  await page.getByTestId('ics-import').setInputFiles({ name: 'holidays.ics', mimeType: 'text/calendar', buffer: Buffer.from(bad) });
  const message = page.getByTestId('ics-message');
  await message.waitFor();
  assert.match((await message.textContent()) ?? '', /holidays\.ics line 6: .*nothing was imported/);
  assert.equal(await page.getByTestId('blackout-item').count(), 1);
  assert.deepEqual(readdirSync(join(app.workspace, 'calendar', 'imports')), []);
  await page.getByTestId('ics-message').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, 'schedule-ics-refused.png') });

  const good = bad.replace('not-a-date', '20261227T000000');
  await page.getByTestId('ics-import').setInputFiles({ name: 'holidays.ics', mimeType: 'text/calendar', buffer: Buffer.from(good) });
  await page.getByTestId('ics-message').filter({ hasText: 'Imported 1 of 1 event from holidays.ics; 1 blocks' }).waitFor();
  await page.getByTestId('blackout-item').filter({ hasText: 'Christmas' }).waitFor();
  assert.equal(readdirSync(join(app.workspace, 'calendar', 'imports')).length, 1);
  assert.deepEqual(pageErrors, []);
});
