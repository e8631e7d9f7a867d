import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTerminalDataFrame, encodeTerminalDataFrame } from '../../contract/event-frames';

const payload = {
  slug: 'checkout-4-2',
  sessionId: '0b6c7d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
  offset: 123_456,
  data: '\x1b[31mred\x1b[0m € 東京 🚀\r\n"quoted" \\ back',
};

function arrayBuffer(frame: Uint8Array): ArrayBuffer {
  return frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength) as ArrayBuffer;
}

test('terminal output survives the binary frame: escapes, multi-byte characters, offset and session', () => {
  const frame = encodeTerminalDataFrame(payload);
  assert.ok(frame.byteLength < JSON.stringify({ event: { type: 'terminal.data', payload } }).length, 'smaller than its JSON');
  assert.deepEqual(decodeTerminalDataFrame(arrayBuffer(frame)), { type: 'terminal.data', payload });
});

test('a frame that is not one of ours is ignored, not half-read', () => {
  const good = encodeTerminalDataFrame(payload);
  const truncatedHeader = good.slice(0, 10);
  const lying = good.slice();
  new DataView(lying.buffer).setUint32(0, 1_000_000);
  const badJson = new Uint8Array([0, 0, 0, 3, 0x7b, 0x7b, 0x7d, 0x41]);
  const wrongShape = new Uint8Array([0, 0, 0, 2, 0x7b, 0x7d, 0x41]);
  for (const frame of [new Uint8Array([]), new Uint8Array([1, 2]), truncatedHeader, lying, badJson, wrongShape]) {
    assert.equal(decodeTerminalDataFrame(arrayBuffer(frame)), null);
  }
});
