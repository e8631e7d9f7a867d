import { useCallback, useEffect, useState } from 'react';
import type { Target, TerminalSessionView } from '../../../contract/models';
import { client } from '../client/warroom-client';
import type { ViewProps } from './view-props';
import { TerminalPane } from './terminals/TerminalPane';
import { TargetDialog } from './terminals/TargetDialog';
import { TargetLibraryDialog } from './terminals/TargetLibraryDialog';
import { TargetSummary } from './terminals/TargetSummary';
import { useTargetLibrary } from './terminals/use-target-library';
import { RecordingsPanel } from './terminals/RecordingsPanel';
import '../styles/terminals.css';
import { formatTimeOfDay, viewerZone } from '../format/time';

/**
 * The terminals of the release: its targets, the open sessions as tabs (one, or two side
 * by side), and the recordings. Sessions live in main: a reload reattaches to them.
 */
export function TerminalsView({ slug, meta }: ViewProps) {
  const [sessions, setSessions] = useState<readonly TerminalSessionView[]>([]);
  /** Activation history, most recent first: the active tab, then the one split beside it. */
  const [history, setHistory] = useState<readonly string[]>([]);
  const [split, setSplit] = useState(false);
  const [editing, setEditing] = useState<Target | 'new' | null>(null);
  const [browsingLibrary, setBrowsingLibrary] = useState(false);
  const library = useTargetLibrary();
  const [error, setError] = useState<string | null>(null);
  // A production target the schedule holds (outside the window, a freeze, the Friday rule): opened only with a written reason.
  const [held, setHeld] = useState<Target | null>(null);
  const [overrideReason, setOverrideReason] = useState('');
  const [recordingsKey, setRecordingsKey] = useState(0);

  const load = useCallback(() => {
    client.call('terminal.list', { slug }).then(
      (list) => {
        setSessions(list);
        setHistory((current) => {
          const known = current.filter((id) => list.some((session) => session.id === id));
          const added = list.filter((session) => !known.includes(session.id)).map((session) => session.id);
          return [...known, ...added];
        });
      },
      (failure: Error) => setError(failure.message),
    );
  }, [slug]);

  useEffect(() => {
    load();
    const offJournal = client.on('journal.appended', (payload) => {
      if (payload.slug !== slug || !payload.events.some((event) => event.type.startsWith('terminal.session'))) return;
      load();
      setRecordingsKey((key) => key + 1);
    });
    const offExit = client.on('terminal.exit', (payload) => {
      if (payload.slug === slug) load();
    });
    return () => {
      offJournal();
      offExit();
    };
  }, [slug, load]);

  const activate = (id: string) => setHistory((current) => [id, ...current.filter((other) => other !== id)]);

  const open = (target: Target, reason?: string) => {
    setError(null);
    client.call('terminal.open', { slug, targetId: target.id, ...(reason === undefined ? {} : { override: { reason } }) }).then(
      (session) => {
        setHeld(null);
        setOverrideReason('');
        setSessions((current) => [...current.filter((other) => other.id !== session.id), session]);
        activate(session.id);
      },
      (failure: Error) => {
        setError(failure.message);
        setHeld(/held by the release schedule/.test(failure.message) ? target : null);
      },
    );
  };

  const closeTab = (session: TerminalSessionView) => {
    const request = session.exit
      ? client.call('terminal.close', { slug, sessionId: session.id })
      : client.call('terminal.kill', { slug, sessionId: session.id });
    request.then(load, (failure: Error) => setError(failure.message));
  };

  const targetOf = (session: TerminalSessionView) => meta.targets.find((target) => target.id === session.targetId);
  const visible = history
    .slice(0, split ? 2 : 1)
    .map((id) => sessions.find((session) => session.id === id))
    .filter((session): session is TerminalSessionView => session !== undefined);
  const active = visible[0]?.id;

  return (
    <section className="view terminals-view" aria-label="Terminals">
      <div className="terminals-layout">
        <aside className="targets-column" aria-label="Targets">
          <div className="section-header">
            <h2 className="view-title">Targets</h2>
            <button type="button" className="button secondary" onClick={() => setEditing('new')}>
              + Target
            </button>
          </div>
          <button type="button" className="button secondary library-button" data-testid="open-target-library" onClick={() => setBrowsingLibrary(true)}>
            From the workspace library{library.targets.length > 0 ? ` (${library.targets.length})` : ''}
          </button>
          {meta.targets.length === 0 ? <p className="empty">No targets yet: add the places commands run (a sandbox shell, ssh, kubectl).</p> : null}
          <ul className="target-cards">
            {meta.targets.map((target) => (
              <li
                key={target.id}
                className={`target-card target-env-${target.environment}`}
                style={target.color ? { ['--target-colour' as string]: target.color } : undefined}
              >
                <TargetSummary target={target} />
                <div className="target-card-actions">
                  <button
                    type="button"
                    className={`button ${target.environment === 'production' ? 'danger' : 'primary'}`}
                    data-testid={`open-terminal-${target.id}`}
                    onClick={() => open(target)}
                  >
                    Open terminal
                  </button>
                  <button type="button" className="button secondary" onClick={() => setEditing(target)}>
                    Edit
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </aside>
        <div className="terminals-main">
          <div className="terminal-tabs">
            <div role="tablist" aria-label="Terminal sessions" className="terminal-tab-list">
              {history
                .map((id) => sessions.find((session) => session.id === id))
                .filter((session): session is TerminalSessionView => session !== undefined)
                .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
                .map((session) => (
                  <div
                    key={session.id}
                    className={`terminal-tab target-env-${session.environment}${visible.some((shown) => shown.id === session.id) ? ' shown' : ''}${session.id === active ? ' active' : ''}`}
                  >
                    <button
                      type="button"
                      role="tab"
                      aria-selected={session.id === active}
                      data-testid={`terminal-tab-${session.targetId}`}
                      onClick={() => activate(session.id)}
                    >
                      <span className="tab-dot" style={targetOf(session)?.color ? { background: targetOf(session)!.color } : undefined} />
                      {session.targetName}
                      <span className="tab-time">{formatTimeOfDay(session.startedAt, viewerZone()).slice(0, 5)}</span>
                      {session.exit ? <span className={`tab-exit ${session.exit.exitCode === 0 ? 'ok' : 'failed'}`}>exit {session.exit.exitCode}</span> : null}
                    </button>
                    <button
                      type="button"
                      className="tab-close"
                      aria-label={session.exit ? `Close ${session.targetName}` : `End the ${session.targetName} session`}
                      title={session.exit ? 'Close' : 'End the session (SIGHUP)'}
                      onClick={() => closeTab(session)}
                    >
                      ×
                    </button>
                  </div>
                ))}
            </div>
            <button
              type="button"
              className={`button secondary split-toggle${split ? ' on' : ''}`}
              aria-pressed={split}
              disabled={sessions.length < 2}
              onClick={() => setSplit(!split)}
            >
              {split ? 'Single view' : 'Split view'}
            </button>
          </div>
          {error ? <div className="form-error">{error}</div> : null}
          {held ? (
            <form
              className="terminal-override"
              data-testid="terminal-override"
              onSubmit={(event) => {
                event.preventDefault();
                open(held, overrideReason.trim());
              }}
            >
              <label htmlFor="terminal-override-reason">Why must {held.name} be opened now? Your reason and your name are journaled with the session.</label>
              <textarea
                id="terminal-override-reason"
                data-testid="terminal-override-reason"
                rows={2}
                value={overrideReason}
                onChange={(event) => setOverrideReason(event.target.value)}
              />
              <div className="form-actions">
                <button type="button" className="button secondary" onClick={() => (setHeld(null), setError(null))}>
                  Cancel
                </button>
                <button type="submit" className="button danger" disabled={overrideReason.trim().length < 10} data-testid="terminal-override-open">
                  Override and open terminal
                </button>
              </div>
            </form>
          ) : null}
          <div className={`terminal-panes${visible.length > 1 ? ' split' : ''}`}>
            {visible.length === 0 ? (
              <div className="terminals-empty">
                <p>No terminal open.</p>
                <p className="empty">Open a terminal on a target: every session is recorded, and every command goes on the timeline with its exit code.</p>
              </div>
            ) : (
              visible.map((session) => (
                <TerminalPane
                  key={session.id}
                  slug={slug}
                  session={session}
                  target={targetOf(session)}
                  focused={session.id === active}
                  onFocus={() => activate(session.id)}
                />
              ))
            )}
          </div>
        </div>
      </div>
      <RecordingsPanel slug={slug} refreshKey={recordingsKey} />
      {editing ? (
        <TargetDialog
          slug={slug}
          target={editing === 'new' ? null : editing}
          inLibrary={editing !== 'new' && library.targets.some((saved) => saved.id === editing.id)}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {browsingLibrary ? (
        <TargetLibraryDialog slug={slug} library={library.targets} releaseTargets={meta.targets} onClose={() => setBrowsingLibrary(false)} />
      ) : null}
    </section>
  );
}
