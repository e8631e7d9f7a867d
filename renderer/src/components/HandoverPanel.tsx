import { useCallback, useEffect, useState } from 'react';
import { DateTime } from 'luxon';
import type { ConnectedFollowerView } from '../../../contract/requests/follow-app-requests';
import { client } from '../client/warroom-client';
import { FormError } from './FormError';
import '../styles/follow.css';

/** How often the list of followers is asked again while the dialog is open. */
const FOLLOWERS_POLL_MS = 2_000;

/**
 * The followers of this release connected now, and "Hand over the pen…": a confirmation
 * that says who hands what to whom at which seq, and that this War Room then follows them,
 * read-only. `release.handover` journals it; the follower takes the pen when it receives it.
 */
export function HandoverPanel({
  slug,
  releaseName,
  seq,
  you,
  onHandedOver,
}: {
  slug: string;
  releaseName: string;
  seq: number;
  you: string;
  onHandedOver: () => void;
}) {
  const [followers, setFollowers] = useState<readonly ConnectedFollowerView[]>([]);
  const [confirming, setConfirming] = useState<ConnectedFollowerView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => {
    client.call('follow.followers', { slug }).then(setFollowers, (failure: Error) => setError(failure.message));
  }, [slug]);

  useEffect(() => {
    refresh();
    // A follower says hello just after it joins: presence tells at once, a slow poll catches the hello.
    const offPresence = client.on('presence.changed', refresh);
    const timer = setInterval(refresh, FOLLOWERS_POLL_MS);
    return () => {
      offPresence();
      clearInterval(timer);
    };
  }, [refresh]);

  const handOver = (to: string) => {
    setError(null);
    setBusy(true);
    client.call('release.handover', { slug, to }).then(
      () => {
        setBusy(false);
        onHandedOver();
      },
      (failure: Error) => {
        setBusy(false);
        setError(failure.message);
      },
    );
  };

  return (
    <div className="share-followers">
      <h3>War Rooms following this release</h3>
      {followers.length === 0 ? (
        <p className="share-note">None is connected. A pod follows with “Follow a war room…” in its own War Room (or `warroom follow`) and an invite link.</p>
      ) : (
        <table className="share-table" data-testid="followers-table">
          <thead>
            <tr>
              <th>Follower</th>
              <th>Following since</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {followers.map((follower) => (
              <tr key={follower.name} data-testid={`follower-${follower.name}`}>
                <td>{follower.name}</td>
                <td>{DateTime.fromISO(follower.since).toFormat('HH:mm:ss')}</td>
                <td>
                  {follower.reachable ? (
                    <button type="button" className="button" onClick={() => setConfirming(follower)}>
                      Hand over the pen…
                    </button>
                  ) : (
                    <span className="share-note">gave no link back: cannot take the pen</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming ? (
        <div className="handover-confirm" role="alertdialog" aria-label="Confirm the handover" data-testid="handover-confirm">
          <strong>
            Hand the pen of {releaseName} to {confirming.name} at seq {seq + 1}?
          </strong>
          <span>
            {you} hands over: the handover is journaled as event {seq + 1} (after seq {seq}). {confirming.name} becomes the host and appends to the same chain;
            this War Room becomes a read-only follower of {confirming.name} (it follows back with the follow-only credential {confirming.name} gave, never with
            its own access).
          </span>
          <FormError message={error} />
          <div className="form-actions">
            <button type="button" className="button secondary" onClick={() => setConfirming(null)} disabled={busy}>
              Keep the pen
            </button>
            <button type="button" className="button primary" onClick={() => handOver(confirming.name)} disabled={busy}>
              Hand over to {confirming.name}
            </button>
          </div>
        </div>
      ) : (
        <FormError message={error} />
      )}
    </div>
  );
}
