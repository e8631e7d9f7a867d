import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { WebSocket, type RawData } from 'ws';
import type { Result } from '../../../contract/result';
import type { WarRoomEvent } from '../../../contract/events';
import type { RequestName, RequestInput, RequestOutput } from '../../../contract/requests';
import { WarRoomError } from '../../../contract/domain/errors';
import { decodeJournalPageFrame } from '../../../contract/journal-page-frame';
import type { JournalSincePage } from '../../../contract/requests/follow-requests';
import type { FollowLink } from './follow-link';

const CLIENT_TUNING = {
  /** A connection attempt that takes longer than this has failed (a host gone mid-handshake). */
  connectTimeoutMs: 5_000,
  /** A request not answered in this long fails, and the connection is dropped (the host hangs). */
  requestTimeoutMs: 30_000,
  /** A page of journal lines is at most 32 MB (a single larger event goes whole) and a small header. */
  maxPayloadBytes: 64 * 1024 * 1024,
} as const;

/** One WebSocket to a War Room host, speaking the contract as a client. */
export class FollowConnection {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { name: string; resolve: (result: Result<unknown>) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  private readonly eventListeners = new Set<(event: WarRoomEvent) => void>();
  private readonly closeListeners = new Set<(reason: string) => void>();
  private closedReason: string | null = null;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw, isBinary) => {
      let message: { id?: unknown; result?: Result<unknown>; event?: WarRoomEvent };
      if (isBinary) {
        // A page of journal lines (terminal output frames are not for a follower, and dropped).
        const page = this.pageMessage(raw);
        if (!page) return;
        message = page;
      } else {
        try {
          message = JSON.parse(raw.toString()) as typeof message;
        } catch {
          return;
        }
      }
      if (typeof message.id === 'number' && message.result) {
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        this.pending.delete(message.id);
        clearTimeout(waiting.timer);
        waiting.resolve(message.result);
      } else if (message.event) {
        for (const listener of this.eventListeners) listener(message.event);
      }
    });
    ws.on('close', (code, reason) => this.closeWith(`the host closed the connection (${code}${reason.length > 0 ? ` ${reason.toString()}` : ''})`));
    ws.on('error', (error) => this.closeWith(error.message));
  }

  /**
   * Connect to the link's host. An https link is pinned: the certificate is fetched once,
   * compared with the link's fingerprint, and then the only one the real connection trusts
   * (and checked again there); a mismatch refuses before the secret is sent.
   */
  static async open(link: FollowLink): Promise<FollowConnection> {
    const tls = link.secure ? await pinnedTlsOptions(link) : {};
    const ws = new WebSocket(link.websocketUrl, {
      origin: link.origin,
      perMessageDeflate: false,
      maxPayload: CLIENT_TUNING.maxPayloadBytes,
      handshakeTimeout: CLIENT_TUNING.connectTimeoutMs,
      ...tls,
    });
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      ws.once('error', fail);
      ws.once('unexpected-response', (_request, response) => {
        // terminate() reports the aborted handshake as an 'error' event: heard here, else it is uncaught and ends the process.
        ws.off('error', fail);
        ws.on('error', () => undefined);
        const status = response.statusCode ?? 0;
        reject(
          new Error(
            status === 401
              ? 'the host refused the link (401: token or invite wrong, revoked or expired)'
              : `the host refused the connection (HTTP ${status} ${response.statusMessage ?? ''})`.trim(),
          ),
        );
        ws.terminate();
      });
      ws.once('open', () => {
        ws.off('error', fail);
        resolve();
      });
    });
    return new FollowConnection(ws);
  }

  /** Call a request of the contract; a typed error result is thrown as a WarRoomError naming the request. */
  async request<Name extends RequestName>(name: Name, input: RequestInput<Name>): Promise<RequestOutput<Name>> {
    if (this.closedReason !== null) throw new Error(`not connected: ${this.closedReason}`);
    const id = this.nextId++;
    const result = await new Promise<Result<unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${name}: no answer from the host in ${CLIENT_TUNING.requestTimeoutMs / 1000} s`));
        this.close();
      }, CLIENT_TUNING.requestTimeoutMs);
      this.pending.set(id, { name, resolve, reject, timer });
      this.ws.send(JSON.stringify({ id, name, input }));
    });
    if (!result.ok) throw new WarRoomError(result.error.code, `the host answered ${name}: ${result.error.message}`);
    return result.value as RequestOutput<Name>;
  }

  /**
   * An answer to journal.since, a binary page frame: its lines stay the bytes that arrived
   * (no copy, no base64), for a pending journal.since only. Null for any other frame.
   */
  private pageMessage(raw: RawData): { id: number; result: Result<JournalSincePage> } | null {
    const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    const frame = decodeJournalPageFrame(bytes);
    if (!frame || this.pending.get(frame.id)?.name !== 'journal.since') return null;
    const lines = Buffer.from(frame.page.lines.buffer, frame.page.lines.byteOffset, frame.page.lines.byteLength);
    return { id: frame.id, result: { ok: true, value: { ...frame.page, lines } } };
  }

  onEvent(listener: (event: WarRoomEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Hear once why the connection ended (at once when it already has). */
  onClose(listener: (reason: string) => void): void {
    if (this.closedReason !== null) listener(this.closedReason);
    else this.closeListeners.add(listener);
  }

  get closed(): boolean {
    return this.closedReason !== null;
  }

  close(): void {
    this.closeWith('closed by this follower');
    this.ws.terminate();
  }

  private closeWith(reason: string): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    for (const [, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new Error(`connection lost: ${reason}`));
    }
    this.pending.clear();
    for (const listener of this.closeListeners) listener(reason);
    this.closeListeners.clear();
  }
}

/**
 * Fetch the host's certificate (nothing is sent over this probe), refuse unless its SHA-256
 * matches the link, and return TLS options that trust exactly that certificate.
 */
async function pinnedTlsOptions(link: FollowLink): Promise<{ ca: string; checkServerIdentity: (host: string, cert: PeerCertificate) => Error | undefined }> {
  const expected = link.fingerprint;
  if (!expected) throw new WarRoomError('refused', `${link.origin}: an https link without a fingerprint is never trusted.`);
  const { hostname, port } = new URL(link.origin);
  const cert = await new Promise<PeerCertificate>((resolve, reject) => {
    const socket = tlsConnect({
      host: hostname.replace(/^\[|\]$/g, ''),
      port: Number(port || 443),
      rejectUnauthorized: false,
      servername: isIp(hostname) ? undefined : hostname,
    });
    socket.setTimeout(CLIENT_TUNING.connectTimeoutMs, () => socket.destroy(new Error(`no TLS answer from ${link.origin}`)));
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate();
      socket.destroy();
      resolve(peer);
    });
    socket.once('error', reject);
  });
  const seen = fingerprintOf(cert);
  if (seen !== expected)
    throw new WarRoomError(
      'refused',
      `${link.origin} presented a certificate with SHA-256 ${seen ?? '(none)'}, not the ${expected} the link pins: not connecting (someone may be in between, or the host made a new certificate; ask for a new link).`,
    );
  const pem = `-----BEGIN CERTIFICATE-----\n${cert.raw.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
  return {
    ca: pem,
    // The pin replaces the name check: the link names the exact certificate, whatever names it carries.
    checkServerIdentity: (_host, presented) =>
      fingerprintOf(presented) === expected ? undefined : new Error(`certificate ${fingerprintOf(presented)} is not the pinned ${expected}`),
  };
}

function fingerprintOf(cert: PeerCertificate | undefined): string | null {
  return cert?.fingerprint256 ? cert.fingerprint256.replace(/:/g, '').toLowerCase() : null;
}

function isIp(hostname: string): boolean {
  return /^[0-9.]+$/.test(hostname) || hostname.startsWith('[');
}
