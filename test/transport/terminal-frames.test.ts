import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTerminalFrame, encodeTerminalFrame, frameTag, type TerminalFrame } from '../../contract/terminal-frames';

const tag = { sessionId: '0b6c7d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e', attachmentId: '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f' };
const data = '\x1b[31mred\x1b[0m € 東京 🚀\r\n"quoted" \\ back';

test('every kind survives its binary frame: escapes, multi-byte characters, offsets, counts, sizes, the exit', () => {
  const frames: TerminalFrame[] = [
    { kind: 'output', ...tag, offset: 123_456_789, data },
    { kind: 'input', ...tag, data },
    { kind: 'ack', ...tag, chars: 5_000 },
    { kind: 'skipped', ...tag, chars: 1_234_567 },
    { kind: 'resize', ...tag, cols: 120, rows: 40 },
    { kind: 'exit', ...tag, exit: { exitCode: 0, signal: 1, endedBy: 'closed', closedBy: 'dana' } },
    { kind: 'exit', ...tag, exit: { exitCode: 7 } },
  ];
  for (const frame of frames) {
    const bytes = encodeTerminalFrame(frame);
    assert.deepEqual(decodeTerminalFrame(bytes), frame);
    // An ArrayBuffer (a browser WebSocket message) as well as a Uint8Array (a Node Buffer).
    assert.deepEqual(decodeTerminalFrame(new Uint8Array(bytes).buffer), frame);
    assert.deepEqual(frameTag(bytes), tag);
  }
  const output = encodeTerminalFrame({ kind: 'output', ...tag, offset: 1, data });
  assert.ok(output.byteLength < JSON.stringify({ type: 'terminal.data', payload: { ...tag, offset: 1, data } }).length, 'smaller than its JSON');
});

test('a frame that is not one of ours is null, never half-read', () => {
  const good = encodeTerminalFrame({ kind: 'output', ...tag, offset: 5, data: 'hello' });
  const lyingTag = good.slice();
  lyingTag[1] = 250;
  const unknownKind = good.slice();
  unknownKind[0] = 99;
  const badTag = encodeTerminalFrame({ kind: 'input', ...tag, data: 'x' });
  badTag[3] = '/'.charCodeAt(0);
  const negative = encodeTerminalFrame({ kind: 'ack', ...tag, chars: 1 });
  new DataView(negative.buffer).setFloat64(negative.length - 8, -1);
  const fraction = encodeTerminalFrame({ kind: 'ack', ...tag, chars: 1 });
  new DataView(fraction.buffer).setFloat64(fraction.length - 8, 0.5);
  const tinyResize = encodeTerminalFrame({ kind: 'resize', ...tag, cols: 80, rows: 24 });
  new DataView(tinyResize.buffer).setUint16(tinyResize.length - 4, 0);
  const emptyInput = encodeTerminalFrame({ kind: 'input', ...tag, data: 'x' }).slice(0, -1);
  const exitNotJson = encodeTerminalFrame({ kind: 'input', ...tag, data: '{{' });
  exitNotJson[0] = 2;
  for (const frame of [
    new Uint8Array([]),
    new Uint8Array([1]),
    good.slice(0, 10),
    lyingTag,
    unknownKind,
    badTag,
    negative,
    fraction,
    tinyResize,
    emptyInput,
    exitNotJson,
  ]) {
    assert.equal(decodeTerminalFrame(frame), null, `decoded ${Array.from(frame.slice(0, 12)).join(',')}`);
  }
  assert.throws(() => encodeTerminalFrame({ kind: 'input', sessionId: '../etc', attachmentId: 'a', data: 'x' }), /bad tag/);
});
