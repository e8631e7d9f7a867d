import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Release } from '../../../main/core/release/release';
import { createReleaseEvents, type ReleaseDefinition } from '../../../contract/domain/release/release-meta';
import { replayRelease } from '../../../main/core/release/release-state';
import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
import { WarRoomError } from '../../../contract/domain/errors';
import { tempDir } from '../../support/temp-dir';

const definition: ReleaseDefinition = {
  name: 'Payments 7.3 <img src=x onerror=alert(1)>',
  version: '7.3.0',
  mode: 'live',
  description: '',
  goLive: '2026-12-01T22:00:00+01:00',
  zone: 'Europe/Berlin',
};

async function newRelease(): Promise<Release> {
  return Release.create(join(tempDir(), 'payments'), 'payments', 'alice', createReleaseEvents(definition, []));
}

test('a created release has its folder layout, its first event and a release.json anchored to the journal', async () => {
  const release = await newRelease();
  for (const sub of ['recordings', 'runs', 'reports', 'playbooks']) assert.ok(existsSync(join(release.dir, sub)), sub);
  assert.equal(release.state.meta?.name, definition.name);
  assert.equal(release.state.meta?.createdBy, 'alice');
  const document = JSON.parse(readFileSync(join(release.dir, 'release.json'), 'utf8'));
  assert.equal(document.journal.seq, 1);
  assert.equal(document.journal.hash, release.head.hash);
  assert.equal(document.state.meta.name, definition.name);
  await release.close();
});

test('changes survive a reopen, and the state is exactly the replay of the journal', async () => {
  const release = await newRelease();
  await Promise.all(
    Array.from({ length: 20 }, (_, index) => release.execute('bob', () => [{ type: 'note.added', data: { kind: 'note', text: `note ${index}` } }])),
  );
  await release.close();
  const reopened = await Release.open(release.dir, 'payments');
  assert.equal(reopened.state.notes.length, 20);
  assert.deepEqual(
    reopened.state.notes.map((note) => note.text),
    Array.from({ length: 20 }, (_, index) => `note ${index}`),
  );
  const lines = readFileSync(join(release.dir, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as AppliedEvent);
  assert.deepEqual(replayRelease(lines), reopened.state);
  await reopened.close();
});

test('a refused command writes nothing', async () => {
  const release = await newRelease();
  const before = readFileSync(join(release.dir, 'journal.jsonl'));
  await assert.rejects(
    release.execute('bob', () => {
      throw new WarRoomError('refused', 'not now');
    }),
    /not now/,
  );
  assert.deepEqual(readFileSync(join(release.dir, 'journal.jsonl')), before);
  await release.close();
});

test('an event whose data does not fit its area schema is refused before it is written, and takes no seq', async () => {
  const release = await newRelease();
  const before = readFileSync(join(release.dir, 'journal.jsonl'));
  await assert.rejects(
    release.execute('bob', () => [{ type: 'checklist.item-moved', data: { itemId: 'x', toIndex: 'top' } }]),
    (error: unknown) => error instanceof WarRoomError && error.code === 'corrupt' && /#2 \(checklist\.item-moved\)/.test(error.message),
  );
  assert.deepEqual(readFileSync(join(release.dir, 'journal.jsonl')), before);
  const [written] = await release.execute('bob', () => [{ type: 'note.added', data: { kind: 'note', text: 'after' } }]);
  assert.equal(written?.seq, 2);
  assert.equal(release.state.seq, 2);
  await release.close();
  const reopened = await Release.open(release.dir, 'payments');
  assert.deepEqual(
    reopened.state.notes.map((note) => note.text),
    ['after'],
  );
  await reopened.close();
});

test('listeners hear each committed batch with the committed state', async () => {
  const release = await newRelease();
  const heard: number[] = [];
  release.onChange((events, state) => heard.push(...events.map((event) => event.seq), -state.notes.length));
  await release.execute('bob', () => [{ type: 'note.added', data: { kind: 'note', text: 'a' } }]);
  assert.deepEqual(heard, [2, -1]);
  await release.close();
});

test('an unparsable release.json is moved aside, named in a warning, and rebuilt from the journal', async () => {
  const release = await newRelease();
  await release.execute('bob', () => [{ type: 'note.added', data: { kind: 'decision', text: 'go' } }]);
  await release.close();
  writeFileSync(join(release.dir, 'release.json'), '{"format":1,"journal":{"seq":');
  const reopened = await Release.open(release.dir, 'payments');
  assert.equal(reopened.warnings.length, 1);
  const moved = readdirSync(release.dir).find((name) => name.startsWith('release.json.corrupt-'));
  assert.ok(moved, 'the corrupt file is kept');
  assert.equal(readFileSync(join(release.dir, moved!), 'utf8'), '{"format":1,"journal":{"seq":');
  assert.match(reopened.warnings[0]!.message, /release\.json could not be read: it is not valid JSON/);
  assert.match(reopened.warnings[0]!.message, new RegExp(moved!.replace(/\./g, '\\.')));
  assert.equal(reopened.state.notes[0]?.text, 'go');
  await reopened.close();
  assert.equal(JSON.parse(readFileSync(join(release.dir, 'release.json'), 'utf8')).state.notes[0].text, 'go');
});

test('a journal truncated at a line boundary is detected against release.json and not opened', async () => {
  const release = await newRelease();
  for (let index = 0; index < 4; index += 1) await release.execute('bob', () => [{ type: 'note.added', data: { kind: 'note', text: String(index) } }]);
  await release.close();
  const journal = join(release.dir, 'journal.jsonl');
  const lines = readFileSync(journal, 'utf8').split('\n').filter(Boolean);
  writeFileSync(journal, lines.slice(0, 3).join('\n') + '\n');
  const before = readFileSync(journal);
  await assert.rejects(Release.open(release.dir, 'payments'), (error: unknown) => {
    assert.ok(error instanceof WarRoomError);
    assert.match(error.message, /ends at seq 3, but .*release\.json was written after seq 5: events after seq 3 are missing/);
    return true;
  });
  assert.deepEqual(readFileSync(journal), before);
});

test('a release created twice in the same folder is refused', async () => {
  const release = await newRelease();
  await release.close();
  await assert.rejects(Release.create(release.dir, 'payments', 'x', createReleaseEvents(definition, [])), /already exists/);
});
