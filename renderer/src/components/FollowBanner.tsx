import { useEffect, useState } from 'react';
import type { FollowStatus } from '../../../contract/requests/follow-requests';
import { client } from '../client/warroom-client';

/** How often the banner asks how stale the replica is: its seconds count up visibly. */
const FOLLOW_BANNER_POLL_MS = 1_000;
/** Below this the replica is called live (the follower asks its host every 2 s). */
const LIVE_BELOW_MS = 5_000;

/**
 * "Following 127.0.0.1:4000 · 12 s stale" over a release this War Room replicates: it is
 * read-only here, and how current it is, in plain words. A fork or a stop says why.
 */
export function FollowBanner({ slug }: { slug: string }) {
  const [status, setStatus] = useState<FollowStatus | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      client.call('follow.status', { slug }).then(
        (next) => alive && setStatus(next),
        () => undefined,
      );
    void load();
    const timer = setInterval(load, FOLLOW_BANNER_POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [slug]);
  if (!status) return null;
  const host = status.source.replace(/^https?:\/\//, '');
  const stale =
    status.staleMs === null
      ? 'host never reached'
      : status.connected && status.staleMs < LIVE_BELOW_MS
        ? 'live'
        : `${Math.round(status.staleMs / 1000)} s stale`;
  if (status.state !== 'following') {
    return (
      <div className="banner error" role="alert" data-testid="follow-banner">
        <strong>
          Replica of {host} stopped at seq {status.lastSeq}.
        </strong>{' '}
        {status.message ?? ''} Read-only.
      </div>
    );
  }
  return (
    <div className="banner warning" role="status" data-testid="follow-banner">
      <strong>
        Following {host} · {stale}
      </strong>{' '}
      · seq {status.lastSeq} of {status.hostSeq} · read-only here; changes are made on the host{status.message ? ` · ${status.message}` : ''}
    </div>
  );
}
