import { readSync } from 'node:fs';
import type { JournalEvent } from '../../../contract/domain/journal/journal-event';
import { WarRoomError, ioError } from '../../../contract/domain/errors';

const LINES_TUNING = {
  initialCapacity: 1024,
} as const;

/**
 * Where each event's line is in journal.jsonl, by seq, and reading events back from there.
 *
 * A release keeps this instead of every event object: a million events cost 8 MB of
 * offsets rather than hundreds of megabytes of heap, and a page of the timeline reads
 * just its own lines from the file (the OS caches what is read often).
 */
export class JournalLines {
  private starts = new Float64Array(LINES_TUNING.initialCapacity);
  private count = 0;
  private end = 0;
  private fd: number | null = null;

  constructor(private readonly path: string) {}

  /** Record the next line: it starts at `start` and its newline is at `newline`. */
  push(start: number, newline: number): void {
    if (this.count === this.starts.length) {
      const bigger = new Float64Array(this.starts.length * 2);
      bigger.set(this.starts);
      this.starts = bigger;
    }
    this.starts[this.count] = start;
    this.count += 1;
    this.end = newline + 1;
  }

  /** Events in the file. */
  get length(): number {
    return this.count;
  }

  /** Where the line of `seq` is: its first byte, and its newline. */
  bounds(seq: number): { start: number; end: number } {
    if (seq < 1 || seq > this.count) throw new RangeError(`no line for seq ${seq} (the journal has ${this.count})`);
    return { start: this.starts[seq - 1]!, end: (seq < this.count ? this.starts[seq]! : this.end) - 1 };
  }

  /** Events `fromSeq` to `toSeq` (inclusive), read from the file in one read. */
  read(fromSeq: number, toSeq: number): JournalEvent[] {
    const from = Math.max(1, fromSeq);
    const to = Math.min(this.count, toSeq);
    if (to < from) return [];
    const start = this.starts[from - 1]!;
    const stop = to < this.count ? this.starts[to]! : this.end;
    const bytes = this.readBytes(start, stop - start);
    const events: JournalEvent[] = [];
    let offset = 0;
    for (let seq = from; seq <= to; seq += 1) {
      const newline = bytes.indexOf(0x0a, offset);
      events.push(parseLine(bytes.toString('utf8', offset, newline), this.path, seq));
      offset = newline + 1;
    }
    return events;
  }

  /**
   * The exact bytes of the lines `fromSeq` to `toSeq` (inclusive, newlines included), as on
   * disk: what a follower appends to its replica, so that it is byte-identical.
   */
  readRaw(fromSeq: number, toSeq: number): Buffer {
    const from = Math.max(1, fromSeq);
    const to = Math.min(this.count, toSeq);
    if (to < from) return Buffer.alloc(0);
    const start = this.starts[from - 1]!;
    const stop = to < this.count ? this.starts[to]! : this.end;
    return this.readBytes(start, stop - start);
  }

  /** The seq of the last line that starts within `maxBytes` of the line after `afterSeq` (at least one line). */
  lastSeqWithin(afterSeq: number, maxBytes: number): number {
    if (afterSeq >= this.count) return this.count;
    const start = this.starts[afterSeq]!;
    let low = afterSeq + 1;
    let high = this.count;
    // The last seq whose line ends (the next line starts) within the budget: a binary search on the offsets.
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      const stop = middle < this.count ? this.starts[middle]! : this.end;
      if (stop - start <= maxBytes) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The hash field of the event `seq` (the 64 hex digits before its closing `"}`). */
  hashAt(seq: number): string {
    const { end } = this.bounds(seq);
    return this.readBytes(end - 66, 64).toString('latin1');
  }

  /** One event by seq. */
  at(seq: number): JournalEvent {
    const [event] = this.read(seq, seq);
    if (!event) throw new WarRoomError('not-found', `Journal ${this.path} has no event ${seq}.`, [{ file: this.path }]);
    return event;
  }

  /**
   * Read through this descriptor of the journal (the journal's own, which outlives a
   * rename or a delete of the file); null once the journal is closed.
   */
  useDescriptor(fd: number | null): void {
    this.fd = fd;
  }

  private readBytes(position: number, length: number): Buffer {
    const fd = this.fd;
    if (fd === null) throw new WarRoomError('conflict', `Journal ${this.path} is closed.`, [{ file: this.path }]);
    try {
      const buffer = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const read = readSync(fd, buffer, done, length - done, position + done);
        if (read === 0) throw new Error(`the file ended at byte ${position + done}, before the event's end`);
        done += read;
      }
      return buffer;
    } catch (error) {
      throw ioError('read the journal', this.path, error);
    }
  }
}

/** Parse one verified line; a line that verifies but is not JSON is a corrupt journal. */
export function parseLine(text: string, path: string, seq: number): JournalEvent {
  try {
    return JSON.parse(text) as JournalEvent;
  } catch {
    throw new WarRoomError('corrupt', `Journal ${path} seq ${seq} verifies but is not valid JSON.`, [{ file: path }]);
  }
}
