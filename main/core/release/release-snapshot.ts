import { readFile } from 'node:fs/promises';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { ioError, isErrno } from '../support/errors';
import { moveAside } from '../support/durable-files';
import type { ReleaseState } from './release-state';

/**
 * release.json: the readable document of a release, kept with lowdb.
 *
 * It is a snapshot of the state projected from the journal plus the journal head it
 * reflects. lowdb writes it atomically (temp file + rename) but does not fsync: that is
 * fine, because it is never the source of truth. It serves readers and tools, and its
 * head anchors the journal: a journal shorter than the snapshot says was truncated.
 */
export interface ReleaseSnapshot {
  readonly format: 1;
  readonly journal: { readonly seq: number; readonly hash: string };
  readonly state: ReleaseState;
}

const anchorSchema = z.object({
  format: z.literal(1),
  journal: z.object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
});

export type SnapshotRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly anchor: { seq: number; hash: string } }
  | { readonly kind: 'moved-aside'; readonly movedTo: string; readonly reason: string };

/**
 * Read release.json's anchor. A file that cannot be parsed or is not a snapshot is
 * moved aside (never overwritten) to `release.json.corrupt-<time>`, and the caller is
 * told where, so it can say so and rebuild the document from the journal.
 */
export async function readSnapshotAnchor(path: string): Promise<SnapshotRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { kind: 'missing' };
    throw ioError('read', path, error);
  }
  let reason: string;
  try {
    const parsed = anchorSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { kind: 'ok', anchor: parsed.data.journal };
    reason = `it is not a War Room release document (${parsed.error.issues[0]?.path.join('.') || 'root'}: ${parsed.error.issues[0]?.message})`;
  } catch (error) {
    reason = `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  return { kind: 'moved-aside', movedTo: await moveAside(path), reason };
}

/** Writes snapshots through lowdb, debounced: the journal already made each change durable. */
export class SnapshotWriter {
  private readonly db: Low<ReleaseSnapshot | null>;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private latest: ReleaseSnapshot | null = null;
  private lastError: unknown = null;
  private discarded = false;

  constructor(
    readonly path: string,
    private readonly delayMs: number,
  ) {
    this.db = new Low<ReleaseSnapshot | null>(new JSONFile<ReleaseSnapshot | null>(path), null);
  }

  /** Schedule a write of this snapshot (the newest one wins). */
  schedule(snapshot: ReleaseSnapshot): void {
    if (this.discarded) return;
    this.latest = snapshot;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
    this.timer.unref?.();
  }

  /** Write the newest snapshot now. A failure is kept for `error` and does not lose data: the journal has it. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const snapshot = this.latest;
    if (!snapshot) return this.writing;
    this.latest = null;
    this.writing = this.writing.then(async () => {
      this.db.data = snapshot;
      try {
        await this.db.write();
        this.lastError = null;
      } catch (error) {
        this.lastError = ioError('write', this.path, error);
      }
    });
    return this.writing;
  }

  /** Drop the pending snapshot and write no more (the release's files belong to another process now). */
  discard(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.latest = null;
    this.discarded = true;
  }

  /** The last write failure, if the most recent write failed. */
  get error(): unknown {
    return this.lastError;
  }
}
