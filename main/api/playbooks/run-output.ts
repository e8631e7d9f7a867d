/**
 * Live output of one run on its way to the UI: decoded as a UTF-8 stream (a character
 * split across two reads survives), merged for a few milliseconds, then published.
 *
 * Why batch: a chatty step writes thousands of small chunks a second; one event per
 * chunk would flood every connected window. ANSI sequences pass through untouched.
 */
import { StringDecoder } from 'node:string_decoder';

export const RunOutputTuning = {
  /** Merge window: short enough to feel live, long enough to merge bursts. */
  batchMs: 16,
  /** Publish at once above this many characters, without waiting for the timer. */
  maxBatchChars: 64 * 1024,
} as const;

export class RunOutputBatcher {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private stepIndex = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly publish: (stepIndex: number, data: string) => void) {}

  /** A chunk of step `stepIndex`'s output (raw bytes or text the runner wrote). */
  push(stepIndex: number, chunk: Buffer | string): void {
    if (stepIndex !== this.stepIndex) {
      this.flush();
      this.stepIndex = stepIndex;
    }
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (this.pending.length >= RunOutputTuning.maxBatchChars) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), RunOutputTuning.batchMs);
  }

  /** Publish what is pending now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === '') return;
    const data = this.pending;
    this.pending = '';
    this.publish(this.stepIndex, data);
  }
}
