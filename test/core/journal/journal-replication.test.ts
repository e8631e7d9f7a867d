import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../../main/core/journal/journal';
import { verifyJournalBytes } from '../../../main/core/journal/verify-journal';
import { Release } from '../../../main/core/release/release';
import { createReleaseEvents } from '../../../contract/domain/release/release-meta';
import { writeFollowMark, type FollowMark } from '../../../main/core/release/follow-mark';
import { tempDir } from '../../support/temp-dir';

async function hostJournal(dir: string, count: number): Promise<Buffer> {
  const path = join(dir, 'host.jsonl');
  const { journal } = await Journal.open(path);
  for (let index = 0; index < count; index += 1) await journal.append({ actor: 'ana', type: 'note.added', data: { kind: 'note', text: `n${index} ✓` } });
  await journal.close();
  return readFileSync(path);
}

function linesOf(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  for (let start = 0; start < bytes.length;) {
    const end = bytes.indexOf(0x0a, start) + 1;
    lines.push(bytes.subarray(start, end));
    start = end;
  }
  return lines;
}

test('verifying a piece of a journal from a head: the piece must continue that chain', async () => {
  const lines = linesOf(await hostJournal(tempDir(), 6));
  const head = verifyJournalBytes(Buffer.concat(lines.slice(0, 3))).head;
  const piece = verifyJournalBytes(Buffer.concat(lines.slice(3)), undefined, head);
  assert.equal(piece.ok, true);
  assert.equal(piece.count, 3);
  assert.equal(piece.head.seq, 6);
  const skipped = verifyJournalBytes(Buffer.concat(lines.slice(4)), undefined, head);
  assert.equal(skipped.ok, false);
  assert.equal(skipped.break?.seq, 4);
});

test('appendVerified writes lines that chain byte for byte, and refuses a tampered page without writing a byte', async () => {
  const dir = tempDir();
  const host = await hostJournal(dir, 10);
  const lines = linesOf(host);
  const replicaPath = join(dir, 'replica.jsonl');
  const { journal } = await Journal.open(replicaPath);
  const heard: number[] = [];
  journal.onAppended((events) => heard.push(...events.map((event) => event.seq)));
  await journal.appendVerified(Buffer.concat(lines.slice(0, 4)));
  const tampered = Buffer.from(Buffer.concat(lines.slice(4)));
  tampered[tampered.indexOf('n5')] = 'm'.charCodeAt(0);
  await assert.rejects(journal.appendVerified(tampered), /do not chain at seq 6: the hash does not match the content/);
  assert.deepEqual(readFileSync(replicaPath), Buffer.concat(lines.slice(0, 4)), 'nothing of the refused page was written');
  await assert.rejects(journal.appendVerified(Buffer.concat(lines.slice(5))), /do not chain at seq 5/);
  await journal.appendVerified(Buffer.concat(lines.slice(4)));
  assert.deepEqual(heard, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(journal.headEvent.seq, 10);
  await journal.close();
  assert.deepEqual(readFileSync(replicaPath), host);
});

const mark: FollowMark = {
  format: 1,
  source: 'http://127.0.0.1:4000',
  fingerprint: null,
  sourceSlug: 'payments',
  state: 'following',
  lastSeq: 0,
  hostSeq: 0,
  lastContactAt: null,
  message: null,
  forkFile: null,
};

test('a release marked as following refuses every change, applies replicated lines to its state, and takes changes once unmarked', async () => {
  const root = tempDir();
  const hostDir = join(root, 'host');
  const host = await Release.create(
    hostDir,
    'payments',
    'ana',
    createReleaseEvents({ name: 'Payments', version: '1', mode: 'rehearsal', zone: 'UTC', goLive: '2030-01-01T00:00:00Z', description: '' } as never, []),
  );
  await host.execute('ana', () => [{ type: 'note.added', data: { kind: 'note', text: 'from the host' } }]);
  const replicaDir = join(root, 'replica');
  mkdirSync(replicaDir);
  await writeFollowMark(replicaDir, mark);
  const replica = await Release.open(replicaDir, 'payments');
  await assert.rejects(
    replica.execute('bo', () => [{ type: 'note.added', data: { kind: 'note', text: 'no' } }]),
    /Release payments cannot be changed here: it is a read-only replica following http:\/\/127\.0\.0\.1:4000/,
  );
  const page = host.rawSince(0, 100, 1 << 20);
  assert.equal(page.toSeq, 2);
  await replica.replicate(page.bytes);
  assert.deepEqual(replica.head, host.head);
  assert.equal(replica.state.notes.length, 1);
  assert.equal(replica.state.meta?.name, 'Payments');
  assert.equal(host.rawSince(2, 100, 1 << 20).atHash, host.head.hash);
  assert.equal(host.rawSince(5, 100, 1 << 20).atHash, null);
  await replica.setFollow(null);
  await replica.execute('bo', () => [{ type: 'note.added', data: { kind: 'note', text: 'the new host writes' } }]);
  assert.equal(replica.head.seq, 3);
  await replica.close();
  await host.close();
  assert.equal(verifyJournalBytes(readFileSync(join(replicaDir, 'journal.jsonl'))).ok, true);
  writeFileSync(join(replicaDir, 'follow.json'), 'not json');
  const damaged = await Release.open(replicaDir, 'payments');
  await assert.rejects(
    damaged.execute('bo', () => [{ type: 'note.added', data: { kind: 'note', text: 'no' } }]),
    /could not be read: the release stays read-only/,
  );
  await damaged.close();
});
