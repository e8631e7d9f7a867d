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
  // The viewer sits in São Paulo; the release is planned in Berlin: due times show both.
  session = await openCockpit({ timezoneId: 'America/Sao_Paulo' });
  ({ app, page, pageErrors } = session);
  await page.getByTestId('tab-checklist').click();
  await page.getByTestId('checklist-item').first().waitFor();
});

after(() => session?.close());

function journal(): { seq: number; type: string; actor: string; data: Record<string, unknown> }[] {
  const [slug] = readdirSync(join(app.workspace, 'releases'));
  return readFileSync(join(app.workspace, 'releases', slug!, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

const item = (id: string) => page.locator(`[data-testid="checklist-item"][data-item-id="${id}"]`);

async function waitForStatus(id: string, status: string): Promise<void> {
  await page.waitForSelector(`[data-testid="checklist-item"][data-item-id="${id}"][data-status="${status}"]`);
}

test('ticking items by keyboard and by click updates progress, the journal and the timeline', async () => {
  assert.match((await page.getByTestId('checklist-summary').textContent()) ?? '', /^0\/7 complete/);
  assert.equal(await item('stakeholders-informed').getAttribute('aria-selected'), 'true', 'the first item is selected');
  // Due times arrive after the rows (their own request): wait for them rather than race them.
  await page.locator('[data-testid="checklist-item"][data-item-id="stakeholders-informed"].overdue').waitFor({ timeout: 10_000 });
  await item('deploy-v2').locator('.due-viewer').waitFor();
  assert.match((await item('deploy-v2').locator('.due-release').textContent()) ?? '', /GMT\+1|CET/);
  assert.match((await item('deploy-v2').locator('.due-viewer').textContent()) ?? '', /^you \(Sao Paulo\): .*(GMT-3|BRT)/);
  await page.getByTestId('checklist-list').focus();
  await page.keyboard.press('x');
  await waitForStatus('stakeholders-informed', 'done');
  await item('monitoring-ready').locator('.status-box').click();
  await waitForStatus('monitoring-ready', 'done');
  assert.match((await page.getByTestId('checklist-summary').textContent()) ?? '', /^2\/7 complete/);
  assert.equal(await page.getByTestId('phase-progress').first().textContent(), '2/3 · 66%');

  await page.getByTestId('checklist-list').focus();
  await page.keyboard.press('j');
  assert.equal(await item('rollback-plan-written').getAttribute('aria-selected'), 'true');
  await page.keyboard.press('b');
  await page.getByTestId('status-reason').fill('Playbook review waits for the DBA');
  await page.getByTestId('status-reason-save').click();
  await waitForStatus('rollback-plan-written', 'blocked');

  const last = journal().at(-1)!;
  assert.equal(last.type, 'checklist.item-status-changed');
  assert.deepEqual([last.data.itemId, last.data.to, last.data.reason], ['rollback-plan-written', 'blocked', 'Playbook review waits for the DBA']);

  await page.getByTestId('tab-timeline').click();
  await page.getByTestId('timeline').locator('tr', { hasText: 'stakeholders-informed to do → done' }).waitFor();
  await page.getByTestId('timeline').locator('tr', { hasText: 'Playbook review waits for the DBA' }).waitFor();
  await page.getByTestId('tab-checklist').click();
  await page.getByTestId('checklist-item').first().waitFor();
  await page.getByTestId('checklist-list').focus();
  await page.screenshot({ path: join(screenshots, 'checklist-items.png') });
});

test('Shift+J and Shift+K reorder the selected item', async () => {
  const order = () => page.getByTestId('checklist-item').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-item-id')));
  await page.getByTestId('checklist-list').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+J');
  await page.getByTestId('checklist-item').nth(1).and(item('stakeholders-informed')).waitFor();
  assert.deepEqual((await order()).slice(0, 2), ['monitoring-ready', 'stakeholders-informed']);
  assert.deepEqual(journal().at(-1)!.data, { itemId: 'stakeholders-informed', fromPhaseId: 'preparation', fromIndex: 0, toPhaseId: 'preparation', toIndex: 1 });
  await page.keyboard.press('Shift+K');
  await page.getByTestId('checklist-item').nth(0).and(item('stakeholders-informed')).waitFor();
});

test('an item opens with Enter: markdown detail sanitised, evidence added', async () => {
  await page.getByTestId('checklist-list').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('item-dialog');
  await dialog.waitFor();
  assert.equal(await dialog.locator('.markdown strong').textContent(), 'sandbox', 'markdown is rendered');
  await page.getByTestId('evidence-value').fill('Announced in #release <img src=x onerror=alert(1)>');
  await page.getByTestId('evidence-add').click();
  await dialog.locator('.evidence-value', { hasText: 'Announced in #release' }).waitFor();
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});

test('a bad template is refused with its line and column, and nothing changes', async () => {
  const before = journal().length;
  await page.getByTestId('template-file').setInputFiles({
    name: 'team.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from('name: Team\nversion: 1\nphases:\n  - title: Prep\n    items:\n      - title: Thing\n        requried: true\n'),
  });
  const problem = page.getByTestId('template-problem');
  await problem.waitFor();
  assert.match((await problem.textContent()) ?? '', /team\.yaml line 7, column 9/);
  assert.equal(journal().length, before);
  await page.screenshot({ path: join(screenshots, 'checklist-template-error.png') });
  await page.keyboard.press('Escape');
  await problem.waitFor({ state: 'detached' });
});

test('a refused GO (gates) then GO with an override; dissent visible; poll the room', async () => {
  await page.getByTestId('subtab-go-no-go').click();
  await page.getByTestId('room-table').waitFor();
  await page.getByTestId('vote-for-lena-vogel').click();
  await page.getByTestId('vote-NO-GO').check();
  await page.getByTestId('vote-comment').fill('Support is thin tonight');
  await page.getByTestId('criterion-vote-organisational-readiness').selectOption('NO-GO');
  await page.getByTestId('vote-save').click();
  await page.locator('[data-testid="room-row"].dissent').waitFor();

  await page.getByTestId('poll-the-room').click();
  const room = page.getByTestId('poll-room');
  await room.waitFor();
  assert.equal(await page.getByTestId('poll-room-role').textContent(), 'Release manager');
  await page.keyboard.press('g');
  await page.getByTestId('poll-room-role').filter({ hasText: 'Tech lead' }).waitFor();
  await page.keyboard.press('g');
  await page.getByTestId('poll-room-role').filter({ hasText: 'SRE' }).waitFor();
  await page.keyboard.press('ArrowLeft');
  await page.getByTestId('poll-room-role').filter({ hasText: 'Tech lead' }).waitFor();
  await page.getByTestId('poll-room-vote').filter({ hasText: /^GO$/ }).waitFor();
  await page.keyboard.press('c');
  await page.getByTestId('poll-room-comment').fill('Rollback rehearsed twice');
  await page.keyboard.press('Enter');
  await page.locator('.poll-room-comment', { hasText: 'Rollback rehearsed twice' }).waitFor();
  await page.keyboard.press('ArrowRight');
  await page.getByTestId('poll-room-role').filter({ hasText: 'SRE' }).waitFor();
  await page.screenshot({ path: join(screenshots, 'checklist-poll-the-room.png') });
  await page.keyboard.press('g');
  await page.getByTestId('poll-room-progress').filter({ hasText: '4 of 4 voted, quorum met' }).waitFor();
  await page.keyboard.press('Escape');
  await room.waitFor({ state: 'detached' });

  await page.getByTestId('quorum').filter({ hasText: 'Quorum met' }).waitFor();
  assert.match((await page.getByTestId('gate-blockers').textContent()) ?? '', /Rollback playbook reviewed/);
  // The room sees the open high and critical risks and whether each is mitigated.
  const risks = page.getByTestId('go-no-go-risks');
  await risks.filter({ hasText: 'Open high and critical risks: 2' }).waitFor();
  assert.match((await page.getByTestId('go-no-go-risk-R-1').textContent()) ?? '', /16 high.*✓ mitigation/);
  await page.getByTestId('outcome-GO').check();
  await page.getByTestId('decide').click();
  await page.getByTestId('decide-error').filter({ hasText: 'GO refused' }).waitFor();
  assert.equal(journal().at(-1)!.type, 'poll.vote-cast', 'a refused GO writes nothing');
  await page.getByTestId('override-reason').fill('Rehearsal: the playbook is reviewed during the dry run');
  await page.getByTestId('decide').click();
  await page.getByTestId('override-record').waitFor();
  assert.match((await page.getByTestId('decision-record').textContent()) ?? '', /^GO/);
  assert.deepEqual(
    journal()
      .slice(-2)
      .map((event) => event.type),
    ['poll.gate-overridden', 'poll.decided'],
  );
  await page.screenshot({ path: join(screenshots, 'checklist-go-override.png') });
});

test('a second poll reaches a clean GO once the gates are clear', async () => {
  await page.getByTestId('poll-reset').click();
  await page.getByTestId('poll-open').click();
  await page.getByTestId('poll-setup-save').click();
  await page.getByTestId('poll-the-room').waitFor();

  await page.getByTestId('subtab-items').click();
  await item('rollback-plan-written').locator('.status-box').click();
  await waitForStatus('rollback-plan-written', 'done');
  await page.getByTestId('subtab-go-no-go').click();
  await page.getByTestId('poll-the-room').waitFor();
  await page.keyboard.press('p');
  await page.getByTestId('poll-room').waitFor();
  for (let index = 0; index < 4; index += 1) {
    const before = (await page.getByTestId('poll-room-progress').textContent()) ?? '';
    await page.keyboard.press('g');
    await page.getByTestId('poll-room-progress').filter({ hasNotText: before }).waitFor();
  }
  await page.keyboard.press('Escape');
  await page.getByTestId('quorum').filter({ hasText: 'Quorum met' }).waitFor();
  assert.equal(await page.getByTestId('gate-blockers').count(), 0);
  assert.equal(await page.getByTestId('override-reason').count(), 0);
  await page.getByTestId('decision-note').fill('All roles GO');
  await page.getByTestId('decide').click();
  await page.getByTestId('decision-record').waitFor();
  assert.equal(await page.getByTestId('override-record').count(), 0);
  const decided = journal().at(-1)!;
  assert.equal(decided.type, 'poll.decided');
  assert.deepEqual([decided.data.outcome, decided.data.override], ['GO', null]);
  await page.getByTestId('tab-timeline').click();
  await page.getByTestId('timeline').locator('tr', { hasText: 'GATES OVERRIDDEN: Rehearsal' }).waitFor();
  await page.screenshot({ path: join(screenshots, 'checklist-timeline.png') });
  assert.deepEqual(pageErrors, []);
});

test('a phase is added by hand, placed among the others, and takes items', async () => {
  await page.getByTestId('tab-checklist').click();
  await page.getByTestId('subtab-items').click();
  await page.getByTestId('checklist-item').first().waitFor();
  const headers = () => page.getByTestId('phase-header').locator('.phase-title').allTextContents();
  const before = await headers();
  await page.getByTestId('add-phase').click();
  await page.getByTestId('phase-title').fill('Smoke tests');
  await page.getByTestId('phase-position').selectOption({ label: `before ${before[1]}` });
  await page.getByTestId('phase-save').click();
  await page.getByTestId('phase-header').nth(before.length).waitFor();
  assert.deepEqual(await headers(), [before[0], 'Smoke tests', ...before.slice(1)]);
  const added = journal().at(-1)!;
  assert.equal(added.type, 'checklist.phase-added');
  assert.deepEqual(added.data, { phase: { id: 'smoke-tests', title: 'Smoke tests' }, position: 1 });

  await page.getByTestId('add-item').click();
  await page.getByTestId('item-title').fill('Checkout smoke test green');
  await page.getByTestId('item-phase').selectOption({ label: 'Smoke tests' });
  await page.getByTestId('item-save').click();
  await page.getByTestId('checklist-item').filter({ hasText: 'Checkout smoke test green' }).waitFor();
  await page.screenshot({ path: join(screenshots, 'checklist-new-phase.png') });
  assert.deepEqual(pageErrors, []);
});
