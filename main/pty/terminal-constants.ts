/**
 * Tuning of the terminal pipeline (pty -> decoder -> batch -> consumer), in one place.
 *
 * The flow-control values are VS Code's (platform/terminal/common/terminal.ts), proven on
 * millions of terminals: they keep xterm.js responsive under `yes` without starving it.
 */
export const TerminalTuning = {
  /**
   * Pause the pty when this many characters were sent but not yet acknowledged by the
   * consumer (xterm's write callback): about a second of xterm parsing work, so the UI
   * never falls further behind than that, and Ctrl-C stays prompt under a flood.
   */
  HighWatermarkChars: 100_000,
  /** Resume the pty when the backlog falls below this: low enough to avoid pause/resume thrash. */
  LowWatermarkChars: 5_000,
  /** The consumer acknowledges in steps of this many chars: one message per ~5k, not per write. */
  CharCountAckSize: 5_000,
  /**
   * Output read within this many ms is merged into one batch before it is emitted: one
   * IPC/WebSocket message and one xterm write instead of one per 4k read.
   */
  BatchIntervalMs: 5,
  /** Recent output kept for a reloaded renderer to reattach with (~a few screens of history). */
  ScrollbackChars: 256 * 1024,
  /** Default size of a new terminal before the renderer has measured its panel. */
  DefaultCols: 80,
  DefaultRows: 24,
} as const;
