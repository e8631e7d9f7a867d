import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-dir';
import { readFollowMark } from '../../main/core/release/follow-mark';
import { generateRelease } from '../../bench/support/generated-release';
import { connect, eventually, runWarRoom, startHost, startWarRoomProcess, workspaceWithRelease } from './war-room-process';

function journalOf(workspace: string, slug: string): Buffer {
  const file = join(workspace, 'releases', slug, 'journal.jsonl');
  return existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
}

function lineCount(bytes: Buffer): number {
  let count = 0;
  for (const byte of bytes) if (byte === 0x0a) count += 1;
  return count;
}

test(
  'a follower keeps a byte-identical verified replica, survives a SIGKILL of its host, is read-only, and takes the pen on a handover',
  { timeout: 180_000 },
  async () => {
    const hostDir = tempDir('warroom-host-');
    const followerDir = tempDir('warroom-follower-');
    const slug = await workspaceWithRelease(hostDir, 30);
    let host = await startHost(hostDir);
    const port = new URL(host.url).port;
    const follower = startWarRoomProcess(['follow', host.url, '--workspace', followerDir, '--name', 'pod-b', '--release', slug]);
    try {
      const served = await follower.waitFor(/open:\s+(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/);
      const followerUrl = served[1]!;
      assert.match(follower.output(), /caught up: payments-4-2 at seq 31, verified/);
      assert.deepEqual(journalOf(followerDir, slug), journalOf(hostDir, slug));

      // Live tail, then the host is killed mid-stream: every event the follower took is kept, verified.
      const client = await connect(host.url);
      const writes: Promise<unknown>[] = [];
      for (let index = 0; index < 200; index += 1)
        writes.push(client.request('note.add', { slug, kind: 'note', text: `live ${index}` }).catch(() => undefined));
      await eventually(() => lineCount(journalOf(followerDir, slug)) > 60, 'the follower to receive live events');
      await host.process.stop('SIGKILL');
      await Promise.all(writes);
      client.close();
      await follower.waitFor(/host unreachable/);
      const kept = journalOf(followerDir, slug);
      const hostAfterKill = journalOf(hostDir, slug);
      assert.ok(lineCount(kept) > 31);
      assert.deepEqual(kept, hostAfterKill.subarray(0, kept.length), 'the replica is a byte prefix of the host journal');
      const verified = await runWarRoom(['verify', join(followerDir, 'releases', slug)]);
      assert.equal(verified.code, 0, verified.stdout + verified.stderr);

      // It says how stale it is, and refuses writes.
      const onFollower = await connect(followerUrl);
      await eventually(async () => ((await onFollower.request('follow.status', { slug }))?.staleMs ?? 0) >= 1000, 'the replica to be stale');
      const status = await onFollower.request('follow.status', { slug });
      assert.equal(status?.state, 'following');
      assert.equal(status?.connected, false);
      await assert.rejects(onFollower.request('note.add', { slug, kind: 'note', text: 'not here' }), /refused|read-only replica/);
      assert.deepEqual(journalOf(followerDir, slug), kept, 'a refused write changed nothing');

      // The host returns on the same port: the follower resumes from its last seq.
      host = await startHost(hostDir, Number(port));
      const again = await connect(host.url);
      await again.request('note.add', { slug, kind: 'note', text: 'after the return' });
      await eventually(() => journalOf(followerDir, slug).equals(journalOf(hostDir, slug)), 'the replica to catch up after the host returned');
      assert.equal((await runWarRoom(['verify', join(followerDir, 'releases', slug)])).code, 0);

      // Handover: the host hands the pen to pod-b; pod-b appends; the old host follows it, read-only.
      const handed = await runWarRoom(['handover', slug, '--to', 'pod-b', '--workspace', hostDir]);
      assert.equal(handed.code, 0, handed.stdout + handed.stderr);
      assert.match(handed.stdout, /handed over payments-4-2 to pod-b at seq \d+; this War Room now follows http:\/\/127\.0\.0\.1:\d+/);
      await follower.waitFor(/handed over: pod-b is now the host of payments-4-2/);
      await onFollower.request('note.add', { slug, kind: 'note', text: 'written by the new host' });
      await assert.rejects(again.request('note.add', { slug, kind: 'note', text: 'the old host is read-only' }), /read-only replica/);
      await eventually(() => journalOf(hostDir, slug).equals(journalOf(followerDir, slug)), 'the old host to follow the new one');
      const events = (await onFollower.request('journal.list', { slug, afterSeq: 0, limit: 10_000 })).slice(-3);
      assert.deepEqual(
        events.map((event) => event.type),
        ['release.handed-over', 'release.took-over', 'note.added'],
      );
      assert.equal((events[0]!.data as { to: string }).to, 'pod-b');
      assert.equal(await readFollowMark(join(followerDir, 'releases', slug)), null, 'the new host is no longer a replica');
      assert.equal((await readFollowMark(join(hostDir, 'releases', slug)))?.state, 'following');
      assert.equal((await runWarRoom(['verify', join(hostDir, 'releases', slug)])).code, 0);
      onFollower.close();
      again.close();
    } finally {
      await follower.stop();
      await host.process.stop();
    }
  },
);

test('two hosts after a split: the fork is detected by the chain, refused, and both branches are kept', { timeout: 180_000 }, async () => {
  const hostDir = tempDir('warroom-host-');
  const followerDir = tempDir('warroom-follower-');
  const slug = await workspaceWithRelease(hostDir, 5);
  let host = await startHost(hostDir);
  const port = Number(new URL(host.url).port);
  const follower = startWarRoomProcess(['follow', host.url, '--workspace', followerDir, '--name', 'pod-b', '--release', slug]);
  try {
    const followerUrl = (await follower.waitFor(/open:\s+(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/))[1]!;
    // The split: the host is cut off; pod-b takes the pen without it and appends.
    await host.process.stop('SIGKILL');
    await follower.waitFor(/host unreachable/);
    const taken = await runWarRoom(['handover', slug, '--take', '--workspace', followerDir]);
    assert.equal(taken.code, 0, taken.stdout + taken.stderr);
    const onB = await connect(followerUrl);
    await onB.request('note.add', { slug, kind: 'note', text: 'B after the split' });
    // The old host comes back, still a host, and appends too.
    host = await startHost(hostDir, port);
    const onA = await connect(host.url);
    await onA.request('note.add', { slug, kind: 'note', text: 'A after the split' });
    onA.close();
    await host.process.stop();
    const ownBefore = journalOf(hostDir, slug);

    // A tries to follow B: same seq, different hash. Refused, nothing merged, B's branch kept beside.
    const followed = await runWarRoom(['follow', followerUrl, '--workspace', hostDir, '--release', slug, '--once']);
    assert.equal(followed.code, 1, followed.stdout + followed.stderr);
    assert.match(followed.stdout, /FORK: .* agree up to seq 6, then differ/);
    assert.deepEqual(journalOf(hostDir, slug), ownBefore, 'the fork changed nothing of the own chain');
    const releaseDir = join(hostDir, 'releases', slug);
    const forkFiles = readdirSync(releaseDir).filter((name) => name.startsWith('journal.jsonl.fork-'));
    assert.equal(forkFiles.length, 1);
    const foreign = readFileSync(join(releaseDir, forkFiles[0]!));
    const theirs = journalOf(followerDir, slug);
    assert.ok(foreign.length > 0);
    assert.deepEqual(theirs.subarray(theirs.length - foreign.length), foreign, 'the fork file holds B’s branch, byte for byte');
    assert.ok(foreign.toString().startsWith('{"seq":7,'));
    assert.equal((await readFollowMark(releaseDir))?.state, 'forked');
    assert.equal((await runWarRoom(['verify', releaseDir])).code, 0);
    onB.close();
  } finally {
    await follower.stop();
    await host.process.stop();
  }
});

test(
  'a catch-up of many pages (25,000 events, pages asked ahead) is byte-identical and verifies; --once stops when caught up',
  { timeout: 180_000 },
  async () => {
    const hostDir = tempDir('warroom-host-');
    const followerDir = tempDir('warroom-follower-');
    const { slug } = await generateRelease(hostDir, 'Long night', 25_000);
    const host = await startHost(hostDir);
    try {
      const followed = await runWarRoom(['follow', host.url, '--workspace', followerDir, '--once']);
      assert.equal(followed.code, 0, followed.stdout + followed.stderr);
      assert.match(followed.stdout, /caught up: long-night at seq 25000, verified/);
      assert.ok(journalOf(followerDir, slug).equals(journalOf(hostDir, slug)));
      const verified = await runWarRoom(['verify', join(followerDir, 'releases', slug)]);
      assert.match(verified.stdout, /^OK .*: 25000 events/);
      assert.equal((await readFollowMark(join(followerDir, 'releases', slug)))?.lastSeq, 25_000);
    } finally {
      await host.process.stop();
    }
  },
);
