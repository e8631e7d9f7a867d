import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Release } from '../../../main/core/release/release';
import { createReleaseEvents, type ReleaseDefinition } from '../../../contract/domain/release/release-meta';
import { replayRelease, PROJECTION_VERSION } from '../../../main/core/release/release-state';
import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
import { Journal } from '../../../main/core/journal/journal';
import { readEventHeader } from '../../../main/core/journal/event-header';
import { eventKindOf } from '../../../contract/event-kinds';
import { canonicalJson } from '../../../main/core/journal/canonical-json';
import { tempDir } from '../../support/temp-dir';

const definition: ReleaseDefinition = {
  name: 'Identity 2.1',
  version: '2.1.0',
  mode: 'rehearsal',
  goLive: '2030-01-01T22:00:00+01:00',
  zone: 'Europe/Berlin',
  description: '',
} as ReleaseDefinition;

const HOSTILE_ACTORS = ['ana', 'bo "the" builder', 'back\\slash', 'Zoë 東京 🚀', '","type":"fake', '\u0000\u001f'];

async function releaseWithNotes(count: number): Promise<Release> {
  const release = await Release.create(join(tempDir(), 'identity'), 'identity', 'alice', createReleaseEvents(definition, []));
  for (let index = 0; index < count; index += 1) {
    const actor = HOSTILE_ACTORS[index % HOSTILE_ACTORS.length]!;
    await release.execute(actor, () => [
      { type: 'note.added', data: { kind: index % 5 === 0 ? 'decision' : 'note', text: `note ${index} "quoted" \\ ${actor}` } },
    ]);
  }
  await release.flush();
  return release;
}

/** The state a full replay of the journal gives: what every open must agree with. */
async function replayedState(dir: string) {
  const { journal, events } = await Journal.open(join(dir, 'journal.jsonl'));
  await journal.close();
  return replayRelease(events as readonly AppliedEvent[]);
}

test('a release opens from its snapshot plus the events after it, and equals a full replay', async () => {
  const release = await releaseWithNotes(30);
  const dir = release.dir;
  await release.close();
  const document = JSON.parse(readFileSync(join(dir, 'release.json'), 'utf8'));
  assert.equal(document.projection, PROJECTION_VERSION);
  // Events appended after the snapshot was written: the open must replay just these.
  const more = await Release.open(dir, 'identity');
  await more.audit;
  writeFileSync(join(dir, 'release.json.keep'), readFileSync(join(dir, 'release.json')));
  for (let index = 0; index < 5; index += 1) await more.execute('late', () => [{ type: 'note.added', data: { kind: 'note', text: `late ${index}` } }]);
  await more.close();
  writeFileSync(join(dir, 'release.json'), readFileSync(join(dir, 'release.json.keep')));
  const reopened = await Release.open(dir, 'identity');
  await reopened.audit;
  assert.equal(canonicalJson(reopened.state), canonicalJson(await replayedState(dir)));
  assert.equal(reopened.state.seq, 36);
  assert.deepEqual(reopened.warnings, []);
  await reopened.close();
});

test('a snapshot edited by hand is caught by the audit, moved aside, and the next open rebuilds the truth', async () => {
  const release = await releaseWithNotes(12);
  const dir = release.dir;
  await release.close();
  const path = join(dir, 'release.json');
  const document = JSON.parse(readFileSync(path, 'utf8'));
  document.state.notes[0].text = 'all green, ship it';
  writeFileSync(path, JSON.stringify(document));
  const opened = await Release.open(dir, 'identity');
  const heard: string[] = [];
  opened.onChange((_events, state) => heard.push(state.notes[0]?.text ?? ''));
  await opened.audit;
  // Once the audit has caught it, the open release no longer shows what the journal does not support.
  assert.equal(canonicalJson(opened.state), canonicalJson(await replayedState(dir)));
  assert.notEqual(opened.state.notes[0]?.text, 'all green, ship it');
  assert.ok(heard.length > 0 && heard.every((text) => text !== 'all green, ship it'), 'listeners hear the journal state');
  await opened.execute('ana', () => [{ type: 'note.added', data: { kind: 'note', text: 'after the audit' } }]);
  assert.equal(canonicalJson(opened.state), canonicalJson(await replayedState(dir)));
  const warning = opened.warnings.find((candidate) => candidate.message.includes('did not match the journal'));
  assert.ok(warning, 'the audit names the edited snapshot');
  assert.ok(existsSync(warning.file), 'the edited snapshot is kept aside');
  assert.ok(readdirSync(dir).some((name) => name.startsWith('release.json.corrupt-')));
  await opened.close();
  const rebuilt = await Release.open(dir, 'identity');
  await rebuilt.audit;
  assert.equal(canonicalJson(rebuilt.state), canonicalJson(await replayedState(dir)));
  assert.notEqual(rebuilt.state.notes[0]?.text, 'all green, ship it');
  await rebuilt.close();
});

test('a snapshot of another projection version is replayed, not trusted', async () => {
  const release = await releaseWithNotes(6);
  const dir = release.dir;
  await release.close();
  const path = join(dir, 'release.json');
  const document = JSON.parse(readFileSync(path, 'utf8'));
  document.projection = PROJECTION_VERSION + 1;
  document.state.notes = [];
  writeFileSync(path, JSON.stringify(document));
  const opened = await Release.open(dir, 'identity');
  await opened.audit;
  assert.equal(opened.state.notes.length, 6);
  assert.deepEqual(opened.warnings, []);
  await opened.close();
});

test('event headers read from the line equal the parsed event, for hostile actors and notes', async () => {
  const release = await releaseWithNotes(24);
  const dir = release.dir;
  await release.close();
  const bytes = readFileSync(join(dir, 'journal.jsonl'));
  let offset = 0;
  let checked = 0;
  while (offset < bytes.length) {
    const end = bytes.indexOf(0x0a, offset);
    const event = JSON.parse(bytes.toString('utf8', offset, end));
    const header = readEventHeader(bytes, offset, end);
    assert.equal(header.actor, event.actor);
    assert.equal(header.tsMs, Date.parse(event.ts));
    assert.equal(header.kind, eventKindOf(event.type, event.data));
    checked += 1;
    offset = end + 1;
  }
  assert.equal(checked, 25);
});

test('the timeline reads pages from the file: newest first, filtered by kind and actor, with hostile actors', async () => {
  const release = await releaseWithNotes(40);
  const page = release.timelinePage({ limit: 10, filter: { kinds: ['decision'] } });
  assert.equal(page.matched, 8);
  assert.deepEqual(
    page.events.map((event) => (event.data as { text: string }).text.split(' ')[1]),
    ['35', '30', '25', '20', '15', '10', '5', '0'],
  );
  const actorPage = release.timelinePage({ limit: 100, filter: { actor: '","type":"fake' } });
  assert.ok(actorPage.events.length > 0 && actorPage.events.every((event) => event.actor === '","type":"fake'));
  assert.deepEqual(
    release.events(38, 10).map((event) => event.seq),
    [39, 40, 41],
  );
  await release.close();
});
