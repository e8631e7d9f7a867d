import { useState } from 'react';
import type { FollowPreview } from '../../../contract/requests/follow-app-requests';
import { client } from '../client/warroom-client';
import { Dialog } from './Dialog';
import { FormError } from './FormError';
import '../styles/follow.css';

/**
 * "Follow a war room…": paste the link the host gave (an observer's invite is enough),
 * check the certificate fingerprint against the one you were told, pick the release, and
 * keep a live, verified, read-only replica of it here (`warroom follow` from the window).
 */
export function FollowDialog({ onClose, onFollowed }: { onClose: () => void; onFollowed: (slug: string) => void }) {
  const [link, setLink] = useState('');
  const [preview, setPreview] = useState<FollowPreview | null>(null);
  const [slug, setSlug] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'checking' | 'following' | null>(null);

  const check = () => {
    setError(null);
    setPreview(null);
    setBusy('checking');
    client.call('follow.preview', { link }).then(
      (result) => {
        setBusy(null);
        setPreview(result);
        const first = result.releases.find((release) => release.existsHere !== 'own');
        setSlug(first?.slug ?? null);
        if (result.releases.length === 0) setError(`${result.origin} shares no release with this link.`);
      },
      (failure: Error) => {
        setBusy(null);
        setError(failure.message);
      },
    );
  };

  const follow = () => {
    if (!slug) return;
    setError(null);
    setBusy('following');
    client.call('follow.start', { link, slug }).then(
      () => onFollowed(slug),
      (failure: Error) => {
        setBusy(null);
        setError(failure.message);
      },
    );
  };

  return (
    <Dialog title="Follow a war room" onClose={onClose} wide>
      <form
        className="form follow-dialog"
        data-testid="follow-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (preview && slug) follow();
          else check();
        }}
      >
        <label>
          Invite link
          <input
            autoFocus
            required
            value={link}
            maxLength={2000}
            spellCheck={false}
            placeholder="https://10.0.0.5:8443/#invite=…&fp=…"
            onChange={(event) => {
              setLink(event.target.value);
              setPreview(null);
            }}
            data-testid="follow-link"
          />
        </label>
        <p className="hint">
          The release manager gives you this link (an observer&apos;s invite is enough). War Room keeps a live, verified copy of the release here; it is
          read-only until they hand you the pen.
        </p>
        {preview ? (
          <div className="follow-preview" data-testid="follow-preview">
            <div>
              Host <code data-testid="follow-origin">{preview.origin}</code>
            </div>
            {preview.fingerprint ? (
              <div className="follow-fingerprint">
                <span>Certificate SHA-256 (War Room checked the host presents exactly this one):</span>
                <code className="fingerprint" data-testid="follow-fingerprint">
                  {preview.fingerprint}
                </code>
                <strong>Compare it with the fingerprint the release manager told you (by phone or chat, not in the same message as the link).</strong>
              </div>
            ) : (
              <div className="follow-fingerprint" data-testid="follow-fingerprint">
                Plain http on this machine: no certificate to compare (links to other machines are https and carry one).
              </div>
            )}
            <fieldset className="follow-releases">
              <legend>Release to follow</legend>
              {preview.releases.map((release) => (
                <label key={release.slug} className={release.existsHere === 'own' ? 'disabled' : ''}>
                  <input
                    type="radio"
                    name="follow-release"
                    value={release.slug}
                    checked={slug === release.slug}
                    disabled={release.existsHere === 'own'}
                    onChange={() => setSlug(release.slug)}
                  />
                  {release.name}
                  {release.version ? ` v${release.version}` : ''}{' '}
                  <span className="hint">
                    {release.existsHere === 'own'
                      ? '(a release of this War Room has this name: follow it into another workspace)'
                      : release.existsHere === 'replica'
                        ? '(already a replica here: resumes from its last seq)'
                        : ''}
                  </span>
                </label>
              ))}
            </fieldset>
          </div>
        ) : null}
        <FormError message={error} testId="follow-error" />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          {preview ? (
            <button type="submit" className="button primary" disabled={busy !== null || slug === null}>
              {busy === 'following' ? 'Catching up…' : 'Follow'}
            </button>
          ) : (
            <button type="submit" className="button primary" disabled={busy !== null || link.trim() === ''}>
              {busy === 'checking' ? 'Checking…' : 'Check link'}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
