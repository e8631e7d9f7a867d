import type { RedactionOptions } from '../core/redaction/redaction-patterns';
import type { RedactionMatch } from '../core/redaction/redact-text';
import { redactText } from '../core/redaction/redact-text';
import type { StreamingRedactor } from '../core/redaction/streaming-redactor';
import { createStreamingRedactor } from '../core/redaction/streaming-redactor';
import type { AsciicastHeader, RecordingResult } from './asciicast-writer';
import { AsciicastWriter } from './asciicast-writer';

/** What to record a session into. */
export interface RecordingOptions {
  /** The .cast file to create (in the release's recordings/ folder). */
  readonly file: string;
  readonly title?: string;
  /** Per-release literals and extra patterns; the built-in secret patterns always apply. */
  readonly redaction?: RedactionOptions;
  /** Environment variables worth keeping in the header (TERM, SHELL). */
  readonly env?: Readonly<Record<string, string>>;
}

/** A closed recording, with what redaction masked in it (for the redaction review). */
export interface SessionRecordingResult extends RecordingResult {
  readonly redactions: readonly RedactionMatch[];
  readonly redactionCount: number;
  /** Why part of the output is missing from the file (a write failed: a full disk), if it is. */
  readonly incomplete?: string;
}

/**
 * The recording of one terminal session, done where it is called: secrets masked at
 * source, then asciicast v2 on disk.
 *
 * Output arrives already stripped of shell-integration sequences; it passes through a
 * streaming redactor so that a secret split across reads never reaches the file. The
 * recording thread (recording-worker.ts) runs one of these per session.
 */
export class RecordingSink {
  private readonly writer: AsciicastWriter;
  private readonly redactor: StreamingRedactor;
  private result: SessionRecordingResult | undefined;
  /** The first write that failed: the file misses that output, and says so when closed. */
  private failure: string | undefined;

  constructor(
    private readonly options: RecordingOptions,
    size: { cols: number; rows: number },
    private readonly startMs: number,
    onError?: (error: unknown) => void,
    /** The file, already created (createRecordingFile); else the sink creates it. */
    fd?: number,
  ) {
    const header: AsciicastHeader = {
      version: 2,
      width: size.cols,
      height: size.rows,
      timestamp: Math.floor(startMs / 1000),
      ...(options.title === undefined ? {} : { title: options.title }),
      ...(options.env === undefined ? {} : { env: options.env }),
    };
    this.redactor = createStreamingRedactor(options.redaction);
    this.writer = new AsciicastWriter(
      options.file,
      header,
      startMs,
      (error) => {
        this.noteFailure(error);
        onError?.(error);
      },
      fd,
    );
  }

  output(data: string, atMs: number): void {
    if (this.result === undefined) this.guard(() => this.writer.output(this.redactor.push(data), atMs));
  }

  /** A resize: held-back text is written first, so replay wraps it at the old width. */
  resize(cols: number, rows: number, atMs: number): void {
    if (this.result !== undefined) return;
    this.guard(() => {
      this.writer.output(this.redactor.flush(), atMs);
      this.writer.resize(cols, rows, atMs);
    });
  }

  /** A marker; its label is redacted too (a journal note may quote a secret). */
  marker(label: string, atMs: number): void {
    if (this.result === undefined) this.guard(() => this.writer.marker(redactText(label, this.options.redaction).text, atMs));
  }

  private guard(write: () => void): void {
    try {
      write();
    } catch (error) {
      this.noteFailure(error);
      throw error;
    }
  }

  private noteFailure(error: unknown): void {
    this.failure ??= error instanceof Error ? error.message : String(error);
  }

  /** Release what the redactor holds, close the file; returns its sha256. Idempotent. */
  close(atMs: number): SessionRecordingResult {
    if (this.result !== undefined) return this.result;
    try {
      this.guard(() => this.writer.output(this.redactor.flush(), Math.max(atMs, this.startMs)));
    } finally {
      const closed = this.writer.close();
      this.result = {
        ...closed,
        redactions: this.redactor.matches,
        redactionCount: this.redactor.matchCount,
        ...(this.failure === undefined ? {} : { incomplete: this.failure }),
      };
    }
    return this.result;
  }
}
