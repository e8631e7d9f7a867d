// The comms role (issue 18: "in live mode the comms role, or the release manager, approves
// each message before it leaves"): an invited comms participant, over a real WebSocket of an
// HTTPS host, approves a status update that arrives at a real webhook receiver; they cannot
// tick the checklist nor change where updates go (channel settings stay the release manager's).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostWarRoom, until } from '../support/hosted-war-room';
import { startWebhookReceiver } from '../support/comms-receivers';
import { treeFingerprint, describeChanges } from '../security/support/workspace-hash';

const room = await hostWarRoom('127.0.0.4');
const hook = await startWebhookReceiver();
after(async () => {
  await room.close();
  await hook.close();
});

test('an invited comms participant approves a status update that reaches the webhook, and may neither tick the checklist nor change channels', async () => {
  const host = await room.open(room.hostToken);
  const saved = await room.call(host, 'comms.channels-save', { channels: [{ id: 'release-slack', kind: 'slack', name: 'Slack #release', url: hook.url }] });
  assert.ok(saved.ok, JSON.stringify(saved));
  const { secret } = await room.invite('Cora', 'comms');
  const cora = await room.open(secret);
  const you = await room.call(cora, 'share.info', {});
  assert.ok(you.ok);
  assert.equal((you.value as { you: { role: string } }).you.role, 'comms');

  const approved = await room.call(cora, 'comms.approve', {
    slug: room.slug,
    params: { template: 'window-started', note: 'Cutover begins now.' },
    channels: ['release-slack'],
  });
  assert.ok(approved.ok, JSON.stringify(approved));
  const { key } = approved.value as { key: string };
  await until('the update at the webhook', () => hook.byKey.has(key), 10_000);
  assert.match(JSON.stringify(hook.byKey.get(key)), /Cutover begins now\./);
  const journal = readFileSync(join(room.workspaceDir, 'releases', room.slug, 'journal.jsonl'), 'utf8');
  const approval = journal
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; actor: string })
    .find((event) => event.type === 'comms.message-approved');
  assert.match(approval?.actor ?? '', /^Cora \(comms · [A-Za-z0-9_-]+\)$/, 'the journal names the comms person who approved');

  // Nothing else: the checklist and the channels are refused 'forbidden' and nothing on disk changes.
  const release = await room.services.release(room.slug);
  await release.flush();
  const itemId = Object.keys(release.state.checklist.items)[0]!;
  const before = treeFingerprint(room.workspaceDir);
  const tick = await room.call(cora, 'checklist.item.status', { slug: room.slug, itemId, status: 'done' });
  assert.equal(tick.ok, false);
  assert.equal(!tick.ok && tick.error.code, 'forbidden');
  assert.match(!tick.ok ? tick.error.message : '', /Cora \(comms\) may not checklist\.item\.status: it needs the 'operate' permission/);
  const channels = await room.call(cora, 'comms.channels-save', {
    channels: [{ id: 'release-slack', kind: 'slack', name: 'Slack #mine', url: 'https://hooks.example.test/steal' }],
  });
  assert.equal(channels.ok, false);
  assert.equal(!channels.ok && channels.error.code, 'forbidden');
  assert.match(!channels.ok ? channels.error.message : '', /needs the 'manage' permission/);
  const triage = await room.call(cora, 'hypercare.sla-save', { settings: {} });
  assert.equal(!triage.ok && triage.error.code, 'forbidden');
  assert.deepEqual(describeChanges(before, treeFingerprint(room.workspaceDir)), []);

  // A voter may not approve an update: 'communicate' is the comms role's and the release manager's.
  const voter = await room.open((await room.invite('Vic', 'voter')).secret);
  const refused = await room.call(voter, 'comms.approve', { slug: room.slug, params: { template: 'release-done' }, channels: ['release-slack'] });
  assert.equal(!refused.ok && refused.error.code, 'forbidden');
  assert.match(!refused.ok ? refused.error.message : '', /needs the 'communicate' permission/);
  assert.equal(hook.byKey.size, 1, 'only the comms approval left');
});
