import { WarRoomError, isErrno } from '../../../contract/domain/errors';
import { readRegularFile } from '../support/regular-file';
import type { JournalVerification } from '../../../contract/domain/journal/journal-event';

/** The journal head a release.json was written after: its seq and that event's hash. */
export interface JournalAnchor {
  readonly seq: number;
  readonly hash: string;
}

/** Where a journal disagrees with its anchor: the first seq that cannot be trusted, and why. */
export interface AnchorProblem {
  readonly seq: number;
  readonly reason: string;
}

/**
 * Read release.json's anchor without changing anything (the app moves an unreadable one
 * aside when it opens the release; a checker must not). Null when there is none to read.
 */
export async function readAnchor(documentPath: string): Promise<JournalAnchor | null> {
  let text: string;
  try {
    text = (await readRegularFile(documentPath, 'a release document')).toString('utf8');
  } catch (error) {
    if (error instanceof WarRoomError && isErrno(error.cause, 'ENOENT')) return null;
    throw error;
  }
  try {
    const document = JSON.parse(text) as { journal?: { seq?: unknown; hash?: unknown } };
    const { seq, hash } = document.journal ?? {};
    if (typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 && typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)) return { seq, hash };
  } catch {
    // Not JSON: the app moves it aside and rebuilds it from the journal.
  }
  return null;
}

/**
 * Check a journal that verifies against the anchor release.json recorded.
 *
 * Why: a journal whose end was cut at a line boundary still chains, and so does one that
 * was edited and re-chained from the edit on; only the anchor (seq and hash, written
 * after the event) tells. Both the seq and the hash are checked.
 */
export function anchorProblem(bytes: Buffer, verification: JournalVerification, anchor: JournalAnchor | null): AnchorProblem | null {
  if (!anchor || anchor.seq === 0) return null;
  const head = verification.head.seq;
  if (anchor.seq > head) {
    return {
      seq: head + 1,
      reason: `ends at seq ${head} but release.json records seq ${anchor.seq}: first missing seq ${head + 1} (truncated)`,
    };
  }
  const hash = hashAtSeq(bytes, anchor.seq);
  if (hash !== anchor.hash) {
    return {
      seq: anchor.seq,
      reason: `the event at seq ${anchor.seq} has hash ${hash?.slice(0, 12) ?? '(none)'}… but release.json records ${anchor.hash.slice(0, 12)}…: the journal was rewritten at or before seq ${anchor.seq}`,
    };
  }
  return null;
}

/** The hash field of the event with this seq, in a journal whose prefix up to it verifies (line N holds seq N). */
export function hashAtSeq(bytes: Buffer, seq: number): string | null {
  let start = 0;
  for (let line = 1; line < seq; line += 1) {
    const newline = bytes.indexOf(0x0a, start);
    if (newline === -1) return null;
    start = newline + 1;
  }
  const end = bytes.indexOf(0x0a, start);
  // Every line ends with `"hash":"<64 hex>"}`.
  if (end === -1 || end - start < 66) return null;
  return bytes.toString('latin1', end - 66, end - 2);
}
