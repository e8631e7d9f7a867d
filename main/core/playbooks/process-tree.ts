/**
 * Run one shell command in its own process group, and end the whole tree when needed.
 *
 * Why a process group: `sh -c 'a & b & wait'` leaves children that a kill of the shell
 * alone would orphan (and that keep our output pipes open forever). The command is
 * spawned detached (setsid: it leads a new group); timeout, abort, and the end of the
 * shell all signal the group: SIGTERM, a grace period, then SIGKILL. Node reaps the shell
 * itself, so no zombie of ours remains. A step that must leave a daemon behind has to
 * detach it (setsid), as any service manager would.
 */
import { spawn } from 'node:child_process';

/** What to run. The command text is never built from variable values: those come in `env`. */
export interface ProcessSpec {
  readonly command: string;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly timeoutMs: number;
}

/** How the process ended. */
export interface ProcessOutcome {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly aborted: boolean;
  /** Set when the process could not start (missing folder, no shell). */
  readonly spawnError: string | undefined;
  /** Pid of the group leader (the shell); its group id is the same number. */
  readonly pid: number | undefined;
}

export const ProcessTreeTuning = {
  /** Time between SIGTERM and SIGKILL: enough for a well-behaved tool to clean up. */
  graceMs: 2_000,
  /** After SIGKILL, how long we still wait for the pipes to close before we stop reading. */
  drainMs: 1_000,
  /** The shell of run steps: POSIX sh, present everywhere we run. */
  shell: '/bin/sh',
} as const;

/** Run `spec.command` with `sh -c`, streaming output to `onOutput`. Never rejects. */
export function runProcessTree(
  spec: ProcessSpec,
  onOutput: (chunk: Buffer, stream: 'stdout' | 'stderr') => void,
  signal?: AbortSignal,
  tuning: { graceMs: number; drainMs: number } = ProcessTreeTuning,
): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    let timedOut = false;
    let aborted = false;
    let exitCode: number | null = null;
    let exitSignal: string | null = null;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const child = spawn(ProcessTreeTuning.shell, ['-c', spec.command], {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid;
    const finish = (spawnError?: string): void => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({ exitCode, signal: exitSignal, timedOut, aborted, spawnError, pid });
    };
    const signalGroup = (name: NodeJS.Signals): boolean => {
      if (pid === undefined) return false;
      try {
        process.kill(-pid, name);
        return true;
      } catch {
        return false; // ESRCH: the group is already gone.
      }
    };
    let ending = false;
    const endTree = (): void => {
      if (ending) return;
      ending = true;
      if (!signalGroup('SIGTERM')) {
        timers.push(setTimeout(() => finish(), tuning.drainMs));
        return;
      }
      timers.push(
        setTimeout(() => {
          signalGroup('SIGKILL');
          timers.push(setTimeout(() => finish(), tuning.drainMs));
        }, tuning.graceMs),
      );
    };
    const onAbort = (): void => {
      aborted = true;
      endTree();
    };
    child.stdout?.on('data', (chunk: Buffer) => onOutput(chunk, 'stdout'));
    child.stderr?.on('data', (chunk: Buffer) => onOutput(chunk, 'stderr'));
    child.on('error', (error) => {
      exitCode = null;
      finish(error.message);
    });
    child.on('exit', (code, name) => {
      exitCode = code;
      exitSignal = name;
      // The shell is gone; whatever it left in its group must not survive the step.
      endTree();
    });
    child.on('close', () => finish());
    if (spec.timeoutMs > 0) {
      timers.push(
        setTimeout(() => {
          timedOut = true;
          endTree();
        }, spec.timeoutMs),
      );
    }
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
