import type { Result } from './result';
import type { WarRoomEvent } from './events';

/**
 * One terminal attachment's data channel as the renderer holds it: binary frames of
 * contract/terminal-frames.ts both ways. Over Electron it is a MessagePort held by the
 * preload; in browser mode, the page's WebSocket filtered to this attachment.
 */
export interface TerminalChannelPort {
  send(frame: Uint8Array): void;
  /** Frames from main; those that arrived before a listener are delivered to the first one. */
  onMessage(listener: (frame: Uint8Array) => void): void;
  /** The channel ended from the other side (the connection was lost); not called for our own close(). */
  onClose(listener: () => void): void;
  close(): void;
}

/**
 * What the preload exposes as `window.warroom` (and what browser mode's WebSocket
 * client implements): requests, events, and terminal data channels, nothing else.
 */
export interface WarRoomBridge {
  request(name: string, input: unknown): Promise<Result<unknown>>;
  /** Returns the function that unsubscribes. */
  subscribe(listener: (event: WarRoomEvent) => void): () => void;
  /** Open the data channel of a terminal attachment; then `terminal.attach` with the same ids binds it. */
  openTerminalChannel(sessionId: string, attachmentId: string): TerminalChannelPort;
}
