import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import { replaceDurably } from '../support/durable-files';
import { isErrno } from '../../../contract/domain/errors';

/**
 * A lowdb adapter that makes every write durable: temp file, fsync, rename over, fsync
 * of the folder.
 *
 * Why not lowdb's JSONFile: it writes atomically but never fsyncs, which is fine for
 * release.json (a snapshot of a journal) but not for a document that is itself the
 * source of truth, like the workspace calendar: a blackout shown as saved must survive
 * a power cut. Writes are serialised, so two quick changes never race on the temp file.
 */
export class DurableJSONFile<Data> implements Adapter<Data> {
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  async read(): Promise<Data | null> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as Data;
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null;
      throw error;
    }
  }

  write(data: Data): Promise<void> {
    const text = `${JSON.stringify(data, null, 2)}\n`;
    const next = this.writing.then(async () => {
      await replaceDurably(this.path, text);
      await syncFolder(dirname(this.path));
    });
    // A failed write is reported to its caller; the next write starts clean.
    this.writing = next.catch(() => undefined);
    return next;
  }
}

/** fsync a folder so a rename in it survives a crash (a no-op where folders cannot be opened, e.g. Windows). */
async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the file itself is already synced.
  } finally {
    await handle.close();
  }
}
