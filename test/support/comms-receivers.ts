import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** How the webhook receiver answers the next requests: as a healthy channel, or as one in trouble. */
export type WebhookMode = 'ok' | 'refuse' | 'stall' | '429' | '500';

const TROUBLE: readonly WebhookMode[] = ['refuse', 'stall', '429', '500'];

export interface WebhookReceiver {
  readonly url: string;
  /** Every request that arrived with a body, in order (duplicates included). */
  readonly requests: { readonly key: string; readonly body: unknown; readonly accepted: boolean }[];
  /** Bodies accepted, by idempotency key: what a receiver that dedups by key shows. */
  readonly byKey: Map<string, unknown>;
  mode: WebhookMode;
  /** Share of requests (0..1) answered with a random kind of trouble, whatever the mode: a flaky channel. */
  chaos: number;
  /** Modes for the next requests, one each, taken before `mode`: a scripted outage that does not depend on timing. */
  script: WebhookMode[];
  close(): Promise<void>;
}

/**
 * An incoming-webhook receiver on loopback speaking what Slack and Teams speak (HTTP POST
 * of JSON), which can refuse connections, stall, or answer 429 and 500 like a channel
 * during an outage. It dedups by the Idempotency-Key header, as the outbox expects.
 */
export async function startWebhookReceiver(path = '/hooks/release'): Promise<WebhookReceiver> {
  const sockets = new Set<Socket>();
  const receiver: WebhookReceiver = {
    url: '',
    requests: [],
    byKey: new Map(),
    mode: 'ok',
    chaos: 0,
    script: [],
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const currentMode = (): WebhookMode => {
    const scripted = receiver.script.shift();
    if (scripted !== undefined) return scripted;
    if (receiver.chaos > 0 && Math.random() < receiver.chaos) return TROUBLE[Math.floor(Math.random() * TROUBLE.length)]!;
    return receiver.mode;
  };
  const server: Server = createServer((request: IncomingMessage, response) => {
    const mode = currentMode();
    if (mode === 'refuse') {
      request.socket.destroy();
      return;
    }
    if (mode === 'stall') return; // never answers: the sender must time out
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== path || request.headers['content-type'] !== 'application/json') {
        response.writeHead(400).end('expected a POST of JSON');
        return;
      }
      const key = String(request.headers['idempotency-key'] ?? '');
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (mode === '429') {
        receiver.requests.push({ key, body, accepted: false });
        response.writeHead(429, { 'retry-after': '1' }).end('slow down');
        return;
      }
      if (mode === '500') {
        receiver.requests.push({ key, body, accepted: false });
        response.writeHead(500).end('oops');
        return;
      }
      receiver.requests.push({ key, body, accepted: true });
      if (!receiver.byKey.has(key)) receiver.byKey.set(key, body);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (receiver as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return receiver;
}

/** One email as it arrived: the raw message, its headers (unfolded, lower-case names) and body. */
export interface ArrivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

export interface SmtpReceiver {
  readonly port: number;
  readonly mails: ArrivedMail[];
  /** Mails by Message-ID, the first of each: what a mail system that dedups by Message-ID shows. */
  readonly byMessageId: Map<string, ArrivedMail>;
  /** Refuse the next this many messages with a temporary failure (451). */
  refuseNext: number;
  /** Share of messages (0..1) refused with a 451 at random: a flaky mail server. */
  chaos: number;
  close(): Promise<void>;
}

/** A real SMTP server (the npm smtp-server) on loopback, keeping what arrives. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const receiver: SmtpReceiver = {
    port: 0,
    mails: [],
    byMessageId: new Map(),
    refuseNext: 0,
    chaos: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const flaky = receiver.chaos > 0 && Math.random() < receiver.chaos;
        if (receiver.refuseNext > 0 || flaky) {
          if (!flaky) receiver.refuseNext -= 1;
          const error = new Error('try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const split = raw.indexOf('\r\n\r\n');
        const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
        const headers = new Map<string, string>();
        for (const line of headerText.split('\r\n')) {
          const colon = line.indexOf(':');
          headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
        }
        const mail: ArrivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          headers,
          body: raw.slice(split + 4),
        };
        receiver.mails.push(mail);
        const id = headers.get('message-id') ?? '';
        if (!receiver.byMessageId.has(id)) receiver.byMessageId.set(id, mail);
        callback();
      });
    },
  });
  // A client killed mid-session resets its connection: that is the sender's crash, not the server's.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (receiver as { port: number }).port = (server.server.address() as AddressInfo).port;
  return receiver;
}

/** Decode an RFC 2047 header value (=?UTF-8?Q?...?= / =?UTF-8?B?...?=), as a mail client shows it. */
export function decodeHeader(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_match, _charset: string, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** Decode a body by its Content-Transfer-Encoding (quoted-printable, base64, 7bit). */
export function decodeBody(mail: ArrivedMail): string {
  const encoding = (mail.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(mail.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = mail.body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_hex, code: string) => String.fromCharCode(parseInt(code, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return mail.body;
}
