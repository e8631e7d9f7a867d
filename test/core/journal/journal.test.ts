import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../../main/core/journal/journal';
import { verifyJournalBytes } from '../../../main/core/journal/verify-journal';
import { GENESIS_HASH } from '../../../main/core/journal/journal-format';
import { WarRoomError } from '../../../contract/domain/errors';
import { tempDir } from '../../support/temp-dir';

async function journalWith(count: number): Promise<string> {
  const path = join(tempDir(), 'journal.jsonl');
  const { journal } = await Journal.open(path);
  for (let index = 1; index <= count; index += 1) {
    await journal.append({ actor: 'alice', type: 'note.added', data: { text: `event ${index} — ünïcödé`, n: index } });
  }
  await journal.close();
  return path;
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean);
}

test('appended events chain from genesis, with seq, ts, actor, type, data, prev and hash', async () => {
  const path = await journalWith(3);
  const events = lines(path).map((line) => JSON.parse(line));
  assert.deepEqual(
    events.map((event) => event.seq),
    [1, 2, 3],
  );
  assert.equal(events[0].prev, GENESIS_HASH);
  assert.equal(events[1].prev, events[0].hash);
  assert.equal(events[2].prev, events[1].hash);
  for (const event of events) {
    assert.match(event.ts, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(event.actor, 'alice');
    assert.match(event.hash, /^[0-9a-f]{64}$/);
  }
  const verification = verifyJournalBytes(readFileSync(path));
  assert.equal(verification.ok, true);
  assert.equal(verification.count, 3);
  assert.equal(verification.head.hash, events[2].hash);
});

test('concurrent appends are group-committed in order and each resolves with its own event', async () => {
  const path = join(tempDir(), 'journal.jsonl');
  const { journal } = await Journal.open(path);
  const written = await Promise.all(Array.from({ length: 50 }, (_, index) => journal.append({ actor: 'bob', type: 'tick', data: { index } })));
  assert.deepEqual(
    written.map((event) => event.seq),
    Array.from({ length: 50 }, (_, index) => index + 1),
  );
  assert.deepEqual(
    written.map((event) => (event.data as { index: number }).index),
    Array.from({ length: 50 }, (_, index) => index),
  );
  await journal.close();
  assert.equal(verifyJournalBytes(readFileSync(path)).count, 50);
});

test('reopening continues the chain', async () => {
  const path = await journalWith(2);
  const { journal, events } = await Journal.open(path);
  assert.equal(events.length, 2);
  const third = await journal.append({ actor: 'carol', type: 'x', data: null });
  assert.equal(third.seq, 3);
  assert.equal(third.prev, events[1]!.hash);
  await journal.close();
  assert.equal(verifyJournalBytes(readFileSync(path)).ok, true);
});

test('a flipped byte is detected at the seq of the changed event', async () => {
  const path = await journalWith(5);
  const bytes = readFileSync(path);
  const third = lines(path).slice(0, 2).join('\n').length + 1;
  const at = bytes.indexOf('event 3', third);
  bytes[at + 6] = '4'.charCodeAt(0);
  const verification = verifyJournalBytes(bytes);
  assert.equal(verification.ok, false);
  assert.equal(verification.break?.seq, 3);
  assert.equal(verification.break?.line, 3);
  assert.match(verification.break!.reason, /hash does not match/);
});

test('a deleted line is detected at the seq that went missing', async () => {
  const path = await journalWith(5);
  const all = lines(path);
  writeFileSync(path, [...all.slice(0, 2), ...all.slice(3)].join('\n') + '\n');
  const verification = verifyJournalBytes(readFileSync(path));
  assert.equal(verification.ok, false);
  assert.equal(verification.break?.seq, 3);
  assert.match(verification.break!.reason, /expected seq 3 but found seq 4/);
});

test('two reordered lines are detected at the first out-of-place seq', async () => {
  const path = await journalWith(5);
  const all = lines(path);
  writeFileSync(path, [all[0], all[1], all[3], all[2], all[4]].join('\n') + '\n');
  const verification = verifyJournalBytes(readFileSync(path));
  assert.equal(verification.ok, false);
  assert.equal(verification.break?.seq, 3);
});

test('truncation mid-line is a torn tail; the verified head is the last whole event', async () => {
  const path = await journalWith(4);
  const bytes = readFileSync(path);
  const cut = bytes.subarray(0, bytes.length - 20);
  const verification = verifyJournalBytes(cut);
  assert.equal(verification.ok, true);
  assert.equal(verification.count, 3);
  assert.ok(verification.tornTail);
  assert.equal(verification.head.seq, 3);
});

test('a recomputed forgery still breaks the chain of the events after it', async () => {
  const path = await journalWith(4);
  const all = lines(path);
  const second = JSON.parse(all[1]!);
  second.data.text = 'forged';
  writeFileSync(path, [all[0], JSON.stringify(second), all[2], all[3]].join('\n') + '\n');
  const verification = verifyJournalBytes(readFileSync(path));
  assert.equal(verification.break?.seq, 2);
});

test('open repairs a torn tail: the torn bytes are kept aside in a .broken file and the rest appends', async () => {
  const path = await journalWith(3);
  const whole = readFileSync(path);
  writeFileSync(path, Buffer.concat([whole, Buffer.from('{"seq":4,"ts":"2026-')]));
  const { journal, events, tornTailFile } = await Journal.open(path);
  assert.equal(events.length, 3);
  assert.ok(tornTailFile);
  assert.equal(readFileSync(tornTailFile!, 'utf8'), '{"seq":4,"ts":"2026-');
  const next = await journal.append({ actor: 'dora', type: 'after-crash', data: {} });
  assert.equal(next.seq, 4);
  await journal.close();
  assert.equal(verifyJournalBytes(readFileSync(path)).count, 4);
});

test('a trailing line of NUL bytes (a crash on some file systems) is a torn tail too', async () => {
  const path = await journalWith(2);
  writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.alloc(40), Buffer.from('\n')]));
  const { journal, events, tornTailFile } = await Journal.open(path);
  assert.equal(events.length, 2);
  assert.ok(tornTailFile);
  await journal.close();
});

test('open refuses a journal broken in the middle, names the file, line and seq, and changes nothing', async () => {
  const path = await journalWith(4);
  const all = lines(path);
  writeFileSync(path, [all[0], all[2], all[1], all[3]].join('\n') + '\n');
  const before = readFileSync(path);
  await assert.rejects(Journal.open(path), (error: unknown) => {
    assert.ok(error instanceof WarRoomError);
    assert.equal(error.code, 'corrupt');
    assert.match(error.message, /journal\.jsonl does not verify at seq 2 \(line 2\)/);
    return true;
  });
  assert.deepEqual(readFileSync(path), before);
  assert.deepEqual(readdirSync(join(path, '..')), ['journal.jsonl']);
});

test('data is canonical: key order does not change the hash', async () => {
  const dir = tempDir();
  const a = (await Journal.open(join(dir, 'a.jsonl'))).journal;
  const b = (await Journal.open(join(dir, 'b.jsonl'))).journal;
  const ts = '2026-11-22T10:00:00.000Z';
  const one = await a.append({ actor: 'x', type: 't', data: { b: 1, a: { d: 2, c: 3 } }, ts });
  const two = await b.append({ actor: 'x', type: 't', data: { a: { c: 3, d: 2 }, b: 1 }, ts });
  assert.equal(one.hash, two.hash);
  await a.close();
  await b.close();
  assert.ok(existsSync(join(dir, 'a.jsonl')));
});

test('data that would not read back the same is refused, not silently changed', async () => {
  const { journal } = await Journal.open(join(tempDir(), 'journal.jsonl'));
  for (const data of [{ at: new Date() }, { n: Number.NaN }, { list: [1, undefined] }, { map: new Map() }]) {
    await assert.rejects(journal.append({ actor: 'x', type: 't', data }), /could not be encoded/);
  }
  const ok = await journal.append({ actor: 'x', type: 't', data: { kept: 1, dropped: undefined } });
  assert.equal(ok.seq, 1, 'a refused event takes no seq');
  await journal.close();
});

test('canonical JSON: the fast path and the general encoder agree, whatever the key order', async () => {
  const { canonicalJson } = await import('../../../main/core/journal/canonical-json');
  const fc = (await import('fast-check')).default;
  const sortKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortKeys)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
          )
        : value;
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const unsorted = canonicalJson(value);
      assert.equal(canonicalJson(sortKeys(value)), unsorted);
      assert.deepEqual(JSON.parse(unsorted), JSON.parse(JSON.stringify(value)));
      // The canonical text is itself in sorted order: encoding it again changes nothing.
      assert.equal(canonicalJson(JSON.parse(unsorted)), unsorted);
    }),
    { numRuns: 500 },
  );
  assert.equal(canonicalJson({ b: 1, a: [2, { d: null, c: 'x' }] }), '{"a":[2,{"c":"x","d":null}],"b":1}');
  assert.equal(canonicalJson({ a: 1, b: undefined }), '{"a":1}');
  assert.equal(canonicalJson({ '10': 1, '9': 2, a: 3 }), '{"10":1,"9":2,"a":3}');
});
