import type { WarRoomError } from '../../contract/domain/errors';
import { reserveRecordingFile } from './asciicast-writer';
import type { Disposable, Event } from './emitter';
import { Emitter } from './emitter';
import type { RecorderNotice } from './recording-protocol';
import { deserializeError } from './recording-protocol';
import type { RecordingOptions, SessionRecordingResult } from './recording-sink';
import type { RecordingThread } from './recording-thread';
import { recordingThread } from './recording-thread';

export type { RecordingOptions, SessionRecordingResult } from './recording-sink';

/** Tuning of a session's recording. */
export const SessionRecorderTuning = {
  /**
   * Output posted to the recording thread but not yet written, above which the session
   * pauses its pty until the thread has caught up (a slow disk under a flood): memory
   * stays bounded, and nothing is dropped from the record.
   */
  BacklogHighChars: 4 * 1024 * 1024,
  /** The thread reports its progress after every this many chars (one small message each way). */
  ProgressEveryChars: 1024 * 1024,
} as const;

/**
 * The recording of one terminal session, done on the recording thread.
 *
 * Same calls as a RecordingSink (output, resize, marker, close), posted in order. The
 * file is created here (an existing one fails the session's start at once); closing
 * waits for the thread, so a closed recording has its sha256 at once. When the thread
 * falls more than BacklogHighChars behind, `isBehind` holds until it has caught up.
 */
export class SessionRecorder implements Disposable {
  private readonly thread: RecordingThread;
  private readonly id: number;
  private readonly caughtUpEmitter = new Emitter<void>();
  /** Chars posted so far, and how many of them the thread has confirmed written. */
  private posted = 0;
  private written = 0;
  private askedAt = 0;
  private behind = false;
  private lost: WarRoomError | undefined;
  private result: SessionRecordingResult | undefined;

  /** The thread caught up after `isBehind`: the session may resume its pty. */
  readonly onCaughtUp: Event<void> = this.caughtUpEmitter.event;

  constructor(
    private readonly options: RecordingOptions,
    size: { cols: number; rows: number },
    startMs: number,
    private readonly onError: (error: unknown) => void = (error) => console.error('warroom: recording failed', error),
  ) {
    // Created here, synchronously: an existing or unwritable file fails the session's start.
    reserveRecordingFile(options.file);
    this.thread = recordingThread();
    this.id = this.thread.register({ onNotice: (notice) => this.notice(notice), onThreadLost: (error) => this.loseThread(error) });
    this.thread.post({ kind: 'open', id: this.id, options, size: { cols: size.cols, rows: size.rows }, startMs, reserved: true });
  }

  /** More than BacklogHighChars of output wait to be written. */
  get isBehind(): boolean {
    return this.behind;
  }

  output(data: string, atMs: number): void {
    if (data.length === 0 || !this.open) return;
    this.thread.post({ kind: 'output', id: this.id, data, atMs });
    this.posted += data.length;
    if (this.posted - this.askedAt >= SessionRecorderTuning.ProgressEveryChars) this.askProgress();
    if (!this.behind && this.posted - this.written > SessionRecorderTuning.BacklogHighChars) {
      this.behind = true;
      if (this.askedAt !== this.posted) this.askProgress();
    }
  }

  resize(cols: number, rows: number, atMs: number): void {
    if (this.open) this.thread.post({ kind: 'resize', id: this.id, cols, rows, atMs });
  }

  marker(label: string, atMs: number): void {
    if (this.open) this.thread.post({ kind: 'marker', id: this.id, label, atMs });
  }

  /** Write the rest, close the file; returns its sha256. Idempotent. Throws when the file could not be completed. */
  close(atMs: number): SessionRecordingResult {
    if (this.result !== undefined) return this.result;
    if (this.lost !== undefined) throw this.lost;
    try {
      const reply = this.thread.call({ kind: 'close', id: this.id, atMs }, this.options.file);
      if (reply.kind === 'failed') throw deserializeError(reply.error);
      this.result = reply.result;
      return reply.result;
    } finally {
      this.thread.unregister(this.id);
      this.release();
    }
  }

  dispose(): void {
    this.caughtUpEmitter.dispose();
  }

  private get open(): boolean {
    return this.result === undefined && this.lost === undefined;
  }

  // Ask the thread to say when it has written everything posted so far (a barrier).
  private askProgress(): void {
    this.askedAt = this.posted;
    this.thread.post({ kind: 'ping', id: this.id, mark: this.posted });
  }

  private notice(notice: RecorderNotice): void {
    if (notice.kind === 'error') {
      this.onError(deserializeError(notice.error));
      return;
    }
    this.written = Math.max(this.written, notice.mark);
    // Behind, the pty is paused: the barrier posted when it paused is the one that frees it.
    if (this.behind && this.posted - this.written <= SessionRecorderTuning.ProgressEveryChars) this.release();
    else if (this.behind && this.askedAt <= this.written) this.askProgress();
  }

  private release(): void {
    if (!this.behind) return;
    this.behind = false;
    this.caughtUpEmitter.fire();
  }

  private loseThread(error: WarRoomError): void {
    this.lost = error;
    this.onError(error);
    this.release();
  }
}
