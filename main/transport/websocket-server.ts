import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WEBSOCKET_PATH } from '../../contract/channels';
import { frameTag } from '../../contract/terminal-frames';
import { dispatch } from '../api/dispatch';
import type { Services } from '../api/services';
import type { ClientConnection } from '../api/client-connection';
import { transportEndpoint, type TransportEndpoint } from './terminal-endpoint';
import { isAllowedHost, isAllowedOrigin, tokenMatches } from './browser-guard';
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
}

export interface BrowserServer {
  readonly port: number;
  readonly token: string;
  /** The address to open, token in the fragment (never sent to the server in requests or referrers). */
  readonly url: string;
  close(): Promise<void>;
}

const LIMITS = {
  /** Largest message a browser may send; a release document is far smaller. */
  maxPayloadBytes: 8 * 1024 * 1024,
} as const;

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
  const sockets = new Set<WebSocket>();
  let port = 0;
  const server = createServer((request, response) => {
    void serveHttp(request, response, port, options.staticDir).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxPayloadBytes });
  server.on('upgrade', (request, socket, head) => {
    const refusal = refuseUpgrade(request, port, token);
    if (refusal) return reject(socket, refusal);
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      // A frame over maxPayload, invalid UTF-8 or a bad opcode is an 'error' on this socket
      // (ws then closes it with 1009/1007/1002): without a listener it would end the process.
      ws.on('error', () => ws.terminate());
      attach(ws, options.services);
      ws.on('close', () => sockets.delete(ws));
    });
  });
  const unsubscribe = options.services.events.subscribe((event) => {
    // Encoded once for every socket. Terminal output is not an event: it goes to attached sockets only (attach below).
    const message = JSON.stringify({ event });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(message);
  });
  await new Promise<void>((resolve, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Why an upgrade is refused, or null when it may proceed. */
function refuseUpgrade(request: IncomingMessage, port: number, token: string): { status: number; reason: string } | null {
  if (!isAllowedHost(request.headers.host, port)) return { status: 403, reason: 'Host not allowed' };
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
  if (url.pathname !== WEBSOCKET_PATH) return { status: 404, reason: 'Not found' };
  if (!isAllowedOrigin(request.headers.origin, port)) return { status: 403, reason: 'Origin not allowed' };
  if (!tokenMatches(url.searchParams.get('token'), token)) return { status: 401, reason: 'Token missing or wrong' };
  return null;
}

function reject(socket: Duplex, refusal: { status: number; reason: string }): void {
  socket.on('error', () => socket.destroy());
  socket.end(`HTTP/1.1 ${refusal.status} ${refusal.reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

async function serveHttp(request: IncomingMessage, response: ServerResponse, port: number, staticDir: string): Promise<void> {
  if (!isAllowedHost(request.headers.host, port)) {
    response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Host not allowed');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const path = new URL(request.url ?? '/', `http://127.0.0.1:${port}`).pathname;
  const file = await readStaticFile(staticDir, path);
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Security-Policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

function attach(ws: WebSocket, services: Services): void {
  // Terminal panels attached over this socket detach when it closes (a closed tab must not stall flow control).
  const closeListeners: (() => void)[] = [];
  /** This socket's terminal channels, by attachment: binary frames are routed here and nowhere else. */
  const channels = new Map<string, TransportEndpoint>();
  const connection: ClientConnection = {
    id: randomBytes(8).toString('hex'),
    host: true,
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
        const message = JSON.parse(raw.toString()) as unknown;
        if (typeof message !== 'object' || message === null || Array.isArray(message)) throw new Error('a message must be an object');
        const { id: messageId, name, input } = message as { id?: unknown; name?: unknown; input?: unknown };
        id = typeof messageId === 'number' && Number.isSafeInteger(messageId) ? messageId : null;
        if (id === null) throw new Error('a message needs a numeric id');
        const result = await dispatch(services, name, input, { actor: services.workspace.settings.operator, transport: 'websocket', connection });
        send(ws, { id, result });
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
