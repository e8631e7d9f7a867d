import { WarRoomError } from '../../../contract/domain/errors';
import { RedactionLimits } from '../../../contract/domain/redaction/redaction-settings';
import { channelsSchema, type Channel, type ChannelInput } from '../../../contract/domain/comms/comms-schemas';
import type { ChannelView } from '../../../contract/requests/comms-requests';

/**
 * Merge what the settings form sent with the stored channels. Secrets are write-only: a
 * webhook URL or SMTP password left out keeps the stored one of the same channel and kind;
 * a new channel (or one whose kind changed) must carry its webhook URL. A template newly
 * opted in to automatic sending is stamped `now`: only moments after it are announced.
 */
export function mergeChannels(stored: readonly Channel[], input: readonly ChannelInput[], now: string): Channel[] {
  const merged = input.map((channel, index): unknown => {
    const before = stored.find((candidate) => candidate.id === channel.id && candidate.kind === channel.kind);
    const auto = channel.auto.map((template) => ({ template, since: before?.auto.find((entry) => entry.template === template)?.since ?? now }));
    if (channel.kind === 'slack' || channel.kind === 'teams') {
      const url = channel.url ?? (before && 'url' in before ? before.url : undefined);
      if (!url)
        throw new WarRoomError('invalid-input', `Channel ${channel.id}: a ${channel.kind} channel needs its webhook URL.`, [
          { field: `channels.${index}.url` },
        ]);
      return { ...channel, url, auto };
    }
    if (channel.kind === 'email') {
      const password = channel.smtp.password ?? (before && before.kind === 'email' ? before.smtp.password : undefined);
      return { ...channel, smtp: { ...channel.smtp, ...(password ? { password } : {}) }, auto };
    }
    return { ...channel, auto };
  });
  const parsed = channelsSchema.safeParse(merged);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new WarRoomError('invalid-input', `channels.${first.path.join('.')}: ${first.message}`, [{ field: `channels.${first.path.join('.')}` }]);
  }
  return parsed.data;
}

/**
 * The secrets of a channel, to be masked wherever the workspace's redaction reaches
 * (reports, bundles, terminals, status updates): a webhook URL whole and its path (the
 * token), an SMTP password. Shorter than a literal may be, they cannot be masked by text.
 */
export function secretsOf(channel: Channel): string[] {
  const secrets: string[] = [];
  if (channel.kind === 'slack' || channel.kind === 'teams') {
    secrets.push(channel.url);
    const url = new URL(channel.url);
    const path = `${url.pathname}${url.search}`;
    if (path.length > 1) secrets.push(path.replace(/^\//, ''));
  }
  if (channel.kind === 'email' && channel.smtp.password) secrets.push(channel.smtp.password);
  return secrets.filter((secret) => secret.length >= RedactionLimits.MinLiteralLength);
}

/** A channel as the UI sees it: where it goes and what can be edited, never a secret. */
export function channelView(channel: Channel): ChannelView {
  const base = { id: channel.id, kind: channel.kind, name: channel.name, zones: channel.zones, auto: channel.auto.map((entry) => entry.template) };
  switch (channel.kind) {
    case 'email':
      return {
        ...base,
        target: `email to ${channel.to.length} recipient${channel.to.length === 1 ? '' : 's'}`,
        secretSet: Boolean(channel.smtp.password),
        settings: {
          kind: 'email',
          host: channel.smtp.host,
          port: channel.smtp.port,
          secure: channel.smtp.secure,
          user: channel.smtp.user ?? '',
          from: channel.from,
          to: channel.to,
        },
      };
    case 'status-page':
      return { ...base, target: channel.file, secretSet: false, settings: { kind: 'status-page', file: channel.file } };
    default:
      return { ...base, target: `webhook at ${new URL(channel.url).host}`, secretSet: true, settings: { kind: channel.kind } };
  }
}
