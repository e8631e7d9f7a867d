import { useState } from 'react';
import type { AppInfo, ReleaseListing } from '../../../contract/models';
import { NewReleaseDialog } from './NewReleaseDialog';
import { OperatorName } from './OperatorName';
import { FollowDialog } from './FollowDialog';
import { FollowListBadge } from './FollowListBadge';

interface Props {
  readonly releases: readonly ReleaseListing[];
  readonly selected: string | null;
  readonly onSelect: (slug: string) => void;
  readonly info: AppInfo | null;
  readonly onInfo: (info: AppInfo) => void;
  readonly connected: boolean;
  /** The host's own user may follow another War Room from here (an invited participant may not). */
  readonly canFollow: boolean;
}

/** The release list and switcher, the operator's name, and the connection state. */
export function ReleaseSidebar({ releases, selected, onSelect, info, onInfo, connected, canFollow }: Props) {
  const [creating, setCreating] = useState(false);
  const [following, setFollowing] = useState(false);
  return (
    <nav className="sidebar" aria-label="Releases">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>{' '}
        War Room
      </div>
      <div className="sidebar-section-title">Releases</div>
      <ul className="release-list" data-testid="release-list">
        {releases.map((release) => (
          <li key={release.slug}>
            <button
              type="button"
              className={`release-item ${release.slug === selected ? 'selected' : ''} ${release.error ? 'broken' : ''}`}
              aria-current={release.slug === selected ? 'page' : undefined}
              onClick={() => onSelect(release.slug)}
              title={release.error ?? release.name}
            >
              <span className="release-item-name">{release.name}</span>
              <span className="release-item-meta">
                {release.error ? 'cannot open' : `${release.mode === 'live' ? 'LIVE' : 'rehearsal'}${release.version ? ` · v${release.version}` : ''}`}
              </span>
              {release.following ? <FollowListBadge slug={release.slug} source={release.following.source} state={release.following.state} /> : null}
            </button>
          </li>
        ))}
      </ul>
      <div className="sidebar-actions">
        <button type="button" className="button secondary new-release" onClick={() => setCreating(true)}>
          + New release
        </button>
        {canFollow ? (
          <button type="button" className="button secondary" onClick={() => setFollowing(true)}>
            Follow a war room…
          </button>
        ) : null}
      </div>
      <div className="sidebar-footer">
        {info ? <OperatorName info={info} onChange={onInfo} /> : null}
        <div className={`connection ${connected ? 'up' : 'down'}`} role="status">
          {connected ? (info?.runtime === 'browser' ? 'Browser mode · connected' : 'Connected') : 'Reconnecting…'}
        </div>
      </div>
      {creating ? (
        <NewReleaseDialog
          onClose={() => setCreating(false)}
          onCreated={(slug) => {
            setCreating(false);
            onSelect(slug);
          }}
        />
      ) : null}
      {following ? (
        <FollowDialog
          onClose={() => setFollowing(false)}
          onFollowed={(slug) => {
            setFollowing(false);
            onSelect(slug);
          }}
        />
      ) : null}
    </nav>
  );
}
