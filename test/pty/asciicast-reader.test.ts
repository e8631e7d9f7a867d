import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAsciicast, validateAsciicast } from '../../main/pty/asciicast-reader';
import { WarRoomError } from '../../contract/domain/errors';
import { readRecording } from '../../main/pty/recordings';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolder } from './pty-helpers';
import { v1Frames, v1WithoutTty, v2WithIdleLimit, v2WithoutTty, v2WithTheme, v3WithIdleLimit, v3WithoutTty } from './asciicast-fixtures';

const v2 = [
  '{"version": 2, "width": 100, "height": 30, "timestamp": 1700000000, "title": "demo", "env": {"TERM": "xterm-256color", "SHELL": "/bin/zsh"}}',
  '[0.25, "o", "$ ls\\r\\n"]',
  '[0.5, "i", "l"]',
  '[1.0, "r", "120x40"]',
  '[1.5, "m", "deployed"]',
  '',
].join('\n');

test('an asciinema v2 file is read with its header and events', () => {
  const cast = parseAsciicast(v2, 'demo.cast');
  assert.deepEqual(cast.header, {
    version: 2,
    width: 100,
    height: 30,
    timestamp: 1700000000,
    title: 'demo',
    env: { TERM: 'xterm-256color', SHELL: '/bin/zsh' },
  });
  assert.deepEqual(cast.events, [
    [0.25, 'o', '$ ls\r\n'],
    [0.5, 'i', 'l'],
    [1, 'r', '120x40'],
    [1.5, 'm', 'deployed'],
  ]);
});

test('v3 (intervals, term object) and v1 (one JSON document) are converted', () => {
  const v3 = ['{"version": 3, "term": {"cols": 80, "rows": 24}}', '# a comment', '[0.5, "o", "a"]', '[0.25, "o", "b"]', '[1, "x", "0"]'].join('\n');
  const cast3 = parseAsciicast(v3, 'v3.cast');
  assert.equal(cast3.sourceVersion, 3);
  assert.deepEqual(cast3.events, [
    [0.5, 'o', 'a'],
    [0.75, 'o', 'b'],
    [1.75, 'x', '0'],
  ]);
  const v1 = JSON.stringify({
    version: 1,
    width: 80,
    height: 24,
    stdout: [
      [0.5, 'a'],
      [0.25, 'b'],
    ],
  });
  assert.deepEqual(parseAsciicast(v1, 'v1.json').events, [
    [0.5, 'o', 'a'],
    [0.75, 'o', 'b'],
  ]);
});

test('problems name their line and reason', () => {
  const broken = [
    '{"version": 2, "width": 80, "height": 24}',
    '[1.0, "o", "a"]',
    'not json',
    '[0.5, "o", "goes back"]',
    '[2.0, "r", "wide"]',
    '[2.5, "z", "?"]',
    '[3, "o"]',
  ].join('\n');
  const { cast, problems } = validateAsciicast(broken);
  assert.equal(cast, undefined);
  assert.deepEqual(
    problems.map((problem) => problem.line),
    [3, 4, 5, 6, 7],
  );
  assert.match(problems[1]?.reason ?? '', /goes back from 1/);
  assert.match(problems[2]?.reason ?? '', /COLSxROWS/);
  assert.throws(
    () => parseAsciicast(broken, 'night.cast'),
    (error: unknown) =>
      error instanceof WarRoomError && error.code === 'corrupt' && /night\.cast.*line 3: not JSON/.test(error.message) && error.locations[0]?.line === 3,
  );
});

test('a bad header is refused with its line', () => {
  assert.deepEqual(validateAsciicast('\n{"version": 2, "width": -80, "height": 24}\n').problems, [
    { line: 2, reason: "'width' must be a positive whole number" },
  ]);
  assert.match(validateAsciicast('{"version": 9}').problems[0]?.reason ?? '', /version 9 is not supported/);
  assert.deepEqual(validateAsciicast('').problems, [{ line: 1, reason: 'the file is empty' }]);
});

/** Write `text` as a real file in a temp recordings folder and read it as the app's replay does. */
async function replayOf(t: { after(fn: () => void): void }, text: string) {
  const folder = tempFolder('casts');
  t.after(folder.remove);
  writeFileSync(join(folder.path, 'fixture.cast'), text);
  return readRecording(folder.path, 'fixture.cast');
}

test('a recording made without a terminal (size 0) opens at 80x24 with a note, in v1, v2 and v3', async (t) => {
  for (const [name, text] of [
    ['v1', v1WithoutTty],
    ['v2', v2WithoutTty],
    ['v3', v3WithoutTty],
  ] as const) {
    const replay = await replayOf(t, text);
    assert.deepEqual([replay.width, replay.height], [80, 24], name);
    assert.match(replay.notes?.[0] ?? '', /does not say its terminal size.*shown at 80x24/, name);
    assert.ok(
      replay.events.some(([, code, data]) => code === 'o' && data === 'ok\r\n'),
      name,
    );
  }
  // A size that is there but wrong is still refused, with its line.
  assert.match(validateAsciicast('{"version": 3, "term": {"cols": 80, "rows": "24"}}').problems[0]?.reason ?? '', /term\.rows/);
});

test('v1, v2 and v3 files of the shapes public recorders write replay with their real times and idle_time_limit', async (t) => {
  const v2 = await replayOf(t, v2WithTheme);
  assert.deepEqual([v2.width, v2.height, v2.sourceVersion, v2.idleTimeLimit, v2.notes], [100, 50, 2, undefined, undefined]);
  assert.equal(v2.events.at(-1)?.[0], 12.5, 'the recorded times, not shortened');
  const v3 = await replayOf(t, v3WithIdleLimit);
  assert.deepEqual([v3.width, v3.height, v3.sourceVersion, v3.idleTimeLimit], [100, 50, 3, 1.5]);
  assert.ok(Math.abs((v3.events.at(-1)?.[0] ?? 0) - 13.000001) < 1e-9, 'v3 intervals add up to absolute times');
  assert.equal((await replayOf(t, v2WithIdleLimit)).idleTimeLimit, 2.5);
  const v1 = await replayOf(t, v1Frames);
  assert.deepEqual([v1.width, v1.height, v1.sourceVersion, v1.title], [80, 24, 1, 'v1 demo']);
  assert.deepEqual(
    v1.events.map(([time]) => time),
    [0.5, 1.5, 3.5],
  );
  assert.deepEqual(v1.commands, [], 'an imported file has no session commands');
});
