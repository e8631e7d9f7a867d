// The follow-back credential: what a follower gives its host for after a handover is a
// follow-only invite of its one release, never its own token. The host here runs in this
// process (so the test holds exactly what the host holds); the follower is a real
// `warroom follow` process with a workspace of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootServices } from '../../main/api/boot';
import { startHosting } from '../../main/transport/hosting';
import { followRegistry } from '../../main/api/follow/follow-registry';
import { parseFollowLink } from '../../main/api/follow/follow-link';
import { FollowConnection } from '../../main/api/follow/follow-client';
import { Workspace } from '../../main/core/workspace/workspace';
import { createReleaseEvents } from '../../contract/domain/release/release-meta';
import { hashSecret } from '../../main/core/workspace/workspace-participants';
import { tempDir } from '../support/temp-dir';
import { eventually, startWarRoomProcess, workspaceWithRelease } from './war-room-process';

async function addRelease(dir: string, name: string): Promise<string> {
  const workspace = await Workspace.open(dir);
  try {
    const definition = { name, version: '1.0.0', mode: 'rehearsal', zone: 'UTC', goLive: '2031-01-01T00:00:00Z', description: '' };
    return (await workspace.create(name, 'bo', createReleaseEvents(definition as never, []))).slug;
  } finally {
    await workspace.close();
  }
}

async function refusal(connection: FollowConnection, name: Parameters<FollowConnection['request']>[0], input: unknown): Promise<string> {
  try {
    await connection.request(name, input as never);
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'allowed';
}

test('the host holds a follow-only credential of the one release: it follows, and can do nothing else', { timeout: 120_000 }, async () => {
  const hostDir = tempDir('warroom-host-');
  const followerDir = tempDir('warroom-follower-');
  const slug = await workspaceWithRelease(hostDir, 3);
  const other = await addRelease(followerDir, 'Other release');
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>War Room</title>');
  const services = await bootServices({ workspaceDir: hostDir, runtime: 'browser', seedDemo: false });
  const hosted = await startHosting({ services, workspaceDir: hostDir, staticDir, host: '127.0.0.1', port: 0, tls: false });
  const follower = startWarRoomProcess(['follow', hosted.url, '--workspace', followerDir, '--name', 'pod-b', '--release', slug]);
  const opened: FollowConnection[] = [];
  try {
    const followerUrl = (await follower.waitFor(/open:\s+(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/, 90_000))[1]!;
    let held: string | null = null;
    await eventually(() => {
      held = [...followRegistry(services).connected.values()].find((entry) => entry.slug === slug)?.link ?? null;
      return held !== null;
    }, 'the follower to say hello with its link');
    const link = parseFollowLink(held!);
    const followerToken = new URLSearchParams(new URL(followerUrl).hash.slice(1)).get('token')!;
    assert.equal(link.origin, new URL(followerUrl).origin, 'the link reaches the follower');
    assert.notEqual(link.secret, followerToken, 'the host never receives the follower’s own token');
    assert.match(held!, /#invite=/);

    // On the follower's disk: only the hash, observer, follow-only, of the one release, expiring.
    const kept = JSON.parse(readFileSync(join(followerDir, 'participants.json'), 'utf8')) as {
      participants: { release: string; role: string; followOnly?: boolean; secretSha256: string; expiresAt: string; revokedAt: string | null }[];
    };
    const credential = kept.participants.find((record) => record.secretSha256 === hashSecret(link.secret));
    assert.ok(credential, 'the credential is kept hashed');
    assert.deepEqual([credential.release, credential.role, credential.followOnly], [slug, 'observer', true]);
    assert.ok(Date.parse(credential.expiresAt) > Date.now() && credential.revokedAt === null);
    assert.equal(readFileSync(join(followerDir, 'participants.json'), 'utf8').includes(link.secret), false, 'the secret itself is not on disk');

    const asHost = await FollowConnection.open(link);
    opened.push(asHost);
    // What it is for: following the one release.
    const hello = await asHost.request('follow.hello', { slug, name: 'old host' });
    assert.equal(hello.head.seq > 0, true);
    const page = await asHost.request('journal.since', { slug, afterSeq: 0 });
    assert.equal(page.fromSeq, 1);
    // Nothing else: no change, no other release, no workspace list, not even a read of the release.
    assert.equal(await refusal(asHost, 'note.add', { slug, kind: 'note', text: 'acting as the follower' }), 'forbidden');
    assert.equal(await refusal(asHost, 'journal.since', { slug: other, afterSeq: 0 }), 'forbidden');
    assert.equal(await refusal(asHost, 'follow.hello', { slug: other, name: 'x' }), 'forbidden');
    assert.equal(await refusal(asHost, 'release.list', {}), 'forbidden');
    assert.equal(await refusal(asHost, 'release.get', { slug }), 'forbidden');
    assert.equal(await refusal(asHost, 'participant.invite', { slug, name: 'Eve', role: 'release-manager' }), 'forbidden');
    assert.equal(await refusal(asHost, 'release.take-over', { slug }), 'forbidden');
    assert.equal(await refusal(asHost, 'app.setOperator', { name: 'mallory' }), 'forbidden');
  } finally {
    for (const connection of opened) connection.close();
    await follower.stop();
    await hosted.stop();
    await services.dispose();
  }
});
