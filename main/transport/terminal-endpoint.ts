import { decodeTerminalFrame, encodeTerminalFrame, isClientFrame, type TerminalClientFrame } from '../../contract/terminal-frames';
import type { TerminalChannelEndpoint } from '../api/client-connection';

/** An endpoint plus the two calls its transport makes: bytes arrived, the other side went away. */
export interface TransportEndpoint extends TerminalChannelEndpoint {
  /** A message from the client: decoded, and kept only when it is a client frame of this attachment. */
  receive(bytes: unknown): void;
  remoteClosed(): void;
}

/**
 * One attachment's end of the data channel over any transport that carries bytes (an
 * Electron MessagePort, a WebSocket shared by several attachments): frames are encoded
 * once here, and a frame from the client that is malformed, of a server kind, or names
 * another session or attachment is dropped (the client is untrusted).
 */
export function transportEndpoint(sessionId: string, attachmentId: string, transport: { send(bytes: Uint8Array): void; close(): void }): TransportEndpoint {
  const frameListeners: ((frame: TerminalClientFrame) => void)[] = [];
  let closeListeners: (() => void)[] = [];
  let open = true;
  const ended = (): void => {
    open = false;
    for (const listener of closeListeners.splice(0)) listener();
    closeListeners = [];
    frameListeners.length = 0;
  };
  return {
    send(frame) {
      if (open) transport.send(encodeTerminalFrame(frame));
    },
    onFrame(listener) {
      if (open) frameListeners.push(listener);
    },
    onClose(listener) {
      if (open) closeListeners.push(listener);
      else listener();
    },
    close() {
      if (!open) return;
      transport.close();
      ended();
    },
    receive(bytes) {
      if (!open || !(bytes instanceof Uint8Array || bytes instanceof ArrayBuffer)) return;
      const frame = decodeTerminalFrame(bytes);
      if (!frame || !isClientFrame(frame) || frame.sessionId !== sessionId || frame.attachmentId !== attachmentId) return;
      for (const listener of [...frameListeners]) listener(frame);
    },
    remoteClosed() {
      if (open) ended();
    },
  };
}
