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

/** The one-line notice a partial export carries (report's first page, SHA256SUMS, release.json). */
export function partialNotice(partial: PartialJournal): string {
  return `PARTIAL: the journal does not verify from seq ${partial.fromSeq} (${partial.reason}); only seq 1 to ${partial.fromSeq - 1} are included.`;
}
