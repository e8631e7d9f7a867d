import type { WarRoomBridge } from '../../../contract/bridge';
import type { TerminalAttachMode, TerminalAttachView } from '../../../contract/requests/terminal-requests';
import {
  decodeTerminalFrame,
  encodeTerminalFrame,
  MAX_INPUT_CHARS,
  type TerminalChannelExit,
  type TerminalServerFrame,
} from '../../../contract/terminal-frames';
import { TerminalTuning } from '../../../contract/terminal-tuning';

/** What the channel needs of a terminal emulator (xterm.js's Terminal has all of it). */
export interface TerminalSink {
  /** `callback` runs once xterm has parsed `data`: that is when it is acknowledged. */
  write(data: string, callback?: () => void): void;
  /** Clear the screen and scrollback before a reattach repaints them. */
  reset(): void;
}

/** The two requests the channel makes, as the app's client types them. */
export interface TerminalChannelRequests {
  attach(input: { slug: string; sessionId: string; attachmentId: string; mode: TerminalAttachMode }): Promise<TerminalAttachView>;
  detach(input: { slug: string; sessionId: string; attachmentId: string }): Promise<unknown>;
}

export interface TerminalChannelOptions {
  readonly slug: string;
  readonly sessionId: string;
  readonly mode: TerminalAttachMode;
  readonly terminal: TerminalSink;
  /** The scrollback is painted and live output follows (again after a reattach). */
  onAttached?(view: TerminalAttachView): void;
  /** The session ended; called once xterm has parsed everything it printed. */
  onExit?(exit: TerminalChannelExit): void;
  onError?(error: Error): void;
}

export interface TerminalChannel {
  /** Keystrokes or a paste for the process; false (nothing sent) for a watch attachment. */
  input(data: string): boolean;
  /** The panel's size changed (a watcher never resizes the process). */
  resize(cols: number, rows: number): void;
  /** Detach and let go of the channel. */
  dispose(): void;
}

interface Dependencies {
  readonly bridge: Pick<WarRoomBridge, 'openTerminalChannel'>;
  readonly requests: TerminalChannelRequests;
  /** A fresh attachment id (crypto.randomUUID in the page). */
  readonly newId: () => string;
}

/**
 * A terminal panel's end of its data channel: attach over a channel of its own, paint the
 * scrollback, then live output from the attach offset on (what arrives before the attach
 * answers waits; what the scrollback already holds is skipped), acknowledge from the
 * terminal's write callback in steps of CharCountAckSize (main pauses the pty while the
 * panel is behind), and send keystrokes, pastes and resizes back on the channel. When the
 * channel is lost (the connection dropped) while the session runs, it attaches again
 * with a fresh id and repaints. Pure: no DOM, so it is tested in Node.
 */
export function openTerminalChannel(dependencies: Dependencies, options: TerminalChannelOptions): TerminalChannel {
  const { slug, sessionId, mode, terminal } = options;
  let disposed = false;
  let exited = false;
  /** The current attachment; replaced on a reattach. */
  let current: Attachment;

  interface Attachment {
    readonly id: string;
    readonly port: ReturnType<Dependencies['bridge']['openTerminalChannel']>;
    /** Null until the attach answers: frames wait in `early`. */
    offset: number | null;
    readonly early: TerminalServerFrame[];
    unacknowledged: number;
    /** Input and a resize given before the attach answered (main binds the channel at attach). */
    readonly pendingInput: string[];
    pendingSize: { cols: number; rows: number } | null;
    live: boolean;
  }

  const send = (attachment: Attachment, frame: Parameters<typeof encodeTerminalFrame>[0]): void => attachment.port.send(encodeTerminalFrame(frame));

  const deliver = (attachment: Attachment, frame: TerminalServerFrame): void => {
    if (frame.kind === 'exit') {
      exited = true;
      terminal.write('', () => options.onExit?.(frame.exit));
      return;
    }
    if (frame.kind === 'skipped') {
      terminal.write(`\r\n\x1b[2m[${frame.chars} characters not shown while this view caught up]\x1b[0m\r\n`);
      return;
    }
    const start = attachment.offset ?? 0;
    if (frame.offset + frame.data.length <= start) return; // already in the scrollback
    const fresh = frame.offset < start ? frame.data.slice(start - frame.offset) : frame.data;
    // In slices, so that acknowledgements flow back while xterm parses a large batch: main
    // sends more before this panel runs dry, instead of waiting for the whole batch.
    for (let index = 0; index < fresh.length; index += TerminalTuning.WriteSliceChars) {
      const slice = fresh.slice(index, index + TerminalTuning.WriteSliceChars);
      terminal.write(slice, () => acknowledge(attachment, slice.length));
    }
  };

  const acknowledge = (attachment: Attachment, chars: number): void => {
    attachment.unacknowledged += chars;
    if (attachment.unacknowledged < TerminalTuning.CharCountAckSize || !attachment.live) return;
    const total = attachment.unacknowledged;
    attachment.unacknowledged = 0;
    send(attachment, { kind: 'ack', sessionId, attachmentId: attachment.id, chars: total });
  };

  const sendInput = (attachment: Attachment, data: string): void => {
    for (let index = 0; index < data.length; index += MAX_INPUT_CHARS) {
      send(attachment, { kind: 'input', sessionId, attachmentId: attachment.id, data: data.slice(index, index + MAX_INPUT_CHARS) });
    }
  };

  const attach = (): void => {
    const id = dependencies.newId();
    const port = dependencies.bridge.openTerminalChannel(sessionId, id);
    const attachment: Attachment = { id, port, offset: null, early: [], unacknowledged: 0, pendingInput: [], pendingSize: null, live: true };
    current = attachment;
    port.onMessage((bytes) => {
      const frame = decodeTerminalFrame(bytes);
      if (!attachment.live || !frame || frame.attachmentId !== id) return;
      if (frame.kind !== 'output' && frame.kind !== 'exit' && frame.kind !== 'skipped') return;
      if (attachment.offset === null) attachment.early.push(frame);
      else deliver(attachment, frame);
    });
    port.onClose(() => {
      attachment.live = false;
      if (!disposed && !exited && current === attachment) attach();
    });
    dependencies.requests.attach({ slug, sessionId, attachmentId: id, mode }).then(
      (view) => {
        if (disposed || !attachment.live) {
          if (disposed) void dependencies.requests.detach({ slug, sessionId, attachmentId: id }).catch(() => undefined);
          return;
        }
        terminal.reset();
        terminal.write(view.scrollback);
        attachment.offset = view.offset;
        for (const frame of attachment.early.splice(0)) deliver(attachment, frame);
        for (const data of attachment.pendingInput.splice(0)) sendInput(attachment, data);
        if (attachment.pendingSize) send(attachment, { kind: 'resize', sessionId, attachmentId: id, ...attachment.pendingSize });
        attachment.pendingSize = null;
        if (view.session.exit) exited = true;
        options.onAttached?.(view);
      },
      (error: unknown) => {
        attachment.live = false;
        port.close();
        if (!disposed) options.onError?.(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };
  attach();

  return {
    input(data) {
      if (mode === 'watch' || disposed || data.length === 0) return false;
      if (current.offset === null) current.pendingInput.push(data);
      else sendInput(current, data);
      return true;
    },
    resize(cols, rows) {
      if (mode === 'watch' || disposed || exited) return;
      if (current.offset === null) current.pendingSize = { cols, rows };
      else send(current, { kind: 'resize', sessionId, attachmentId: current.id, cols, rows });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      const attachment = current;
      attachment.live = false;
      if (attachment.offset !== null) void dependencies.requests.detach({ slug, sessionId, attachmentId: attachment.id }).catch(() => undefined);
      attachment.port.close();
    },
  };
}
