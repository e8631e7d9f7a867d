/**
 * Tuning of the terminal pipeline (pty -> decoder -> batch -> consumer), in one place.
 *
 * The flow-control values are VS Code's (platform/terminal/common/terminal.ts), proven on
 * millions of terminals: they keep xterm.js responsive under `yes` without starving it.
 */
export const TerminalTuning = {
  /**
   * Pause the pty when this many characters were sent but not yet acknowledged by the
   * consumer (xterm's write callback): a few frames of xterm's work, so the UI never falls
   * far behind and Ctrl-C in a flood reaches the prompt within a few frames.
   */
  HighWatermarkChars: 100_000,
  /** Resume the pty when the backlog falls below this: low enough to avoid pause/resume thrash. */
  LowWatermarkChars: 5_000,
  /** The consumer acknowledges in steps of this many chars: one message per ~5k, not per write. */
  CharCountAckSize: 5_000,
  /**
   * The panel hands a large batch to xterm in slices of this many chars, each acknowledged
   * once parsed: acknowledgements flow while a batch is parsed, so main sends more before
   * the panel runs dry (without slices, a batch as large as the window makes flow control
   * stop-and-wait: the panel idles for a whole round trip per window).
   */
  WriteSliceChars: 16_384,
  /**
   * Output read within this many ms is merged into one batch before it is emitted: one
   * IPC/WebSocket message and one xterm write instead of one per 4k read.
   */
  BatchIntervalMs: 5,
  /** While the pty is paused, how often to look whether its process ended (node-pty drops an unread pty 200 ms after the end). */
  EndWatchMs: 40,
  /** Recent output kept for a reloaded renderer to reattach with (~a few screens of history). */
  ScrollbackChars: 256 * 1024,
  /** Default size of a new terminal before the renderer has measured its panel. */
  DefaultCols: 80,
  DefaultRows: 24,
} as const;
