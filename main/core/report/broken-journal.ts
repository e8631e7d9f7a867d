import { WarRoomError } from '../../../contract/domain/errors';
import type { ReleaseOnDisk } from './release-reader';

/** Where the journal of a partial export stops: the first seq that does not verify, and why. */
export interface PartialJournal {
  readonly fromSeq: number;
  readonly reason: string;
}

/**
 * Refuse to export (report or bundle) a release whose journal does not verify, unless
 * the operator asked for a partial one.
 *
 * Why: the export keeps the verified prefix and re-chains it, so the copy verifies on
 * its own; without this check a journal broken at seq 9 of 15 was handed over as a
 * clean release of 8 events, and nobody could tell 7 were missing. A partial export
 * says so on its first page and in its manifest (see `partialNotice`).
 */
export function checkJournalForExport(release: ReleaseOnDisk, what: string, allowBroken: boolean, hint: string): PartialJournal | null {
  if (release.verification.ok) return null;
  const partial = { fromSeq: release.verification.headSeq + 1, reason: release.verification.problem ?? 'the journal does not verify' };
  if (allowBroken) return partial;
  throw new WarRoomError(
    'corrupt',
    `The journal of ${release.dir} does not verify: it ${partial.reason}. ${what} would hold only seq 1 to ${partial.fromSeq - 1}, as if nothing came after; ${hint}`,
    [{ file: `${release.dir}/journal.jsonl`, field: `seq ${partial.fromSeq}` }],
  );
}

/**
 * The event an import appends when the bundle it imported was partial (its manifest's
 * "# partial:" line): the mark then lives in the journal, so that the next export of the
 * imported release, and the one after, still say from which seq the original is missing.
 */
export const IMPORTED_PARTIAL_EVENT = 'release.imported-partial';

/** The notice of the last partial bundle this journal was imported from, or null. */
export function importedPartialNotice(events: readonly { readonly type: string; readonly data: unknown }[]): string | null {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index]!;
    if (event.type !== IMPORTED_PARTIAL_EVENT) continue;
    const notice = (event.data as { notice?: unknown } | null)?.notice;
    if (typeof notice === 'string' && notice.length > 0) return notice;
  }
  return null;
}

/** The one-line notice a partial export carries (report's first page, SHA256SUMS, release.json). */
export function partialNotice(partial: PartialJournal): string {
  return `PARTIAL: the journal does not verify from seq ${partial.fromSeq} (${partial.reason}); only seq 1 to ${partial.fromSeq - 1} are included.`;
}
