import { useEffect, useRef, useState } from 'react';
import type { Target, TerminalSessionView } from '../../../../contract/models';
import { TerminalTuning } from '../../../../contract/terminal-tuning';
import { describeSessionEnd } from '../../../../contract/terminal-session-end';
import { appShortcut } from '../../app/app-shortcuts';
import { client } from '../../client/warroom-client';
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
}

/**
 * One terminal panel: an xterm attached to a session in main.
 *
 * It paints the scrollback, then live `terminal.data` from the attach offset on, and
 * acknowledges from xterm's write callback in steps of CharCountAckSize (flow control:
 * main pauses the pty when this panel falls behind). Keystrokes, pastes (bracketed when
 * the shell asks) and Ctrl-C go to the process; a resize of the panel resizes the pty.
 */
export function TerminalPane({ slug, session, target, focused, onFocus }: Props) {
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

  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const xterm = createXterm(element);
    handle.current = xterm;
    const { terminal, fit } = xterm;
    const sessionId = session.id;
    let attachmentId: string | null = null;
    let attachOffset: number | null = null;
    let unacknowledged = 0;
    let disposed = false;
    const early: { offset: number; data: string }[] = [];
    const report = (failure: Error) => {
      if (!disposed) setError(failure.message);
    };

    const deliver = (offset: number, data: string) => {
      if (attachOffset === null) return;
      const end = offset + data.length;
      if (end <= attachOffset) return; // already in the scrollback
      const fresh = offset < attachOffset ? data.slice(attachOffset - offset) : data;
      terminal.write(fresh, () => {
        unacknowledged += fresh.length;
        if (unacknowledged >= TerminalTuning.CharCountAckSize && attachmentId !== null && !disposed) {
          const chars = unacknowledged;
          unacknowledged = 0;
          client.call('terminal.acknowledge', { slug, sessionId, attachmentId, chars }).catch(() => undefined);
        }
      });
    };
    const offData = client.on('terminal.data', (payload) => {
      if (payload.slug !== slug || payload.sessionId !== sessionId) return;
      if (attachOffset === null) early.push({ offset: payload.offset, data: payload.data });
      else deliver(payload.offset, payload.data);
    });
    const offExit = client.on('terminal.exit', (payload) => {
      if (payload.slug !== slug || payload.sessionId !== sessionId) return;
      setExit({ exitCode: payload.exitCode, ...(payload.signal === undefined ? {} : { signal: payload.signal }) });
      setEnding({ endedBy: payload.endedBy, closedBy: payload.closedBy });
      // Everything the session printed was sent before its exit: mark the panel drained once xterm has parsed it.
      terminal.write('', () => {
        element.dataset['drained'] = 'true';
      });
    });

    const sendResize = () => {
      if (session.exit || disposed) return;
      client.call('terminal.resize', { slug, sessionId, cols: terminal.cols, rows: terminal.rows }).catch(() => undefined);
    };
    const refit = () => {
      if (element.clientWidth === 0 || element.clientHeight === 0) return;
      try {
        fit.fit();
      } catch {
        // not laid out yet
      }
    };
    const onResize = terminal.onResize(sendResize);
    const observer = new ResizeObserver(() => refit());
    observer.observe(element);
    refit();

    client.call('terminal.attach', { slug, sessionId }).then((attached) => {
      if (disposed) {
        void client.call('terminal.detach', { slug, sessionId, attachmentId: attached.attachmentId }).catch(() => undefined);
        return;
      }
      attachmentId = attached.attachmentId;
      element.dataset['attached'] = 'true';
      terminal.write(attached.scrollback);
      attachOffset = attached.offset;
      for (const chunk of early.splice(0)) deliver(chunk.offset, chunk.data);
      if (attached.session.exit) setExit(attached.session.exit);
      else if (attached.session.cols !== terminal.cols || attached.session.rows !== terminal.rows) sendResize();
    }, report);

    const write = (data: string) => client.call('terminal.write', { slug, sessionId, data }).catch(report);
    const onInput = terminal.onData((data) => {
      if (guarded && !confirmedSessions.has(sessionId)) {
        held.current += data;
        setAsking(true);
        return;
      }
      void write(data);
    });
    terminal.attachCustomKeyEventHandler((event) => {
      // Alt+1..7, Alt+N belong to the app (README): xterm leaves them alone, the window's handler acts.
      if (appShortcut(event) !== undefined) return false;
      if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
      if (event.code === 'KeyF') {
        setSearching(true);
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
    });

    return () => {
      disposed = true;
      offData();
      offExit();
      onResize.dispose();
      onInput.dispose();
      observer.disconnect();
      if (attachmentId !== null) void client.call('terminal.detach', { slug, sessionId, attachmentId }).catch(() => undefined);
      xterm.dispose();
      handle.current = null;
    };
    // The panel is bound to one session; a new session gets a new panel.
  }, [slug, session.id]);

  useEffect(() => {
    if (focused) handle.current?.terminal.focus();
  }, [focused]);

  const answer = (confirmed: boolean) => {
    const data = held.current;
    held.current = '';
    setAsking(false);
    if (confirmed) {
      confirmedSessions.add(session.id);
      if (data) void client.call('terminal.write', { slug, sessionId: session.id, data }).catch((failure: Error) => setError(failure.message));
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
