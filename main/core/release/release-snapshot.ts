import { readFile } from 'node:fs/promises';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { ioError, isErrno } from '../../../contract/domain/errors';
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
  /** The projection's version when the state was written (PROJECTION_VERSION); older states are replayed. */
  readonly projection?: number;
  readonly state: ReleaseState;
}

const anchorSchema = z.object({
  format: z.literal(1),
  journal: z.object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
});

export type SnapshotRead =
  | { readonly kind: 'missing' }
  | {
      readonly kind: 'ok';
      readonly anchor: { seq: number; hash: string };
      /** The projected state at the anchor, when it was written by this projection version. */
      readonly state?: ReleaseState;
    }
  | { readonly kind: 'moved-aside'; readonly movedTo: string; readonly reason: string };

/**
 * Read release.json's anchor. A file that cannot be parsed or is not a snapshot is
 * moved aside (never overwritten) to `release.json.corrupt-<time>`, and the caller is
 * told where, so it can say so and rebuild the document from the journal.
 */
export async function readSnapshotAnchor(path: string, projection?: number): Promise<SnapshotRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { kind: 'missing' };
    throw ioError('read', path, error);
  }
  let reason: string;
  try {
    const document: unknown = JSON.parse(text);
    const parsed = anchorSchema.safeParse(document);
    if (parsed.success) {
      const state = projection === undefined ? undefined : usableState(document, projection, parsed.data.journal.seq);
      return state ? { kind: 'ok', anchor: parsed.data.journal, state } : { kind: 'ok', anchor: parsed.data.journal };
    }
    reason = `it is not a War Room release document (${parsed.error.issues[0]?.path.join('.') || 'root'}: ${parsed.error.issues[0]?.message})`;
  } catch (error) {
    reason = `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  return { kind: 'moved-aside', movedTo: await moveAside(path), reason };
}

/** The snapshot's state when it was written by this projection version at the anchored seq; else undefined (replay). */
function usableState(document: unknown, projection: number, seq: number): ReleaseState | undefined {
  if (typeof document !== 'object' || document === null) return undefined;
  const { projection: written, state } = document as { projection?: unknown; state?: unknown };
  if (written !== projection || typeof state !== 'object' || state === null) return undefined;
  return (state as { seq?: unknown }).seq === seq ? (state as ReleaseState) : undefined;
}

/** Writes snapshots through lowdb, debounced: the journal already made each change durable. */
export class SnapshotWriter {
  private readonly db: Low<ReleaseSnapshot | null>;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private latest: ReleaseSnapshot | null = null;
  private lastError: unknown = null;
  private stopped = false;

  constructor(
    readonly path: string,
    private readonly delayMs: number,
  ) {
    this.db = new Low<ReleaseSnapshot | null>(new JSONFile<ReleaseSnapshot | null>(path), null);
  }

  /** Schedule a write of this snapshot (the newest one wins). */
  schedule(snapshot: ReleaseSnapshot): void {
    if (this.stopped) return;
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

  /**
   * Drop what is scheduled and write nothing more (the snapshot proved wrong, or the
   * release's files belong to another process now); settles once a write under way is done.
   */
  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.latest = null;
    return this.writing;
  }

  /** The last write failure, if the most recent write failed. */
  get error(): unknown {
    return this.lastError;
  }
}
