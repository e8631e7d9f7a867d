import { isAbsolute, join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { replaceDurably } from '../support/durable-files';
import type { Channel } from '../../../contract/domain/comms/comms-schemas';

/** What the outbox hands a channel: the text, and the key that lets the receiver recognise a retry. */
export interface OutgoingMessage {
  readonly key: string;
  readonly subject: string;
  readonly text: string;
}

export type SendResult = { readonly ok: true; readonly response: string } | { readonly ok: false; readonly error: string; readonly retryAfterMs?: number };

/** Send one message to one channel; never throws (a failure is a result the outbox retries). */
export type Sender = (
  channel: Channel,
  message: OutgoingMessage,
  context: { readonly renderStatusPage: () => string; readonly releaseDir: string },
) => Promise<SendResult>;

const TUNING = {
  /** A webhook that neither answers nor fails is given up on after this long, and retried later. */
  webhookTimeoutMs: 10_000,
  /** The same for each step of an SMTP session (connect, greeting, each command). */
  smtpTimeoutMs: 10_000,
  /** The longest Retry-After honoured: a server asking for more is asked again after this. */
  maxRetryAfterMs: 5 * 60_000,
} as const;

/** The Message-ID of an email: derived from the key, so a resent email is the same email to the receiver. */
export function messageIdOf(key: string, channel: string): string {
  return `<${key}.${channel}@warroom.invalid>`;
}

/** The JSON body of an incoming webhook: Slack reads `text`; Teams reads a MessageCard's title and text. */
export function webhookPayload(kind: 'slack' | 'teams', message: OutgoingMessage): unknown {
  if (kind === 'slack') return { text: `*${message.subject}*\n${message.text}` };
  return { '@type': 'MessageCard', '@context': 'https://schema.org/extensions', summary: message.subject, title: message.subject, text: message.text };
}

/**
 * The senders of the real channels: Slack and Teams incoming webhooks (HTTP POST of
 * JSON with an Idempotency-Key header), email through nodemailer's SMTP transport, and
 * the static status page written durably to a file.
 */
export function createSenders(options: { readonly webhookTimeoutMs?: number } = {}): { send: Sender; close(): void } {
  const webhookTimeoutMs = options.webhookTimeoutMs ?? TUNING.webhookTimeoutMs;
  const transports = new Map<string, { transport: Transporter; config: string }>();
  const transportOf = (channel: Extract<Channel, { kind: 'email' }>) => {
    const config = JSON.stringify(channel.smtp);
    const known = transports.get(channel.id);
    if (known && known.config === config) return known.transport;
    known?.transport.close();
    const transport = nodemailer.createTransport({
      host: channel.smtp.host,
      port: channel.smtp.port,
      secure: channel.smtp.secure,
      ...(channel.smtp.user ? { auth: { user: channel.smtp.user, pass: channel.smtp.password ?? '' } } : {}),
      connectionTimeout: TUNING.smtpTimeoutMs,
      greetingTimeout: TUNING.smtpTimeoutMs,
      socketTimeout: TUNING.smtpTimeoutMs,
    });
    transports.set(channel.id, { transport, config });
    return transport;
  };

  const send: Sender = async (channel, message, context) => {
    try {
      switch (channel.kind) {
        case 'slack':
        case 'teams': {
          const response = await fetch(channel.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': message.key },
            body: JSON.stringify(webhookPayload(channel.kind, message)),
            signal: AbortSignal.timeout(webhookTimeoutMs),
          });
          await response.arrayBuffer().catch(() => undefined);
          if (response.ok) return { ok: true, response: `HTTP ${response.status}` };
          const retryAfter = Number(response.headers.get('retry-after'));
          return {
            ok: false,
            error: `${channel.name} answered HTTP ${response.status}${response.status === 429 ? ' (rate limited)' : ''}`,
            ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: Math.min(retryAfter * 1000, TUNING.maxRetryAfterMs) } : {}),
          };
        }
        case 'email': {
          const info = await transportOf(channel).sendMail({
            from: channel.from,
            to: channel.to,
            subject: message.subject,
            text: message.text,
            messageId: messageIdOf(message.key, channel.id),
            headers: { 'X-Warroom-Key': message.key },
          });
          return { ok: true, response: String(info.response).slice(0, 200) };
        }
        case 'status-page': {
          const file = isAbsolute(channel.file) ? channel.file : join(context.releaseDir, channel.file);
          await mkdir(dirname(file), { recursive: true });
          await replaceDurably(file, context.renderStatusPage());
          return { ok: true, response: `written ${file}` };
        }
      }
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const text = error instanceof Error ? (error.name === 'TimeoutError' ? 'no answer in time' : error.message) : String(error);
      return { ok: false, error: `${channel.name}: ${text}${cause ? ` (${cause})` : ''}` };
    }
  };
  return {
    send,
    close() {
      for (const { transport } of transports.values()) transport.close();
      transports.clear();
    },
  };
}
