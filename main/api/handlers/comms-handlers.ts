import type { commsRequests } from '../../../contract/requests/comms-requests';
import { approveMessage, composeMessages } from '../../core/comms/comms-commands';
import { COMMS_EVENTS } from '../../../contract/domain/comms/comms-model';
import { commsRedactor } from '../../core/comms/comms-redaction';
import { channelView } from '../../core/comms/channel-settings';
import type { Channel } from '../../../contract/domain/comms/comms-schemas';
import { WarRoomError } from '../../../contract/domain/errors';
import type { HandlerGroup } from '../handler-types';
import type { Services } from '../services';

async function chosen(services: Services, ids: readonly string[]): Promise<Channel[]> {
  const channels = await services.comms.channels();
  return ids.map((id) => {
    const channel = channels.find((candidate) => candidate.id === id);
    if (!channel) throw new WarRoomError('not-found', `There is no channel ${id} in this workspace's comms-channels.json.`, [{ field: 'channels' }]);
    return channel;
  });
}

export const commsHandlers: HandlerGroup<keyof typeof commsRequests> = {
  'comms.channels': async (_input, services) => (await services.comms.channels()).map(channelView),
  'comms.channels-save': async ({ channels }, services) => (await services.comms.save(channels, new Date().toISOString())).map(channelView),
  'comms.preview': async ({ slug, params, channels }, services) => {
    const release = await services.release(slug);
    const redact = commsRedactor(release.dir, release.state);
    const messages = composeMessages(release.state, params, await chosen(services, channels), redact, new Date().toISOString());
    return { messages, masked: redact.masked() };
  },
  'comms.approve': async ({ slug, params, channels }, services, context) => {
    const release = await services.release(slug);
    const list = await chosen(services, channels);
    await services.comms.outbox(release);
    const events = await release.execute(context.actor, (state, ctx) =>
      approveMessage(
        state,
        { params, channels: list, key: services.comms.newKey(slug, `MSG-${state.comms.nextMessage}`) },
        commsRedactor(release.dir, state),
        ctx,
      ),
    );
    const data = events.find((event) => event.type === COMMS_EVENTS.approved)!.data as { id: string; key: string };
    return { id: data.id, key: data.key };
  },
  'comms.outbox': async ({ slug }, services) => {
    const release = await services.release(slug);
    const outbox = await services.comms.outbox(release);
    return {
      waiting: outbox.entries(),
      sent: [...release.state.comms.messages].reverse().map((message) => ({
        id: message.id,
        key: message.key,
        template: message.template,
        subject: message.messages[0]?.subject ?? '',
        approvedBy: message.approvedBy,
        approvedAt: message.approvedAt,
        trigger: message.trigger ?? null,
        channels: message.messages.map((content) => ({ channel: content.channel, deliveredAt: message.delivered[content.channel]?.at ?? null })),
      })),
    };
  },
};
