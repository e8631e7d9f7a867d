import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WEBSOCKET_PATH } from '../../contract/channels';
import { frameTag } from '../../contract/terminal-frames';
import { encodeJournalPageFrame } from '../../contract/journal-page-frame';
import type { JournalSincePage } from '../../contract/requests/follow-requests';
import { dispatch } from '../api/dispatch';
import type { Services } from '../api/services';
import type { ClientConnection } from '../api/client-connection';
import { transportEndpoint, type TransportEndpoint } from './terminal-endpoint';
import { formatActor, type ParticipantIdentity } from '../../contract/participants';
import type { WarRoomEvent } from '../../contract/events';
import { allowedOrigins, isAllowedHost, isAllowedOrigin, loopbackNames, tokenMatches, type ServedNames } from './browser-guard';
import { PARTICIPANT_RATE, TokenBucket } from './rate-limit';
import { contentSecurityPolicy } from './content-security-policy';
import { readStaticFile } from './static-files';

export interface BrowserServerOptions {
  readonly services: Services;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** `warroom web` passes the workspace's kept token (web-token.ts); random per start when absent. */
  readonly token?: string;
  /** The address to listen on; 127.0.0.1 when absent. Anything but loopback needs `tls`. */
  readonly host?: string;
  /** Serve HTTPS with this certificate (PEM); `names` are accepted as Host besides `host`. */
  readonly tls?: { readonly cert: string; readonly key: string; readonly names: readonly string[] };
}

export interface BrowserServer {
  readonly port: number;
  readonly token: string;
  /** The address to open, token in the fragment (never sent to the server in requests or referrers). */
  readonly url: string;
  /** `http(s)://HOST:PORT`, what participants' links start with. */
  readonly origin: string;
  close(): Promise<void>;
}

const LIMITS = {
  /** Largest message a browser may send; a release document is far smaller. */
  maxPayloadBytes: 8 * 1024 * 1024,
  /** A connection that has not answered a ping for this long is gone (presence within 5 s). */
  pingIntervalMs: 2000,
  /** A revoked participant's socket gets a close frame; after this it is cut. */
  closeGraceMs: 300,
  /**
   * Sockets one participant may hold at once (tabs, a phone, a follower): more is refused
   * with 429, so one invite cannot make the host keep and feed a thousand connections.
   */
  maxSocketsPerParticipant: 16,
  /** A TLS handshake not done in this long is cut (Node's default: 120 s). */
  tlsHandshakeTimeoutMs: 10_000,
  /** Request headers not complete in this long: 408 and cut (Node's default: 60 s, checked every 30 s). */
  headersTimeoutMs: 10_000,
  /** A whole request (the page's files are small). */
  requestTimeoutMs: 30_000,
} as const;

/** Close codes a page can act on (4000-4999 are the application's): 4003 the invite was revoked or expired. */
export const CLOSE_CODES = { revoked: 4003 } as const;

/** setTimeout's longest delay; an invite lasts up to 30 days, so its end is awaited in steps. */
const MAX_TIMER_MS = 2_147_483_647;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Browser mode: the same services, carried over a WebSocket on 127.0.0.1 only.
 *
 * The page is served with a strict CSP; every HTTP request must name our host and
 * port (DNS rebinding), and a WebSocket must come from our own page's origin and carry
 * the per-start token. Messages are `{id, name, input}` -> `{id, result}`; events are
 * pushed as `{event}`. A terminal panel's output, input and acknowledgements are binary
 * frames tagged with its session and attachment (contract/terminal-frames.ts), exchanged
 * only with the socket that attached it.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const host = options.host ?? '127.0.0.1';
  if (!options.tls && !isLoopbackHost(host)) throw new Error(`Serving ${host} needs HTTPS: pass a certificate (off loopback War Room serves only HTTPS).`);
  const sockets = new Map<WebSocket, ParticipantIdentity>();
  const buckets = new Map<string, TokenBucket>();
  /** Open sockets per participant id (the cap). */
  const perParticipant = new Map<string, number>();
  let served: ServedNames = loopbackNames(0);
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    void serveHttp(request, response, served, options.staticDir).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  };
  // A peer that opens a connection and then dawdles (no TLS hello, headers a byte at a time:
  // slowloris) is cut within seconds, not the minutes of Node's defaults.
  const timeouts = { headersTimeout: LIMITS.headersTimeoutMs, requestTimeout: LIMITS.requestTimeoutMs, connectionsCheckingInterval: 1000 };
  const server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, handshakeTimeout: LIMITS.tlsHandshakeTimeoutMs, ...timeouts }, onRequest)
    : createServer(timeouts, onRequest);
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxPayloadBytes });
  // A page that stops answering (a laptop lid closed, a network gone) is cut at the next
  // ping, so presence shows it gone within two intervals.
  const alive = new WeakSet<WebSocket>();
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    void identify(request, served, token, options.services).then(
      (found) => {
        if ('status' in found) return reject(socket, found);
        const { identity: identified, expiresAtMs } = found;
        const participantId = identified.participantId;
        if (participantId !== undefined && (perParticipant.get(participantId) ?? 0) >= LIMITS.maxSocketsPerParticipant)
          return reject(socket, { status: 429, reason: 'Too many connections for this invite' });
        wss.handleUpgrade(request, socket, head, (ws) => {
          sockets.set(ws, identified);
          if (participantId !== undefined) {
            perParticipant.set(participantId, (perParticipant.get(participantId) ?? 0) + 1);
            ws.once('close', () => {
              const left = (perParticipant.get(participantId) ?? 1) - 1;
              if (left > 0) perParticipant.set(participantId, left);
              else perParticipant.delete(participantId);
            });
          }
          alive.add(ws);
          ws.on('pong', () => alive.add(ws));
          // A frame over maxPayload, invalid UTF-8 or a bad opcode is an 'error' on this socket
          // (ws then closes it with 1009/1007/1002): without a listener it would end the process.
          ws.on('error', () => ws.terminate());
          const bucketKey = identified.participantId ?? 'host';
          let bucket = buckets.get(bucketKey);
          if (!bucket) buckets.set(bucketKey, (bucket = new TokenBucket(PARTICIPANT_RATE.capacity, PARTICIPANT_RATE.perSecond)));
          attach(ws, options.services, identified, identified.participantId === undefined ? null : bucket);
          const end = (reason: string) => {
            ws.close(CLOSE_CODES.revoked, reason);
            setTimeout(() => ws.terminate(), LIMITS.closeGraceMs).unref();
          };
          const left = options.services.presence.join(identified, () => end('invite revoked'));
          // An invite that expires while its page is open ends that page then: an open socket
          // would otherwise go on receiving every live event of the release.
          let expiry: NodeJS.Timeout | undefined;
          const armExpiry = () => {
            const remaining = expiresAtMs - Date.now();
            if (remaining <= 0) return end('invite expired');
            expiry = setTimeout(armExpiry, Math.min(remaining, MAX_TIMER_MS));
            expiry.unref();
          };
          if (Number.isFinite(expiresAtMs)) armExpiry();
          ws.on('close', () => {
            clearTimeout(expiry);
            sockets.delete(ws);
            left();
          });
        });
      },
      () => reject(socket, { status: 500, reason: 'Cannot check the invite' }),
    );
  });
  const heartbeat = setInterval(() => {
    for (const ws of sockets.keys()) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, LIMITS.pingIntervalMs);
  heartbeat.unref();
  const unsubscribe = options.services.events.subscribe((event) => {
    // Encoded once for every socket. Terminal output is not an event: it goes to attached sockets only (attach below).
    const message = JSON.stringify({ event });
    for (const [ws, identity] of sockets) if (ws.readyState === ws.OPEN && mayReceive(identity, event)) ws.send(message);
  });
  await new Promise<void>((resolve, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const scheme = options.tls ? 'https' : 'http';
  served = {
    scheme,
    port,
    names: [...new Set([host.toLowerCase(), ...(options.tls?.names ?? []), ...(isLoopbackHost(host) ? ['127.0.0.1', 'localhost'] : [])])],
  };
  const origin = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    port,
    token,
    origin,
    url: `${origin}/#token=${token}`,
    async close() {
      clearInterval(heartbeat);
      unsubscribe();
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A participant hears only of the release of their invite (and of the workspace in general). */
function mayReceive(identity: ParticipantIdentity, event: WarRoomEvent): boolean {
  if (identity.release === undefined) return true;
  const slug = (event.payload as { slug?: unknown }).slug;
  return slug === undefined || slug === identity.release;
}

/**
 * Who opens this WebSocket, or why it is refused: the host's token is the host's own user
 * (release manager); an invite secret is that participant while the invite is active.
 */
async function identify(
  request: IncomingMessage,
  served: ServedNames,
  token: string,
  services: Services,
): Promise<{ identity: ParticipantIdentity; expiresAtMs: number } | { status: number; reason: string }> {
  if (!isAllowedHost(request.headers.host, served)) return { status: 403, reason: 'Host not allowed' };
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname !== WEBSOCKET_PATH) return { status: 404, reason: 'Not found' };
  if (!isAllowedOrigin(request.headers.origin, served)) return { status: 403, reason: 'Origin not allowed' };
  const presented = url.searchParams.get('token');
  const session = randomBytes(4).toString('hex');
  if (tokenMatches(presented, token))
    return { identity: { name: services.workspace.settings.operator, role: 'release-manager', session }, expiresAtMs: Infinity };
  if (presented) {
    const participants = await services.participants();
    const participant = participants.authenticate(presented, session);
    const expiresAt = participant?.participantId === undefined ? undefined : participants.get(participant.participantId)?.expiresAt;
    if (participant && expiresAt !== undefined) return { identity: participant, expiresAtMs: Date.parse(expiresAt) };
  }
  return { status: 401, reason: 'Token missing or wrong' };
}

function reject(socket: Duplex, refusal: { status: number; reason: string }): void {
  socket.on('error', () => socket.destroy());
  socket.end(`HTTP/1.1 ${refusal.status} ${refusal.reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

async function serveHttp(request: IncomingMessage, response: ServerResponse, served: ServedNames, staticDir: string): Promise<void> {
  if (!isAllowedHost(request.headers.host, served)) {
    response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Host not allowed');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const file = await readStaticFile(staticDir, path);
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Security-Policy': contentSecurityPolicy([...allowedOrigins(served)].map((origin) => origin.replace(/^http/, 'ws'))),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

function attach(ws: WebSocket, services: Services, participant: ParticipantIdentity, bucket: TokenBucket | null): void {
  // Terminal panels attached over this socket detach when it closes (a closed tab must not stall flow control).
  const closeListeners: (() => void)[] = [];
  /** This socket's terminal channels, by attachment: binary frames are routed here and nowhere else. */
  const channels = new Map<string, TransportEndpoint>();
  const connection: ClientConnection = {
    id: randomBytes(8).toString('hex'),
    // An invited participant is never the host: what they may type is their role's and their invite's.
    host: participant.participantId === undefined,
    ...(participant.participantId === undefined ? {} : { participant }),
    onClose: (listener) => void closeListeners.push(listener),
    terminalChannel(sessionId, attachmentId) {
      if (channels.has(attachmentId) || ws.readyState !== ws.OPEN) return undefined;
      const endpoint = transportEndpoint(sessionId, attachmentId, {
        send: (bytes) => {
          if (ws.readyState === ws.OPEN) ws.send(bytes);
        },
        close: () => channels.delete(attachmentId),
      });
      channels.set(attachmentId, endpoint);
      return endpoint;
    },
  };
  ws.once('close', () => {
    for (const endpoint of [...channels.values()]) endpoint.remoteClosed();
    channels.clear();
    for (const listener of closeListeners.splice(0)) listener();
  });
  ws.on('message', (raw, isBinary) => {
    if (isBinary) {
      const bytes = Array.isArray(raw) ? Buffer.concat(raw) : raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw;
      // Only to the channel the frame names; a frame for no channel of this socket is dropped.
      const tag = frameTag(bytes);
      if (tag) channels.get(tag.attachmentId)?.receive(bytes);
      return;
    }
    void (async () => {
      let id: unknown = null;
      try {
        // Every request frame counts against the budget before it is parsed: malformed or huge ones
        // cost the host as much as requests (their id read from the first bytes, as the page sends it).
        if (bucket && !bucket.take()) {
          const leading = /^\{"id":(\d{1,15})[,}]/.exec(Buffer.isBuffer(raw) ? raw.toString('latin1', 0, 24) : '');
          send(ws, {
            id: leading ? Number(leading[1]) : null,
            result: { ok: false, error: { code: 'rate-limited', message: `Too many requests from ${participant.name}: slow down and retry in a second.` } },
          });
          return;
        }
        const message = JSON.parse(raw.toString()) as unknown;
        if (typeof message !== 'object' || message === null || Array.isArray(message)) throw new Error('a message must be an object');
        const { id: messageId, name, input } = message as { id?: unknown; name?: unknown; input?: unknown };
        id = typeof messageId === 'number' && Number.isSafeInteger(messageId) ? messageId : null;
        if (id === null) throw new Error('a message needs a numeric id');
        // The host's own user is named by the workspace's setting (renamed at any time); a participant by their invite.
        const actor = participant.participantId === undefined ? services.workspace.settings.operator : formatActor(participant);
        const caller = participant.participantId === undefined ? { ...participant, name: actor } : participant;
        const result = await dispatch(services, name, input, { actor, participant: caller, transport: 'websocket', connection });
        // A page of journal lines goes as its bytes in one binary frame, not base64 in JSON (a follower's catch-up is tens of MB).
        if (name === 'journal.since' && result.ok) {
          if (ws.readyState === ws.OPEN) ws.send(encodeJournalPageFrame(messageId as number, result.value as JournalSincePage));
        } else send(ws, { id, result });
      } catch (error) {
        send(ws, {
          id,
          result: { ok: false, error: { code: 'invalid-request', message: `Malformed message: ${error instanceof Error ? error.message : String(error)}` } },
        });
      }
    })();
  });
}

function send(ws: WebSocket, message: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}
