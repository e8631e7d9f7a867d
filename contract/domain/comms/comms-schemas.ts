import { z } from 'zod';
import { AUTO_TEMPLATES, CHANNEL_KINDS, STATUS_TEMPLATES } from './comms-model';

const note = z.string().trim().max(2000).default('');
const incident = z.string().regex(/^INC-\d+$/, 'must be an incident id like INC-1');

/** What each template needs besides what the release already knows. */
export const templateParamsSchema = z.discriminatedUnion('template', [
  z.object({ template: z.literal('go-no-go'), outcome: z.enum(['go', 'no-go']).optional(), note }).strict(),
  z.object({ template: z.literal('window-started'), note }).strict(),
  z.object({ template: z.literal('step-done'), number: z.number().int().min(1).max(10_000), step: z.string().trim().min(1).max(300), note }).strict(),
  z.object({ template: z.literal('rollback-started'), reason: z.string().trim().min(1, 'a rollback update says why').max(2000), note }).strict(),
  z.object({ template: z.literal('release-done'), note }).strict(),
  z.object({ template: z.literal('incident-opened'), incident, note }).strict(),
  z.object({ template: z.literal('incident-mitigated'), incident, note }).strict(),
  z.object({ template: z.literal('incident-resolved'), incident, note }).strict(),
  z
    .object({
      template: z.literal('sla-breach'),
      issue: z.string().regex(/^ISS-\d+$/, 'must be an issue id like ISS-2'),
      note,
    })
    .strict(),
]);
export type TemplateParams = z.output<typeof templateParamsSchema>;
export const statusTemplateSchema = z.enum(STATUS_TEMPLATES);

const channelId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes');
const zones = z.array(z.string().min(1).max(64)).max(6).default([]);
/**
 * Templates this channel is sent without a human approving each message (opt-in), and
 * since when: only moments after `since` are announced, so opting in never floods a
 * channel with the release's past.
 */
const auto = z
  .array(z.object({ template: statusTemplateSchema, since: z.iso.datetime({ offset: true }) }).strict())
  .max(STATUS_TEMPLATES.length)
  .default([]);

/**
 * A channel of the workspace. Webhook URLs and SMTP settings are secrets of the
 * workspace: they live in its comms-channels.json, never in a journal.
 */
export const channelSchema = z.discriminatedUnion('kind', [
  z.object({ id: channelId, kind: z.enum(['slack', 'teams']), name: z.string().trim().min(1).max(80), url: z.url(), zones, auto }).strict(),
  z
    .object({
      id: channelId,
      kind: z.literal('email'),
      name: z.string().trim().min(1).max(80),
      smtp: z
        .object({
          host: z.string().min(1).max(255),
          port: z.number().int().min(1).max(65_535),
          secure: z.boolean().default(false),
          user: z.string().max(255).optional(),
          password: z.string().max(1000).optional(),
        })
        .strict(),
      from: z.string().min(3).max(320),
      to: z.array(z.string().min(3).max(320)).min(1).max(200),
      zones,
      auto,
    })
    .strict(),
  z
    .object({
      id: channelId,
      kind: z.literal('status-page'),
      name: z.string().trim().min(1).max(80),
      /** Where the page is written; relative paths are inside the release folder. */
      file: z.string().min(1).max(1000).default('status/index.html'),
      zones,
      auto,
    })
    .strict(),
]);
export type Channel = z.output<typeof channelSchema>;
export const channelsSchema = z
  .array(channelSchema)
  .max(50)
  .superRefine((channels, context) => {
    const seen = new Set<string>();
    channels.forEach((channel, index) => {
      if (seen.has(channel.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `channel id ${channel.id} is used twice` });
      seen.add(channel.id);
    });
  });

export const CHANNEL_KIND_VALUES = CHANNEL_KINDS;

export const messageApprovedDataSchema = z
  .object({
    id: z.string().regex(/^MSG-\d+$/),
    key: z.string().min(8).max(200),
    template: statusTemplateSchema,
    messages: z.array(z.object({ channel: channelId, subject: z.string().max(500), text: z.string().max(20_000) }).strict()).min(1),
    /** Set when the message was sent automatically: the moment it announces (one message per moment). */
    trigger: z.string().min(1).max(200).optional(),
  })
  .strict();
export const messageDeliveredDataSchema = z.object({ id: z.string().regex(/^MSG-\d+$/), channel: channelId, response: z.string().max(500) }).strict();

/**
 * A channel as the settings form sends it. Secrets are write-only: a webhook URL or SMTP
 * password left out keeps the one stored for that channel (the form never receives it to
 * send back); a new channel must carry its secret. Templates sent automatically are named
 * only; main stamps when each was opted in.
 */
const autoTemplates = z
  .array(z.enum(AUTO_TEMPLATES, { message: `must be one of ${AUTO_TEMPLATES.join(', ')}` }))
  .max(AUTO_TEMPLATES.length)
  .default([]);
export const channelInputSchema = z.discriminatedUnion('kind', [
  z
    .object({ id: channelId, kind: z.enum(['slack', 'teams']), name: z.string().trim().min(1).max(80), url: z.url().optional(), zones, auto: autoTemplates })
    .strict(),
  z
    .object({
      id: channelId,
      kind: z.literal('email'),
      name: z.string().trim().min(1).max(80),
      smtp: z
        .object({
          host: z.string().min(1).max(255),
          port: z.number().int().min(1).max(65_535),
          secure: z.boolean().default(false),
          user: z.string().max(255).optional(),
          password: z.string().max(1000).optional(),
        })
        .strict(),
      from: z.string().min(3).max(320),
      to: z.array(z.string().min(3).max(320)).min(1).max(200),
      zones,
      auto: autoTemplates,
    })
    .strict(),
  z
    .object({
      id: channelId,
      kind: z.literal('status-page'),
      name: z.string().trim().min(1).max(80),
      file: z.string().min(1).max(1000).default('status/index.html'),
      zones,
      auto: autoTemplates,
    })
    .strict(),
]);
export type ChannelInput = z.output<typeof channelInputSchema>;
