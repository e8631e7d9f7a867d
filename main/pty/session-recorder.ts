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
}

/**
 * The recording of one terminal session: secrets masked at source, then asciicast v2.
 *
 * Output arrives already stripped of shell-integration sequences; it passes through a
 * streaming redactor so that a secret split across reads never reaches the file.
 *
 * The work (redaction, JSON, hashing, writing) is off the hot path: calls are queued in
 * order and done on the next turn of the event loop (setImmediate), after the batch was
 * handed to the transport and pending acknowledgements were read, so that recording
 * overlaps with the renderer parsing instead of delaying it. close() drains the queue.
 */
export class SessionRecorder {
  private readonly writer: AsciicastWriter;
  private readonly redactor: StreamingRedactor;
  private result: SessionRecordingResult | undefined;
  private queue: (() => void)[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly options: RecordingOptions,
    size: { cols: number; rows: number },
    private readonly startMs: number,
    private readonly onError?: (error: unknown) => void,
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
    this.writer = new AsciicastWriter(options.file, header, startMs, onError);
  }

  output(data: string, atMs: number): void {
    this.enqueue(() => this.writer.output(this.redactor.push(data), atMs));
  }

  /** A resize: held-back text is written first, so replay wraps it at the old width. */
  resize(cols: number, rows: number, atMs: number): void {
    this.enqueue(() => {
      this.writer.output(this.redactor.flush(), atMs);
      this.writer.resize(cols, rows, atMs);
    });
  }

  /** A marker; its label is redacted too (a journal note may quote a secret). */
  marker(label: string, atMs: number): void {
    this.enqueue(() => this.writer.marker(redactText(label, this.options.redaction).text, atMs));
  }

  private enqueue(work: () => void): void {
    if (this.result !== undefined) return;
    this.queue.push(work);
    this.scheduled ??= setImmediate(() => {
      this.scheduled = undefined;
      try {
        this.drain();
      } catch (error) {
        // A full disk must not go unnoticed: report it (the writer names the file).
        (this.onError ?? ((failure: unknown) => console.error('warroom: recording failed', failure)))(error);
      }
    });
  }

  private drain(): void {
    const work = this.queue;
    this.queue = [];
    for (const item of work) item();
  }

  /** Release what the redactor holds, close the file; returns its sha256. Idempotent. */
  close(atMs: number): SessionRecordingResult {
    if (this.result !== undefined) return this.result;
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    try {
      this.drain();
      this.writer.output(this.redactor.flush(), Math.max(atMs, this.startMs));
    } finally {
      const closed = this.writer.close();
      this.result = { ...closed, redactions: this.redactor.matches, redactionCount: this.redactor.matchCount };
    }
    return this.result;
  }
}
