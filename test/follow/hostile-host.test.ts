// A hostile host feeding a follower: once the chains differ, the follower keeps the host's
// branch for review; a host that never stops sending it (or sends pages that go backwards)
// must not fill the follower's memory and disk or keep it busy forever.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { Journal } from '../../main/core/journal/journal';
import { readFollowMark } from '../../main/core/release/follow-mark';
import { Follower } from '../../main/api/follow/follower';
import { parseFollowLink } from '../../main/api/follow/follow-link';
import { journalSink } from '../../main/api/follow/replica-sink';
import { tempDir } from '../support/temp-dir';
import { encodeJournalPageFrame } from '../../contract/journal-page-frame';

type Mode = 'endless' | 'backwards';

/** Claims a chain that differs from seq 1, then serves its "branch" forever (or going backwards). */
async function forkingHost(mode: Mode): Promise<{ url: string; pages(): number; close(): Promise<void> }> {
  const junk = Buffer.alloc(6 * 1024 * 1024, 'x');
  let pages = 0;
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) =>
    ws.on('message', (raw) => {
      const { id, name, input } = JSON.parse(raw.toString()) as { id: number; name: string; input: { afterSeq: number; limit?: number } };
      const head = { seq: 1_000_000_000, hash: 'f'.repeat(64) };
      if (name === 'follow.hello') return ws.send(JSON.stringify({ id, result: { ok: true, value: { head, name: 'pod-b' } } }));
      const after = input.afterSeq;
      // Every probe disagrees; a page of the branch is 6 MB that goes on (or back) forever.
      const branch = input.limit === undefined;
      if (branch) pages += 1;
      const page = {
        head,
        atHash: 'e'.repeat(64),
        fromSeq: after + 1,
        toSeq: !branch ? after : mode === 'endless' ? after + 1000 : after - 1,
        lines: branch ? (mode === 'endless' ? junk : Buffer.from('xxx\n')) : Buffer.alloc(0),
      };
      ws.send(encodeJournalPageFrame(id, page));
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/#token=t`,
    pages: () => pages,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function replicaOfThree(): Promise<string> {
  const dir = tempDir();
  const { journal } = await Journal.open(join(dir, 'journal.jsonl'));
  for (let index = 0; index < 3; index += 1) await journal.append({ actor: 'ana', type: 'note.added', data: { text: `n${index}` } });
  await journal.close();
  return dir;
}

for (const mode of ['endless', 'backwards'] as const) {
  test(`a forked host whose branch ${mode === 'endless' ? 'never ends' : 'goes backwards'}: the follower keeps at most 64 MB of it, stops, and keeps its own chain`, async () => {
    const dir = await replicaOfThree();
    const before = readFileSync(join(dir, 'journal.jsonl'));
    const host = await forkingHost(mode);
    const sink = await journalSink(dir);
    const follower = new Follower({ link: parseFollowLink(host.url), slug: 'payments', name: 'pod-b' }, sink);
    const guard = setTimeout(() => follower.stop(), 60_000);
    const outcome = await follower.run();
    clearTimeout(guard);
    await host.close();
    await sink.close();
    assert.equal(outcome.kind, 'forked', JSON.stringify(outcome).slice(0, 300));
    if (outcome.kind !== 'forked') return;
    assert.ok(statSync(outcome.forkFile).size <= 64 * 1024 * 1024, `${statSync(outcome.forkFile).size} bytes kept`);
    assert.ok(host.pages() < 40, `${host.pages()} pages asked`);
    assert.deepEqual(readFileSync(join(dir, 'journal.jsonl')), before, 'the replica’s own chain is untouched');
    const mark = await readFollowMark(dir);
    assert.equal(mark?.state, 'forked');
    assert.match(
      mark?.message ?? '',
      /the first \d+ bytes of the host's branch after seq 0 are kept in .*fork-.* \(it went on past 64 MB or stopped advancing\)/,
    );
  });
}
