import { open, readFile, type FileHandle } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname } from 'node:path';
import { encodeData, encodeEvent, type JournalEvent } from './journal-format';
import { verifyJournalBytes, type JournalVerification } from './verify-journal';
import { WarRoomError, ioError, isErrno } from '../../../contract/domain/errors';
import { writeDurably } from '../support/durable-files';
import { JournalLines, parseLine } from './journal-lines';
import { readRegularFile } from '../support/regular-file';

/** What a caller asks to append; seq, prev and hash are assigned when it is written. */
export interface JournalEntry {
  readonly actor: string;
  readonly type: string;
  readonly data: unknown;
  /** ISO UTC; defaults to the moment `append` is called. */
  readonly ts?: string;
}

interface Pending {
  readonly entry: JournalEntry & { readonly ts: string; readonly dataJson: string };
  readonly resolve: (event: JournalEvent) => void;
  readonly reject: (error: unknown) => void;
}

export interface OpenedJournal {
  readonly journal: Journal;
  /** Every event already in the file, verified, in order. */
  readonly events: readonly JournalEvent[];
  /** Set when a torn last line was found and moved aside to this file. */
  readonly tornTailFile?: string;
}

/** A journal opened without parsing its events: the verified bytes and where each line is. */
export interface IndexedJournal {
  readonly journal: Journal;
  /** The verified bytes of the file as opened (drop them once read). */
  readonly bytes: Buffer;
  readonly tornTailFile?: string;
}

type Listener = (events: readonly JournalEvent[]) => void;

/**
 * The append-only, hash-chained, durable event log of one release.
 *
 * `append` resolves only after the event's line is written and fsync'd: that is the
 * moment it may be shown as done. Appends that arrive while a write is in flight are
 * committed together by the next write (group commit): one write and one fsync for
 * the whole batch, in arrival order. If a write fails (a full disk), the file is cut
 * back to its last durable length, the batch and everything queued behind it are
 * rejected, and the journal stays usable once space is back.
 */
export class Journal {
  private readonly path: string;
  private readonly handle: FileHandle;
  private head: { seq: number; hash: string };
  private size: number;
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  private readonly listeners = new Set<Listener>();

  private constructor(
    path: string,
    handle: FileHandle,
    head: { seq: number; hash: string },
    size: number,
    /** Where each durable line is: read back by seq (the timeline, a risk's history). */
    readonly lines: JournalLines,
  ) {
    this.path = path;
    this.handle = handle;
    lines.useDescriptor(handle.fd);
    this.head = head;
    this.size = size;
  }

  /**
   * Open (or create) the journal at `path`, verify it, and repair a torn tail.
   *
   * A torn last line (a crash mid-write) is copied to `<path>.broken-<time>` and cut
   * off, and the rest must verify. Any other break throws a `corrupt` WarRoomError
   * naming the file, the line and the first bad seq, and nothing is written.
   */
  static async open(path: string): Promise<OpenedJournal> {
    const opened = await Journal.openIndexed(path);
    const events = parseEvents(opened.bytes, path);
    return opened.tornTailFile ? { journal: opened.journal, events, tornTailFile: opened.tornTailFile } : { journal: opened.journal, events };
  }

  /**
   * Open, verify and repair like `open`, without parsing the events: the caller gets the
   * verified bytes and the line offsets (a release reads what it needs from them).
   */
  static async openIndexed(path: string): Promise<IndexedJournal> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw ioError('read the journal', path, error);
      bytes = Buffer.alloc(0);
    }
    const lines = new JournalLines(path);
    const verification = verifyJournalBytes(bytes, (start, newline) => lines.push(start, newline));
    if (!verification.ok && verification.break) {
      const { seq, line, reason } = verification.break;
      throw new WarRoomError(
        'corrupt',
        `Journal ${path} does not verify at seq ${seq} (line ${line}): ${reason}. Nothing was changed. \`warroom repair ${dirname(path)}\` keeps the events before seq ${seq} and moves the rest aside into a .cut file (nothing is deleted); quit War Room first.`,
        [{ file: path, line }],
      );
    }
    let tornTailFile: string | undefined;
    if (verification.tornTail) {
      tornTailFile = `${path}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      const torn = bytes.subarray(verification.tornTail.offset);
      try {
        await writeDurably(tornTailFile, torn);
      } catch (error) {
        throw ioError('keep aside the torn end of the journal in', tornTailFile, error);
      }
    }
    let handle: FileHandle;
    try {
      handle = await open(path, constants.O_RDWR | constants.O_CREAT | constants.O_APPEND, 0o644);
      if (verification.tornTail) {
        await handle.truncate(verification.goodBytes);
        await handle.sync();
      }
    } catch (error) {
      throw ioError('open the journal', path, error);
    }
    const journal = new Journal(path, handle, { ...verification.head }, verification.goodBytes, lines);
    const good = bytes.subarray(0, verification.goodBytes);
    return tornTailFile ? { journal, bytes: good, tornTailFile } : { journal, bytes: good };
  }

  /** Head of the durable chain: the last acknowledged event. */
  get headEvent(): { readonly seq: number; readonly hash: string } {
    return this.head;
  }

  get file(): string {
    return this.path;
  }

  /** Append one event; resolves with the written event once it is on disk (fsync'd). */
  append(entry: JournalEntry): Promise<JournalEvent> {
    const queued = this.enqueue([entry]);
    return Array.isArray(queued) ? queued[0]! : queued;
  }

  /**
   * Append several events as one unit: all are encoded first (data that would not read
   * back the same refuses the whole unit, nothing queued), then all are queued together,
   * so they land in the same write and are acknowledged together.
   */
  appendAll(entries: readonly JournalEntry[]): Promise<JournalEvent[]> {
    const queued = this.enqueue(entries);
    return Array.isArray(queued) ? Promise.all(queued) : queued.then(() => []);
  }

  /** Encode and queue; a promise per entry, or one rejected promise when nothing was queued. */
  private enqueue(entries: readonly JournalEntry[]): Promise<JournalEvent>[] | Promise<never> {
    if (this.closed) return Promise.reject(new WarRoomError('conflict', `Journal ${this.path} is closed.`));
    const now = new Date().toISOString();
    const encoded: Pending['entry'][] = [];
    for (const entry of entries) {
      try {
        encoded.push({ actor: entry.actor, type: entry.type, data: entry.data, ts: entry.ts ?? now, dataJson: encodeData(entry.data) });
      } catch (error) {
        // Data that cannot be written faithfully (a Date, NaN, a cycle) is a programming error.
        return Promise.reject(
          new WarRoomError(
            'internal',
            `An event of type ${entry.type} could not be encoded for ${this.path}: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      }
    }
    const promises = encoded.map((entry) => new Promise<JournalEvent>((resolve, reject) => this.queue.push({ entry, resolve, reject })));
    if (!this.flushing) this.flushing = this.flushLoop();
    return promises;
  }

  /**
   * Append lines written by another War Room (a follower's replica of a host): they must
   * continue this journal's chain exactly (seq, prev and hash of every line), else nothing
   * is written and a `corrupt` error names the first seq that does not chain. The bytes
   * are written as they are (the replica stays byte-identical) and fsync'd before this
   * resolves; listeners hear of the events only when `parse` is true (a catch-up that
   * nobody watches skips parsing).
   */
  async appendVerified(bytes: Buffer, options: { readonly parse: boolean } = { parse: true }): Promise<JournalEvent[]> {
    while (this.flushing) await this.flushing;
    return this.appendVerifiedLines(verifyLines(bytes, this.head, this.path), options);
  }

  /**
   * Append lines already verified by `verifyLines` against this journal's head (a follower
   * verifies the next page while the previous one is written). Refused when the head moved.
   */
  async appendVerifiedLines(piece: VerifiedLines, options: { readonly parse: boolean; readonly sync?: boolean } = { parse: true }): Promise<JournalEvent[]> {
    if (this.closed) throw new WarRoomError('conflict', `Journal ${this.path} is closed.`);
    while (this.flushing) await this.flushing;
    if (piece.after.seq !== this.head.seq || piece.after.hash !== this.head.hash)
      throw new WarRoomError('conflict', `Lines verified after seq ${piece.after.seq} no longer continue ${this.path} (its head is seq ${this.head.seq}).`, [
        { file: this.path },
      ]);
    const { bytes, starts, ends } = piece;
    if (bytes.length === 0) return [];
    try {
      await writeAll(this.handle, bytes);
      // A follower catching up syncs once at the end of a run of pages (`sync()`), not per page.
      if (options.sync !== false) await this.handle.sync();
    } catch (error) {
      await this.handle.truncate(this.size).catch(() => undefined);
      throw ioError('append to the journal', this.path, error);
    }
    for (let index = 0; index < starts.length; index += 1) this.lines.push(this.size + starts[index]!, this.size + ends[index]!);
    this.size += bytes.length;
    this.head = { ...piece.head };
    if (!options.parse) return [];
    const events = starts.map((start, index) => parseLine(bytes.toString('utf8', start, ends[index]), this.path, piece.after.seq + index + 1));
    for (const listener of this.listeners) listener(events);
    return events;
  }

  /** Make everything written so far durable (after lines appended with `sync: false`). */
  async sync(): Promise<void> {
    try {
      await this.handle.sync();
    } catch (error) {
      throw ioError('sync the journal', this.path, error);
    }
  }

  /** Called with each batch of events once it is durable. Returns an unsubscribe function. */
  onAppended(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Wait for queued appends, then close the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    this.lines.useDescriptor(null);
    await this.handle.close();
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        await this.writeBatch(batch);
      }
    } finally {
      this.flushing = null;
    }
  }

  /** True when the open file has no name left (its release folder was deleted): one fstat per batch. */
  private async wasDeleted(): Promise<boolean> {
    try {
      return (await this.handle.stat()).nlink === 0;
    } catch {
      return false;
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    const events: JournalEvent[] = [];
    const lines: string[] = [];
    let { seq, hash } = this.head;
    for (const { entry } of batch) {
      const encoded = encodeEvent(seq + 1, entry.ts, entry.actor, entry.type, entry.data, entry.dataJson, hash);
      events.push(encoded.event);
      lines.push(encoded.line);
      seq = encoded.event.seq;
      hash = encoded.event.hash;
    }
    const bytes = Buffer.from(lines.join(''), 'utf8');
    if (await this.wasDeleted()) {
      // Writing on would "acknowledge" events into a file nobody can ever read again.
      const failure = new WarRoomError(
        'io',
        `Could not append to the journal ${this.path}: the file was deleted while War Room had it open (was the release folder removed?). Nothing more is written to it; restore the folder from a backup, then reopen the release.`,
        [{ file: this.path }],
      );
      const rejected = [...batch, ...this.queue];
      this.queue = [];
      for (const pending of rejected) pending.reject(failure);
      return;
    }
    try {
      await writeAll(this.handle, bytes);
      await this.handle.sync();
    } catch (error) {
      await this.handle.truncate(this.size).catch(() => undefined);
      const failure = ioError('append to the journal', this.path, error);
      const rejected = [...batch, ...this.queue];
      this.queue = [];
      for (const pending of rejected) pending.reject(failure);
      return;
    }
    let at = this.size;
    for (const line of lines) {
      const length = Buffer.byteLength(line, 'utf8');
      this.lines.push(at, at + length - 1);
      at += length;
    }
    this.size += bytes.length;
    this.head = { seq, hash };
    batch.forEach((pending, index) => pending.resolve(events[index]!));
    for (const listener of this.listeners) listener(events);
  }
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
    written += bytesWritten;
  }
}

function parseEvents(bytes: Buffer, path: string): JournalEvent[] {
  const events: JournalEvent[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const newline = bytes.indexOf(0x0a, offset);
    const end = newline === -1 ? bytes.length : newline;
    events.push(parseLine(bytes.toString('utf8', offset, end), path, events.length + 1));
    offset = end + 1;
  }
  return events;
}

/** Lines received from another War Room, verified to continue a head: what `appendVerifiedLines` writes. */
export interface VerifiedLines {
  readonly bytes: Buffer;
  readonly after: { readonly seq: number; readonly hash: string };
  readonly head: { readonly seq: number; readonly hash: string };
  /** Offsets in `bytes` of each line's start and newline. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/** Verify that `bytes` are whole lines continuing the chain after `after`; a `corrupt` error names the first seq that does not. */
export function verifyLines(bytes: Buffer, after: { readonly seq: number; readonly hash: string }, path: string): VerifiedLines {
  const starts: number[] = [];
  const ends: number[] = [];
  const verification = verifyJournalBytes(bytes, (start, newline) => (starts.push(start), ends.push(newline)), after);
  if (!verification.ok || verification.tornTail) {
    const seq = verification.break?.seq ?? verification.head.seq + 1;
    const reason = verification.break?.reason ?? 'the last line is cut short';
    throw new WarRoomError('corrupt', `Lines received for ${path} do not chain at seq ${seq}: ${reason}. Nothing of them was written.`, [{ file: path }]);
  }
  return { bytes, after: { seq: after.seq, hash: after.hash }, head: { ...verification.head }, starts, ends };
}

/** Verify a journal file without opening it for writing (used by `warroom verify`). */
export async function verifyJournalFile(path: string): Promise<JournalVerification & { readonly bytes: Buffer }> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, 'a journal');
  } catch (error) {
    // A pipe or a /proc file is refused as it is; a read that failed is said as a journal read.
    if (error instanceof WarRoomError && error.code === 'io') throw ioError('read the journal', path, error.cause);
    throw error;
  }
  return { ...verifyJournalBytes(bytes), bytes };
}
