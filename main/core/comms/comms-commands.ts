import type { CommandContext, DomainEvent } from '../../../contract/domain/release/domain-event';
import type { ReleaseState } from '../release/release-state';
import { WarRoomError } from '../../../contract/domain/errors';
import { COMMS_EVENTS, type ChannelMessage } from '../../../contract/domain/comms/comms-model';
import { messageApprovedDataSchema, type Channel, type TemplateParams } from '../../../contract/domain/comms/comms-schemas';
import type { CommsRedactor } from './comms-redaction';
import { fillTemplate } from './status-templates';

/** The zones an audience reads times in: the channel's own, else the release's and UTC. */
export function audienceZones(channel: Channel, state: ReleaseState): string[] {
  if (channel.zones.length > 0) return [...channel.zones];
  return [...new Set([state.meta?.zone ?? 'UTC', ...state.schedule.pods.map((pod) => pod.zone), 'UTC'])];
}

/** Fill and redact a status update for each chosen channel: what the preview shows and what approval journals. */
export function composeMessages(
  state: ReleaseState,
  params: TemplateParams,
  channels: readonly Channel[],
  redact: CommsRedactor,
  at: string,
): ChannelMessage[] {
  return channels.map((channel) => {
    const filled = fillTemplate(params, { state, zones: audienceZones(channel, state), at });
    return {
      channel: channel.id,
      subject: redact(filled.subject, `${channel.id} subject`),
      text: redact(filled.text, `${channel.id} text`),
    };
  });
}

/**
 * Approve a status update: one `comms.message-approved` event holding the redacted text
 * per channel and the idempotency key. From then on it is in the outbox until each
 * channel accepts it.
 */
export function approveMessage(
  state: ReleaseState,
  input: { readonly params: TemplateParams; readonly channels: readonly Channel[]; readonly key: string; readonly trigger?: string },
  redact: CommsRedactor,
  context: CommandContext,
): DomainEvent[] {
  if (input.channels.length === 0) throw new WarRoomError('invalid-input', 'Choose at least one channel for the update.', [{ field: 'channels' }]);
  const messages = composeMessages(state, input.params, input.channels, redact, context.now);
  const data = messageApprovedDataSchema.parse({
    id: `MSG-${state.comms.nextMessage}`,
    key: input.key,
    template: input.params.template,
    messages,
    ...(input.trigger ? { trigger: input.trigger } : {}),
  });
  return [{ type: COMMS_EVENTS.approved, data }];
}
