import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import { tempDir } from '../support/temp-dir';

const context = { actor: 'tester', transport: 'test' } as const;

async function services(): Promise<Services> {
  return bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
}

test('a valid request returns its value', async () => {
  const s = await services();
  const result = await dispatch(s, 'release.list', {}, context);
  assert.equal(result.ok, true);
  await s.dispose();
});

test('malformed requests are refused with a typed error that names the request and the field, and change nothing', async () => {
  const s = await services();
  const [listing] = await s.workspace.list();
  const journal = join(s.workspace.releasesDir, listing!.slug, 'journal.jsonl');
  const before = readFileSync(journal);
  const cases: [unknown, unknown, RegExp][] = [
    ['no.such.request', {}, /Unknown request "no\.such\.request"/],
    [42, {}, /Unknown request number/],
    ['__proto__', {}, /Unknown request/],
    ['toString', {}, /Unknown request/],
    ['release.get', { slug: '../../etc' }, /release\.get: 'slug' must be the folder name of a release/],
    ['release.get', { slug: 7 }, /'slug'/],
    ['release.get', {}, /'slug'/],
    ['release.get', { slug: listing!.slug, extra: true }, /extra/],
    ['note.add', { slug: listing!.slug, text: '' }, /'text' must not be empty/],
    ['note.add', { slug: listing!.slug, text: 'x', kind: 'incident<script>' }, /'kind'/],
    ['note.add', JSON.parse('{"__proto__": {"polluted": 1}, "slug": "x", "text": "y"}'), /note\.add/],
    [
      'release.create',
      { definition: { name: 'x', mode: 'live', goLive: 'tomorrow', zone: 'Mars/Olympus' } },
      /'definition\.goLive'.*'definition\.zone' must be an IANA time zone/,
    ],
    ['note.add', 'not an object', /note\.add/],
    ['note.add', null, /'slug'/],
  ];
  for (const [name, input, message] of cases) {
    const result = await dispatch(s, name, input, context);
    assert.equal(result.ok, false, `${String(name)} ${JSON.stringify(input)}`);
    if (!result.ok) {
      assert.match(result.error.message, message);
      assert.ok(['invalid-request', 'invalid-input'].includes(result.error.code));
    }
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(readFileSync(journal), before);
  await s.dispose();
});

test('a domain failure comes back as a typed error, not an exception', async () => {
  const s = await services();
  const result = await dispatch(s, 'release.get', { slug: 'missing-release' }, context);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.error.code, 'not-found');
    assert.equal(result.error.request, 'release.get');
  }
  await s.dispose();
});

test('a note is journaled with the caller as actor and published as an event', async () => {
  const s = await services();
  const [listing] = await s.workspace.list();
  const heard: string[] = [];
  s.events.subscribe((event) => heard.push(event.type));
  const result = await dispatch(s, 'note.add', { slug: listing!.slug, text: 'Canary at 10%', kind: 'decision' }, context);
  assert.equal(result.ok, true);
  const lines = readFileSync(join(s.workspace.releasesDir, listing!.slug, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n');
  const last = JSON.parse(lines[lines.length - 1]!);
  assert.equal(last.actor, 'tester');
  assert.deepEqual(last.data, { kind: 'decision', text: 'Canary at 10%' });
  assert.deepEqual(heard, ['journal.appended', 'release.changed']);
  await s.dispose();
});
