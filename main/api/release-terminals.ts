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
import { DisposableStore } from '../pty/disposable-store';
import type { AttachMode, TerminalSessionInfo } from '../pty/terminal-manager';
import { TerminalManager } from '../pty/terminal-manager';
import type { ClientConnection, TerminalChannelEndpoint } from './client-connection';
import type { EventBus } from './event-bus';
export { TerminalEventTypes } from '../../contract/domain/terminal/terminal-events';
import { TerminalEventTypes, type TerminalEvent } from '../../contract/domain/terminal/terminal-events';
import { mayType } from './terminal-access';

export type { ClientConnection } from './client-connection';

/** Why a session is ending, when something other than its own exit ends it. */
type SessionEnding = { readonly endedBy: 'closed'; readonly closedBy: string } | { readonly endedBy: 'server-stopped' };

/** A panel attached over a channel: everything it holds is released through `resources`. */
interface AttachmentState {
  readonly connectionId: string | undefined;
  readonly resources: DisposableStore;
  readonly endpoint: TerminalChannelEndpoint;
}

interface SessionState {
  readonly openedBy: string;
  /** When the session started (ms since epoch): its duration is measured from here. */
  readonly startedAtMs: number;
  readonly targetId: string;
  readonly targetName: string;
  /** Set before we end the session ourselves; a session that ends on its own has none. */
  ending?: SessionEnding;
  readonly attachments: Map<string, AttachmentState>;
}

/**
 * The terminals of one release: a TerminalManager recording into the release's
 * recordings/ folder, wired to the journal and to the event bus.
 *
 * Output goes only to attached panels, each on its own data channel (with an offset, so
 * a panel that just attached skips what its scrollback already holds); the most recent
 * `control` panel drives flow control, `watch` panels get the redacted stream. Commands and the session's end are
 * journaled (redacted); journal events of other areas become markers in open recordings.
 */
export class ReleaseTerminals implements Disposable {
  readonly manager: TerminalManager;
  private readonly sessions = new Map<string, SessionState>();
  private readonly subscriptions = new DisposableStore();
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
    this.subscriptions.add(
      this.manager.onCommand((command) => {
        const state = this.sessions.get(command.sessionId);
        const info = this.find(command.sessionId);
        this.journal(state?.openedBy ?? 'terminal', {
          type: TerminalEventTypes.command,
          data: {
            sessionId: command.sessionId,
            targetId: command.targetId,
            targetName: info?.targetName ?? command.targetId,
            command: command.command,
            startedAt: command.startedAt,
            finishedAt: command.finishedAt,
            durationMs: command.durationMs,
            exitCode: command.exitCode,
            ...(command.cwd === undefined ? {} : { cwd: command.cwd }),
          },
        });
      }),
    );
    this.subscriptions.add(
      this.manager.onSessionExit(({ sessionId, exit }) => {
        const state = this.sessions.get(sessionId);
        const ending: SessionEnding | { readonly endedBy: 'exited' } = state?.ending ?? { endedBy: 'exited' };
        // On each channel after the last output (a port and the event path are not ordered with each other).
        const exitFrame = { exitCode: exit.exitCode, ...(exit.signal === undefined ? {} : { signal: exit.signal }), ...ending };
        for (const [attachmentId, attachment] of state?.attachments ?? []) {
          attachment.endpoint.send({ kind: 'exit', sessionId, attachmentId, exit: exitFrame });
          attachment.resources.dispose();
        }
        state?.attachments.clear();
        // The pane says how it ended ("closed by dana"), not the SIGHUP our close sent ("exit 0 (signal 1)").
        this.bus.publish({
          type: 'terminal.exit',
          payload: { slug, sessionId, exitCode: exit.exitCode, ...(exit.signal === undefined ? {} : { signal: exit.signal }), ...ending },
        });
        const actor = ending.endedBy === 'closed' ? ending.closedBy : (state?.openedBy ?? 'terminal');
        this.journal(actor, {
          type: TerminalEventTypes.closed,
          data: {
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
          },
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
      readonly policy?: {
        readonly findings: readonly PolicyFinding[];
        readonly override?: { readonly reason: string };
        /** Four-eyes: may hold the override for approvers (throws) before it is journaled. */
        readonly hold?: (reason: string) => Promise<void>;
      };
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
      await options.policy?.hold?.(reason);
      await this.journal(actor, {
        type: TerminalEventTypes.policyOverridden,
        data: {
          targetId: target.id,
          targetName: target.name,
          reason,
          findings: held.map((finding) => ({ id: finding.id, rule: finding.rule, message: finding.message })),
        },
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
      openedBy: actor,
      startedAtMs: Date.parse(info.startedAt),
      targetId: target.id,
      targetName: target.name,
      attachments: new Map(),
    });
    await this.journal(actor, {
      type: TerminalEventTypes.opened,
      data: {
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
      },
    });
    return toView(info);
  }

  list(): readonly TerminalSessionView[] {
    return this.manager.list().map(toView);
  }

  /**
   * A panel shows a session over the data channel its client opened for `attachmentId`:
   * it gets the scrollback, then output from `offset` on that channel, and sends input,
   * acknowledgements and resizes back on it. `control` (the most recent one) drives flow
   * control; `watch` gets the redacted stream and never types (see mayType). Everything
   * the attachment holds is released together when it detaches, its channel closes, or
   * the session ends.
   */
  attach(sessionId: string, connection: ClientConnection | undefined, attachmentId: string, asked: AttachMode = 'control'): TerminalAttachView {
    const state = this.state(sessionId);
    // Who may not type into this session (an observer, a voter, an operator without the
    // target) watches: the redacted stream, no input, never the one flow control waits for.
    const mode: AttachMode = asked === 'control' && !mayType(connection, { sessionId, targetId: state.targetId }, 'control') ? 'watch' : asked;
    const info = this.find(sessionId);
    if (!info) throw new WarRoomError('not-found', `Terminal session ${sessionId} is not open.`, [{ field: 'sessionId' }]);
    if (state.attachments.has(attachmentId)) {
      throw new WarRoomError('conflict', `Attachment ${attachmentId} of terminal session ${sessionId} exists already; attach with a new id.`, [
        { field: 'attachmentId' },
      ]);
    }
    const endpoint = connection?.terminalChannel(sessionId, attachmentId);
    if (!endpoint) {
      throw new WarRoomError(
        'refused',
        `terminal.attach: this client opened no terminal channel for attachment ${attachmentId}; open the channel, then attach.`,
        [{ field: 'attachmentId' }],
      );
    }
    const resources = new DisposableStore();
    resources.add(() => endpoint.close());
    resources.add(() => state.attachments.delete(attachmentId));
    const attachment = resources.add(
      this.manager.attach(
        sessionId,
        {
          onData: (data, offset) => endpoint.send({ kind: 'output', sessionId, attachmentId, offset, data }),
          onSkipped: (chars) => endpoint.send({ kind: 'skipped', sessionId, attachmentId, chars }),
        },
        mode,
      ),
    );
    const typing = { sessionId, targetId: state.targetId };
    endpoint.onFrame((frame) => {
      if (resources.isDisposed || frame.sessionId !== sessionId || frame.attachmentId !== attachmentId) return;
      if (frame.kind === 'ack') attachment.acknowledge(frame.chars);
      else if (!mayType(connection, typing, mode)) return;
      else if (frame.kind === 'input') this.manager.write(sessionId, frame.data);
      else this.manager.resize(sessionId, frame.cols, frame.rows);
    });
    endpoint.onClose(() => resources.dispose());
    state.attachments.set(attachmentId, { connectionId: connection?.id, resources, endpoint });
    return { attachmentId, mode, session: toView(info), scrollback: attachment.scrollback, offset: attachment.offset };
  }

  /** A panel lets go of its attachment (only the client that attached may). */
  detach(sessionId: string, attachmentId: string, connection: ClientConnection | undefined): void {
    const attachment = this.sessions.get(sessionId)?.attachments.get(attachmentId);
    if (attachment && attachment.connectionId === connection?.id) attachment.resources.dispose();
  }

  /** Input without a panel (`terminal.write`: scripts, the CLI, tests); the same check as a channel's input. */
  write(sessionId: string, data: string, connection?: ClientConnection): void {
    const state = this.state(sessionId);
    if (!mayType(connection, { sessionId, targetId: state.targetId }, 'request')) {
      throw new WarRoomError('refused', `Terminal session ${sessionId}: this connection may watch it but not type into it.`, [{ field: 'sessionId' }]);
    }
    this.manager.write(sessionId, data);
  }

  resize(sessionId: string, cols: number, rows: number, connection?: ClientConnection): void {
    const state = this.state(sessionId);
    if (!mayType(connection, { sessionId, targetId: state.targetId }, 'request')) {
      throw new WarRoomError('refused', `Terminal session ${sessionId}: this connection may watch it but not resize it.`, [{ field: 'sessionId' }]);
    }
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
    for (const attachment of state?.attachments.values() ?? []) attachment.resources.dispose();
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
    this.subscriptions.dispose();
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

  private journal(actor: string, event: TerminalEvent): Promise<unknown> {
    const write = this.release
      .execute(actor, () => [event])
      .catch((error: unknown) => {
        console.error(`warroom: could not journal ${event.type}`, error);
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
