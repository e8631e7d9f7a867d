// Hypercare in a shared war room, in real Chromium over HTTPS on 127.0.0.2: the host and two
// invited participants (an operator and a voter) each log an issue from their own page; every
// page ranks the same lane, the journal names who logged what, and a voter may log but not
// triage (the role table says so, and the page shows why).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startWebhookReceiver } from '../support/comms-receivers';
import { roomClient, serveWarRoom, until } from '../support/hosted-war-room';

const root = new URL('../../', import.meta.url).pathname;
const screenshots = join(root, 'test-results');
mkdirSync(screenshots, { recursive: true });
const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const room = await serveWarRoom('127.0.0.2', 'warroom-roles-');
cleanups.push(() => room.close());
const { workspace, pageFor } = room;
const slug = 'checkout-4-2-demo-rehearsal';
const journalFile = join(workspace, 'releases', slug, 'journal.jsonl');
const host = await pageFor(room.url);
const { callAs, hostCall, invite } = roomClient(room, host, slug);

const journal = () => readFileSync(journalFile, 'utf8');

async function board(page: Page): Promise<void> {
  await page.getByTestId('tab-hypercare').click();
  await page.getByTestId('hypercare-active-count').waitFor();
}

async function logIssue(page: Page, title: string, severity: string, impact: string, urgency: string, customer: string): Promise<void> {
  await page.getByTestId('issue-log').click();
  await page.getByTestId('issue-title').fill(title);
  await page.getByTestId('issue-customer').fill(customer);
  await page.getByTestId('issue-severity').selectOption(severity);
  await page.getByTestId('issue-impact').selectOption(impact);
  await page.getByTestId('issue-urgency').selectOption(urgency);
  await page.getByTestId('issue-title').press('Enter');
  await page.getByTestId('issue-title').waitFor({ state: 'detached' });
}

let voter: Page;
let voterSecret: string;

test('the host, an operator and a voter log three issues from their own pages; every page ranks the same lane; the journal names each; a voter cannot triage', async () => {
  const { page: operator } = await invite('Priya', 'operator');
  ({ page: voter, secret: voterSecret } = await invite('Sam', 'voter'));
  for (const page of [host, operator, voter]) await board(page);
  await logIssue(operator, 'ACME checkout returns 500', 'sev1', '4', '4', 'ACME');
  await logIssue(voter, 'Invoice PDF lost its logo', 'sev4', '1', '2', 'Globex');
  await logIssue(host, 'Search p95 doubled', 'sev3', '2', '2', '');

  for (const page of [host, operator, voter]) {
    await page.getByText('3 in the active lane').waitFor();
    await page.locator('[data-testid="active-lane"] [data-issue="ISS-3"]').waitFor();
    const titles = await page.locator('[data-testid="active-lane"] .issue-title').allTextContents();
    assert.deepEqual(
      titles.map((title) => title.replace(/^ISS-\d+\s*/, '')),
      ['ACME checkout returns 500', 'Search p95 doubled', 'Invoice PDF lost its logo'],
    );
  }
  const logged = journal()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; actor: string; data: { title?: string } })
    .filter((event) => event.type === 'hypercare.issue-logged')
    .map((event) => [event.data.title, event.actor.split(' ')[0]]);
  assert.deepEqual(logged, [
    ['ACME checkout returns 500', 'Priya'],
    ['Invoice PDF lost its logo', 'Sam'],
    ['Search p95 doubled', logged[2]![1]],
  ]);
  assert.match(journal(), /"actor":"Priya \(operator/);

  // Triage is the release manager's: the voter's page disables it and says who can; main
  // refuses the request all the same and nothing is journaled.
  const before = journal();
  await voter.locator('[data-issue="ISS-1"]').click();
  const assign = voter.getByTestId('issue-assign');
  await assign.waitFor();
  assert.equal(await assign.isDisabled(), true, 'a voter cannot assign');
  assert.equal(await assign.getAttribute('title'), 'Only the release-manager role can assign the point of contact; you are Sam (voter).');
  const refused = await callAs(voter, voterSecret, 'hypercare.issue-triage', { slug, id: 'ISS-1', contact: 'Sam' });
  assert.equal(!refused.ok && refused.error.code, 'forbidden');
  assert.equal(journal(), before, 'nothing was journaled');
  await operator.screenshot({ path: join(screenshots, 'hypercare-participants.png') });
});

test('each page disables what its role cannot do, with a tooltip naming who can: a voter neither configures, triages, moves nor approves; the comms person approves an update that reaches the webhook', async () => {
  const hook = await startWebhookReceiver();
  cleanups.push(() => hook.close());
  await hostCall('comms.channels-save', { channels: [{ id: 'release-slack', kind: 'slack', name: 'Slack #release', url: hook.url }] });
  const { page: comms } = await invite('Cora', 'comms');
  await board(comms);
  // The voter's page, reloaded so it lists the channel the host just added.
  await voter.reload();
  await voter.getByTestId('whoami').filter({ hasText: 'Sam (voter)' }).waitFor();
  await board(voter);

  const title = async (page: Page, testId: string) => page.getByTestId(testId).getAttribute('title');
  await voter.getByTestId('hypercare-settings-open').and(voter.locator(':disabled')).waitFor();
  assert.equal(
    await title(voter, 'hypercare-settings-open'),
    'Only the release-manager role can change the SLA targets and the channels; you are Sam (voter).',
  );
  assert.equal(await voter.getByTestId('issue-log').isEnabled(), true, 'a voter logs issues');
  await voter.locator('[data-issue="ISS-1"]').click();
  await voter.getByTestId('issue-move-triaged').or(voter.getByTestId('issue-move-in-progress')).first().waitFor();
  for (const button of await voter.locator('[data-testid^="issue-move-"]').all()) {
    assert.equal(await button.isDisabled(), true);
    assert.equal(await button.getAttribute('title'), 'Only the release-manager or operator role can move an issue along the lane; you are Sam (voter).');
  }
  await voter.getByTestId('update-template').selectOption('window-started');
  await voter.getByTestId('update-preview').click();
  await voter.getByTestId('update-preview-text').waitFor();
  assert.equal(await voter.getByTestId('update-approve').isDisabled(), true, 'a voter previews but cannot approve');
  assert.equal(await title(voter, 'update-approve'), 'Only the release-manager or comms role can approve and send a status update; you are Sam (voter).');
  await voter.getByTestId('update-approve-why').filter({ hasText: 'Only the release-manager or comms role can approve' }).waitFor();
  await voter.getByTestId('update-approve-why').scrollIntoViewIfNeeded();
  await voter.screenshot({ path: join(screenshots, 'hypercare-voter-disabled.png') });

  // The comms person: approves, but neither configures nor triages.
  assert.equal(await comms.getByTestId('hypercare-settings-open').isDisabled(), true);
  await comms.locator('[data-issue="ISS-1"]').click();
  assert.equal(await comms.getByTestId('issue-assign').isDisabled(), true);
  await comms.getByTestId('update-template').selectOption('window-started');
  await comms.getByTestId('update-note').fill('Cutover begins now.');
  await comms.getByTestId('update-preview').click();
  await comms.getByTestId('update-preview-text').waitFor();
  assert.equal(await title(comms, 'update-approve'), 'Journal the update and send it');
  assert.equal(await comms.getByTestId('update-approve-why').count(), 0, 'no reason shown to someone who may approve');
  await comms.getByTestId('update-approve').click();
  await comms.getByTestId('sent-update').filter({ hasText: 'approved by Cora' }).waitFor();
  await until('the update at the webhook', () => [...hook.byKey.values()].some((body) => JSON.stringify(body).includes('Cutover begins now.')), 10_000);
  const approvals = journal()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; actor: string })
    .filter((event) => event.type === 'comms.message-approved');
  assert.deepEqual(
    approvals.map((event) => event.actor.replace(/ · [A-Za-z0-9_-]+\)$/, ')')),
    ['Cora (comms)'],
  );
  await comms.screenshot({ path: join(screenshots, 'hypercare-comms-approved.png') });
});
