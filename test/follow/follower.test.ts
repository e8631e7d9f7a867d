import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { Journal } from '../../main/core/journal/journal';
import { readFollowMark } from '../../main/core/release/follow-mark';
import { Follower } from '../../main/api/follow/follower';
import { parseFollowLink } from '../../main/api/follow/follow-link';
import { journalSink } from '../../main/api/follow/replica-sink';
import { tempDir } from '../support/temp-dir';
import { encodeJournalPageFrame } from '../../contract/journal-page-frame';

/**
 * A hostile host: it speaks the contract but serves a journal whose 4th line was changed
 * after it was written (War Room itself never serves a journal that does not verify).
 */
async function hostileHost(lines: Buffer[]): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) =>
    ws.on('message', (raw) => {
      const { id, name, input } = JSON.parse(raw.toString()) as { id: number; name: string; input: { afterSeq: number } };
      if (name === 'follow.hello') return ws.send(JSON.stringify({ id, result: { ok: true, value: { head: { seq: lines.length, hash: '' } } } }));
      const after = input.afterSeq;
      const atHash = after === 0 ? '0'.repeat(64) : lines[after - 1]!.toString('latin1').slice(-67, -3);
      const page = {
        head: { seq: lines.length, hash: '' },
        atHash,
        fromSeq: after + 1,
        toSeq: lines.length,
        lines: Buffer.concat(lines.slice(after)),
      };
      ws.send(encodeJournalPageFrame(id, page));
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/#token=t`,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

test('a host that sends a line that does not chain stops the follower: what verified is kept, nothing after it, and follow.json says why', async () => {
  const dir = tempDir();
  const { journal } = await Journal.open(join(dir, 'source.jsonl'));
  for (let index = 0; index < 6; index += 1) await journal.append({ actor: 'ana', type: 'note.added', data: { text: `n${index}` } });
  await journal.close();
  const source = readFileSync(join(dir, 'source.jsonl'));
  const lines: Buffer[] = [];
  for (let start = 0; start < source.length;) {
    const end = source.indexOf(0x0a, start) + 1;
    lines.push(Buffer.from(source.subarray(start, end)));
    start = end;
  }
  const host = await hostileHost(lines.slice(0, 3));
  const replicaDir = join(dir, 'replica');
  mkdirSync(replicaDir);
  const sink = await journalSink(replicaDir);
  const follower = new Follower({ link: parseFollowLink(host.url), slug: 'payments', name: 'pod-b' }, sink);
  assert.deepEqual(await follower.run({ untilCaughtUp: true }), { kind: 'caught-up' });
  await host.close();
  const tampered = lines.map((line) => Buffer.from(line));
  tampered[3]![tampered[3]!.indexOf('n3')] = 'x'.charCodeAt(0);
  const hostile = await hostileHost(tampered);
  const again = new Follower({ link: parseFollowLink(hostile.url), slug: 'payments', name: 'pod-b' }, sink);
  const outcome = await again.run();
  await hostile.close();
  await sink.close();
  assert.equal(outcome.kind, 'broken');
  assert.match(outcome.kind === 'broken' ? outcome.message : '', /do not chain at seq 4: the hash does not match the content/);
  assert.deepEqual(readFileSync(join(replicaDir, 'journal.jsonl')), Buffer.concat(lines.slice(0, 3)));
  const mark = await readFollowMark(replicaDir);
  assert.equal(mark?.state, 'stopped');
  assert.equal(mark?.lastSeq, 3);
});
