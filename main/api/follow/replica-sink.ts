import { Journal, verifyLines, type VerifiedLines } from '../../core/journal/journal';
import { GENESIS_HASH } from '../../core/journal/journal-format';
import { readFollowMark, removeFollowMark, writeFollowMark, type FollowMark } from '../../core/release/follow-mark';
import type { Release } from '../../core/release/release';
import { releasePaths } from '../../core/release/release';

/** Where a follower writes: the replica's journal and its follow mark. */
export interface ReplicaSink {
  readonly dir: string;
  head(): { readonly seq: number; readonly hash: string };
  /** The replica's hash at `seq` (the genesis hash for 0). */
  hashAt(seq: number): string;
  /** Verify that the lines continue the chain after `after` (a `corrupt` error when not); nothing is written. */
  verify(bytes: Buffer, after: { readonly seq: number; readonly hash: string }): VerifiedLines;
  /** Write verified lines (they must continue the replica's head); fsync'd unless `sync` is false. */
  commit(lines: VerifiedLines, sync: boolean): Promise<void>;
  /** fsync what was committed without it. */
  flush(): Promise<void>;
  mark(): FollowMark | null;
  setMark(mark: FollowMark | null): Promise<void>;
}

/** The replica as an open release: every line received is applied to its state (the app shows it live). */
export function releaseSink(release: Release): ReplicaSink {
  return {
    dir: release.dir,
    head: () => release.head,
    hashAt: (seq) => (seq === 0 ? GENESIS_HASH : seq === release.head.seq ? release.head.hash : release.hashAt(seq)),
    verify: (bytes, after) => verifyLines(bytes, after, release.paths.journal),
    commit: async (lines, sync) => void (await release.replicate(lines, { sync })),
    flush: () => release.syncJournal(),
    mark: () => release.follow,
    setMark: (mark) => release.setFollow(mark),
  };
}

/**
 * The replica as a bare journal, before anything shows it: lines are verified and written
 * without being parsed (a catch-up of a long night runs near the speed of verifying it).
 */
export async function journalSink(dir: string): Promise<ReplicaSink & { close(): Promise<void> }> {
  const { journal } = await Journal.openIndexed(releasePaths(dir).journal);
  let mark = await readFollowMark(dir);
  return {
    dir,
    head: () => journal.headEvent,
    hashAt: (seq) => (seq === 0 ? GENESIS_HASH : journal.lines.hashAt(seq)),
    verify: (bytes, after) => verifyLines(bytes, after, journal.file),
    commit: async (lines, sync) => void (await journal.appendVerifiedLines(lines, { parse: false, sync })),
    flush: () => journal.sync(),
    mark: () => mark,
    setMark: async (next) => {
      if (next) await writeFollowMark(dir, next);
      else await removeFollowMark(dir);
      mark = next;
    },
    close: () => journal.close(),
  };
}
