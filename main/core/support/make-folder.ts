import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isErrno } from '../../../contract/domain/errors';

/**
 * `mkdir -p` that reports the real reason it failed.
 *
 * Why: Node's recursive mkdir reports ENOENT when a missing folder cannot be created on a
 * read-only file system (EROFS) or without permission (EACCES), so a read-only workspace
 * would read "the folder no longer exists". On ENOENT this creates the first missing
 * folder on its own, which fails with the true code.
 */
export async function makeFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
    let missing = path;
    while (dirname(missing) !== missing && !(await exists(dirname(missing)))) missing = dirname(missing);
    await mkdir(missing); // throws EROFS / EACCES: the real reason
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
