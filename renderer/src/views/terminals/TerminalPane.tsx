import { useEffect, useRef, useState } from 'react';
import type { Target, TerminalSessionView } from '../../../../contract/models';
import { describeSessionEnd } from '../../../../contract/terminal-session-end';
import { appShortcut } from '../../app/app-shortcuts';
import { attachTerminal } from '../../client/warroom-client';
import type { TerminalChannel } from '../../client/terminal-channel';
import { createXterm, type XtermHandle } from './create-xterm';
import { TerminalSearchBar } from './TerminalSearchBar';

const CONFIRMED_KEY = 'warroom-confirmed-sessions';

/**
 * Sessions whose production guard was confirmed in this tab: asked once per session, and
 * remembered across a reload of the same tab (sessionStorage), not across tabs or windows.
 */
const confirmedSessions = {
  has(id: string): boolean {
    return (sessionStorage.getItem(CONFIRMED_KEY) ?? '').split(',').includes(id);
  },
  add(id: string): void {
    const ids = (sessionStorage.getItem(CONFIRMED_KEY) ?? '').split(',').filter((known) => known !== '');
    sessionStorage.setItem(CONFIRMED_KEY, [...ids.slice(-50), id].join(','));
  },
};

/** Whether the first keystroke into this target must be confirmed (default: production only). */
export function guardsFirstKeystroke(target: Pick<Target, 'environment' | 'confirmFirstKeystroke'> | undefined, environment: string): boolean {
  return target?.confirmFirstKeystroke ?? environment === 'production';
}

interface Props {
  readonly slug: string;
  readonly session: TerminalSessionView;
  readonly target: Target | undefined;
  readonly focused: boolean;
  readonly onFocus: () => void;
  /** Watch read-only: the redacted stream, no keystrokes (a participant's view of a host terminal). */
  readonly watching?: boolean;
}

/**
 * The panel's keys: Alt+1..7 and Alt+N belong to the app (README), Ctrl+Shift+F finds,
 * Ctrl+Shift+C copies the selection, Ctrl+Shift+V pastes (bracketed when the shell asks).
 * Returns whether xterm handles the key itself.
 */
function handleTerminalKey(event: KeyboardEvent, terminal: XtermHandle['terminal'], openSearch: () => void): boolean {
  if (appShortcut(event) !== undefined) return false;
  if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
  if (event.code === 'KeyF') {
    openSearch();
    return false;
  }
  if (event.code === 'KeyC') {
    const selection = terminal.getSelection();
    if (selection) void navigator.clipboard?.writeText(selection).catch(() => undefined);
    return false;
  }
  if (event.code === 'KeyV') {
    // paste() wraps the text in bracketed-paste markers when the shell enabled them.
    void navigator.clipboard
      ?.readText()
      .then((text) => terminal.paste(text))
      .catch(() => undefined);
    return false;
  }
  return true;
}

/**
 * One terminal panel: an xterm attached to a session in main.
 *
 * Output, keystrokes, acknowledgements and resizes travel on the panel's own data channel
 * (client/terminal-channel.ts: scrollback, offsets, flow control, reattach). Keystrokes,
 * pastes (bracketed when the shell asks) and Ctrl-C go to the process, after the
 * production guard's confirmation; a resize of the panel resizes the pty.
 */
export function TerminalPane({ slug, session, target, focused, onFocus, watching = false }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const handle = useRef<XtermHandle | null>(null);
  const held = useRef('');
  const [asking, setAsking] = useState(false);
  const [searching, setSearching] = useState(false);
  const [exit, setExit] = useState(session.exit);
  // How the session ended when this pane saw it end (closed by someone, server stopped, or the shell exited).
  const [ending, setEnding] = useState<{ readonly endedBy?: string; readonly closedBy?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const production = session.environment === 'production';
  const guarded = guardsFirstKeystroke(target, session.environment);
  const channelRef = useRef<TerminalChannel | null>(null);
  // Read by the input handler when a key arrives, so that a target saved meanwhile counts (no stale closure).
  const guardedRef = useRef(guarded);
  guardedRef.current = guarded;
  // Main attaches whoever may not type here (an observer, an operator without this target) as a watcher.
  const [readOnly, setReadOnly] = useState(watching);
  const readOnlyRef = useRef(watching);

  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const xterm = createXterm(element);
    handle.current = xterm;
    const { terminal, fit } = xterm;
    const sessionId = session.id;
    const channel = attachTerminal({
      slug,
      sessionId,
      mode: watching ? 'watch' : 'control',
      terminal,
      onAttached: (attached) => {
        element.dataset['attached'] = 'true';
        readOnlyRef.current = attached.mode === 'watch';
        setReadOnly(attached.mode === 'watch');
        if (attached.session.exit) setExit(attached.session.exit);
        else if (attached.session.cols !== terminal.cols || attached.session.rows !== terminal.rows) channel.resize(terminal.cols, terminal.rows);
      },
      onExit: (ended) => {
        setExit({ exitCode: ended.exitCode, ...(ended.signal === undefined ? {} : { signal: ended.signal }) });
        setEnding({ endedBy: ended.endedBy, closedBy: ended.closedBy });
        // Everything the session printed came before its exit on the channel, and xterm has parsed it.
        element.dataset['drained'] = 'true';
      },
      onError: (failure) => setError(failure.message),
    });
    channelRef.current = channel;
    const refit = () => {
      if (element.clientWidth === 0 || element.clientHeight === 0) return;
      try {
        fit.fit();
      } catch {
        // not laid out yet
      }
    };
    const onResize = terminal.onResize(({ cols, rows }) => channel.resize(cols, rows));
    const observer = new ResizeObserver(() => refit());
    observer.observe(element);
    refit();
    const onInput = terminal.onData((data) => {
      if (readOnlyRef.current) {
        setError(
          'Read-only: you may not type into this terminal (your role only watches, or its target was not granted in your invite). You see it with secrets masked.',
        );
        return;
      }
      if (guardedRef.current && !confirmedSessions.has(sessionId)) {
        held.current += data;
        setAsking(true);
        return;
      }
      channel.input(data);
    });
    terminal.attachCustomKeyEventHandler((event) => handleTerminalKey(event, terminal, () => setSearching(true)));

    return () => {
      onResize.dispose();
      onInput.dispose();
      observer.disconnect();
      channel.dispose();
      channelRef.current = null;
      xterm.dispose();
      handle.current = null;
    };
    // The panel is bound to one session and one mode; a new session gets a new panel.
  }, [slug, session.id, watching]);

  useEffect(() => {
    if (focused) handle.current?.terminal.focus();
  }, [focused]);

  const answer = (confirmed: boolean) => {
    const data = held.current;
    held.current = '';
    setAsking(false);
    if (confirmed) {
      confirmedSessions.add(session.id);
      if (data) channelRef.current?.input(data);
    }
    handle.current?.terminal.focus();
  };

  return (
    <div
      className={`terminal-pane target-env-${session.environment}${focused ? ' focused' : ''}`}
      style={target?.color ? { ['--target-colour' as string]: target.color } : undefined}
      data-testid={`terminal-pane-${session.targetId}`}
      onMouseDown={onFocus}
    >
      {production ? (
        <div className="production-banner" role="status" data-testid="production-banner">
          PRODUCTION · {session.targetName} · every keystroke runs against production
        </div>
      ) : null}
      <div className="terminal-host" ref={container} data-testid="terminal-host" />
      {searching && handle.current ? (
        <TerminalSearchBar
          search={handle.current.search}
          onClose={() => {
            setSearching(false);
            handle.current?.terminal.focus();
          }}
        />
      ) : null}
      <div className="terminal-status" title="Copy: Ctrl+Shift+C · Paste: Ctrl+Shift+V (bracketed when the shell asks) · Find: Ctrl+Shift+F">
        <span className={`env-badge env-${session.environment}`}>{session.environment}</span>
        <span className="terminal-status-name">{session.targetName}</span>
        {session.shellIntegration ? <span className="terminal-status-muted">commands recorded ({session.shellIntegration})</span> : null}
        {readOnly ? (
          <span className="terminal-status-muted" data-testid="terminal-watching">
            watching, read-only
          </span>
        ) : null}
        <button
          type="button"
          className="terminal-status-button"
          data-testid="terminal-find"
          title="Find in output (Ctrl+Shift+F)"
          onClick={() => setSearching(true)}
        >
          Find
        </button>
        {exit ? (
          <span
            className={`exit-badge ${ending.endedBy === 'closed' || ending.endedBy === 'server-stopped' || (exit.exitCode === 0 && !exit.signal) ? 'ok' : 'failed'}`}
            data-testid="exit-badge"
          >
            {ending.endedBy === undefined
              ? `exited with code ${exit.exitCode}${exit.signal ? ` (signal ${exit.signal})` : ''}`
              : describeSessionEnd({ exitCode: exit.exitCode, signal: exit.signal, endedBy: ending.endedBy, closedBy: ending.closedBy })}
          </span>
        ) : (
          <span className="live-badge">● live</span>
        )}
      </div>
      {error ? <div className="form-error">{error}</div> : null}
      {asking ? (
        <div className="guard-overlay" role="alertdialog" aria-label="Confirm typing into production" data-testid="production-guard">
          <div className="guard-box">
            <p className="guard-title">You are typing into PRODUCTION: {session.targetName}</p>
            <p className="guard-text">Nothing was sent yet. Confirm to send your keystrokes to this session; you will not be asked again for it.</p>
            <div className="form-actions">
              <button type="button" className="button secondary" autoFocus onClick={() => answer(false)}>
                Cancel
              </button>
              <button type="button" className="button danger" data-testid="guard-confirm" onClick={() => answer(true)}>
                Type into production
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}
