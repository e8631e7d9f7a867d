import { createHash } from 'node:crypto';
import { GENESIS_HASH, LINE_SUFFIX_LENGTH } from './journal-format';
import type { JournalVerification } from '../../../contract/domain/journal/journal-event';

export type { JournalVerification };

const NEWLINE = 0x0a;
const SEQ_PREFIX = Buffer.from('{"seq":', 'latin1');
const PREV_TAG = Buffer.from(',"prev":"', 'latin1');
const HASH_TAG = Buffer.from('","hash":"', 'latin1');
const END_TAG = Buffer.from('"}', 'latin1');
const CLOSE_BRACE = Buffer.from('}', 'latin1');
const GENESIS_BYTES = Buffer.from(GENESIS_HASH, 'latin1');
const HASH_LENGTH = 64;

/**
 * Verify a journal's bytes: the chain of hashes, the sequence, and the line format.
 *
 * It hashes the bytes as they are on disk (the body is a prefix of each line), so it
 * runs near the speed of sha256 itself. A final line without its newline, or made of
 * NUL bytes only (what a crash mid-write leaves), is a torn tail, reported apart from
 * the chain: `ok` stays true. Anything else that does not verify is a break, reported
 * with the first sequence number that cannot be trusted. `onLine` hears of each line
 * that verified (its start offset and the offset of its newline), in order.
 *
 * `after` verifies a piece of a journal that continues an already verified head (a
 * follower's page of lines): the first line must be seq `after.seq + 1` with prev
 * `after.hash`. Offsets, counts and `head` then describe the piece, the seqs the chain.
 */
export function verifyJournalBytes(
  bytes: Uint8Array,
  onLine?: (start: number, end: number) => void,
  after: { readonly seq: number; readonly hash: string } = { seq: 0, hash: GENESIS_HASH },
): JournalVerification {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  let lineNumber = 0;
  let expectedSeq = after.seq + 1;
  let prev = after.hash;
  /** The previous line's hash field, as bytes of this buffer (compared without strings). */
  let prevBytes: Buffer = after.seq === 0 && after.hash === GENESIS_HASH ? GENESIS_BYTES : Buffer.from(after.hash, 'latin1');
  while (offset < buffer.length) {
    lineNumber += 1;
    const end = buffer.indexOf(NEWLINE, offset);
    if (end === -1 || isAllNul(buffer, offset, end)) {
      const length = (end === -1 ? buffer.length : end + 1) - offset;
      if (end === -1 || end + 1 === buffer.length) {
        return { ok: true, count: expectedSeq - 1 - after.seq, head: { seq: expectedSeq - 1, hash: prev }, goodBytes: offset, tornTail: { offset, length } };
      }
    }
    const problem = checkLine(buffer, offset, end === -1 ? buffer.length : end, expectedSeq, prevBytes);
    if (typeof problem === 'string') {
      return {
        ok: false,
        count: expectedSeq - 1 - after.seq,
        head: { seq: expectedSeq - 1, hash: prev },
        goodBytes: offset,
        break: { seq: expectedSeq, line: lineNumber, reason: problem },
      };
    }
    prev = problem.hash;
    prevBytes = problem.hashBytes;
    onLine?.(offset, end);
    expectedSeq += 1;
    offset = end + 1;
  }
  return { ok: true, count: expectedSeq - 1 - after.seq, head: { seq: expectedSeq - 1, hash: prev }, goodBytes: offset };
}

function isAllNul(buffer: Buffer, start: number, end: number): boolean {
  const stop = end === -1 ? buffer.length : end;
  for (let index = start; index < stop; index += 1) if (buffer[index] !== 0) return false;
  return stop > start;
}

function hasTag(buffer: Buffer, tag: Buffer, at: number): boolean {
  return buffer.compare(tag, 0, tag.length, at, at + tag.length) === 0;
}

function checkLine(buffer: Buffer, start: number, end: number, expectedSeq: number, prevBytes: Buffer): { hash: string; hashBytes: Buffer } | string {
  const length = end - start;
  if (length <= LINE_SUFFIX_LENGTH + SEQ_PREFIX.length) return 'the line is too short to be an event';
  if (!hasTag(buffer, SEQ_PREFIX, start)) return 'the line does not start with {"seq":';
  let cursor = start + SEQ_PREFIX.length;
  let seq = 0;
  while (cursor < end && buffer[cursor]! >= 0x30 && buffer[cursor]! <= 0x39 && cursor - start < 24) {
    seq = seq * 10 + (buffer[cursor]! - 0x30);
    cursor += 1;
  }
  if (buffer[cursor] !== 0x2c) return 'the seq is not a whole number';
  if (seq !== expectedSeq) return `expected seq ${expectedSeq} but found seq ${seq} (a line is missing, repeated or out of order)`;
  const suffix = end - LINE_SUFFIX_LENGTH;
  const prevStart = suffix + PREV_TAG.length;
  const hashStart = prevStart + HASH_LENGTH + HASH_TAG.length;
  if (!hasTag(buffer, PREV_TAG, suffix) || !hasTag(buffer, HASH_TAG, prevStart + HASH_LENGTH) || !hasTag(buffer, END_TAG, hashStart + HASH_LENGTH)) {
    return 'the line does not end with its prev and hash';
  }
  const prevField = buffer.subarray(prevStart, prevStart + HASH_LENGTH);
  if (!prevField.equals(prevBytes)) return 'prev does not match the hash of the event before it';
  const hash = createHash('sha256').update(prevField).update(buffer.subarray(start, suffix)).update(CLOSE_BRACE).digest('hex');
  const hashBytes = buffer.subarray(hashStart, hashStart + HASH_LENGTH);
  if (buffer.toString('latin1', hashStart, hashStart + HASH_LENGTH) !== hash) return 'the hash does not match the content (the event was changed)';
  return { hash, hashBytes };
}
