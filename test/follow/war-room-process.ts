import { spawn, type ChildProcess } from 'node:child_process';
import { Workspace } from '../../main/core/workspace/workspace';
import { createReleaseEvents } from '../../contract/domain/release/release-meta';
import { FollowConnection } from '../../main/api/follow/follow-client';
import { parseFollowLink } from '../../main/api/follow/follow-link';

const root = new URL('../../', import.meta.url).pathname;

function childEnv(): NodeJS.ProcessEnv {
  // The test runner marks its own children (NODE_TEST_CONTEXT); War Room is not one of them.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

/** A real `warroom` process (from source, through tsx), its output collected for waiting on. */
export interface WarRoomProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Wait until the output matches (polling the collected output, not sleeping a fixed time). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited(): Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startWarRoomProcess(args: readonly string[]): WarRoomProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli.ts', ...args], { cwd: root, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(output);
          if (!match) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(match);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`));
        }, timeoutMs);
        waiters.add(check);
        void exit.then(() =>
          setImmediate(() => {
            if (!waiters.has(check)) return;
            check();
            if (!waiters.has(check)) return;
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`exited before ${pattern}; output:\n${output}`));
          }),
        );
        check();
      }),
    exited: () => exit,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exit;
    },
  };
}

/** `warroom web` on a workspace, the URL it prints. */
export async function startHost(workspace: string, port = 0): Promise<{ process: WarRoomProcess; url: string }> {
  const host = startWarRoomProcess(['web', '--workspace', workspace, '--port', String(port), '--no-demo']);
  const match = await host.waitFor(/open:\s+(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/);
  return { process: host, url: match[1]! };
}

/**
 * Run a `warroom` command to its end. Asynchronously: a spawnSync would stop this
 * process's event loop, and the connections the test holds would miss the host's pings
 * and be dropped as gone (as a frozen participant should be).
 */
export function runWarRoom(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli.ts', ...args], { cwd: root, env: childEnv(), timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A workspace with one release and `notes` notes in its journal. */
export async function workspaceWithRelease(dir: string, notes: number): Promise<string> {
  const workspace = await Workspace.open(dir);
  try {
    const definition = { name: 'Payments 4.2', version: '4.2.0', mode: 'rehearsal', zone: 'UTC', goLive: '2030-01-01T00:00:00Z', description: '' };
    const release = await workspace.create(definition.name, 'ana', createReleaseEvents(definition as never, []));
    for (let index = 0; index < notes; index += 1)
      await release.execute('ana', () => [{ type: 'note.added', data: { kind: 'note', text: `before ${index}` } }]);
    return release.slug;
  } finally {
    await workspace.close();
  }
}

/** A contract client on a running War Room (the same client a follower uses). */
export function connect(url: string): Promise<FollowConnection> {
  return FollowConnection.open(parseFollowLink(url));
}

/** Poll until `check` holds (a condition, not a fixed sleep). */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
