import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { WarRoomError, ioError, isErrno } from '../../../contract/domain/errors';
import { replaceDurably } from '../support/durable-files';

/** The file, in a release folder, that marks it as a replica following another War Room. */
export const FOLLOW_FILE = 'follow.json';

/**
 * What a follower knows of the host it follows. No secret is kept here: the link's token
 * or invite is given again on the command line when following resumes.
 */
export const followMarkSchema = z
  .object({
    format: z.literal(1),
    /** The host's origin (`http(s)://HOST:PORT`), without the secret of the link. */
    source: z.string().max(500),
    /** SHA-256 fingerprint of the host's certificate (https links), lower-case hex. */
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    /** The release's slug on the host. */
    sourceSlug: z.string().max(200),
    /**
     * following: a read-only replica; forked: the host's chain went another way, following
     * stopped (the foreign branch is kept beside the journal); stopped: a chain problem or a
     * refusal stopped it.
     */
    state: z.enum(['following', 'forked', 'stopped']),
    /** The last seq received, verified and made durable. */
    lastSeq: z.number().int().min(0),
    /** The host's head as last seen. */
    hostSeq: z.number().int().min(0),
    /** When the host last answered (ISO), null before the first answer. */
    lastContactAt: z.string().nullable(),
    /** Why following stopped, or the last connection problem. */
    message: z.string().max(2000).nullable(),
    /** The file holding the foreign branch, when a fork was found. */
    forkFile: z.string().max(1000).nullable(),
  })
  .strict();

export type FollowMark = z.output<typeof followMarkSchema>;

export function followMarkFile(releaseDir: string): string {
  return join(releaseDir, FOLLOW_FILE);
}

/** The release folder's follow mark, or null when it is not a replica. A damaged mark still marks it (read-only is the safe side). */
export async function readFollowMark(releaseDir: string): Promise<FollowMark | null> {
  const file = followMarkFile(releaseDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw ioError('read the follow mark', file, error);
  }
  let parsed: ReturnType<typeof followMarkSchema.safeParse>;
  try {
    parsed = followMarkSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = followMarkSchema.safeParse(null);
  }
  if (parsed.success) return parsed.data;
  return {
    format: 1,
    source: '(unreadable follow.json)',
    fingerprint: null,
    sourceSlug: '',
    state: 'stopped',
    lastSeq: 0,
    hostSeq: 0,
    lastContactAt: null,
    message: `${file} could not be read: the release stays read-only; remove the file to make this copy writable again.`,
    forkFile: null,
  };
}

export async function writeFollowMark(releaseDir: string, mark: FollowMark): Promise<void> {
  const file = followMarkFile(releaseDir);
  try {
    await replaceDurably(file, `${JSON.stringify(mark, null, 2)}\n`);
  } catch (error) {
    throw ioError('write the follow mark', file, error);
  }
}

export async function removeFollowMark(releaseDir: string): Promise<void> {
  const file = followMarkFile(releaseDir);
  try {
    await rm(file, { force: true });
  } catch (error) {
    throw ioError('remove the follow mark', file, error);
  }
}

/** The refusal of a change to a replica, in words a release manager can act on. */
export function followRefusal(slug: string, mark: FollowMark): WarRoomError {
  const why =
    mark.state === 'following'
      ? `it is a read-only replica following ${mark.source}: changes are made on the host (its release manager can hand over the pen: warroom handover)`
      : `it is a replica whose following stopped (${mark.state}${mark.message ? `: ${mark.message}` : ''}); it stays read-only so that no second chain starts`;
  return new WarRoomError('refused', `Release ${slug} cannot be changed here: ${why}.`, [{ file: FOLLOW_FILE }]);
}
