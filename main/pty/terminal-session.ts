import { StringDecoder } from 'node:string_decoder';
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as pty from 'node-pty';
import type { RedactionOptions } from '../core/redaction/redaction-patterns';
import { redactText } from '../core/redaction/redact-text';
import { WarRoomError } from '../../contract/domain/errors';
import type { Disposable, Event } from './emitter';
import { Emitter } from './emitter';
import { ScrollbackRing } from './scrollback-ring';
import { endSession, killSessionNow, processStartTime, SessionEndTuning } from './session-processes';
import type { RecordingOptions, SessionRecordingResult } from './session-recorder';
import { SessionRecorder } from './session-recorder';
import type { CommandRecord, ShellIntegrationParser } from './shell-integration-parser';
import { createShellIntegrationParser } from './shell-integration-parser';
import type { ShellLaunch } from './shell-integration';
import { withShellIntegration } from './shell-integration';
import type { TargetProfile } from './terminal-profile';
import { TerminalTuning } from '../../contract/domain/terminal/terminal-constants';
import { findCommand } from './resolve-command';
import { chunkInput, InputChunking } from './chunk-input';
import { drainBeforeClose } from './pty-drain';

/** How a session ended; `recording` once its file is closed and hashed. */
export interface TerminalExit {
  readonly exitCode: number;
  readonly signal?: number;
  readonly recording?: SessionRecordingResult;
}

export interface TerminalSessionOptions {
  readonly profile: TargetProfile;
  readonly cols?: number;
  readonly rows?: number;
  /** Inject bash/zsh integration to report commands (default true; other commands are unchanged). */
  readonly shellIntegration?: boolean;
  /** Where the integration scripts are (packaging may move assets/). */
  readonly shellIntegrationDir?: string;
  /** Record into this .cast file. */
  readonly recording?: RecordingOptions;
  /** Redaction for the command timeline (the recording has its own in `recording`). */
  readonly redaction?: RedactionOptions;
  /** The environment to inherit (default process.env); the profile's env is laid over it. */
  readonly baseEnv?: NodeJS.ProcessEnv;
  /** Clock (ms since epoch), injectable for tests of the timeline. */
  readonly now?: () => number;
}

/**
 * One terminal: a process in a pty, its output pipeline, and its recording.
 *
 * The only wrapper of node-pty (VS Code's terminalProcess.ts is the model). Output is
 * decoded as a UTF-8 stream (a character split across reads survives), merged over
 * TerminalTuning.BatchIntervalMs, and flow-controlled: when the consumer falls more
 * than HighWatermarkChars behind (acknowledge() from xterm's write callback), the pty
 * is paused, and resumed below LowWatermarkChars. Shell-integration sequences become
 * command records; the recording gets the output without them, with secrets masked.
 */
export class TerminalSession implements Disposable {
  readonly pid: number;
  readonly startedAt: number;
  /** When the shell started (/proc): its session is ended by pid, never a later process's with the same number. */
  private readonly leaderStart: number | undefined;
  private readonly process: pty.IPty;
  private readonly launch: ShellLaunch;
  private readonly decoder = new StringDecoder('utf8');
  private readonly parser: ShellIntegrationParser;
  private readonly scrollback = new ScrollbackRing(TerminalTuning.ScrollbackChars);
  private readonly recorder: SessionRecorder | undefined;
  private readonly now: () => number;
  private readonly subscriptions: pty.IDisposable[] = [];
  private readonly dataEmitter = new Emitter<string>();
  private readonly exitEmitter = new Emitter<TerminalExit>();
  private readonly commandEmitter = new Emitter<CommandRecord>();
  private batch: string[] = [];
  private cleanBatch: string[] = [];
  private batchTimer: NodeJS.Timeout | undefined;
  /** Input chunks not yet written (see write). */
  private inputQueue: string[] = [];
  private inputTimer: NodeJS.Timeout | undefined;
  private unacknowledged = 0;
  private flowControl = true;
  private paused = false;
  /** The consumer drained its backlog and waits: hand reads over without batching until it has work again. */
  private flushNextRead = false;
  private size: { cols: number; rows: number };
  private exit: TerminalExit | undefined;
  private disposed = false;
  /** The process is gone or being killed: its last output must be read, never held back. */
  private ending = false;
  /** While paused: watches whether the process ended (see watchForEnd). */
  private endWatch: NodeJS.Timeout | undefined;
  /** Ending the session's processes (close, or what the shell left behind when it exited). */
  private ended: Promise<unknown> | undefined;
  private closing: Promise<TerminalExit> | undefined;
  private readonly exitWaiters: ((exit: TerminalExit) => void)[] = [];

  /** Output batches (raw, for the live screen: integration sequences are left for xterm to ignore). */
  readonly onData: Event<string> = this.dataEmitter.event;
  /** The process ended; all output has been emitted and the recording is closed. */
  readonly onExit: Event<TerminalExit> = this.exitEmitter.event;
  /** A command finished (shell integration); its command line is already redacted. */
  readonly onCommand: Event<CommandRecord> = this.commandEmitter.event;

  constructor(private readonly options: TerminalSessionOptions) {
    const { profile } = options;
    this.now = options.now ?? Date.now;
    this.size = { cols: options.cols ?? TerminalTuning.DefaultCols, rows: options.rows ?? TerminalTuning.DefaultRows };
    const env = buildEnvironment(options.baseEnv ?? process.env, profile.env ?? {});
    const cwd = profile.cwd ?? env['HOME'] ?? homedir();
    checkFolder(profile, cwd);
    const file = resolveCommand(profile, env);
    this.launch =
      options.shellIntegration === false
        ? { file, args: profile.args ?? [], env, integration: undefined, cleanup: () => undefined }
        : withShellIntegration(file, profile.args ?? [], env, options.shellIntegrationDir);
    this.parser = createShellIntegrationParser(this.now);
    this.startedAt = this.now();
    try {
      this.recorder = options.recording === undefined ? undefined : new SessionRecorder(options.recording, this.size, this.startedAt);
      this.recorder?.onCaughtUp(() => this.updateFlow());
      this.process = pty.spawn(this.launch.file, [...this.launch.args], {
        name: env['TERM'] ?? 'xterm-256color',
        cols: this.size.cols,
        rows: this.size.rows,
        cwd,
        env: this.launch.env,
        encoding: null, // bytes: we decode as a stream, so a split character survives
      });
    } catch (error) {
      try {
        this.recorder?.close(this.now());
      } catch {
        // the start failed: that error is the one to report
      }
      this.launch.cleanup();
      if (error instanceof WarRoomError) throw error;
      throw new WarRoomError('io', `Could not start target "${profile.name}" (${profile.command}): ${(error as Error).message}`, [{ field: 'command' }], {
        cause: error,
      });
    }
    this.pid = this.process.pid;
    this.leaderStart = processStartTime(this.pid);
    this.subscriptions.push(
      this.process.onData((data) => this.handleData(data as unknown as Buffer | string)),
      this.process.onExit((event) => this.handleExit(event)),
    );
    // The last output of a process that ends at once would be lost (see pty-drain.ts).
    drainBeforeClose(this.process, (bytes) => this.handleData(bytes));
  }

  /** The target this session runs on. */
  get profile(): TargetProfile {
    return this.options.profile;
  }

  get cols(): number {
    return this.size.cols;
  }

  get rows(): number {
    return this.size.rows;
  }

  /** The exit, once the process has ended. */
  get exited(): TerminalExit | undefined {
    return this.exit;
  }

  /** Characters emitted but not yet acknowledged by the consumer. */
  get unacknowledgedChars(): number {
    return this.unacknowledged;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Which shell integration was injected ('bash', 'zsh'), if any. */
  get shellIntegration(): 'bash' | 'zsh' | undefined {
    return this.launch.integration;
  }

  /** Recent output (raw), for a renderer that reattaches. */
  scrollbackSnapshot(): string {
    return this.scrollback.snapshot();
  }

  /**
   * Keystrokes or a paste from the user, written in chunks of InputChunking.MaxChunkChars
   * one per InputChunking.IntervalMs (as VS Code's terminalProcess does): a keystroke goes
   * out at once, a large paste is spaced out so that the tty does not corrupt or cut it.
   */
  write(data: string): void {
    if (this.exit !== undefined || this.disposed) return;
    this.inputQueue.push(...chunkInput(data));
    this.startWrite();
  }

  private startWrite(): void {
    if (this.inputTimer !== undefined) return;
    const chunk = this.inputQueue.shift();
    if (chunk === undefined) return;
    if (this.exit === undefined && !this.disposed) this.process.write(chunk);
    if (this.inputQueue.length === 0) return;
    this.inputTimer = setTimeout(() => {
      this.inputTimer = undefined;
      this.startWrite();
    }, InputChunking.IntervalMs);
  }

  /** The consumer has rendered this many more characters (xterm's write callback). */
  acknowledge(chars: number): void {
    this.unacknowledged = Math.max(0, this.unacknowledged - chars);
    this.updateFlow();
  }

  /**
   * Turn flow control on (a consumer is attached) or off (none is: output only feeds the
   * scrollback and the recording, both bounded). Either way the backlog count restarts,
   * as VS Code does when a renderer reconnects.
   */
  setFlowControl(enabled: boolean): void {
    this.flowControl = enabled;
    this.unacknowledged = 0;
    this.updateFlow();
  }

  resize(cols: number, rows: number): void {
    if (this.exit !== undefined || this.disposed) return;
    if (cols === this.size.cols && rows === this.size.rows) return;
    // Output read so far was laid out at the old size: emit and record it first.
    this.flushBatch();
    this.size = { cols, rows };
    this.process.resize(cols, rows);
    this.recorder?.resize(cols, rows, this.now());
  }

  /** Add a marker to the recording (a journal event: checklist tick, playbook step). */
  addMarker(label: string): void {
    if (this.exit === undefined) this.recorder?.marker(label, this.now());
  }

  /** Ask the process to end (SIGHUP, as closing a terminal window does). */
  kill(signal = 'SIGHUP'): void {
    if (this.exit !== undefined || this.disposed) return;
    // A paused pty never reports its end: let the rest drain, and never pause again.
    this.ending = true;
    this.flowControl = false;
    this.updateFlow();
    killPty(this.process, signal);
  }

  /**
   * End the session and everything it started: SIGHUP to every process of the pty's
   * session and its process groups (background jobs included), SIGKILL after a grace
   * period to what ignored it (see session-processes.ts). Resolves with the real exit
   * once the shell's end is read and its recording closed.
   */
  close(): Promise<TerminalExit> {
    this.closing ??= this.endAll();
    return this.closing;
  }

  private async endAll(): Promise<TerminalExit> {
    if (this.exit !== undefined) {
      await this.ended;
      return this.exit;
    }
    if (this.disposed) return { exitCode: -1 };
    this.ending = true;
    this.flowControl = false;
    this.updateFlow();
    const exited = new Promise<TerminalExit>((resolve) => this.exitWaiters.push(resolve));
    // Windows has no sessions to walk: node-pty's kill() ends the console's process tree there.
    if (process.platform === 'win32') killPty(this.process, 'SIGHUP');
    const tree = endSession(this.pid, this.leaderStart);
    this.ended = tree;
    await tree;
    // Everything is gone; node-pty reports the end once it has read the pty to its end
    // (at most ~200 ms later). If it never does, the session ends without an exit code.
    const fallback = setTimeout(() => this.finish({ exitCode: -1 }), SessionEndTuning.GraceMs);
    const exit = await exited;
    clearTimeout(fallback);
    return exit;
  }

  /** Kill the process (and its session) if it still runs, close the recording, drop every listener. */
  dispose(): void {
    if (this.disposed) return;
    if (this.exit === undefined) {
      this.kill('SIGKILL');
      this.finish({ exitCode: -1 });
    }
    // Synchronous (the app is quitting): no grace period, nothing of the session survives.
    killSessionNow(this.pid, this.leaderStart);
    this.disposed = true;
    clearTimeout(this.inputTimer);
    this.inputQueue = [];
    for (const subscription of this.subscriptions) subscription.dispose();
    this.subscriptions.length = 0;
    this.dataEmitter.dispose();
    this.exitEmitter.dispose();
    this.commandEmitter.dispose();
    this.launch.cleanup();
  }

  private handleData(data: Buffer | string): void {
    if (this.exit !== undefined || this.disposed) return;
    const text = typeof data === 'string' ? data : this.decoder.write(data);
    this.accept(text);
  }

  private accept(text: string): void {
    if (text.length === 0) return;
    const parsed = this.parser.push(text);
    this.scrollback.push(text);
    this.batch.push(text);
    if (parsed.text.length > 0) this.cleanBatch.push(parsed.text);
    for (const command of parsed.commands) this.emitCommand(command);
    if (this.flowControl) {
      this.unacknowledged += text.length;
      // Over the watermark, waiting for the batch timer only delays the acknowledgements
      // that would let us go on: hand the batch over now, and pause if still behind.
      if (this.unacknowledged > TerminalTuning.HighWatermarkChars) this.flushBatch();
      this.updateFlow();
    }
    if (this.flushNextRead) {
      // Until the panel has a backlog again: a flood refills it at once, a Ctrl-C's last lines and prompt go out now.
      this.flushNextRead = this.flowControl && this.unacknowledged < TerminalTuning.LowWatermarkChars;
      this.flushBatch();
    } else if (this.batch.length > 0) {
      this.batchTimer ??= setTimeout(() => this.flushBatch(), TerminalTuning.BatchIntervalMs);
    }
  }

  private emitCommand(command: CommandRecord): void {
    this.commandEmitter.fire({ ...command, command: redactText(command.command, this.options.redaction ?? this.options.recording?.redaction).text });
  }

  private flushBatch(): void {
    if (this.batchTimer !== undefined) {
      clearTimeout(this.batchTimer);
      this.batchTimer = undefined;
    }
    if (this.batch.length === 0) return;
    const raw = this.batch.join('');
    const clean = this.cleanBatch.join('');
    this.batch = [];
    this.cleanBatch = [];
    this.recorder?.output(clean, this.now());
    if (this.recorder?.isBehind === true && !this.paused) this.updateFlow();
    this.dataEmitter.fire(raw);
  }

  /**
   * Pause the pty while the panel is too far behind (above HighWatermarkChars, until it
   * is back below LowWatermarkChars) or the recording thread is (a slow disk).
   */
  private updateFlow(): void {
    if (this.exit !== undefined || this.disposed) return;
    const panelBehind =
      this.flowControl && (this.paused ? this.unacknowledged >= TerminalTuning.LowWatermarkChars : this.unacknowledged > TerminalTuning.HighWatermarkChars);
    const hold = !this.ending && (panelBehind || (this.recorder?.isBehind ?? false));
    if (hold && !this.paused) {
      this.paused = true;
      this.process.pause();
      this.watchForEnd();
    } else if (!hold && this.paused) {
      this.paused = false;
      clearInterval(this.endWatch);
      this.endWatch = undefined;
      // The pty holds a full buffer and the panel has (almost) nothing left to draw:
      // waiting BatchIntervalMs to merge reads would only leave it idle (and delay the
      // prompt after a Ctrl-C in a flood).
      this.flushNextRead = true;
      this.process.resume();
    }
  }

  /**
   * node-pty reports a process's end only once its pty is read to the end, and destroys a
   * pty that is not read within 200 ms of the end (node-pty's unixTerminal): a process
   * that ends while we hold its pty paused would lose its last output (up to a kernel
   * buffer: the end of a `cat`, the last lines before `exit`). While paused, look every
   * EndWatchMs whether the process still exists; once it does not, read the rest.
   */
  private watchForEnd(): void {
    if (this.endWatch !== undefined) return;
    this.endWatch = setInterval(() => {
      if (processExists(this.pid)) return;
      this.ending = true;
      this.updateFlow();
    }, TerminalTuning.EndWatchMs);
    this.endWatch.unref();
  }

  private handleExit(event: { exitCode: number; signal?: number }): void {
    this.finish(event.signal === undefined || event.signal === 0 ? { exitCode: event.exitCode } : { exitCode: event.exitCode, signal: event.signal });
  }

  private finish(exit: { exitCode: number; signal?: number }): void {
    if (this.exit !== undefined) return;
    clearInterval(this.endWatch);
    clearTimeout(this.inputTimer);
    this.inputQueue = [];
    this.endWatch = undefined;
    this.accept(this.decoder.end());
    const rest = this.parser.flush(exit.signal === undefined ? exit.exitCode : null);
    if (rest.text.length > 0) this.cleanBatch.push(rest.text);
    for (const command of rest.commands) this.emitCommand(command);
    this.flushBatch();
    let recording: SessionRecordingResult | undefined;
    try {
      recording = this.recorder?.close(this.now());
    } catch (error) {
      // The session ended all the same: say why its recording is incomplete, and end it.
      console.error('warroom: the recording could not be completed', error);
    }
    this.recorder?.dispose();
    this.exit = recording === undefined ? exit : { ...exit, recording };
    this.launch.cleanup();
    // The shell is gone; jobs it left in its session (`cmd &` then `exit`) must not outlive the terminal.
    if (this.ended === undefined && !this.disposed) this.ended = endSession(this.pid, this.leaderStart);
    this.exitEmitter.fire(this.exit);
    for (const waiter of this.exitWaiters.splice(0)) waiter(this.exit);
  }
}

/**
 * Ask a pty's process to end. node-pty's kill() takes a signal only on Unix: on Windows it
 * throws when given one ("Signals not supported on windows") and ends the process tree when
 * given none, so there it is called without. A process that is already gone throws too
 * (ESRCH): its exit event follows, nothing to do.
 */
export function killPty(target: Pick<pty.IPty, 'kill'>, signal: string, platform: NodeJS.Platform = process.platform): void {
  try {
    if (platform === 'win32') target.kill();
    else target.kill(signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') console.error(`warroom: could not end a terminal's process (${signal})`, error);
  }
}

/** Whether a process exists (a zombie still does: node-pty reaps it, then reports the end). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function buildEnvironment(base: NodeJS.ProcessEnv, overrides: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  // Variables of the app itself, not meant for the user's shell.
  for (const key of ['ELECTRON_RUN_AS_NODE', 'NODE_OPTIONS', 'WARROOM_TEST']) delete env[key];
  return { TERM: 'xterm-256color', COLORTERM: 'truecolor', ...env, ...overrides };
}

function checkFolder(profile: TargetProfile, cwd: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(cwd).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    throw new WarRoomError('not-found', `Target "${profile.name}": working folder ${cwd} does not exist; fix the target's folder.`, [{ field: 'cwd' }]);
  }
}

/** The command as an executable path: absolute or relative as given, else looked up on PATH (with PATHEXT on win32). */
function resolveCommand(profile: TargetProfile, env: Readonly<Record<string, string>>): string {
  const found = findCommand(profile.command, { platform: process.platform, env, cwd: profile.cwd ?? process.cwd() });
  if (found !== undefined) return found;
  throw new WarRoomError(
    'not-found',
    `Target "${profile.name}": command '${profile.command}' was not found${profile.command.includes('/') ? '' : ' on PATH'} or is not executable; install it or fix the target's command.`,
    [{ field: 'command' }],
  );
}
