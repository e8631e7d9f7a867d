import type { Services } from '../services';
import type { Release } from '../../core/release/release';
import type { FollowStatus } from '../../../contract/requests/follow-requests';
import { followRegistry } from './follow-registry';
import { Follower, TOOK_OVER, type FollowOutcome } from './follower';
import type { FollowLink } from './follow-link';
import { releaseSink } from './replica-sink';

export interface StartFollowing {
  readonly slug: string;
  readonly link: FollowLink;
  readonly name: string;
  readonly selfLink?: string;
  /** The release when it is already open (the old host after a handover). */
  readonly release?: Release;
  /** A follower that already caught up through the bare journal, to go on with. */
  readonly follower?: Follower;
  readonly onStatus?: (status: FollowStatus) => void;
  /** Hears how following ended (after the pen was taken, when it was handed to this copy). */
  readonly onEnd?: (outcome: FollowOutcome) => void;
}

/**
 * Keep a release of these services as a live replica of a host, in the background: it is
 * marked read-only at once; when the host hands the pen to this follower, the mark goes,
 * `release.took-over` is journaled, and this copy takes changes (it is the host now).
 */
export async function startFollowing(services: Services, options: StartFollowing): Promise<Follower> {
  const registry = followRegistry(services);
  registry.running.get(options.slug)?.stop();
  const release = options.release ?? (await services.release(options.slug));
  const follower =
    options.follower ??
    new Follower({ link: options.link, slug: options.slug, name: options.name, selfLink: options.selfLink, onStatus: options.onStatus }, releaseSink(release));
  follower.useSink(releaseSink(release));
  registry.running.set(options.slug, follower);
  void follower
    .run()
    .then(async (outcome) => {
      if (registry.running.get(options.slug) === follower) registry.running.delete(options.slug);
      if (outcome.kind === 'handed-over') await takePen(release, services.workspace.settings.operator, options.link.origin, outcome.event.seq, false);
      options.onEnd?.(outcome);
    })
    .catch((error: unknown) => console.error(`warroom: following ${options.slug} failed`, error));
  return follower;
}

/** Make this copy the host: no longer a replica, and say so in the chain. */
export async function takePen(release: Release, actor: string, from: string, handoverSeq: number, forced: boolean): Promise<number> {
  await release.setFollow(null);
  const [event] = await release.execute(actor, (state) => [{ type: TOOK_OVER, data: { from, forced, handoverSeq, afterSeq: state.seq } }]);
  return event!.seq;
}

/** Stop every follower these services run (before they are disposed). */
export function stopFollowing(services: Services): void {
  const { running } = followRegistry(services);
  for (const follower of running.values()) follower.stop();
  running.clear();
}
