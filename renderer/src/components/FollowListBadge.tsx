import { useEffect, useState } from 'react';
import type { FollowStatus } from '../../../contract/requests/follow-requests';
import { client } from '../client/warroom-client';
import { describeStaleness } from './follow-staleness';

/** How often a followed release in the list asks how stale it is. */
const BADGE_POLL_MS = 2_000;

/** "read-only · following 127.0.0.1:4000 · live" under a replica in the release list. */
export function FollowListBadge({ slug, source, state }: { slug: string; source: string; state: 'following' | 'forked' | 'stopped' }) {
  const [status, setStatus] = useState<FollowStatus | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      client.call('follow.status', { slug }).then(
        (next) => alive && setStatus(next),
        () => undefined,
      );
    void load();
    const timer = setInterval(load, BADGE_POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [slug]);
  const host = source.replace(/^https?:\/\//, '');
  const current = status?.state ?? state;
  const text =
    current === 'following'
      ? `read-only · following ${host}${status ? ` · ${describeStaleness(status)}` : ''}`
      : `read-only · ${current === 'forked' ? 'forked from' : 'stopped following'} ${host}`;
  return (
    <span className="release-item-following" data-testid={`following-${slug}`}>
      {text}
    </span>
  );
}
