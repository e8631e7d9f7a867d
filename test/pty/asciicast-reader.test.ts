import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAsciicast, validateAsciicast } from '../../main/pty/asciicast-reader';
import { WarRoomError } from '../../main/core/support/errors';

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
  assert.deepEqual(validateAsciicast('\n{"version": 2, "width": 0, "height": 24}\n').problems, [
    { line: 2, reason: "'width' must be a positive whole number" },
  ]);
  assert.match(validateAsciicast('{"version": 9}').problems[0]?.reason ?? '', /version 9 is not supported/);
  assert.deepEqual(validateAsciicast('').problems, [{ line: 1, reason: 'the file is empty' }]);
});
