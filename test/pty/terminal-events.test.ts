import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WarRoomError } from '../../contract/domain/errors';
import { parseTerminalEvent } from '../../contract/domain/terminal/terminal-events';
import { recordingCommands } from '../../main/pty/recording-commands';

const at = { actor: 'dana', ts: '2026-06-02T20:00:00.000Z', prev: '', hash: '' };
const opened = {
  sessionId: 's-1',
  targetId: 'prod',
  targetName: 'Prod',
  environment: 'production',
  command: 'bash',
  recordingFile: 's-1.cast',
  startedAt: '2026-06-02T20:00:00.000Z',
};
const finished = {
  sessionId: 's-1',
  targetId: 'prod',
  targetName: 'Prod',
  command: 'ls',
  startedAt: '2026-06-02T20:00:02.000Z',
  finishedAt: '2026-06-02T20:00:03.000Z',
  durationMs: 1000,
  exitCode: 0,
};

function isCorrupt(pattern: RegExp) {
  return (error: unknown): boolean => error instanceof WarRoomError && error.code === 'corrupt' && pattern.test(error.message);
}

test('terminal events read through their schemas: the recording player places the commands of its session', () => {
  const events = [
    { type: 'terminal.session-opened', data: opened, ...at, seq: 1 },
    { type: 'terminal.command-finished', data: finished, ...at, seq: 2 },
    { type: 'terminal.command-finished', data: { ...finished, sessionId: 's-2', command: 'rm' }, ...at, seq: 3 },
  ];
  assert.deepEqual(recordingCommands(events, 's-1.cast', {}, 10), [{ at: 2, command: 'ls', exitCode: 0, durationMs: 1000 }]);
});

test('a terminal event whose data does not fit is refused as corrupt naming the seq and the field; older shapes still read; an unknown type is left alone', () => {
  assert.throws(
    () => recordingCommands([{ type: 'terminal.command-finished', data: { ...finished, durationMs: '1 s' }, ...at, seq: 31 }], 's-1.cast', {}, 10),
    isCorrupt(/#31 \(terminal\.command-finished\).*data\.durationMs/),
  );
  assert.throws(() => parseTerminalEvent({ type: 'terminal.session-closed', data: { sessionId: 's-1' }, ...at, seq: 32 }), isCorrupt(/#32 .*data\.targetId/));
  // A session closed before its end, redaction count and completeness were journaled, opened before startedAt was.
  const closed = { sessionId: 's-1', targetId: 'prod', targetName: 'Prod', exitCode: 0, durationMs: 5, recordingFile: 's-1.cast', sha256: 'ab', bytes: 9 };
  assert.deepEqual(parseTerminalEvent({ type: 'terminal.session-closed', data: closed, ...at, seq: 33 })?.data, closed);
  const { startedAt: _startedAt, recordingFile: _file, ...early } = opened;
  assert.deepEqual(parseTerminalEvent({ type: 'terminal.session-opened', data: { ...early, cols: 80, rows: 24, pid: 7 }, ...at, seq: 34 })?.data, {
    ...early,
    cols: 80,
    rows: 24,
    pid: 7,
  });
  assert.equal(parseTerminalEvent({ type: 'terminal.session-resized', data: {}, ...at, seq: 35 }), null);
});
