import { DateTime } from 'luxon';
import { useCallback, useEffect, useState } from 'react';
import { ROLES, ROLE_SUMMARY, type InviteResult, type ParticipantView, type PresenceEntry, type Role, type ShareInfo } from '../../../contract/participants';
import { client } from '../client/warroom-client';
import { Dialog } from './Dialog';
import { HandoverPanel } from './HandoverPanel';
import '../styles/share.css';

const EXPIRY_CHOICES = [
  ['2h', '2 hours'],
  ['12h', '12 hours'],
  ['1d', '1 day'],
  ['7d', '7 days'],
] as const;

/**
 * Share this war room: invite people by name and role (a personal link, a QR code for
 * phones, the certificate's fingerprint to compare), see who is connected on which view,
 * and revoke a link (their pages are cut at once).
 */
export function ShareDialog({
  slug,
  releaseName,
  seq,
  replica,
  approvers,
  onClose,
}: {
  slug: string;
  releaseName: string;
  /** The release's head: a handover is journaled as the next seq. */
  seq: number;
  /** This copy follows another host: it has no pen to hand over. */
  replica: boolean;
  approvers: number;
  onClose: () => void;
}) {
  const [share, setShare] = useState<ShareInfo | null>(null);
  const [participants, setParticipants] = useState<readonly ParticipantView[]>([]);
  const [presence, setPresence] = useState<readonly PresenceEntry[]>([]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('voter');
  const [expiresIn, setExpiresIn] = useState('12h');
  const [made, setMade] = useState<InviteResult | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    client.call('participant.list', { slug }).then(setParticipants, (failure: Error) => setError(failure.message));
    client.call('presence.list', {}).then(setPresence, (failure: Error) => setError(failure.message));
  }, [slug]);

  useEffect(() => {
    client.call('share.info', {}).then(setShare, (failure: Error) => setError(failure.message));
    refresh();
    const offPresence = client.on('presence.changed', refresh);
    const offParticipants = client.on('participants.changed', refresh);
    return () => {
      offPresence();
      offParticipants();
    };
  }, [refresh]);

  // The desktop app hosts on demand (share.start); under `warroom web` the answer says to use --listen.
  const startSharing = () => {
    setError(null);
    client.call('share.start', {}).then(
      () => client.call('share.info', {}).then(setShare),
      (failure: Error) => setError(failure.message),
    );
  };

  // Four-eyes (a release setting): overrides wait for this many people besides the one who asks.
  const setApprovers = (count: number) => {
    setError(null);
    client.call('release.update', { slug, changes: { approvers: count } }).catch((failure: Error) => setError(failure.message));
  };

  const invite = () => {
    setError(null);
    setCopied(false);
    client.call('participant.invite', { slug, name, role, expiresIn }).then(
      (result) => {
        setMade(result);
        setName('');
      },
      (failure: Error) => setError(failure.message),
    );
  };

  return (
    <Dialog title="Share this war room" onClose={onClose} wide>
      <div className="share-dialog">
        <section className="share-invite">
          {share && share.origin === null ? (
            <p className="share-note">
              Not shared yet.{' '}
              {share.you.participantId === undefined ? (
                <button type="button" className="button" onClick={startSharing} data-testid="share-start">
                  Start sharing
                </button>
              ) : null}{' '}
              (The desktop app shares on this machine's network address; `warroom web --listen HOST:PORT` does it from a terminal.)
            </p>
          ) : (
            <p className="share-note">
              Hosting at <code data-testid="share-origin">{share?.origin ?? '…'}</code>
              {share?.fingerprint ? (
                <>
                  {' '}
                  · certificate SHA-256{' '}
                  <code className="fingerprint" data-testid="share-fingerprint">
                    {share.fingerprint}
                  </code>
                </>
              ) : null}
            </p>
          )}
          <form
            className="form"
            onSubmit={(event) => {
              event.preventDefault();
              invite();
            }}
          >
            <div className="form-row">
              <label>
                Name
                <input value={name} maxLength={80} required onChange={(event) => setName(event.target.value)} data-testid="invite-name" />
              </label>
              <label>
                Role
                <select value={role} onChange={(event) => setRole(event.target.value as Role)} data-testid="invite-role">
                  {ROLES.map((candidate) => (
                    <option key={candidate} value={candidate}>
                      {candidate}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Link expires in
                <select value={expiresIn} onChange={(event) => setExpiresIn(event.target.value)} data-testid="invite-expires">
                  {EXPIRY_CHOICES.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <p className="share-note">
              {role}: {ROLE_SUMMARY[role]}
            </p>
            <label className="share-note">
              Four-eyes: policy overrides and approval steps need{' '}
              <select value={approvers} onChange={(event) => setApprovers(Number(event.target.value))} data-testid="four-eyes-approvers">
                {[0, 1, 2, 3].map((count) => (
                  <option key={count} value={count}>
                    {count === 0 ? 'no' : count}
                  </option>
                ))}
              </select>{' '}
              approver(s) besides the person who asks
            </label>
            {error ? (
              <div className="form-error" role="alert">
                {error}
              </div>
            ) : null}
            <div className="form-actions">
              <button type="submit" className="button primary" disabled={name.trim() === '' || share?.origin === null}>
                Create invite link
              </button>
            </div>
          </form>
          {made ? (
            <div className="share-link" data-testid="invite-result">
              <img className="share-qr" src={made.qrDataUrl} alt={`QR code of the invite link for ${made.participant.name}`} data-testid="invite-qr" />
              <div className="share-link-text">
                <div>
                  Personal link for <strong>{made.participant.name}</strong> ({made.participant.role}), until {when(made.participant.expiresAt)}:
                </div>
                <input readOnly value={made.link} data-testid="invite-link" onFocus={(event) => event.target.select()} />
                <div className="form-actions">
                  <button
                    type="button"
                    className="button"
                    onClick={() =>
                      void navigator.clipboard?.writeText(made.link).then(
                        () => setCopied(true),
                        () => setCopied(false),
                      )
                    }
                  >
                    {copied ? 'Copied' : 'Copy link'}
                  </button>
                </div>
                {made.fingerprint ? <div className="share-note">They should see certificate SHA-256 {made.fingerprint} in their browser.</div> : null}
              </div>
            </div>
          ) : null}
        </section>
        <section className="share-people">
          <h3>People</h3>
          <table className="share-table" data-testid="participants-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th>Connected</th>
                <th>Link</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {presence
                .filter((entry) => entry.participantId === null)
                .map((entry) => (
                  <tr key={entry.session}>
                    <td>{entry.name}</td>
                    <td>{entry.role}</td>
                    <td>{describePresence(entry)}</td>
                    <td>host</td>
                    <td />
                  </tr>
                ))}
              {participants.map((participant) => {
                const sessions = presence.filter((entry) => entry.participantId === participant.id);
                return (
                  <tr key={participant.id} data-testid={`participant-${participant.name}`}>
                    <td>{participant.name}</td>
                    <td title={participant.followOnly ? 'The host this War Room follows may follow it back with this, and do nothing else' : undefined}>
                      {participant.followOnly ? 'follow-back only' : participant.role}
                    </td>
                    <td data-testid="participant-presence">{sessions.length === 0 ? 'never joined' : sessions.map(describePresence).join('; ')}</td>
                    <td>{participant.status === 'active' ? `until ${when(participant.expiresAt)}` : participant.status}</td>
                    <td>
                      {participant.status === 'active' ? (
                        <button
                          type="button"
                          className="button danger"
                          onClick={() => client.call('participant.revoke', { id: participant.id }).then(refresh, (failure: Error) => setError(failure.message))}
                        >
                          Revoke
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {share?.you.role === 'release-manager' && !replica ? (
            <HandoverPanel slug={slug} releaseName={releaseName} seq={seq} you={share.you.name} onHandedOver={onClose} />
          ) : null}
        </section>
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function describePresence(entry: PresenceEntry): string {
  const since = clock(entry.since);
  if (!entry.connected) return `gone since ${clock(entry.leftAt ?? entry.since)}`;
  return `online since ${since}${entry.view ? `, on ${entry.view}` : ''}`;
}

/** "Fri 4 Dec 02:32" in the viewer's zone: 24-hour, like every other time in War Room. */
function when(iso: string): string {
  return DateTime.fromISO(iso).toFormat('ccc d LLL HH:mm');
}

/** "14:32:35" in the viewer's zone. */
function clock(iso: string): string {
  return DateTime.fromISO(iso).toFormat('HH:mm:ss');
}
