import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';
import { channelInputSchema, templateParamsSchema } from '../domain/comms/comms-schemas';
import type { ChannelKind, ChannelMessage, StatusTemplate } from '../domain/comms/comms-model';
import type { OutboxEntry } from '../domain/comms/comms-model';

export type { StatusTemplate, ChannelKind, ChannelMessage } from '../domain/comms/comms-model';
export type { OutboxEntry } from '../domain/comms/comms-model';

/** A channel as the UI sees it: no webhook URL, no SMTP password (those stay in the workspace's file). */
export interface ChannelView {
  readonly id: string;
  readonly kind: ChannelKind;
  readonly name: string;
  /** Where it goes, without secrets: "email to 2 recipients", "webhook at hooks.slack.com", "status/index.html". */
  readonly target: string;
  readonly zones: readonly string[];
  /** Templates sent to it without a person approving each message. */
  readonly auto: readonly StatusTemplate[];
  /** Whether its secret (webhook URL, SMTP password) is stored; the secret itself never leaves main. */
  readonly secretSet: boolean;
  /** What the settings form edits, without secrets. */
  readonly settings: ChannelSettingsView;
}

/** The editable, non-secret fields of a channel. */
export type ChannelSettingsView =
  | { readonly kind: 'slack' | 'teams' }
  | {
      readonly kind: 'email';
      readonly host: string;
      readonly port: number;
      readonly secure: boolean;
      readonly user: string;
      readonly from: string;
      readonly to: readonly string[];
    }
  | { readonly kind: 'status-page'; readonly file: string };

export interface CommsPreview {
  readonly messages: readonly ChannelMessage[];
  /** Secrets masked by the release's redaction rules. */
  readonly masked: number;
}

export interface SentUpdate {
  readonly id: string;
  readonly key: string;
  readonly template: StatusTemplate;
  readonly subject: string;
  readonly approvedBy: string;
  readonly approvedAt: string;
  /** The moment it announced, when it was sent automatically. */
  readonly trigger: string | null;
  readonly channels: readonly { readonly channel: string; readonly deliveredAt: string | null }[];
}

export interface OutboxView {
  readonly waiting: readonly OutboxEntry[];
  readonly sent: readonly SentUpdate[];
}

const channelIds = z
  .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/))
  .min(1, 'choose at least one channel')
  .max(50);

/** Status updates: channels, preview, approval (which journals the update and puts it in the outbox), the outbox. */
export const commsRequests = {
  'comms.channels': request<readonly ChannelView[]>()(z.object({}).strict()),
  'comms.preview': request<CommsPreview>()(z.object({ slug: slugSchema, params: templateParamsSchema, channels: channelIds }).strict()),
  /** Approve an update as previewed: journaled with its idempotency key, then sent by the outbox. */
  'comms.approve': request<{ readonly id: string; readonly key: string }>()(
    z.object({ slug: slugSchema, params: templateParamsSchema, channels: channelIds }).strict(),
  ),
  'comms.outbox': request<OutboxView>()(z.object({ slug: slugSchema }).strict()),
  /** Replace the workspace's channels; secrets left out are kept, never sent back. */
  'comms.channels-save': request<readonly ChannelView[]>()(
    z
      .object({ channels: z.array(channelInputSchema).max(50) })
      .strict()
      .superRefine((input, context) => {
        const seen = new Set<string>();
        input.channels.forEach((channel, index) => {
          if (seen.has(channel.id)) context.addIssue({ code: 'custom', path: ['channels', index, 'id'], message: `channel id ${channel.id} is used twice` });
          seen.add(channel.id);
        });
      }),
  ),
};
