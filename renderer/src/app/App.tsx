import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, ReleaseListing } from '../../../contract/models';
import { client } from '../client/warroom-client';
import { ReleaseHeader } from '../components/ReleaseHeader';
import { ReleaseSidebar } from '../components/ReleaseSidebar';
import { ViewTabs } from '../components/ViewTabs';
import { useRelease } from './hooks';
import { appShortcut } from './app-shortcuts';
import { isViewId, type ViewId } from './views';
import { ViewContent } from './ViewContent';
import { onShowView } from './navigate';
import { QuickAddDialog } from '../views/timeline/QuickAddDialog';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { ShareDialog } from '../components/ShareDialog';
import { NamePrompt } from '../components/NamePrompt';
import { formatActor, type ShareInfo } from '../../../contract/participants';
import { FollowBanner } from '../components/FollowBanner';
import { ApprovalsPanel } from '../components/ApprovalsPanel';

const SELECTED_KEY = 'warroom-selected-release';

/** The cockpit: release list on the left, the selected release's header, tabs and view. */
export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [releases, setReleases] = useState<readonly ReleaseListing[]>([]);
  const [selected, setSelected] = useState<string | null>(() => localStorage.getItem(SELECTED_KEY));
  const [view, setView] = useState<ViewId>('checklist');
  const [connection, setConnection] = useState<{ connected: boolean; refused: boolean; lostAt: Date | null }>({
    connected: true,
    refused: false,
    lostAt: null,
  });
  const [error, setError] = useState<string | null>(null);
  const [quickAdd, setQuickAdd] = useState(false);
  const [share, setShare] = useState<ShareInfo | null>(null);
  const [sharing, setSharing] = useState(false);
  const release = useRelease(selected);

  const loadReleases = useCallback(() => {
    client.call('release.list', {}).then(
      (list) => {
        setReleases(list);
        setSelected((current) => (current && list.some((item) => item.slug === current) ? current : (list.find((item) => !item.error)?.slug ?? null)));
      },
      (failure: Error) => setError(failure.message),
    );
  }, []);

  useEffect(() => {
    client.call('app.info', {}).then(setInfo, (failure: Error) => setError(failure.message));
    client.call('share.info', {}).then(setShare, () => setShare(null));
    loadReleases();
    const offReleases = client.on('releases.changed', loadReleases);
    const offMenu = client.on('ui.show-view', ({ view: requested }) => {
      if (isViewId(requested)) setView(requested);
    });
    const offNavigate = onShowView(({ view: requested }) => {
      if (isViewId(requested)) setView(requested);
    });
    const offConnection = client.onConnection(({ connected, refused }) => {
      // lostAt is the moment the link went down (kept through every failed retry), shown in the banner.
      setConnection((before) => ({ connected, refused, lostAt: connected ? null : (before.lostAt ?? new Date()) }));
      if (connected) loadReleases();
    });
    return () => {
      offReleases();
      offMenu();
      offNavigate();
      offConnection();
    };
  }, [loadReleases]);

  useEffect(() => {
    if (selected) localStorage.setItem(SELECTED_KEY, selected);
  }, [selected]);

  // The room sees who looks at what (presence); reported again after a reconnect.
  useEffect(() => {
    if (connection.connected) client.call('presence.report', { view, release: selected }).catch(() => undefined);
  }, [view, selected, connection.connected]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const shortcut = appShortcut(event);
      if (shortcut === undefined) return;
      event.preventDefault();
      if (shortcut.kind === 'view') setView(shortcut.view);
      else setQuickAdd(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const meta = release.view?.state.meta ?? null;
  // The host's own user (not an invited participant) follows other War Rooms and stops following.
  const isHostUser = share !== null && share.you.participantId === undefined && share.you.role === 'release-manager';
  const stale = !connection.connected;
  return (
    <div className={`app ${stale ? 'stale' : ''}`} data-stale={stale ? 'true' : undefined}>
      {stale ? <ConnectionBanner refused={connection.refused} lostAt={connection.lostAt} /> : null}
      <ReleaseSidebar
        releases={releases}
        selected={selected}
        onSelect={setSelected}
        info={info}
        onInfo={setInfo}
        connected={connection.connected}
        canFollow={isHostUser}
      />
      <main className="main">
        {error ? (
          <div className="banner error" role="alert">
            {error}
          </div>
        ) : null}
        {info && !info.operatorNamed ? <NamePrompt info={info} onChange={setInfo} /> : null}
        {share ? (
          <div className="whoami" data-testid="whoami">
            <span>
              You are <strong>{share.you.name}</strong> ({share.you.role})
            </span>
            {share.you.role === 'release-manager' && selected ? (
              <button type="button" className="button" onClick={() => setSharing(true)} data-testid="share-button">
                Share this war room…
              </button>
            ) : null}
          </div>
        ) : null}
        {share?.you.role === 'release-manager' && selected && release.view ? (
          <ApprovalsPanel slug={selected} seq={release.view.state.seq} you={formatActor(share.you)} />
        ) : null}
        {sharing && selected ? (
          <ShareDialog
            slug={selected}
            releaseName={meta?.name ?? selected}
            seq={release.view?.state.seq ?? 0}
            replica={releases.find((item) => item.slug === selected)?.following !== undefined}
            approvers={meta?.approvers ?? 0}
            onClose={() => setSharing(false)}
          />
        ) : null}
        {info?.warnings.map((warning) => (
          <div className="banner warning" role="status" key={warning}>
            {warning}
          </div>
        ))}
        {release.view?.warnings.map((warning) => (
          <div className="banner warning" role="status" key={warning.file}>
            {warning.message}
          </div>
        ))}
        {release.error ? (
          <div className="banner error" role="alert">
            {release.error}
          </div>
        ) : null}
        {meta && selected ? (
          <>
            <FollowBanner slug={selected} canStop={isHostUser} />
            <ReleaseHeader meta={meta} slug={selected} state={release.view!.state} />
            <ViewTabs current={view} onChange={setView} />
            <div className="view-container" role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`}>
              <ViewContent view={view} slug={selected} meta={meta} state={release.view!.state} noteFocusToken={0} />
            </div>
            {quickAdd ? <QuickAddDialog slug={selected} onClose={() => setQuickAdd(false)} /> : null}
          </>
        ) : !release.error ? (
          <div className="empty-main">{releases.length === 0 ? 'No release yet: create one with “+ New release”.' : 'Loading…'}</div>
        ) : null}
      </main>
    </div>
  );
}
