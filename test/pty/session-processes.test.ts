import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parseProcStat, processStartTime, sessionProcesses } from '../../main/pty/session-processes';
import { TerminalManager } from '../../main/pty/terminal-manager';
import { isolatedEnv, profile, tempFolder } from './pty-helpers';

/** The jobs of issue 13: a plain one, a CPU spinner in a pipeline, one that ignores SIGHUP. */
const JOBS = ['sleep 1000 &', 'yes | cat > /dev/null &', `bash -c 'trap "" HUP; sleep 1000' &`];

async function poll<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Whether `pid` is a live process (a zombie waiting for init to reap it is dead). */
function alive(pid: number): boolean {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.state !== 'Z';
  } catch {
    return false;
  }
}

function ignoresHangup(pid: number): boolean {
  try {
    const mask = /^SigIgn:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '0';
    return (BigInt(`0x${mask}`) & 1n) === 1n;
  } catch {
    return false;
  }
}

function command(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Start the jobs in a bash session and return the pids of the session once all of them run. */
async function sessionWithJobs(manager: TerminalManager): Promise<{ id: string; shell: number; pids: number[] }> {
  const info = manager.open(profile('bash'), { cols: 100, rows: 30 });
  manager.write(info.id, `${JOBS.join(' ')}\r`);
  const pids = await poll(() => {
    const found = sessionProcesses(info.pid);
    const names = found.map((identity) => command(identity.pid));
    const ready = ['yes', 'cat'].every((name) => names.includes(name)) && names.filter((name) => name === 'sleep').length === 2;
    // One of the sleeps ignores SIGHUP (inherited from `trap "" HUP`): only SIGKILL ends it.
    return ready && found.some((identity) => ignoresHangup(identity.pid)) ? found.map((identity) => identity.pid) : undefined;
  }, 'the background jobs to start');
  return { id: info.id, shell: info.pid, pids };
}

test('closing a terminal ends its background jobs, the pipelines and what ignores SIGHUP', { skip: process.platform !== 'linux' }, async (t) => {
  const home = tempFolder('jobs-home');
  t.after(home.remove);
  const folder = tempFolder('jobs');
  t.after(folder.remove);
  const manager = new TerminalManager({ recordingsDir: folder.path, baseEnv: isolatedEnv(home.path) });
  t.after(() => manager.dispose());
  const { id, shell, pids } = await sessionWithJobs(manager);
  assert.ok(pids.length >= 5, `expected the shell and four job processes, found ${pids.map(command).join(', ')}`);
  const jobs = pids.filter((pid) => pid !== shell);
  // The session is named by its leader's pid and start time: a leader that started at another time is another session.
  assert.deepEqual(sessionProcesses(shell, -1), []);
  const named = sessionProcesses(shell, processStartTime(shell)).map((identity) => command(identity.pid));
  assert.ok(
    ['yes', 'cat', 'sleep'].every((name) => named.includes(name)),
    `with the right start time, the jobs are found (${named.join(', ')})`,
  );

  const exit = await manager.close(id);
  assert.equal(exit.signal, 1, 'the shell ended on SIGHUP, as when a terminal window is closed');
  assert.match(exit.recording?.sha256 ?? '', /^[0-9a-f]{64}$/, 'the recording is closed and hashed');
  await poll(
    () => (pids.every((pid) => !alive(pid)) ? true : undefined),
    `every process of the session to end (alive: ${jobs.filter(alive).map(command).join(', ')})`,
    8_000,
  );
  assert.deepEqual(sessionProcesses(shell), []);
});

test('a shell that exits leaves no job behind; dispose (app quit) kills a session at once', { skip: process.platform !== 'linux' }, async (t) => {
  const home = tempFolder('jobs-exit-home');
  t.after(home.remove);
  const manager = new TerminalManager({ baseEnv: isolatedEnv(home.path) });
  t.after(() => manager.dispose());

  // `exit` after starting jobs: bash does not hang up its jobs on a plain exit.
  const exiting = await sessionWithJobs(manager);
  manager.write(exiting.id, 'exit 3\r');
  await poll(() => (manager.list().find((info) => info.id === exiting.id)?.exit?.exitCode === 3 ? true : undefined), 'the shell to exit with 3');
  await poll(() => (exiting.pids.every((pid) => !alive(pid)) ? true : undefined), 'the jobs of the exited shell to end', 8_000);

  const disposed = await sessionWithJobs(manager);
  const started = Date.now();
  manager.dispose();
  await poll(() => (disposed.pids.every((pid) => !alive(pid)) ? true : undefined), 'every process of the disposed session to end', 3_000);
  assert.ok(Date.now() - started < 3_000, 'dispose does not wait for a grace period');
});

test('a process that left the session with setsid is not ours to end (documented)', { skip: process.platform !== 'linux' }, async (t) => {
  const home = tempFolder('setsid-home');
  t.after(home.remove);
  const manager = new TerminalManager({ baseEnv: isolatedEnv(home.path) });
  t.after(() => manager.dispose());
  const info = manager.open(profile('bash'), { shellIntegration: false });
  const marker = `warroom-setsid-${process.pid}-${Date.now()}`;
  manager.write(info.id, `setsid bash -c 'exec -a ${marker} sleep 1000' < /dev/null > /dev/null 2>&1 &\r`);
  const escaped = await poll(() => {
    for (const name of readdirNumeric()) if (readCmdline(name).startsWith(marker)) return name;
    return undefined;
  }, 'the setsid process');
  t.after(() => {
    try {
      process.kill(escaped, 'SIGKILL');
    } catch {
      // gone
    }
  });
  await manager.close(info.id);
  assert.ok(alive(escaped), 'setsid escapes the session: SECURITY.md says so');
});

function readdirNumeric(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}
