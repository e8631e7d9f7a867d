import { useEffect, useRef, useState } from 'react';
import type { FollowStatus } from '../../../contract/requests/follow-requests';
import { client } from '../client/warroom-client';
import { describeStaleness } from './follow-staleness';

/** How often the banner asks how stale the replica is: its seconds count up visibly. */
const FOLLOW_BANNER_POLL_MS = 1_000;

/**
 * "Following 127.0.0.1:4000 · 12 s stale" over a release this War Room replicates: it is
 * read-only here, and how current it is, in plain words, with "Stop following" for the
 * host's own user. A fork or a stop says why. When the pen is handed to this War Room the
 * banner says so: it is the host now.
 */
export function FollowBanner({ slug, canStop }: { slug: string; canStop: boolean }) {
  const [status, setStatus] = useState<FollowStatus | null>(null);
  const [tookOver, setTookOver] = useState<{ source: string; seq: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const last = useRef<FollowStatus | null>(null);
  useEffect(() => {
    let alive = true;
    last.current = null;
    setTookOver(null);
    setStatus(null);
    const load = () =>
      client.call('follow.status', { slug }).then(
        (next) => {
          if (!alive) return;
          // Following, then no longer a replica: the host handed this War Room the pen (or it took it).
          const was = last.current;
          if (next === null && was?.state === 'following') {
            setTookOver({ source: was.source, seq: null });
            // The chain says at which seq: release.took-over {handoverSeq} follows the last line this copy had.
            client.call('journal.list', { slug, afterSeq: Math.max(0, was.lastSeq - 1), limit: 1000 }).then(
              (events) => {
                const took = events.find((event) => event.type === 'release.took-over');
                const seq = (took?.data as { handoverSeq?: unknown } | undefined)?.handoverSeq;
                if (alive && typeof seq === 'number') setTookOver({ source: was.source, seq });
              },
              () => undefined,
            );
          }
          last.current = next;
          setStatus(next);
        },
        () => undefined,
      );
    void load();
    const timer = setInterval(load, FOLLOW_BANNER_POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [slug]);
  const stop = () => {
    setError(null);
    client.call('follow.stop', { slug }).then(setStatus, (failure: Error) => setError(failure.message));
  };
  if (tookOver && !status) {
    return (
      <div className="banner ok" role="status" data-testid="host-banner">
        <strong>This War Room is the host now.</strong> {tookOver.source.replace(/^https?:\/\//, '')} handed over the pen
        {tookOver.seq === null ? '' : ` at seq ${tookOver.seq}`}; changes are made here, and the old host follows this copy.
      </div>
    );
  }
  if (!status) return null;
  const host = status.source.replace(/^https?:\/\//, '');
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
        Following {host} · {describeStaleness(status)}
      </strong>{' '}
      · seq {status.lastSeq} of {status.hostSeq} · read-only here; changes are made on the host{status.message ? ` · ${status.message}` : ''}
      {canStop ? (
        <button type="button" className="button secondary banner-actions" onClick={stop}>
          Stop following
        </button>
      ) : null}
      {error ? <span role="alert"> · {error}</span> : null}
    </div>
  );
}
