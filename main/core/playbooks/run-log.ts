/**
 * The per-run log file: raw output of every step, ANSI intact, appended as it arrives.
 *
 * Why raw bytes and a byte range per attempt: the journal stays small (it references
 * the log with offsets and the file's sha256), while the report and the post-mortem can
 * replay exactly what the terminal showed. The sha256 is computed from the file itself,
 * so a log appended to by a resumed run (after a crash) still hashes what is on disk.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fdatasync, fstatSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ioError } from '../../../contract/domain/errors';
import type { LogRange } from '../../../contract/domain/playbooks/run-events';

export type { LogRange };

/** Append-only log of one run. */
export class RunLog {
  readonly file: string;
  private descriptor: number | undefined;
  private size: number;
  private syncing: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.file = file;
    try {
      mkdirSync(dirname(file), { recursive: true });
      this.descriptor = openSync(file, 'a');
      this.size = fstatSync(this.descriptor).size;
    } catch (error) {
      throw ioError('open the run log', file, error);
    }
  }

  /** Bytes written so far: where the next chunk starts. */
  get offset(): number {
    return this.size;
  }

  /** Append a chunk (Buffer or text) and return where it went. */
  append(chunk: Uint8Array | string): LogRange {
    if (this.descriptor === undefined) throw new Error(`run log ${this.file} is closed`);
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const offset = this.size;
    try {
      writeSync(this.descriptor, bytes);
    } catch (error) {
      throw ioError('write the run log', this.file, error);
    }
    this.size += bytes.byteLength;
    return { offset, length: bytes.byteLength };
  }

  /** Make what was written durable (called before a step's end is journaled). */
  sync(): void {
    if (this.descriptor !== undefined) fsyncSync(this.descriptor);
  }

  /**
   * Make what was written durable without blocking: the data sync runs in the thread
   * pool, beside the journal's own fsync (the runner awaits both before it moves on).
   * Written bytes are already in the kernel when this is called, so only a power loss,
   * not a crash of the app, could lose them meanwhile.
   */
  syncAsync(): Promise<void> {
    const descriptor = this.descriptor;
    if (descriptor === undefined) return this.syncing;
    const file = this.file;
    this.syncing = this.syncing.then(
      () =>
        new Promise<void>((resolve, reject) => {
          fdatasync(descriptor, (error) => (error ? reject(ioError('sync the run log', file, error)) : resolve()));
        }),
    );
    return this.syncing;
  }

  /** Flush, close and return the sha256 of the whole file. */
  async close(): Promise<string> {
    await this.syncing.catch(() => undefined);
    if (this.descriptor !== undefined) {
      fsyncSync(this.descriptor);
      closeSync(this.descriptor);
      this.descriptor = undefined;
    }
    return sha256OfFile(this.file);
  }
}

/** sha256 (hex) of a file, streamed. */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
