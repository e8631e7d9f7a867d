import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';

/** A page of raw journal lines, for a follower's replica. */
export interface JournalSincePage {
  /** The host's durable head when the page was read. */
  readonly head: { readonly seq: number; readonly hash: string };
  /** The host's hash at `afterSeq` (the genesis hash for 0); null when its journal is shorter. */
  readonly atHash: string | null;
  readonly fromSeq: number;
  /** The last seq in `lines` (fromSeq - 1 when the page is empty). */
  readonly toSeq: number;
  /**
   * The exact bytes of the lines, newlines included (byte-identical, whatever they hold);
   * over a WebSocket the answer is one binary frame (contract/journal-page-frame.ts).
   */
  readonly lines: Uint8Array;
}

/** What a follower of a release shows: where it follows, how far, how stale. */
export interface FollowStatus {
  readonly source: string;
  readonly state: 'following' | 'forked' | 'stopped';
  /** connected: a socket is open to the host now. */
  readonly connected: boolean;
  readonly lastSeq: number;
  readonly hostSeq: number;
  readonly lastContactAt: string | null;
  /** Milliseconds since the host last answered, measured by this process (null: never). */
  readonly staleMs: number | null;
  readonly message: string | null;
  readonly forkFile: string | null;
}

/** Pods that follow a release and take it over (the host's side and the follower's). */
export const followRequests = {
  /**
   * Raw journal lines after `afterSeq`, in pages (at most `limit` events and about
   * `maxBytes`): a follower appends them as they are, after verifying the chain.
   */
  'journal.since': request<JournalSincePage>()(
    z
      .object({
        slug: slugSchema,
        afterSeq: z.number().int().min(0),
        limit: z.number().int().min(1).max(100_000).default(20_000),
        maxBytes: z
          .number()
          .int()
          .min(1024)
          .max(32 * 1024 * 1024)
          .default(8 * 1024 * 1024),
      })
      .strict(),
  ),
  /**
   * A follower says who it is and how the host can reach it back (for a handover); kept while
   * its connection lasts. `name` in the answer is the name the host knows it by (a
   * participant's: the name of their invite), the one a handover names.
   */
  'follow.hello': request<{ readonly head: { readonly seq: number; readonly hash: string }; readonly name: string }>()(
    z
      .object({
        slug: slugSchema,
        name: z.string().trim().min(1).max(80),
        link: z.string().url().max(2000).optional(),
      })
      .strict(),
  ),
  /** The follower's status of a release it replicates; null when this copy is not a replica. */
  'follow.status': request<FollowStatus | null>()(z.object({ slug: slugSchema }).strict()),
  /**
   * The release manager hands the pen to a follower (by the name it said hello with, or
   * by a link): journaled as release.handed-over; this copy then follows the new host.
   */
  'release.handover': request<{ readonly seq: number; readonly to: string; readonly following: string }>()(
    z
      .object({
        slug: slugSchema,
        to: z.string().trim().min(1).max(2000),
      })
      .strict(),
  ),
  /**
   * A follower takes the pen without its host (the host is gone for good): journaled as
   * release.took-over {forced}. If the old host comes back and appended meanwhile, the
   * two chains fork, and whoever follows the other detects it and keeps both.
   */
  'release.take-over': request<{ readonly seq: number }>()(z.object({ slug: slugSchema }).strict()),
};
