import QRCode from 'qrcode';
import type { InviteResult, ParticipantIdentity } from '../../../contract/participants';
import { expiresInMs } from '../../../contract/requests/participant-requests';
import { WarRoomError } from '../../../contract/domain/errors';
import type { HandlerGroup } from '../handler-types';
import type { CallContext, Services } from '../services';

/** Journal event types of invites (never the secret, never its hash). */
export const PARTICIPANT_EVENTS = { invited: 'participant.invited', revoked: 'participant.revoked' } as const;

/** The caller as an identity: the host's own user when no participant is attached (desktop, CLI). */
export function callerOf(services: Services, context: CallContext): ParticipantIdentity {
  return context.participant ?? { name: services.workspace.settings.operator, role: 'release-manager', session: 'host' };
}

/** The personal link: the secret and the fingerprint in the fragment, never sent to the server in a request line. */
export function inviteLink(origin: string, secret: string, fingerprint: string | null): string {
  const fragment = new URLSearchParams({ invite: secret });
  if (fingerprint) fragment.set('fp', fingerprint);
  return `${origin}/#${fragment.toString()}`;
}

export async function qrDataUrl(link: string): Promise<string> {
  const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

export const participantHandlers: HandlerGroup<
  'participant.invite' | 'participant.list' | 'participant.revoke' | 'share.info' | 'presence.list' | 'presence.report'
> = {
  'participant.invite': async (input, services, context) => {
    const origin = services.hosting.origin;
    if (origin === null) {
      throw new WarRoomError('refused', 'This War Room is not hosting: start it with `warroom web --listen HOST:PORT` to invite people.');
    }
    const release = await services.release(input.slug);
    const participants = await services.participants();
    const { participant, secret } = await participants.invite({
      release: input.slug,
      name: input.name,
      role: input.role,
      expiresInMs: expiresInMs(input.expiresIn)!,
      terminalTargets: input.terminalTargets,
      createdBy: callerOf(services, context).name,
      ...(context.participant?.participantId === undefined ? {} : { invitedBy: context.participant.participantId }),
    });
    await release.execute(context.actor, () => [
      {
        type: PARTICIPANT_EVENTS.invited,
        data: {
          participantId: participant.id,
          name: participant.name,
          role: participant.role,
          expiresAt: participant.expiresAt,
          terminalTargets: participant.terminalTargets,
        },
      },
    ]);
    services.events.publish({ type: 'participants.changed', payload: {} });
    const link = inviteLink(origin, secret, services.hosting.fingerprint);
    const result: InviteResult = { participant, link, fingerprint: services.hosting.fingerprint, qrDataUrl: await qrDataUrl(link) };
    return result;
  },
  'participant.list': async (input, services, context) => (await services.participants()).list(context.participant?.release ?? input.slug),
  'participant.revoke': async (input, services, context) => {
    const participants = await services.participants();
    const existing = participants.get(input.id);
    if (!existing || (context.participant?.release !== undefined && existing.release !== context.participant.release)) {
      throw new WarRoomError('not-found', `No participant ${input.id} in this workspace.`, [{ field: 'id' }]);
    }
    const wasActive = existing.revokedAt === null;
    const { also, ...revoked } = await participants.revoke(input.id);
    // Their connections close now (and those of the people they invited); a page that reconnects with the same secret is refused.
    for (const ended of [revoked, ...also]) services.presence.disconnect(ended.id);
    const journaled = [...(wasActive ? [revoked] : []), ...also];
    for (const ended of journaled) {
      const release = await services.release(ended.release);
      await release.execute(context.actor, () => [{ type: PARTICIPANT_EVENTS.revoked, data: { participantId: ended.id, name: ended.name, role: ended.role } }]);
    }
    services.events.publish({ type: 'participants.changed', payload: {} });
    return revoked;
  },
  'share.info': async (_input, services, context) => ({
    origin: services.hosting.origin,
    fingerprint: services.hosting.fingerprint,
    you: callerOf(services, context),
  }),
  'presence.list': async (_input, services, context) => services.presence.list(context.participant),
  'presence.report': async (input, services, context) => {
    if (context.participant) services.presence.report(context.participant.session, input.view, input.release);
    return null;
  },
};
