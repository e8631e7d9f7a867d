/**
 * The follow-back credential: what a follower gives its host so that, after a handover,
 * the old host can follow the new one.
 *
 * It used to be the follower's own link, token and all (full control of the follower's
 * workspace). Now it is an invite minted for the purpose: observer, scoped to the one
 * release, `followOnly` (it may ask journal.since and follow.hello of that release and
 * nothing else, authorize.ts), kept only as a hash in participants.json (0600), expiring,
 * revocable in the Share dialog, and revoked when following stops. It is not journaled:
 * the replica journals nothing of its own (that would fork the chain).
 */
import { MAX_INVITE_MS } from '../../contract/requests/participant-requests';
import { inviteLink } from './handlers/participant-handlers';
import type { Services } from './services';

/** The name the credential goes by: its host, as the follower knows it. */
export function followBackName(hostOrigin: string): string {
  return `follow-back ${new URL(hostOrigin).host}`.slice(0, 80);
}

/**
 * Mint a follow-back credential for `slug` (revoking earlier ones of the release: one at a
 * time) and return the link the host may follow this War Room back with, served at
 * `selfOrigin` (with its certificate's fingerprint when https).
 */
export async function mintFollowBackLink(
  services: Services,
  options: { readonly slug: string; readonly hostOrigin: string; readonly selfOrigin: string; readonly fingerprint: string | null },
): Promise<string> {
  await revokeFollowBack(services, options.slug);
  const participants = await services.participants();
  const { secret } = await participants.invite({
    release: options.slug,
    name: followBackName(options.hostOrigin),
    role: 'observer',
    expiresInMs: MAX_INVITE_MS,
    terminalTargets: [],
    createdBy: services.workspace.settings.operator,
    followOnly: true,
  });
  services.events.publish({ type: 'participants.changed', payload: {} });
  return inviteLink(options.selfOrigin, secret, options.fingerprint);
}

/** Revoke the release's active follow-back credentials (following stopped, or a new one replaces them). */
export async function revokeFollowBack(services: Services, slug: string): Promise<number> {
  const participants = await services.participants();
  const active = participants.list(slug).filter((participant) => participant.followOnly === true && participant.status === 'active');
  for (const participant of active) {
    await participants.revoke(participant.id);
    services.presence.disconnect(participant.id);
  }
  if (active.length > 0) services.events.publish({ type: 'participants.changed', payload: {} });
  return active.length;
}
