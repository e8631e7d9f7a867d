import { WarRoomError } from '../../../contract/domain/errors';
import { followRegistry } from '../follow/follow-registry';
import { HANDED_OVER } from '../follow/follower';
import { parseFollowLink } from '../follow/follow-link';
import { startFollowing, takePen } from '../follow/follow-service';
import type { HandlerGroup } from '../handler-types';
import { mintFollowBackLink } from '../follow-back';

type FollowRequestNames = 'journal.since' | 'follow.hello' | 'follow.status' | 'release.handover' | 'release.take-over';

export const followHandlers: HandlerGroup<FollowRequestNames> = {
  'journal.since': async (input, services) => {
    const page = (await services.release(input.slug)).rawSince(input.afterSeq, input.limit, input.maxBytes);
    return { head: page.head, atHash: page.atHash, fromSeq: page.fromSeq, toSeq: page.toSeq, lines: page.bytes };
  },
  'follow.hello': async (input, services, context) => {
    const release = await services.release(input.slug);
    const connection = context.connection;
    // A participant's follower is known by the name of their invite, never by the name it
    // says: else an observer could say the name of the pod the release manager means to
    // hand over to, and receive the pen (the host then follows the observer's server).
    const participant = context.participant;
    const name = participant?.participantId === undefined ? input.name : participant.name;
    if (connection) {
      const { connected } = followRegistry(services);
      connected.set(connection.id, {
        connectionId: connection.id,
        slug: input.slug,
        name,
        link: input.link ?? null,
        since: new Date().toISOString(),
      });
      connection.onClose(() => connected.delete(connection.id));
    }
    return { head: release.head, name };
  },
  'follow.status': async (input, services) => {
    const running = followRegistry(services).running.get(input.slug);
    if (running) return running.status;
    const mark = (await services.release(input.slug)).follow;
    if (!mark) return null;
    const lastContactMs = mark.lastContactAt === null ? null : Date.parse(mark.lastContactAt);
    return {
      source: mark.source,
      state: mark.state,
      connected: false,
      lastSeq: mark.lastSeq,
      hostSeq: mark.hostSeq,
      lastContactAt: mark.lastContactAt,
      staleMs: lastContactMs === null ? null : Math.max(0, Date.now() - lastContactMs),
      message: mark.message,
      forkFile: mark.forkFile,
    };
  },
  'release.handover': async (input, services, context) => {
    const release = await services.release(input.slug);
    if (release.follow) throw new WarRoomError('refused', `Release ${input.slug} is a replica here: only its host can hand the pen over.`, [{ field: 'slug' }]);
    const followers = [...followRegistry(services).connected.values()].filter((follower) => follower.slug === input.slug);
    const namesake = followers.filter((follower) => follower.name === input.to);
    if (namesake.length > 1 && new Set(namesake.map((follower) => follower.link)).size > 1)
      throw new WarRoomError(
        'conflict',
        `${namesake.length} followers of ${input.slug} say they are "${input.to}", with different links: hand over with the link of the one you mean (--to https…).`,
        [{ field: 'to' }],
      );
    const named = namesake[0];
    const linkText = named ? named.link : /^https?:\/\//.test(input.to) ? input.to : null;
    if (!linkText) {
      const known = followers.map((follower) => follower.name);
      throw new WarRoomError(
        'not-found',
        named
          ? `Follower "${input.to}" gave no link to reach it back: hand over with its link instead (--to http…).`
          : `No follower named "${input.to}" follows ${input.slug} now${known.length > 0 ? ` (connected: ${known.join(', ')})` : ' (none is connected)'}; give a connected follower's name or its link.`,
        [{ field: 'to' }],
      );
    }
    const link = parseFollowLink(linkText);
    const to = named?.name ?? link.origin;
    const [event] = await release.execute(context.actor, (state) => [{ type: HANDED_OVER, data: { to, toSource: link.origin, afterSeq: state.seq } }]);
    // From here this copy is a replica of the new host: read-only, following it; it gives the
    // new host a follow-only credential (never its token) so that the pen can be handed back.
    const selfLink =
      services.hosting.origin === null
        ? undefined
        : await mintFollowBackLink(services, {
            slug: input.slug,
            hostOrigin: link.origin,
            selfOrigin: services.hosting.origin,
            fingerprint: services.hosting.fingerprint,
          });
    await startFollowing(services, {
      slug: input.slug,
      link,
      name: services.workspace.settings.operator,
      release,
      ...(selfLink ? { selfLink } : {}),
      // The release list shows the replica once its follow mark is written (before the first status).
      onStatus: once(() => services.events.publish({ type: 'releases.changed', payload: {} })),
      onEnd: () => services.events.publish({ type: 'releases.changed', payload: {} }),
    });
    return { seq: event!.seq, to, following: link.origin };
  },
  'release.take-over': async (input, services, context) => {
    const release = await services.release(input.slug);
    const mark = release.follow;
    if (!mark) throw new WarRoomError('refused', `Release ${input.slug} is not a replica here: it already takes changes.`, [{ field: 'slug' }]);
    const registry = followRegistry(services);
    registry.running.get(input.slug)?.stop();
    registry.running.delete(input.slug);
    return { seq: await takePen(release, context.actor, mark.source, mark.lastSeq, true) };
  },
};

function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}
