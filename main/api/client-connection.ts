import type { TerminalClientFrame, TerminalServerFrame } from '../../contract/terminal-frames';
import type { ParticipantIdentity } from '../../contract/participants';

/**
 * One attachment's end of a terminal data channel, as a transport provides it: an Electron
 * MessagePort of that attachment, or a WebSocket's frames tagged with it. Output, the exit
 * and skips go out; input, acknowledgements and resizes come in (already decoded, and only
 * frames that name this attachment).
 */
export interface TerminalChannelEndpoint {
  send(frame: TerminalServerFrame): void;
  onFrame(listener: (frame: TerminalClientFrame) => void): void;
  /** The other side went away (port closed, socket closed, window reloaded). Called once. */
  onClose(listener: () => void): void;
  /** Our side lets go (detach, session forgotten): no more frames either way. */
  close(): void;
}

/** A client connection (a WebSocket, an Electron window): its attachments end with it. */
export interface ClientConnection {
  readonly id: string;
  /** The host's own client (its window, a tab with its token); false for an invited participant. */
  readonly host: boolean;
  /** Who an invited participant is (role, granted terminal targets); absent for the host's own client. */
  readonly participant?: ParticipantIdentity;
  /** Called once when the client goes away (socket closed, window reloaded or closed). */
  onClose(listener: () => void): void;
  /**
   * The channel this client opened for attachment `attachmentId` of `sessionId`, or
   * undefined when it has none (an Electron window that did not send a port for it).
   */
  terminalChannel(sessionId: string, attachmentId: string): TerminalChannelEndpoint | undefined;
}
