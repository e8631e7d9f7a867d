import { open, rename, rm } from 'node:fs/promises';
import { ioError } from '../../../contract/domain/errors';

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
