import { Journal } from '../core/journal/journal';
import { GENESIS_HASH } from '../core/journal/journal-format';
import { readFollowMark, removeFollowMark, writeFollowMark, type FollowMark } from '../core/release/follow-mark';
import type { Release } from '../core/release/release';
import { releasePaths } from '../core/release/release';

/** Where a follower writes: the replica's journal and its follow mark. */
export interface ReplicaSink {
  readonly dir: string;
  head(): { readonly seq: number; readonly hash: string };
  /** The replica's hash at `seq` (the genesis hash for 0). */
  hashAt(seq: number): string;
  /** Verify that the lines continue the chain, then write and fsync them. */
  append(bytes: Buffer): Promise<void>;
  mark(): FollowMark | null;
  setMark(mark: FollowMark | null): Promise<void>;
}

/** The replica as an open release: every line received is applied to its state (the app shows it live). */
export function releaseSink(release: Release): ReplicaSink {
  return {
    dir: release.dir,
    head: () => release.head,
    hashAt: (seq) => (seq === 0 ? GENESIS_HASH : seq === release.head.seq ? release.head.hash : release.hashAt(seq)),
    append: async (bytes) => void (await release.replicate(bytes)),
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
    append: async (bytes) => void (await journal.appendVerified(bytes, { parse: false })),
    mark: () => mark,
    setMark: async (next) => {
      if (next) await writeFollowMark(dir, next);
      else await removeFollowMark(dir);
      mark = next;
    },
    close: () => journal.close(),
  };
}
