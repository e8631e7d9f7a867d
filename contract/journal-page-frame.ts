import { z } from 'zod';
import type { JournalSincePage } from './requests/follow-requests';

/**
 * The answer to `journal.since` over a WebSocket, as one binary frame: a follower catching
 * up receives tens of MB of journal lines, and as base64 inside JSON they cost the host an
 * encode and a scan for escapes, and the follower a copy to a string and a decode, about
 * as much CPU as verifying the lines (measured by `npm run bench follow`). The lines are
 * sent as the exact bytes of the journal instead, after a small JSON header:
 *
 *   byte 0      0x4a ('J'), a journal page (terminal frames use kinds 1-3 and 16-18)
 *   bytes 1-4   n = length of the header, u32 big-endian (at most 64 KiB)
 *   5 .. 5+n    UTF-8 JSON: { "id": <request id>, "page": { head, atHash, fromSeq, toSeq } }
 *   then        the lines, byte-identical to the host's journal, newlines included
 *
 * Only a successful answer is a page frame; an error is the usual `{id, result}` text frame.
 * Decoding never trusts a frame: anything malformed is null, never half-read (the lines
 * themselves are verified by the follower's chain check before a byte of them is kept).
 */
export const JOURNAL_PAGE_FRAME = 0x4a;
const HEADER_START = 5;
const MAX_HEADER_BYTES = 64 * 1024;

const hash = z.string().regex(/^[0-9a-f]{64}$/);
/** Whole numbers only: what they say (a page that does not advance, a head behind) is the follower's to judge. */
const seq = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const headerSchema = z
  .object({
    id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    page: z
      .object({
        head: z.object({ seq, hash: z.string().max(64) }).strict(),
        atHash: hash.nullable(),
        fromSeq: seq,
        toSeq: seq,
      })
      .strict(),
  })
  .strict();

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The frame answering request `id` with `page` (its lines copied once, after the header). */
export function encodeJournalPageFrame(id: number, page: JournalSincePage): Uint8Array {
  const header = encoder.encode(
    JSON.stringify({ id, page: { head: { seq: page.head.seq, hash: page.head.hash }, atHash: page.atHash, fromSeq: page.fromSeq, toSeq: page.toSeq } }),
  );
  const frame = new Uint8Array(HEADER_START + header.length + page.lines.length);
  frame[0] = JOURNAL_PAGE_FRAME;
  new DataView(frame.buffer, frame.byteOffset, frame.byteLength).setUint32(1, header.length);
  frame.set(header, HEADER_START);
  frame.set(page.lines, HEADER_START + header.length);
  return frame;
}

/** The request id and page a frame carries (its lines a view of the frame, not a copy), or null when it is not a well-formed page frame. */
export function decodeJournalPageFrame(bytes: Uint8Array): { readonly id: number; readonly page: JournalSincePage } | null {
  if (bytes.length < HEADER_START || bytes[0] !== JOURNAL_PAGE_FRAME) return null;
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1);
  if (length > MAX_HEADER_BYTES || HEADER_START + length > bytes.length) return null;
  let header: z.infer<typeof headerSchema>;
  try {
    const parsed = headerSchema.safeParse(JSON.parse(decoder.decode(bytes.subarray(HEADER_START, HEADER_START + length))));
    if (!parsed.success) return null;
    header = parsed.data;
  } catch {
    return null;
  }
  return { id: header.id, page: { ...header.page, lines: bytes.subarray(HEADER_START + length) } };
}
