import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { JournalEvent } from '../../../contract/domain/journal/journal-event';
import { verifyJournalBytes } from '../journal/verify-journal';
import { releasePaths } from '../release/release';
import { replayRelease, type ReleaseState } from '../release/release-state';
import { WarRoomError, ioError, isErrno } from '../../../contract/domain/errors';

/** A release folder read without opening it for writing: for the CLI, reports and bundles. */
export interface ReleaseOnDisk {
  readonly dir: string;
  readonly events: readonly JournalEvent[];
  readonly state: ReleaseState;
  readonly verification: { readonly ok: boolean; readonly count: number; readonly headSeq: number; readonly headHash: string; readonly problem: string | null };
  /** Recordings and run logs, relative paths (recordings/x.cast, runs/y.log). */
  readonly files: readonly string[];
}

/** Read and verify a release folder's journal and list its recordings and run logs. */
export async function readReleaseFolder(dir: string): Promise<ReleaseOnDisk> {
  const paths = releasePaths(dir);
  let bytes: Buffer;
  try {
    bytes = await readFile(paths.journal);
  } catch (error) {
    if (isErrno(error, 'ENOENT'))
      throw new WarRoomError('not-found', `${dir} is not a release folder: ${paths.journal} is missing.`, [{ file: paths.journal }]);
    throw ioError('read the journal', paths.journal, error);
  }
  const verification = verifyJournalBytes(bytes);
  const text = bytes.subarray(0, verification.goodBytes).toString('utf8');
  const events: JournalEvent[] = [];
  for (const line of text.split('\n')) if (line) events.push(JSON.parse(line) as JournalEvent);
  const problem = verification.break ? `breaks at seq ${verification.break.seq} (line ${verification.break.line}): ${verification.break.reason}` : null;
  const files = await listReleaseFiles(dir);
  return {
    dir,
    events,
    state: replayRelease(events),
    verification: { ok: verification.ok, count: verification.count, headSeq: verification.head.seq, headHash: verification.head.hash, problem },
    files,
  };
}

/** The recordings and run logs of a release folder, as paths relative to it (recordings/x.cast, runs/y.log). */
export async function listReleaseFiles(dir: string): Promise<string[]> {
  const paths = releasePaths(dir);
  return [...(await listFiles(paths.recordings)), ...(await listFiles(paths.runs))].map((file) => relative(dir, file));
}

/** Every regular file under a folder (recursively), sorted; none when it does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw ioError('list', dir, error);
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** sha256 (hex) of a file, streamed. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', (error) => reject(ioError('read', path, error)))
      .on('end', () => resolve(hash.digest('hex')));
  });
}
