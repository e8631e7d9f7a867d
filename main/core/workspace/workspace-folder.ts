import { stat } from 'node:fs/promises';
import { WarRoomError, ioError } from '../../../contract/domain/errors';
import { makeFolder } from '../support/make-folder';

/**
 * Create the workspace folder if it is missing; refuse a path that is a file.
 * Why: `--workspace /etc/passwd` must say "a file, not a folder", not mkdir's EEXIST.
 */
export async function makeWorkspaceFolder(dir: string): Promise<void> {
  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory())
    throw new WarRoomError('invalid-input', `${dir} is a file, not a workspace folder: give a folder with --workspace (it is created if missing).`, [
      { file: dir },
    ]);
  try {
    await makeFolder(dir);
  } catch (error) {
    throw ioError('create the workspace folder', dir, error);
  }
}
