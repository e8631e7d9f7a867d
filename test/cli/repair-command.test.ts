import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootServices } from '../../main/api/boot';
import { encodeData, encodeEvent } from '../../main/core/journal/journal-format';
import { runBuilt } from '../support/built-cli';
import { tempDir } from '../support/temp-dir';

/** A real release (the demo plus ten notes), closed: its journal and release.json agree. */
async function release(): Promise<{ workspace: string; dir: string; slug: string }> {
  const workspace = tempDir('warroom-repair-');
  const services = await bootServices({ workspaceDir: workspace, runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const opened = await services.release(listing!.slug);
  for (let index = 0; index < 10; index += 1)
    await opened.execute('repair-test', () => [{ type: 'note.added', data: { kind: 'note', text: `note ${index}` } }]);
  await services.dispose();
  return { workspace, dir: opened.dir, slug: listing!.slug };
}

function lines(bytes: Buffer): string[] {
  return bytes.toString('utf8').split('\n').filter(Boolean);
}

/** Two writers that each read head `seq` and appended their own events after it, interleaved by O_APPEND. */
function fork(original: Buffer): Buffer {
  const all = lines(original);
  const head = JSON.parse(all.at(-1)!) as { seq: number; hash: string };
  const writer = (name: string) => {
    let prev = head.hash;
    return [1, 2].map((offset) => {
      const data = { kind: 'note', text: `${name} ${offset}` };
      const encoded = encodeEvent(head.seq + offset, '2026-12-03T02:13:00.000Z', name, 'note.added', data, encodeData(data), prev);
      prev = encoded.event.hash;
      return encoded.line;
    });
  };
  const [a, b] = [writer('host A'), writer('host B')];
  return Buffer.concat([original, Buffer.from(a[0]! + b[0]! + a[1]! + b[1]!)]);
}

/** Every way the tamper tests break a journal, and the two forks of the issue. */
const BREAKS: Record<string, (original: Buffer) => Buffer> = {
  'a flipped byte': (original) => Buffer.from(original.toString('utf8').replace('"note 4"', '"note X"')),
  'a deleted line': (original) => {
    const all = lines(original);
    all.splice(all.length - 5, 1);
    return Buffer.from(`${all.join('\n')}\n`);
  },
  'two reordered lines': (original) => {
    const all = lines(original);
    const at = all.length - 4;
    [all[at], all[at + 1]] = [all[at + 1]!, all[at]!];
    return Buffer.from(`${all.join('\n')}\n`);
  },
  'a cut mid-line': (original) => original.subarray(0, original.length - 300),
  'a cut at a line boundary': (original) => {
    const all = lines(original);
    return Buffer.from(`${all.slice(0, all.length - 3).join('\n')}\n`);
  },
  'a fork: two writers after the same seq': fork,
  'a re-chained edit': (original) => {
    const all = lines(original).map((line) => JSON.parse(line) as { seq: number; ts: string; actor: string; type: string; data: unknown });
    let prev = '0'.repeat(64);
    return Buffer.from(
      all
        .map((event) => {
          const data = event.seq === all.length - 2 ? { kind: 'note', text: 'history rewritten' } : event.data;
          const encoded = encodeEvent(event.seq, event.ts, event.actor, event.type, data, encodeData(data), prev);
          prev = encoded.event.hash;
          return encoded.line;
        })
        .join(''),
    );
  },
};

for (const [name, breakIt] of Object.entries(BREAKS)) {
  test(`repair of ${name}: the result verifies, nothing is deleted, and the release opens`, async () => {
    const { workspace, dir, slug } = await release();
    const journal = join(dir, 'journal.jsonl');
    const broken = breakIt(readFileSync(journal));
    writeFileSync(journal, broken);
    const before = runBuilt(['verify', dir]);
    assert.equal(before.code, 1, `the break must be seen first: ${before.stdout}`);
    const seq = Number(/(?:breaks at seq|first missing seq|the event at seq) (\d+)/.exec(before.stdout)?.[1]);

    const refused = runBuilt(['repair', dir]);
    assert.equal(refused.code, 1, 'no terminal and no --yes: refused');
    assert.match(refused.stderr, /^warroom: repair changes the release: run it in a terminal to answer y\/N, or pass --yes\. Nothing was changed\.\n$/);
    assert.deepEqual(readFileSync(journal), broken, 'the refusal changed nothing');

    const repaired = runBuilt(['repair', dir, '--yes']);
    assert.equal(repaired.code, 0, repaired.stdout + repaired.stderr);
    assert.match(repaired.stdout, /repair will:/, 'it says what it will do before doing it');
    const after = runBuilt(['verify', dir]);
    assert.equal(after.code, 0, after.stdout);

    const now = readFileSync(journal);
    const last = JSON.parse(lines(now).at(-1)!) as { type: string; data: { breakSeq: number; movedBytes: number; reason: string; cutFile: string | null } };
    assert.equal(last.type, 'journal.repaired');
    const kept = now.subarray(0, now.length - Buffer.byteLength(`${lines(now).at(-1)!}\n`));
    const cutFiles = readdirSync(dir).filter((file) => file.startsWith('journal.jsonl.cut-'));
    const cut = cutFiles.length === 1 ? readFileSync(join(dir, cutFiles[0]!)) : Buffer.alloc(0);
    assert.ok(cutFiles.length <= 1);
    assert.deepEqual(Buffer.concat([kept, cut]), broken, 'kept prefix + .cut file == the journal as it was: not one byte deleted');
    assert.equal(last.data.movedBytes, cut.length);
    assert.equal(last.data.cutFile, cutFiles[0] ?? null);
    assert.equal(last.data.breakSeq, seq, 'the journal names the seq verify named');
    assert.ok(last.data.reason.length > 0);
    assert.ok(
      readdirSync(dir).some((file) => file.startsWith('release.json.before-repair-')),
      'the old release.json is kept',
    );

    const services = await bootServices({ workspaceDir: workspace, runtime: 'browser' });
    try {
      const reopened = await services.release(slug);
      assert.equal(reopened.head.seq, lines(now).length);
    } finally {
      await services.dispose();
    }

    const again = runBuilt(['repair', dir, '--yes']);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /nothing to repair, nothing changed/);
    assert.equal(readdirSync(dir).filter((file) => file.startsWith('journal.jsonl.cut-')).length, cutFiles.length, 'a second repair moves nothing');
  });
}

test('repair of a journal that verifies says so and changes nothing', async () => {
  const { dir } = await release();
  const snapshot = () =>
    Object.fromEntries(readdirSync(dir).map((file) => [file, file.includes('.') ? readFileSync(join(dir, file)).toString('base64') : 'dir']));
  const before = snapshot();
  const result = runBuilt(['repair', dir]);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /verifies \(\d+ events\) and agrees with release\.json: nothing to repair, nothing changed/);
  assert.deepEqual(snapshot(), before);
});

test('a repair interrupted before release.json was rewritten is finished by the next one', async () => {
  const { dir } = await release();
  const journal = join(dir, 'journal.jsonl');
  writeFileSync(journal, readFileSync(journal, 'utf8').replace('"note 7"', '"note X"'));
  const document = readFileSync(join(dir, 'release.json'));
  assert.equal(runBuilt(['repair', dir, '--yes']).code, 0);
  const repairedJournal = readFileSync(journal);
  writeFileSync(join(dir, 'release.json'), document); // as if the process died between the journal and release.json
  assert.equal(runBuilt(['verify', dir]).code, 1);
  const finished = runBuilt(['repair', dir, '--yes']);
  assert.equal(finished.code, 0, finished.stderr);
  assert.match(finished.stdout, /the repair was interrupted/);
  assert.deepEqual(readFileSync(journal), repairedJournal, 'no second repair event');
  assert.equal(runBuilt(['verify', dir]).code, 0);
});

test('the app names warroom repair when a release does not open', async () => {
  const { workspace, dir, slug } = await release();
  const journal = join(dir, 'journal.jsonl');
  writeFileSync(journal, readFileSync(journal, 'utf8').replace('"note 3"', '"note X"'));
  const services = await bootServices({ workspaceDir: workspace, runtime: 'browser' });
  try {
    await assert.rejects(services.release(slug), new RegExp(`\`warroom repair ${dir}\` keeps the events before seq \\d+ and moves the rest aside`));
  } finally {
    await services.dispose();
  }
});
