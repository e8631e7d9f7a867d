import { chmod, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { WarRoomError, ioError, isErrno } from '../../../contract/domain/errors';

/** Write a file and fsync it before anything else is allowed to depend on it. */
export async function writeDurably(path: string, bytes: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'w', 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Atomically replace a file: write a sibling temp file, fsync it, rename over. A failure
 * leaves the old file as it was and no temp file behind.
 */
export async function replaceDurably(path: string, bytes: Uint8Array | string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  try {
    await writeDurably(temp, bytes);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Move an unreadable file aside to `<path>.corrupt-<time>`, never overwriting it, and
 * return where it went, so the caller can name both files in its warning.
 */
export async function moveAside(path: string): Promise<string> {
  const movedTo = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(path, movedTo);
  } catch (error) {
    throw ioError('move aside the unreadable', path, error);
  }
  return movedTo;
}

/**
 * Replace a private file (0600 whatever the umask: names, roles, secrets' hashes) so that
 * a crash leaves the old or the new one: a temp file fsync'd, renamed over, then the
 * folder fsync'd so the rename itself survives.
 */
export async function replacePrivately(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, 0o600);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/**
 * A JSON document of ours read through its schema: undefined when there is none yet; a
 * one-line error naming the file (and the field) when it cannot be read, is not JSON or
 * does not fit, ending with what that means for the user (`consequence`).
 */
export async function readJsonDocument<Schema extends z.ZodType>(
  file: string,
  schema: Schema,
  what: string,
  consequence: string,
): Promise<z.output<Schema> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw ioError(`read ${what}`, file, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new WarRoomError('corrupt', `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}); ${consequence}`, [{ file }]);
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success) {
    const field = checked.error.issues[0]?.path.join('.') ?? '';
    throw new WarRoomError('corrupt', `${file}: '${field}' ${checked.error.issues[0]?.message ?? 'does not fit'}; ${consequence}`, [{ file, field }]);
  }
  return checked.data;
}
