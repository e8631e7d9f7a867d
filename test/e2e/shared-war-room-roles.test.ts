// Roles in real Chromium, each person on their own page over HTTPS on 127.0.0.2: an
// observer's attempts to tick a checklist item and to type into a terminal are refused and
// change nothing; an operator granted target X types into X but not into Y; four-eyes: an
// override the host asks for waits until two other release managers approve it on their
// own pages, and the host's own approval is refused.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Locator, Page } from 'playwright-core';
import { roomClient, serveWarRoom } from '../support/hosted-war-room';
import { tempDir } from '../support/temp-dir';

const root = new URL('../../', import.meta.url).pathname;
const screenshots = join(root, 'test-results');
mkdirSync(screenshots, { recursive: true });
const room = await serveWarRoom('127.0.0.2', 'warroom-roles-');
after(() => room.close());
const { workspace, pageFor } = room;
const marks = tempDir('warroom-marks-');
const slug = 'checkout-4-2-demo-rehearsal';
const journalFile = join(workspace, 'releases', slug, 'journal.jsonl');

const host = await pageFor(room.url);

const { callAs, hostCall, invite } = roomClient(room, host, slug);

/** The text in a terminal's buffer, whichever renderer xterm uses. */
async function screenText(pane: Locator): Promise<string> {
  return pane
    .locator('[data-renderer]')
    .first()
    .evaluate((element) => (element as unknown as { readScreen(): string }).readScreen());
}

async function waitForScreen(page: Page, pane: Locator, pattern: RegExp, what: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const text = await screenText(pane);
    if (pattern.test(text)) return text;
    await page.waitForTimeout(100);
  }
  return assert.fail(`the terminal never showed ${what}; screen: ${JSON.stringify(await screenText(pane))}`);
}

const journal = () => readFileSync(journalFile, 'utf8');
const sessions: Record<string, string> = {};

test('an observer clicking a checklist item and typing into a terminal is refused; the journal and the shell are unchanged', async () => {
  sessions['sandbox'] = (await hostCall<{ id: string }>('terminal.open', { slug, targetId: 'sandbox' })).id;
  const { page: observer } = await invite('Olu', 'observer');

  await observer.getByTestId('tab-checklist').click();
  const first = observer.getByTestId('checklist-item').first();
  await first.waitFor();
  const status = await first.getAttribute('data-status');
  const before = journal();
  await first.locator('.status-box').click();
  await observer
    .getByTestId('checklist-error')
    .filter({ hasText: /observer/ })
    .waitFor();
  assert.equal(await first.getAttribute('data-status'), status, 'the item is as it was');
  assert.equal(journal(), before, 'nothing was journaled');

  await observer.getByTestId('tab-terminals').click();
  const pane = observer.getByTestId('terminal-pane-sandbox');
  await pane.locator('.xterm').waitFor();
  await pane.locator('.xterm').click();
  await observer.keyboard.type(`touch ${join(marks, 'observer-typed')}`);
  await observer.keyboard.press('Enter');
  await pane
    .locator('.form-error')
    .filter({ hasText: /may not|terminal/ })
    .waitFor();
  // The host types after the observer: once its output is on the observer's screen, anything the observer typed would have run before it.
  await hostCall('terminal.write', { slug, sessionId: sessions['sandbox'], data: 'echo host-$((40+2))\r' });
  const screen = await waitForScreen(observer, pane, /host-42/, 'the host’s command');
  assert.doesNotMatch(screen, /observer-typed/);
  assert.equal(existsSync(join(marks, 'observer-typed')), false, 'the observer’s command never ran');
  await observer.screenshot({ path: join(screenshots, 'roles-observer-refused.png') });
  await observer.context().close();
});

test('an operator granted the sandbox target types into it, and is refused on another target', async () => {
  await hostCall('target.save', { slug, target: { id: 'other', name: 'other box', environment: 'staging', command: '/bin/sh', args: [] } });
  sessions['other'] = (await hostCall<{ id: string }>('terminal.open', { slug, targetId: 'other' })).id;
  const { page: operator } = await invite('Oskar', 'operator', ['sandbox']);
  await operator.getByTestId('tab-terminals').click();

  await operator.getByTestId('terminal-tab-sandbox').click();
  const granted = operator.getByTestId('terminal-pane-sandbox');
  await granted.locator('.xterm').waitFor();
  await granted.locator('.xterm').click();
  await operator.keyboard.type(`echo op-$((6*7)) && touch ${join(marks, 'operator-sandbox')}`);
  await operator.keyboard.press('Enter');
  await waitForScreen(operator, granted, /^op-42/m, 'the operator’s own command');
  assert.equal(existsSync(join(marks, 'operator-sandbox')), true);

  await operator.getByTestId('terminal-tab-other').click();
  const other = operator.getByTestId('terminal-pane-other');
  await other.locator('.xterm').waitFor();
  await other.locator('.xterm').click();
  await operator.keyboard.type(`touch ${join(marks, 'operator-other')}`);
  await operator.keyboard.press('Enter');
  await other
    .locator('.form-error')
    .filter({ hasText: /not granted/ })
    .waitFor();
  await hostCall('terminal.write', { slug, sessionId: sessions['other'], data: 'echo other-$((50+5))\r' });
  const screen = await waitForScreen(operator, other, /other-55/, 'the host’s command on the other target');
  assert.doesNotMatch(screen, /operator-other/);
  assert.equal(existsSync(join(marks, 'operator-other')), false, 'the operator’s command on the other target never ran');
  await operator.screenshot({ path: join(screenshots, 'roles-operator-other-refused.png') });
  await operator.context().close();
});

test('four-eyes: an override the host asks for waits for two other release managers, approved on their own pages', async () => {
  await hostCall('release.update', { slug, changes: { approvers: 2 } });
  const meta = await hostCall<{ state: { meta: { goLive: string } } }>('release.get', { slug });
  const start = DateTime.fromISO(meta.state.meta.goLive).setZone('UTC');
  const end = start.plus({ hours: 1 });
  await hostCall('calendar.addBlackout', {
    title: 'Payments freeze',
    scope: { kind: 'all' },
    rule: { kind: 'weekly', zone: 'UTC', startDay: start.weekday, startTime: start.toFormat('HH:mm'), endDay: end.weekday, endTime: end.toFormat('HH:mm') },
  });
  const status = await hostCall<{ findings: { id: string; rule: string }[] }>('schedule.status', { slug });
  const finding = status.findings.find((candidate) => candidate.rule === 'blackout');
  assert.ok(finding, JSON.stringify(status.findings));
  const held = await callAs(host, room.hostToken, 'schedule.override', { slug, findingId: finding.id, reason: 'The freeze owner agreed by phone at 09:10.' });
  assert.ok(!held.ok && /four-eyes/.test(held.error.message), JSON.stringify(held));

  const { page: ana } = await invite('Ana', 'release-manager');
  const { page: bo } = await invite('Bo', 'release-manager');
  // The host sees the request wait, and its own approval is refused.
  const hostPanel = host.getByTestId('approvals');
  await hostPanel.getByTestId('approval-tally').filter({ hasText: '0 of 2 approvals' }).waitFor();
  await hostPanel.getByTestId('approval-approve').click();
  await hostPanel
    .locator('.form-error')
    .filter({ hasText: /cannot approve it/ })
    .waitFor();

  await ana.getByTestId('approvals').getByTestId('approval-approve').click();
  await bo.getByTestId('approvals').getByTestId('approval-tally').filter({ hasText: '1 of 2 approvals' }).waitFor();
  await bo.screenshot({ path: join(screenshots, 'roles-four-eyes.png') });
  assert.doesNotMatch(journal(), /schedule\.override-recorded/, 'one approval of two is not enough');
  await bo.getByTestId('approvals').getByTestId('approval-approve').click();
  await host.getByTestId('approvals').waitFor({ state: 'detached' });
  const events = journal()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; actor: string });
  const trail = events.filter((event) => event.type.startsWith('approval.') || event.type === 'schedule.override-recorded');
  assert.deepEqual(
    trail.map((event) => [event.type, event.actor.replace(/ · [A-Za-z0-9_-]+\)$/, ')')]),
    [
      ['approval.requested', events[0]!.actor],
      ['approval.approved', 'Ana (release-manager)'],
      ['approval.approved', 'Bo (release-manager)'],
      ['schedule.override-recorded', events[0]!.actor],
      ['approval.carried-out', 'Bo (release-manager)'],
    ],
  );
});
