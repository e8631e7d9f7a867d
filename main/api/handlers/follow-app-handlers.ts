import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { followAppRequests, ConnectedFollowerView, FollowPreview } from '../../../contract/requests/follow-app-requests';
import type { FollowStatus } from '../../../contract/requests/follow-requests';
import { WarRoomError, isErrno } from '../../../contract/domain/errors';
import { parseFollowLink, type FollowLink } from '../follow/follow-link';
import { FollowConnection } from '../follow/follow-client';
import { Follower } from '../follow/follower';
import { journalSink } from '../follow/replica-sink';
import { followRegistry } from '../follow/follow-registry';
import { startFollowing } from '../follow/follow-service';
import { mintFollowBackLink, revokeFollowBack } from '../follow-back';
import type { HandlerGroup } from '../handler-types';
import type { CallContext, Services } from '../services';

/** A first catch-up that has not reached the host in this long gives up (the dialog says why). */
const FIRST_CONTACT_TIMEOUT_MS = 20_000;

/** Following connects this War Room out and writes a release: only the host's own user may (not an invited participant). */
function hostOnly(context: CallContext, name: string): void {
  if (context.participant?.participantId !== undefined)
    throw new WarRoomError('forbidden', `${context.participant.name} is a participant: only the host's own user may ${name}.`);
}

/** `abcd…` (the link's form) as `AB:CD:…`, the form browsers and the host's Share dialog show. */
function pairs(hex: string | null): string | null {
  return hex === null ? null : (hex.toUpperCase().match(/../g) ?? []).join(':');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

/**
 * The first catch-up of a release new here: into a folder the release list does not see
 * (a dot name), verified and fsync'd page by page, then renamed into place. It gives up,
 * removing the folder, when the host cannot be reached or refuses the link.
 */
async function catchUpNew(services: Services, link: FollowLink, slug: string, name: string): Promise<Follower> {
  const dir = join(services.workspace.releasesDir, slug);
  const staging = join(services.workspace.releasesDir, `.following-${slug}-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const sink = await journalSink(staging);
  let failure: string | null = null;
  const follower: Follower = new Follower(
    {
      link,
      slug,
      name,
      onStatus: (status) => {
        // Never reached (refused, unreachable): stop at the first failure instead of retrying forever.
        if (!status.connected && status.message && status.lastSeq === 0) {
          failure = status.message;
          follower.stop();
        }
      },
    },
    sink,
  );
  const timer = setTimeout(() => {
    failure ??= `no answer from ${link.origin} in ${FIRST_CONTACT_TIMEOUT_MS / 1000} s`;
    follower.stop();
  }, FIRST_CONTACT_TIMEOUT_MS);
  let outcome;
  try {
    outcome = await follower.run({ untilCaughtUp: true });
  } finally {
    clearTimeout(timer);
    await sink.close();
  }
  if (outcome.kind !== 'caught-up') {
    await rm(staging, { recursive: true, force: true });
    const why = outcome.kind === 'broken' ? outcome.message : (failure ?? follower.status.message ?? outcome.kind);
    throw new WarRoomError('refused', `Could not follow ${slug} at ${link.origin}: ${why}`, [{ field: 'link' }]);
  }
  if (await exists(dir)) {
    await rm(staging, { recursive: true, force: true });
    throw new WarRoomError('conflict', `A release ${slug} appeared here meanwhile: nothing was changed.`, [{ field: 'slug' }]);
  }
  await rename(staging, dir);
  return follower;
}

export const followAppHandlers: HandlerGroup<keyof typeof followAppRequests> = {
  'follow.preview': async (input, services, context) => {
    hostOnly(context, 'follow a war room');
    const link = parseFollowLink(input.link);
    const connection = await FollowConnection.open(link).catch((error: unknown) => {
      if (error instanceof WarRoomError) throw error;
      throw new WarRoomError('refused', `Could not reach ${link.origin}: ${error instanceof Error ? error.message : String(error)}`, [{ field: 'link' }]);
    });
    try {
      const theirs = await connection.request('release.list', {});
      const ours = new Map((await services.workspace.list()).map((listing) => [listing.slug, listing]));
      const preview: FollowPreview = {
        origin: link.origin,
        fingerprint: pairs(link.fingerprint),
        releases: theirs
          .filter((listing) => !listing.error)
          .map((listing) => {
            const here = ours.get(listing.slug);
            return { slug: listing.slug, name: listing.name, version: listing.version, existsHere: here ? (here.following ? 'replica' : 'own') : 'no' };
          }),
      };
      return preview;
    } finally {
      connection.close();
    }
  },
  'follow.start': async (input, services, context) => {
    hostOnly(context, 'follow a war room');
    const link = parseFollowLink(input.link);
    const { slug } = input;
    const name = input.name ?? services.workspace.settings.operator;
    const registry = followRegistry(services);
    const running = registry.running.get(slug);
    if (running) return running.status;
    const here = (await services.workspace.list()).find((listing) => listing.slug === slug);
    if (here && !here.following)
      throw new WarRoomError(
        'conflict',
        `${slug} is a release of this War Room, not a replica: following another host into it would fork its chain. Follow it into another workspace.`,
        [{ field: 'slug' }],
      );
    const follower = here ? undefined : await catchUpNew(services, link, slug, name);
    // The host may follow this War Room back after a handover: with a follow-only credential of this release, never with the host's token.
    const selfLink =
      services.hosting.origin === null
        ? undefined
        : await mintFollowBackLink(services, { slug, hostOrigin: link.origin, selfOrigin: services.hosting.origin, fingerprint: services.hosting.fingerprint });
    if (follower && selfLink) follower.setSelfLink(selfLink);
    const started = await startFollowing(services, {
      slug,
      link,
      name,
      ...(follower ? { follower } : {}),
      ...(selfLink ? { selfLink } : {}),
      onEnd: () => services.events.publish({ type: 'releases.changed', payload: {} }),
    });
    services.events.publish({ type: 'releases.changed', payload: {} });
    return started.status;
  },
  'follow.stop': async (input, services, context) => {
    hostOnly(context, 'stop following');
    const release = await services.release(input.slug);
    const registry = followRegistry(services);
    const running = registry.running.get(input.slug);
    const mark = release.follow;
    if (!mark) throw new WarRoomError('refused', `${input.slug} is not a replica here: there is nothing to stop following.`, [{ field: 'slug' }]);
    running?.stop();
    registry.running.delete(input.slug);
    const stopped = {
      ...mark,
      state: 'stopped' as const,
      lastSeq: release.head.seq,
      message: `following stopped by ${services.workspace.settings.operator} at seq ${release.head.seq}; this copy stays read-only (follow again to resume)`,
    };
    await release.setFollow(stopped);
    await revokeFollowBack(services, input.slug);
    services.events.publish({ type: 'releases.changed', payload: {} });
    const status: FollowStatus = {
      source: stopped.source,
      state: stopped.state,
      connected: false,
      lastSeq: stopped.lastSeq,
      hostSeq: stopped.hostSeq,
      lastContactAt: stopped.lastContactAt,
      staleMs: stopped.lastContactAt === null ? null : Math.max(0, Date.now() - Date.parse(stopped.lastContactAt)),
      message: stopped.message,
      forkFile: stopped.forkFile,
    };
    return status;
  },
  'follow.followers': async (input, services) => {
    await services.release(input.slug);
    const byName = new Map<string, ConnectedFollowerView>();
    for (const follower of followRegistry(services).connected.values()) {
      if (follower.slug !== input.slug) continue;
      const known = byName.get(follower.name);
      if (!known || (!known.reachable && follower.link !== null))
        byName.set(follower.name, { name: follower.name, since: follower.since, reachable: follower.link !== null });
    }
    return [...byName.values()];
  },
};
