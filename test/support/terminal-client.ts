import { randomUUID } from 'node:crypto';
import { decodeTerminalFrame, encodeTerminalFrame, type TerminalClientFrame, type TerminalServerFrame } from '../../contract/terminal-frames';
import type { ClientConnection } from '../../main/api/client-connection';
import type { ParticipantIdentity } from '../../contract/participants';
import { transportEndpoint, type TransportEndpoint } from '../../main/transport/terminal-endpoint';

/**
 * A client connection for tests of the api layer: its terminal channels are the real
 * endpoints (frames encoded and decoded as on a WebSocket), held in memory. Output is
 * collected per session; with `autoAcknowledge` every output frame is acknowledged at
 * once (a panel that keeps up), otherwise nothing is (a panel that stalls).
 */
export class TestTerminalClient implements ClientConnection {
  readonly id: string;
  readonly host: boolean;
  readonly participant?: ParticipantIdentity;
  readonly frames: TerminalServerFrame[] = [];
  private readonly output = new Map<string, string>();
  private readonly channels = new Map<string, TransportEndpoint>();
  private readonly closeListeners: (() => void)[] = [];

  constructor(options: { readonly id?: string; readonly host?: boolean; readonly autoAcknowledge?: boolean; readonly participant?: ParticipantIdentity } = {}) {
    this.id = options.id ?? randomUUID();
    this.host = options.participant ? false : (options.host ?? true);
    if (options.participant) this.participant = options.participant;
    this.autoAcknowledge = options.autoAcknowledge ?? true;
  }

  private readonly autoAcknowledge: boolean;

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  terminalChannel(sessionId: string, attachmentId: string): TransportEndpoint | undefined {
    const endpoint = transportEndpoint(sessionId, attachmentId, {
      send: (bytes) => {
        const frame = decodeTerminalFrame(bytes);
        if (!frame || (frame.kind !== 'output' && frame.kind !== 'exit' && frame.kind !== 'skipped')) throw new Error('main sent a frame a panel cannot read');
        this.frames.push(frame);
        if (frame.kind !== 'output') return;
        this.output.set(sessionId, (this.output.get(sessionId) ?? '') + frame.data);
        if (this.autoAcknowledge) this.send({ kind: 'ack', sessionId, attachmentId, chars: frame.data.length });
      },
      close: () => this.channels.delete(attachmentId),
    });
    this.channels.set(attachmentId, endpoint);
    return endpoint;
  }

  /** A fresh attachment id for `terminal.attach`. */
  newAttachmentId(): string {
    return randomUUID();
  }

  /** Output of a session received so far (over every attachment of this client). */
  received(sessionId: string): string {
    return this.output.get(sessionId) ?? '';
  }

  /** A frame from the panel, as bytes through the endpoint (as a transport delivers it). */
  send(frame: TerminalClientFrame): void {
    this.channels.get(frame.attachmentId)?.receive(encodeTerminalFrame(frame));
  }

  /** The client goes away: its channels end from its side, then its close listeners run. */
  close(): void {
    for (const endpoint of [...this.channels.values()]) endpoint.remoteClosed();
    this.channels.clear();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
