import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJournalPageFrame, encodeJournalPageFrame, JOURNAL_PAGE_FRAME } from '../../contract/journal-page-frame';
import { encodeTerminalFrame } from '../../contract/terminal-frames';

const page = {
  head: { seq: 9, hash: 'a'.repeat(64) },
  atHash: 'b'.repeat(64),
  fromSeq: 4,
  toSeq: 6,
  // Whatever a journal holds, byte for byte: invalid UTF-8, NUL, quotes, a base64-looking tail.
  lines: Uint8Array.from([0x7b, 0xff, 0xfe, 0x00, 0x22, 0x5c, 0x0a, 0x65, 0x48, 0x68, 0x34, 0x43, 0x67, 0x3d, 0x3d, 0x0a]),
};

test('a journal page frame carries the lines byte-identical after its header, and the page fields as they were', () => {
  const frame = encodeJournalPageFrame(42, page);
  assert.equal(frame[0], JOURNAL_PAGE_FRAME);
  assert.deepEqual(Buffer.from(frame.subarray(frame.length - page.lines.length)), Buffer.from(page.lines), 'the lines are sent as they are, not base64');
  const decoded = decodeJournalPageFrame(frame);
  assert.ok(decoded);
  assert.equal(decoded.id, 42);
  assert.deepEqual({ ...decoded.page, lines: Buffer.from(decoded.page.lines) }, { ...page, lines: Buffer.from(page.lines) });
  const empty = decodeJournalPageFrame(encodeJournalPageFrame(1, { ...page, atHash: null, lines: new Uint8Array(0) }));
  assert.equal(empty?.page.lines.length, 0);
  assert.equal(empty?.page.atHash, null);
});

test('a frame that is not a well-formed page is null, never half-read', () => {
  const frame = encodeJournalPageFrame(7, page);
  const headerLength = new DataView(frame.buffer).getUint32(1);
  const withHeader = (header: string) => {
    const bytes = Buffer.from(header);
    const out = Buffer.alloc(5 + bytes.length + 2);
    out[0] = JOURNAL_PAGE_FRAME;
    out.writeUInt32BE(bytes.length, 1);
    bytes.copy(out, 5);
    return out;
  };
  const cases: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['a terminal frame', encodeTerminalFrame({ kind: 'output', sessionId: 's', attachmentId: 'a', offset: 0, data: 'hi' })],
    ['cut inside the length', frame.subarray(0, 3)],
    ['cut inside the header', frame.subarray(0, 5 + headerLength - 1)],
    ['a header longer than the frame', Uint8Array.from([JOURNAL_PAGE_FRAME, 0xff, 0xff, 0xff, 0xff, 0x7b])],
    ['a header that is not JSON', withHeader('{"id":1,')],
    ['a header that is not UTF-8', Uint8Array.from([JOURNAL_PAGE_FRAME, 0, 0, 0, 2, 0xff, 0xfe])],
    ['an id that is not a number', withHeader(JSON.stringify({ id: '1', page: { head: page.head, atHash: null, fromSeq: 1, toSeq: 0 } }))],
    ['a page missing its head', withHeader(JSON.stringify({ id: 1, page: { atHash: null, fromSeq: 1, toSeq: 0 } }))],
    ['an atHash that is not a hash', withHeader(JSON.stringify({ id: 1, page: { head: page.head, atHash: 'zz', fromSeq: 1, toSeq: 0 } }))],
    ['a fractional seq', withHeader(JSON.stringify({ id: 1, page: { head: page.head, atHash: null, fromSeq: 1.5, toSeq: 0 } }))],
    ['an extra field', withHeader(JSON.stringify({ id: 1, page: { head: page.head, atHash: null, fromSeq: 1, toSeq: 0, lines: 'eA==' } }))],
  ];
  for (const [name, bytes] of cases) assert.equal(decodeJournalPageFrame(bytes), null, name);
});
