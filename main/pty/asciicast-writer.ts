import { createHash } from 'node:crypto';
import { closeSync, fdatasyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { WarRoomError, ioError, isErrno } from '../../contract/domain/errors';

/** The first line of an asciicast v2 file. */
export interface AsciicastHeader {
  readonly version: 2;
  readonly width: number;
  readonly height: number;
  /** Unix time (seconds) of the start. */
  readonly timestamp?: number;
  readonly duration?: number;
  readonly idle_time_limit?: number;
  readonly command?: string;
  readonly title?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** A closed recording: enough for the journal's "session closed" event. */
export interface RecordingResult {
  readonly file: string;
  /** sha256 (hex) of the whole file as written. */
  readonly sha256: string;
  readonly bytes: number;
  /** Time of the last event, in seconds from the start. */
  readonly durationSeconds: number;
}

/** Tuning of the writer. */
export const AsciicastWriterTuning = {
  /** Buffered lines are written at least this often (a crash loses at most this much). */
  FlushIntervalMs: 1000,
  /** ...and as soon as this many bytes are buffered, so a flood never piles up in memory. */
  FlushBytes: 64 * 1024,
} as const;

/**
 * Create a recording's file (and its folder), refusing to overwrite one: the descriptor to
 * write it through. Errors name the file: an existing recording, a full or read-only disk.
 */
export function createRecordingFile(file: string): number {
  try {
    mkdirSync(dirname(file), { recursive: true });
    return openSync(file, 'wx');
  } catch (error) {
    if (isErrno(error, 'EEXIST')) {
      throw new WarRoomError('conflict', `The recording ${file} already exists; a recording is never overwritten.`, [{ file }]);
    }
    throw ioError('create the recording', file, error);
  }
}

/**
 * Create a recording's file for another thread to write (createRecordingFile's checks, at
 * once, on this thread); the descriptor is closed here, where it was opened: a descriptor
 * closed by another thread is one Node no longer tracks (it warns, and may reuse the number).
 */
export function reserveRecordingFile(file: string): void {
  closeSync(createRecordingFile(file));
}

/** Open a file reserveRecordingFile created, on the thread that will write and close it. */
export function openReservedRecording(file: string): number {
  try {
    return openSync(file, 'r+');
  } catch (error) {
    throw ioError('open the recording', file, error);
  }
}

/**
 * Write an asciicast v2 file as a session happens.
 *
 * Lines are buffered and written (then fdatasync'd) at least every second, so a crash
 * loses at most the last second of what reached the writer (plus what still waited in
 * the recording thread's queue: milliseconds of output, unless a slow disk let it grow
 * to SessionRecorderTuning.BacklogHighChars); the sha256 is computed over the bytes as they are
 * written, so closing needs no second read of a file that may be hundreds of MB.
 * Times are seconds since the start, never decreasing.
 */
export class AsciicastWriter {
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private buffer: string[] = [];
  private bufferedBytes = 0;
  private bytes = 0;
  private lastTime = 0;
  private dirty = false;
  private closed: RecordingResult | undefined;
  private readonly timer: NodeJS.Timeout;

  /** Create the file (refusing to overwrite one) and write the header. */
  constructor(
    readonly file: string,
    header: AsciicastHeader,
    private readonly startMs: number,
    private readonly onError: (error: unknown) => void = (error) => console.error(error),
    /** A descriptor from createRecordingFile (the recording thread gets the file created for it). */
    fd?: number,
  ) {
    this.fd = fd ?? createRecordingFile(file);
    this.append(JSON.stringify(header));
    this.flush(true);
    this.timer = setInterval(() => {
      try {
        this.flush(true);
      } catch (error) {
        this.onError(error);
      }
    }, AsciicastWriterTuning.FlushIntervalMs);
    this.timer.unref();
  }

  /** Output shown on the screen ("o"). */
  output(data: string, atMs: number): void {
    if (data.length > 0) this.event(atMs, 'o', data);
  }

  /** The terminal was resized ("r", "COLSxROWS"). */
  resize(cols: number, rows: number, atMs: number): void {
    this.event(atMs, 'r', `${cols}x${rows}`);
  }

  /** A marker ("m"): a journal event (checklist tick, playbook step) to jump to in replay. */
  marker(label: string, atMs: number): void {
    this.event(atMs, 'm', label);
  }

  /** Write what is buffered, fsync, close the file; returns its sha256. Idempotent. */
  close(): RecordingResult {
    if (this.closed !== undefined) return this.closed;
    clearInterval(this.timer);
    try {
      this.flush(true);
    } finally {
      closeSync(this.fd);
    }
    this.closed = { file: this.file, sha256: this.hash.digest('hex'), bytes: this.bytes, durationSeconds: this.lastTime };
    return this.closed;
  }

  get isClosed(): boolean {
    return this.closed !== undefined;
  }

  private event(atMs: number, code: 'o' | 'r' | 'm', data: string): void {
    if (this.closed !== undefined) return;
    const time = Math.max(this.lastTime, Math.round(atMs - this.startMs) / 1000);
    this.lastTime = time;
    this.append(JSON.stringify([time, code, data]));
    if (this.bufferedBytes >= AsciicastWriterTuning.FlushBytes) this.flush(false);
  }

  private append(line: string): void {
    this.buffer.push(line, '\n');
    this.bufferedBytes += line.length + 1; // chars: close enough to bytes for a flush threshold
  }

  private flush(sync: boolean): void {
    if (this.buffer.length > 0) {
      const data = Buffer.from(this.buffer.join(''), 'utf8');
      this.buffer = [];
      this.bufferedBytes = 0;
      try {
        let offset = 0;
        while (offset < data.length) offset += writeSync(this.fd, data, offset);
      } catch (error) {
        throw ioError('write the recording', this.file, error);
      }
      this.hash.update(data);
      this.bytes += data.length;
      this.dirty = true;
    }
    if (sync && this.dirty) {
      fdatasyncSync(this.fd);
      this.dirty = false;
    }
  }
}
