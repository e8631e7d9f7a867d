import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno } from '../../../contract/domain/errors';
import { uniqueSlug } from '../../../contract/domain/workspace/slug';

/** Staging folders of imports in progress: `releases/.import-<pid>-<random>`. Hidden, so no listing shows them. */
const STAGING_PREFIX = '.import-';

/** A fresh staging folder name for this process. */
export function stagingName(): string {
  return `${STAGING_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`;
}

/**
 * Remove what killed imports left behind: staging folders whose process is gone.
 *
 * Called when a workspace is opened. A folder of a process that still runs (another
 * War Room importing into the same workspace right now) is left alone; one without a
 * pid in its name comes from an older version and is always stale.
 */
export async function cleanStaleImports(releasesDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(releasesDir);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(/^\.import-(\d+)-[0-9a-f]+$/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) continue;
    if (pid === process.pid) continue;
    await rm(join(releasesDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
}

/**
 * Move a verified release folder into `releases/` under the first free slug from `base`.
 *
 * The slug is claimed atomically: `mkdir` of the candidate fails when another import (or
 * a release being created) took it first, and then the next candidate is tried. The
 * claimed folder is empty and ours, so the rename over it is safe; two imports of one
 * bundle at once both succeed, under distinct slugs.
 */
export async function moveIntoFreeSlug(folder: string, releasesDir: string, base: string): Promise<string> {
  const taken = new Set((await readdir(releasesDir)).filter((entry) => !entry.startsWith('.')));
  for (let attempt = 0; attempt < 1_000; attempt += 1) {
    const slug = uniqueSlug(base, taken);
    const target = join(releasesDir, slug);
    try {
      await mkdir(target);
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
      taken.add(slug);
      continue;
    }
    try {
      await rename(folder, target);
    } catch (error) {
      // Windows does not rename a folder over an empty one: free the claim and take it by rename itself.
      if (!isErrno(error, 'EPERM') && !isErrno(error, 'EEXIST') && !isErrno(error, 'ENOTEMPTY')) throw error;
      await rmdir(target).catch(() => {});
      try {
        await rename(folder, target);
      } catch (retry) {
        if (!isErrno(retry, 'EPERM') && !isErrno(retry, 'EEXIST') && !isErrno(retry, 'ENOTEMPTY')) throw retry;
        taken.add(slug);
        continue;
      }
    }
    return slug;
  }
  throw new Error(`no free release name after "${base}"`);
}
