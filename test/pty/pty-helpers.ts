// Shared helpers of the terminal tests: an isolated HOME, sessions on real processes,
// waiting for output, and a headless xterm to compare screens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xtermHeadless from '@xterm/headless';
import type { TerminalExit, TerminalSessionOptions } from '../../main/pty/terminal-session';
import { TerminalSession } from '../../main/pty/terminal-session';
import type { TargetProfile } from '../../main/pty/terminal-profile';

const { Terminal } = xtermHeadless;
export type HeadlessTerminal = InstanceType<typeof Terminal>;

/** A temporary folder removed by the returned cleanup. */
export function tempFolder(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `warroom-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** An environment with an empty HOME, so the user's rc files cannot change the prompt. */
export function isolatedEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color', LANG: 'C.UTF-8', PS1: '$ ' };
}

export function profile(command: string, args: string[] = [], extra: Partial<TargetProfile> = {}): TargetProfile {
  return { id: 'sandbox', name: 'sandbox', environment: 'sandbox', command, args, env: {}, ...extra };
}

/** A session whose output is collected (and acknowledged at once, like a fast xterm). */
export interface Collected {
  readonly session: TerminalSession;
  output(): string;
  batches(): readonly string[];
  waitFor(predicate: (output: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  exited: Promise<TerminalExit>;
}

export function collect(options: TerminalSessionOptions, acknowledge = true): Collected {
  const session = new TerminalSession(options);
  const batches: string[] = [];
  let output = '';
  const waiters = new Set<() => void>();
  session.onData((data) => {
    batches.push(data);
    output += data;
    if (acknowledge) session.acknowledge(data.length);
    for (const waiter of [...waiters]) waiter();
  });
  const exited = new Promise<TerminalExit>((resolve) => session.onExit(resolve));
  return {
    session,
    output: () => output,
    batches: () => batches,
    exited,
    waitFor(predicate, what, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (predicate(output)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(output);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Timed out waiting for ${what}; output so far: ${JSON.stringify(output.slice(-500))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

export function headless(cols: number, rows: number): HeadlessTerminal {
  return new Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
}

/** Write to a headless terminal and wait until it has parsed it. */
export function writeAndWait(terminal: HeadlessTerminal, data: string): Promise<void> {
  return new Promise((resolve) => terminal.write(data, resolve));
}

/** The whole buffer (scrollback and screen) as text, trailing blanks trimmed. */
export function screenText(terminal: HeadlessTerminal): string {
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  for (let index = 0; index < buffer.length; index += 1) lines.push(buffer.getLine(index)?.translateToString(true) ?? '');
  return lines.join('\n').replace(/\n+$/, '');
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
