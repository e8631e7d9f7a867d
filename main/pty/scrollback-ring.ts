/**
 * The last N characters of a terminal's output, so that a reloaded renderer can reattach
 * to a running session and show its recent screen.
 *
 * Stores chunks (no per-char copying on the hot path); trimming drops whole old chunks
 * and cuts the oldest one, preferably after a line break so replay starts on a fresh line.
 */
export class ScrollbackRing {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly capacity: number) {}

  push(data: string): void {
    if (data.length === 0) return;
    this.chunks.push(data);
    this.size += data.length;
    while (this.size - (this.chunks[0]?.length ?? 0) >= this.capacity) {
      this.size -= (this.chunks.shift() as string).length;
    }
    if (this.size > this.capacity) {
      const first = this.chunks[0] as string;
      let cut = this.size - this.capacity;
      const lineBreak = first.indexOf('\n', cut);
      if (lineBreak !== -1) cut = lineBreak + 1;
      this.chunks[0] = first.slice(cut);
      this.size -= cut;
    }
  }

  /** The kept output, oldest first. */
  snapshot(): string {
    const joined = this.chunks.join('');
    this.chunks = joined.length > 0 ? [joined] : [];
    return joined;
  }

  get length(): number {
    return this.size;
  }
}
