import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { RedactionOptions } from '../core/redaction/redaction-patterns';
import { WarRoomError } from '../../contract/domain/errors';
import type { Disposable, Event } from './emitter';
import { Emitter } from './emitter';
import type { CommandRecord } from './shell-integration-parser';
import type { TerminalExit } from './terminal-session';
import { recordingThread } from './recording-thread';
import { TerminalSession } from './terminal-session';
import type { TargetEnvironment, TargetProfile } from './terminal-schemas';

/** What the UI lists about a session. */
export interface TerminalSessionInfo {
  readonly id: string;
  readonly targetId: string;
  readonly targetName: string;
  readonly environment: TargetEnvironment;
  readonly pid: number;
  readonly cols: number;
  readonly rows: number;
  /** ISO UTC. */
  readonly startedAt: string;
  readonly recordingFile?: string;
  readonly shellIntegration?: 'bash' | 'zsh';
  readonly exit?: TerminalExit;
}

/** A renderer panel (over IPC or WebSocket) showing a session. */
export interface TerminalConsumer {
  onData(data: string): void;
  onExit?(exit: TerminalExit): void;
}

/** An attachment: the recent output to paint first, acknowledgements, and how to detach. */
export interface TerminalAttachment extends Disposable {
  readonly scrollback: string;
  /**
   * This panel has rendered `chars` more characters (xterm's write callback, sent in
   * steps of TerminalTuning.CharCountAckSize). Counts only while this panel is the most
   * recently attached one: a second panel or an observer never speeds up or stalls it.
   */
  acknowledge(chars: number): void;
}

export interface OpenTerminalOptions {
  readonly cols?: number;
  readonly rows?: number;
  /** Record into the manager's recordings folder (default true when it has one). */
  readonly record?: boolean;
  readonly shellIntegration?: boolean;
  readonly title?: string;
}

export interface TerminalManagerOptions {
  /** The release's recordings/ folder; sessions are recorded to <id>.cast there. */
  readonly recordingsDir?: string;
  /** Per-release literals and extra patterns for recordings and the timeline. */
  readonly redaction?: RedactionOptions;
  readonly shellIntegrationDir?: string;
  readonly baseEnv?: NodeJS.ProcessEnv;
  readonly now?: () => number;
}

/** A finished command, with the session and target it ran in (for the timeline). */
export interface SessionCommand extends CommandRecord {
  readonly sessionId: string;
  readonly targetId: string;
}

interface Entry {
  readonly session: TerminalSession;
  readonly info: Omit<TerminalSessionInfo, 'cols' | 'rows' | 'exit'>;
  /** Attached consumers, most recent last; the most recent one drives flow control. */
  readonly consumers: TerminalConsumer[];
  readonly subscriptions: Disposable[];
}

/**
 * All open terminals of the app, by id: open, attach a panel, detach, close.
 *
 * A session outlives its panel: a reloaded renderer reattaches and gets the scrollback.
 * Several panels may show one session (a split view, an observer); only the most
 * recently attached one acknowledges output for flow control, the others follow it.
 * With no panel attached, flow control is off: output feeds only the bounded scrollback
 * and the recording, so a detached `yes` cannot block or grow memory.
 */
export class TerminalManager implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly exitEmitter = new Emitter<{ readonly sessionId: string; readonly exit: TerminalExit }>();
  private readonly commandEmitter = new Emitter<SessionCommand>();
  private readonly dataEmitter = new Emitter<{ readonly sessionId: string; readonly data: string }>();

  /** A session ended (journal: session closed, duration, recording file and sha256). */
  readonly onSessionExit: Event<{ readonly sessionId: string; readonly exit: TerminalExit }> = this.exitEmitter.event;
  /** A command finished in a session (journal/timeline: command, times, exit code). */
  readonly onCommand: Event<SessionCommand> = this.commandEmitter.event;

  /**
   * Every output batch of every session, whether or not a panel is attached. Listening
   * does not count as a consumer for flow control: a transport that broadcasts output to
   * all its clients listens here, and the attached panel acknowledges.
   */
  readonly onSessionData: Event<{ readonly sessionId: string; readonly data: string }> = this.dataEmitter.event;

  constructor(private readonly options: TerminalManagerOptions = {}) {
    // Start the recording thread now, so that the first terminal does not wait for it.
    if (options.recordingsDir !== undefined) recordingThread();
  }

  /** Start a terminal on a target. */
  open(profile: TargetProfile, options: OpenTerminalOptions = {}): TerminalSessionInfo {
    const id = randomUUID();
    const recordingFile = options.record !== false && this.options.recordingsDir !== undefined ? join(this.options.recordingsDir, `${id}.cast`) : undefined;
    const session = new TerminalSession({
      profile,
      ...(options.cols === undefined ? {} : { cols: options.cols }),
      ...(options.rows === undefined ? {} : { rows: options.rows }),
      ...(options.shellIntegration === undefined ? {} : { shellIntegration: options.shellIntegration }),
      ...(this.options.shellIntegrationDir === undefined ? {} : { shellIntegrationDir: this.options.shellIntegrationDir }),
      ...(this.options.baseEnv === undefined ? {} : { baseEnv: this.options.baseEnv }),
      ...(this.options.now === undefined ? {} : { now: this.options.now }),
      ...(this.options.redaction === undefined ? {} : { redaction: this.options.redaction }),
      ...(recordingFile === undefined
        ? {}
        : {
            recording: {
              file: recordingFile,
              title: options.title ?? `${profile.name} (${profile.environment})`,
              env: { TERM: 'xterm-256color', SHELL: profile.command },
              ...(this.options.redaction === undefined ? {} : { redaction: this.options.redaction }),
            },
          }),
    });
    session.setFlowControl(false);
    const entry: Entry = {
      session,
      info: {
        id,
        targetId: profile.id,
        targetName: profile.name,
        environment: profile.environment,
        pid: session.pid,
        startedAt: DateTime.fromMillis(session.startedAt, { zone: 'utc' }).toISO() ?? '',
        ...(recordingFile === undefined ? {} : { recordingFile }),
        ...(session.shellIntegration === undefined ? {} : { shellIntegration: session.shellIntegration }),
      },
      consumers: [],
      subscriptions: [],
    };
    entry.subscriptions.push(
      session.onData((data) => {
        this.dataEmitter.fire({ sessionId: id, data });
        for (const consumer of [...entry.consumers]) consumer.onData(data);
      }),
      session.onExit((exit) => {
        for (const consumer of [...entry.consumers]) consumer.onExit?.(exit);
        this.exitEmitter.fire({ sessionId: id, exit });
      }),
      session.onCommand((command) => this.commandEmitter.fire({ ...command, sessionId: id, targetId: profile.id })),
    );
    this.entries.set(id, entry);
    return this.describe(entry);
  }

  list(): readonly TerminalSessionInfo[] {
    return [...this.entries.values()].map((entry) => this.describe(entry));
  }

  /** Show a session in a panel: returns its recent output; dispose to detach. */
  attach(id: string, consumer: TerminalConsumer): TerminalAttachment {
    const entry = this.entry(id);
    entry.consumers.push(consumer);
    entry.session.setFlowControl(true);
    let attached = true;
    return {
      scrollback: entry.session.scrollbackSnapshot(),
      acknowledge: (chars) => {
        if (attached && entry.consumers.at(-1) === consumer) entry.session.acknowledge(chars);
      },
      dispose: () => {
        if (!attached) return;
        attached = false;
        const index = entry.consumers.indexOf(consumer);
        if (index !== -1) entry.consumers.splice(index, 1);
        // The previous panel (if any) becomes the one that acknowledges; its count restarts.
        if (index === entry.consumers.length) entry.session.setFlowControl(entry.consumers.length > 0);
      },
    };
  }

  /**
   * Show a session to someone who watches it (an observer, a participant who may not type
   * into it): its recent output, and nothing to acknowledge. A watcher never drives flow
   * control, so a page that stops reading cannot pause the shell of the one who types.
   */
  watch(id: string): TerminalAttachment {
    return { scrollback: this.entry(id).session.scrollbackSnapshot(), acknowledge: () => undefined, dispose: () => undefined };
  }

  write(id: string, data: string): void {
    this.entry(id).session.write(data);
  }

  resize(id: string, cols: number, rows: number): void {
    this.entry(id).session.resize(cols, rows);
  }

  /**
   * End a session and everything it started (background jobs, their process groups);
   * resolves with its real exit once its end is read and its recording closed. The
   * session stays listed (with its exit) until closed.
   */
  end(id: string): Promise<TerminalExit> {
    return this.entry(id).session.close();
  }

  /** Put a marker into every running recording (a journal event happened). */
  addMarker(label: string): void {
    for (const entry of this.entries.values()) entry.session.addMarker(label);
  }

  /**
   * End a session (as `end`) and forget it. Its exit is reported (onSessionExit) while it
   * is still listed, so that whoever journals it knows its target and start.
   */
  async close(id: string): Promise<TerminalExit> {
    const entry = this.entry(id);
    const exit = await entry.session.close();
    this.forget(id, entry);
    return exit;
  }

  /** End every session as `close` does, in parallel (server stop, app quit with time to spare). */
  async shutdown(): Promise<void> {
    await Promise.allSettled([...this.entries.keys()].map((id) => this.close(id)));
    this.dispose();
  }

  /** Kill every session at once (SIGKILL to each session's processes) and forget it: nothing may wait. */
  dispose(): void {
    for (const [id, entry] of [...this.entries]) this.forget(id, entry);
    this.exitEmitter.dispose();
    this.commandEmitter.dispose();
    this.dataEmitter.dispose();
  }

  private forget(id: string, entry: Entry): void {
    if (this.entries.get(id) !== entry) return;
    entry.session.dispose();
    this.entries.delete(id);
    for (const subscription of entry.subscriptions) subscription.dispose();
    entry.consumers.length = 0;
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (entry === undefined) throw new WarRoomError('not-found', `Terminal session ${id} is not open (it may have been closed).`, [{ field: 'sessionId' }]);
    return entry;
  }

  private describe(entry: Entry): TerminalSessionInfo {
    const exit = entry.session.exited;
    return { ...entry.info, cols: entry.session.cols, rows: entry.session.rows, ...(exit === undefined ? {} : { exit }) };
  }
}
