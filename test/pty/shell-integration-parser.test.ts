import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createShellIntegrationParser, unescapeValue } from '../../main/pty/shell-integration-parser';

// A clock that advances 250 ms per reading, so durations are predictable.
function steppingClock(): () => number {
  let now = Date.parse('2026-03-29T00:59:59.000Z');
  return () => (now += 250);
}

const stream =
  '\x1b]633;P;Cwd=/srv/app\x07\x1b]633;A\x07$ ' +
  'make deploy\r\n\x1b]633;E;make deploy \\x3b echo \\\\done\x07\x1b]633;C\x07deploying\r\n' +
  '\x1b]633;D;2\x1b\\\x1b]0;window title\x07\x1b]133;A\x07$ ';

test('commands come out with exit code, cwd and times; sequences are stripped, other OSC kept', () => {
  const parser = createShellIntegrationParser(steppingClock());
  const result = parser.push(stream);
  assert.equal(result.text, '$ make deploy\r\ndeploying\r\n\x1b]0;window title\x07$ ');
  assert.deepEqual(result.commands, [
    {
      command: 'make deploy ; echo \\done',
      startedAt: '2026-03-29T00:59:59.250Z',
      finishedAt: '2026-03-29T00:59:59.500Z',
      durationMs: 250,
      exitCode: 2,
      cwd: '/srv/app',
    },
  ]);
});

test('the same result however the stream is cut', () => {
  const whole = createShellIntegrationParser(steppingClock()).push(stream);
  for (let cut = 0; cut <= stream.length; cut += 1) {
    const parser = createShellIntegrationParser(steppingClock());
    const first = parser.push(stream.slice(0, cut));
    const second = parser.push(stream.slice(cut));
    const rest = parser.flush();
    assert.equal(first.text + second.text + rest.text, whole.text, `cut at ${cut}`);
    assert.deepEqual(
      [...first.commands, ...second.commands].map((command) => [command.command, command.exitCode]),
      [['make deploy ; echo \\done', 2]],
    );
  }
});

test('an end without a start (an empty line, Ctrl-C at the prompt) is no command', () => {
  const parser = createShellIntegrationParser(steppingClock());
  assert.deepEqual(parser.push('\x1b]633;D;130\x07\x1b]633;A\x07$ ').commands, []);
});

test('an unterminated sequence is bounded: dropped, never buffered forever', () => {
  const parser = createShellIntegrationParser(steppingClock());
  const result = parser.push(`\x1b]633;E;${'x'.repeat(70_000)}`);
  assert.equal(result.text, '');
  assert.equal(parser.push('after').text, 'after');
});

test('values are unescaped as VS Code escapes them', () => {
  assert.equal(unescapeValue('a\\x3bb\\\\c\\x0a'), 'a;b\\c\n');
});
