import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { TerminalAttachView, TerminalSessionView } from '../../contract/requests/terminal-requests';
import type { JournalEvent } from '../core/journal/journal-format';
import type { Target } from '../../contract/domain/release/release-meta';
import type { Release } from '../core/release/release';
import type { RedactionOptions } from '../core/redaction/redaction-patterns';
import { compileRedactionSettings, redactionSettingsSchema } from '../core/redaction/redaction-schemas';
import { blockingFindings, type PolicyFinding } from '../core/schedule/policy-checks';
import { WarRoomError } from '../../contract/domain/errors';
import { readWorkspaceLiterals, workspaceOfRelease } from '../core/redaction/workspace-literals';
import type { Disposable } from '../pty/emitter';
import type { TerminalAttachment, TerminalSessionInfo } from '../pty/terminal-manager';
import { TerminalManager } from '../pty/terminal-manager';
import type { EventBus } from './event-bus';
export { TerminalEventTypes } from '../../contract/domain/terminal/terminal-events';
import { TerminalEventTypes } from '../../contract/domain/terminal/terminal-events';

/** A client connection (a WebSocket, an Electron window): its attachments end with it. */
export interface ClientConnection {
  readonly id: string;
  /** Called once when the client goes away (socket closed, window reloaded or closed). */
  onClose(listener: () => void): void;
}

/** Why a session is ending, when something other than its own exit ends it. */
type SessionEnding = { readonly endedBy: 'closed'; readonly closedBy: string } | { readonly endedBy: 'server-stopped' };

interface SessionState {
  /** Characters emitted so far: the offset of the next `terminal.data` event. */
  emitted: number;
  readonly openedBy: string;
  /** When the session started (ms since epoch): its duration is measured from here. */
  readonly startedAtMs: number;
  readonly targetId: string;
  readonly targetName: string;
  /** Set before we end the session ourselves; a session that ends on its own has none. */
  ending?: SessionEnding;
  readonly attachments: Map<string, TerminalAttachment>;
}

/**
 * The terminals of one release: a TerminalManager recording into the release's
 * recordings/ folder, wired to the journal and to the event bus.
 *
 * Output goes to every client as `terminal.data` (with an offset, so a panel that just
 * attached skips what its scrollback already holds); only attached panels acknowledge,
 * and only the most recent one drives flow control. Commands and the session's end are
 * journaled (redacted); journal events of other areas become markers in open recordings.
 */
export class ReleaseTerminals implements Disposable {
  readonly manager: TerminalManager;
  private readonly sessions = new Map<string, SessionState>();
  private readonly subscriptions: Disposable[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  private readonly offChange: () => void;

  constructor(
    private readonly release: Release,
    private readonly bus: EventBus,
    options: { readonly baseEnv?: NodeJS.ProcessEnv; readonly shellIntegrationDir?: string } = {},
  ) {
    const redaction = terminalRedaction(release);
    this.manager = new TerminalManager({
      recordingsDir: release.paths.recordings,
      ...(redaction === undefined ? {} : { redaction }),
      ...(options.baseEnv === undefined ? {} : { baseEnv: options.baseEnv }),
      ...(options.shellIntegrationDir === undefined ? {} : { shellIntegrationDir: options.shellIntegrationDir }),
    });
    const slug = release.slug;
    this.subscriptions.push(
      this.manager.onSessionData(({ sessionId, data }) => {
        const state = this.sessions.get(sessionId);
        const offset = state?.emitted ?? 0;
        if (state) state.emitted += data.length;
        this.bus.publish({ type: 'terminal.data', payload: { slug, sessionId, offset, data } });
      }),
      this.manager.onCommand((command) => {
        const state = this.sessions.get(command.sessionId);
        const info = this.find(command.sessionId);
        this.journal(state?.openedBy ?? 'terminal', TerminalEventTypes.command, {
          sessionId: command.sessionId,
          targetId: command.targetId,
          targetName: info?.targetName ?? command.targetId,
          command: command.command,
          startedAt: command.startedAt,
          finishedAt: command.finishedAt,
          durationMs: command.durationMs,
          exitCode: command.exitCode,
          ...(command.cwd === undefined ? {} : { cwd: command.cwd }),
        });
      }),
      this.manager.onSessionExit(({ sessionId, exit }) => {
        const state = this.sessions.get(sessionId);
        for (const attachment of state?.attachments.values() ?? []) attachment.dispose();
        state?.attachments.clear();
        const ending: SessionEnding | { readonly endedBy: 'exited' } = state?.ending ?? { endedBy: 'exited' };
        // The pane says how it ended ("closed by dana"), not the SIGHUP our close sent ("exit 0 (signal 1)").
        this.bus.publish({
          type: 'terminal.exit',
          payload: { slug, sessionId, exitCode: exit.exitCode, ...(exit.signal === undefined ? {} : { signal: exit.signal }), ...ending },
        });
        const actor = ending.endedBy === 'closed' ? ending.closedBy : (state?.openedBy ?? 'terminal');
        this.journal(actor, TerminalEventTypes.closed, {
          sessionId,
          targetId: state?.targetId ?? '',
          targetName: state?.targetName ?? '',
          exitCode: exit.exitCode,
          ...(exit.signal === undefined ? {} : { signal: exit.signal }),
          durationMs: state === undefined ? 0 : Math.max(0, Date.now() - state.startedAtMs),
          ...ending,
          ...(exit.recording === undefined
            ? {}
            : {
                recordingFile: basename(exit.recording.file),
                sha256: exit.recording.sha256,
                bytes: exit.recording.bytes,
                redactionCount: exit.recording.redactionCount,
                ...(exit.recording.incomplete === undefined ? {} : { recordingIncomplete: exit.recording.incomplete }),
              }),
        });
      }),
    );
    this.offChange = release.onChange((events) => this.markRecordings(events));
  }

  /** Open a terminal on a target of the release and journal it. */
  async open(
    actor: string,
    targetId: string,
    size: { cols?: number; rows?: number },
    options: {
      readonly record?: boolean;
      /**
       * The schedule at this instant for a production target (outside the window, a freeze,
       * the Friday rule): blocking findings hold the terminal unless `override` gives a
       * written reason, journaled (terminal.policy-overridden) before the shell starts.
       */
      readonly policy?: { readonly findings: readonly PolicyFinding[]; readonly override?: { readonly reason: string } };
    } = {},
  ): Promise<TerminalSessionView> {
    const target = this.release.state.meta?.targets.find((candidate) => candidate.id === targetId);
    if (!target) throw new WarRoomError('not-found', `The release has no target "${targetId}"; add it in the Terminals view first.`, [{ field: 'targetId' }]);
    const held = target.environment === 'production' ? blockingFindings(options.policy?.findings ?? []) : [];
    if (held.length > 0) {
      const reason = options.policy?.override?.reason.trim();
      if (!reason) {
        throw new WarRoomError(
          'refused',
          `A terminal on production target "${target.name}" is held by the release schedule: ${held.map((finding) => finding.message).join('; ')}. Open it with a written override (journaled, as at the go/no-go).`,
          [{ field: 'override' }],
        );
      }
      await this.journal(actor, TerminalEventTypes.policyOverridden, {
        targetId: target.id,
        targetName: target.name,
        reason,
        findings: held.map((finding) => ({ id: finding.id, rule: finding.rule, message: finding.message })),
      });
    }
    const info = this.manager.open(
      {
        id: target.id,
        name: target.name,
        environment: target.environment,
        command: target.command,
        args: [...target.args],
        env: { ...target.env },
        ...(target.cwd === undefined ? {} : { cwd: target.cwd }),
      },
      {
        ...(size.cols === undefined ? {} : { cols: size.cols }),
        ...(size.rows === undefined ? {} : { rows: size.rows }),
        ...(options.record === undefined ? {} : { record: options.record }),
      },
    );
    this.sessions.set(info.id, {
      emitted: 0,
      openedBy: actor,
      startedAtMs: Date.parse(info.startedAt),
      targetId: target.id,
      targetName: target.name,
      attachments: new Map(),
    });
    await this.journal(actor, TerminalEventTypes.opened, {
      sessionId: info.id,
      targetId: target.id,
      targetName: target.name,
      environment: target.environment,
      command: [target.command, ...target.args].join(' '),
      cols: info.cols,
      rows: info.rows,
      pid: info.pid,
      // The recording's time 0, to the millisecond (its header has whole seconds): commands are placed on it.
      startedAt: info.startedAt,
      ...(info.recordingFile === undefined ? {} : { recordingFile: basename(info.recordingFile) }),
      ...(info.shellIntegration === undefined ? {} : { shellIntegration: info.shellIntegration }),
    });
    return toView(info);
  }

  list(): readonly TerminalSessionView[] {
    return this.manager.list().map(toView);
  }

  /**
   * A panel shows a session: it gets the scrollback and drives flow control until it
   * detaches; a watcher (`watchOnly`: someone who may not type into it) only gets the scrollback.
   */
  attach(sessionId: string, connection: ClientConnection | undefined, options: { readonly watchOnly?: boolean } = {}): TerminalAttachView {
    const state = this.state(sessionId);
    const attachmentId = randomUUID();
    const attachment = options.watchOnly === true ? this.manager.watch(sessionId) : this.manager.attach(sessionId, { onData: () => undefined });
    state.attachments.set(attachmentId, attachment);
    connection?.onClose(() => this.detach(sessionId, attachmentId));
    const info = this.find(sessionId);
    if (!info) throw new WarRoomError('not-found', `Terminal session ${sessionId} is not open.`, [{ field: 'sessionId' }]);
    return { attachmentId, session: toView(info), scrollback: attachment.scrollback, offset: state.emitted };
  }

  detach(sessionId: string, attachmentId: string): void {
    const state = this.sessions.get(sessionId);
    state?.attachments.get(attachmentId)?.dispose();
    state?.attachments.delete(attachmentId);
  }

  acknowledge(sessionId: string, attachmentId: string, chars: number): void {
    this.sessions.get(sessionId)?.attachments.get(attachmentId)?.acknowledge(chars);
  }

  write(sessionId: string, data: string): void {
    this.manager.write(sessionId, data);
  }

  resize(sessionId: string, cols: number, rows: number): void {
    this.manager.resize(sessionId, cols, rows);
  }

  /** End a session and every process it started (the tab stays, showing the exit); journaled as closed by `actor`. */
  async kill(sessionId: string, actor: string): Promise<void> {
    const state = this.state(sessionId);
    state.ending ??= { endedBy: 'closed', closedBy: actor };
    await this.manager.end(sessionId);
  }

  /** End a session as `kill` does (if it still runs), journal its end, and forget it. */
  async close(sessionId: string, actor: string): Promise<void> {
    const state = this.sessions.get(sessionId);
    if (state) state.ending ??= { endedBy: 'closed', closedBy: actor };
    await this.manager.close(sessionId);
    this.sessions.delete(sessionId);
  }

  /** Recording files of sessions still running (replay marks them live). */
  liveRecordings(): ReadonlySet<string> {
    return new Set(
      this.manager
        .list()
        .filter((info) => info.exit === undefined && info.recordingFile)
        .map((info) => basename(info.recordingFile!)),
    );
  }

  /**
   * The server stops: end every session and the processes it started (SIGHUP, a grace
   * period, SIGKILL), journal each end as "server stopped", then wait for those writes.
   */
  async shutdown(): Promise<void> {
    this.offChange();
    for (const state of this.sessions.values()) state.ending ??= { endedBy: 'server-stopped' };
    await this.manager.shutdown();
    for (const subscription of this.subscriptions) subscription.dispose();
    await Promise.allSettled([...this.pending]);
  }

  dispose(): void {
    void this.shutdown();
  }

  private markRecordings(events: readonly JournalEvent[]): void {
    for (const event of events) {
      if (event.type.startsWith('terminal.')) continue;
      this.manager.addMarker(markerLabel(event));
    }
  }

  private journal(actor: string, type: string, data: Record<string, unknown>): Promise<unknown> {
    const write = this.release
      .execute(actor, () => [{ type, data }])
      .catch((error: unknown) => {
        console.error(`warroom: could not journal ${type}`, error);
      });
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
    return write;
  }

  private state(sessionId: string): SessionState {
    const state = this.sessions.get(sessionId);
    if (!state) throw new WarRoomError('not-found', `Terminal session ${sessionId} is not open (it may have been closed).`, [{ field: 'sessionId' }]);
    return state;
  }

  private find(sessionId: string): TerminalSessionInfo | undefined {
    return this.manager.list().find((info) => info.id === sessionId);
  }
}

/** "checklist.item-ticked #42: Announce freeze" : what replay shows at a marker. */
export function markerLabel(event: JournalEvent): string {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const text = ['title', 'text', 'name', 'summary', 'step'].map((key) => data[key]).find((value) => typeof value === 'string') as string | undefined;
  const label = `${event.type} #${event.seq}${text ? `: ${text}` : ''}`;
  return label.length > 200 ? `${label.slice(0, 199)}…` : label;
}

function toView(info: TerminalSessionInfo): TerminalSessionView {
  return {
    id: info.id,
    targetId: info.targetId,
    targetName: info.targetName,
    environment: info.environment,
    cols: info.cols,
    rows: info.rows,
    startedAt: info.startedAt,
    ...(info.recordingFile === undefined ? {} : { recordingFile: basename(info.recordingFile) }),
    ...(info.shellIntegration === undefined ? {} : { shellIntegration: info.shellIntegration }),
    ...(info.exit === undefined
      ? {}
      : {
          exit: {
            exitCode: info.exit.exitCode,
            ...(info.exit.signal === undefined ? {} : { signal: info.exit.signal }),
            ...(info.exit.recording === undefined ? {} : { recordingFile: basename(info.exit.recording.file), sha256: info.exit.recording.sha256 }),
          },
        }),
  };
}

/**
 * What a terminal of a release masks besides the built-in rules: the patterns saved in
 * the redaction review, the workspace's literals (its 0600 literals file), and
 * `<release>/redaction.json` when present.
 */
export function terminalRedaction(release: Release): RedactionOptions {
  const fromFile = readReleaseRedaction(release.dir);
  const saved = compileRedactionSettings({ literals: [], patterns: [...release.state.report.redaction.patterns] });
  return {
    literals: [...(fromFile?.literals ?? []), ...readWorkspaceLiterals(workspaceOfRelease(release.dir))],
    patterns: [...(fromFile?.patterns ?? []), ...(saved.patterns ?? [])],
  };
}

/**
 * Per-release redaction literals and patterns: `<release>/redaction.json` when present
 * (the redaction review writes it). A broken file is refused with its name, not ignored:
 * recording without the release's literals would leak them.
 */
export function readReleaseRedaction(dir: string): RedactionOptions | undefined {
  const file = join(dir, 'redaction.json');
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new WarRoomError(
      'corrupt',
      `${file} is not valid JSON (${(error as Error).message}); fix it before opening a terminal, so that the release's secrets stay masked.`,
      [{ file }],
    );
  }
  const settings = redactionSettingsSchema.safeParse(parsed);
  if (!settings.success) {
    throw new WarRoomError('corrupt', `${file}: ${settings.error.issues[0]?.path.join('.') ?? ''} ${settings.error.issues[0]?.message ?? 'is invalid'}`, [
      { file },
    ]);
  }
  return compileRedactionSettings(settings.data);
}

export type { Target };
