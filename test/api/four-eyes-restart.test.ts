// A request four-eyes holds survives a SIGKILL of the host: after the restart it is listed
// again with the approval it had, the requester still never counts, the same person still
// counts once, and the second approver's approval carries it out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PendingApproval } from '../../contract/requests/approval-requests';
import { HELD_REQUESTS_FILE } from '../../main/core/approvals/held-requests';
import { tempDir } from '../support/temp-dir';
import { connect, startHost, workspaceWithRelease } from '../follow/war-room-process';
import type { FollowConnection } from '../../main/api/follow/follow-client';

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

test('a held override survives a SIGKILL of the host and is carried out by the approval that completes it', { timeout: 180_000 }, async () => {
  const hostDir = tempDir('warroom-four-eyes-');
  const slug = await workspaceWithRelease(hostDir, 1);
  let host = await startHost(hostDir);
  const port = Number(new URL(host.url).port);
  const opened: FollowConnection[] = [];
  const open = async (url: string) => {
    const connection = await connect(url);
    opened.push(connection);
    return connection;
  };
  try {
    const owner = await open(host.url);
    await owner.request('release.update', { slug, changes: { approvers: 2 } });
    const ana = (await owner.request('participant.invite', { slug, name: 'Ana', role: 'release-manager', expiresIn: '1h' })).link;
    const bo = (await owner.request('participant.invite', { slug, name: 'Bo', role: 'release-manager', expiresIn: '1h' })).link;
    // Lowering four-eyes is itself held for the current number of others.
    assert.equal(await code(owner.request('release.update', { slug, changes: { approvers: 0 } })), 'refused');
    const [held] = await owner.request('approval.list', { slug });
    assert.ok(held && held.status === 'pending');
    const onAna = await open(ana);
    const first = await onAna.request('approval.decide', { slug, id: held.id, approved: true, note: 'agreed on the bridge' });
    assert.equal(first.approvals.length, 1);
    const kept = join(hostDir, 'releases', slug, HELD_REQUESTS_FILE);
    assert.ok(existsSync(kept), 'the request is kept beside the release');
    assert.equal(statSync(kept).mode & 0o777, 0o600);

    // The host dies between the first and the second approval.
    await host.process.stop('SIGKILL');
    for (const connection of opened.splice(0)) connection.close();
    host = await startHost(hostDir, port);

    const again = await open(host.url);
    const listed = await again.request('approval.list', { slug });
    const restored = listed.find((item: PendingApproval) => item.id === held.id);
    assert.ok(restored, `the held request is listed after the restart: ${JSON.stringify(listed)}`);
    assert.equal(restored.status, 'pending');
    assert.equal(restored.required, 2);
    assert.equal(restored.requester, held.requester);
    assert.deepEqual(
      restored.approvals.map((approval) => approval.note),
      ['agreed on the bridge'],
    );
    assert.equal((await again.request('release.get', { slug })).state.meta?.approvers, 2, 'nothing happened while it waited');

    // The requester still never counts; Ana (already counted) does not count twice.
    assert.equal(await code(again.request('approval.decide', { slug, id: held.id, approved: true, note: '' })), 'forbidden');
    assert.equal(await code((await open(ana)).request('approval.decide', { slug, id: held.id, approved: true, note: 'again' })), 'conflict');
    assert.equal((await again.request('release.get', { slug })).state.meta?.approvers, 2);

    // Bo's approval completes it: carried out as the requester's, once.
    const done = await (await open(bo)).request('approval.decide', { slug, id: held.id, approved: true, note: 'second pair of eyes' });
    assert.equal(done.status, 'carried-out');
    assert.equal((await again.request('release.get', { slug })).state.meta?.approvers, 0);
    const journal = readFileSync(join(hostDir, 'releases', slug, 'journal.jsonl'), 'utf8');
    assert.equal(journal.split('"type":"approval.carried-out"').length - 1, 1);
    assert.equal(JSON.parse(readFileSync(kept, 'utf8')).held.length, 0, 'a decided request is no longer kept');
  } finally {
    for (const connection of opened) connection.close();
    await host.process.stop();
  }
});
