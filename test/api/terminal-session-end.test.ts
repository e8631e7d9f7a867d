import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import { describeSessionEnd } from '../../contract/terminal-session-end';
import { sessionProcesses } from '../../main/pty/session-processes';
import { tempDir } from '../support/temp-dir';

async function call<T>(services: Services, actor: string, name: string, input: unknown): Promise<T> {
  const result = await dispatch(services, name, input, { actor, transport: 'test' });
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Logged {
  readonly seq: number;
  readonly actor: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

async function setUp() {
  const workspaceDir = tempDir();
  const services = await bootServices({ workspaceDir, runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  const home = tempDir('warroom-home-');
  await call(services, 'root', 'target.save', {
    slug,
    target: {
      id: 'bash',
      name: 'bash test',
      environment: 'staging',
      command: '/bin/bash',
      args: [],
      env: { HOME: home, PS1: '$ ', LANG: 'C.UTF-8' },
      cwd: home,
    },
  });
  const release = await services.release(slug);
  const journalFile = release.paths.journal;
  /** The journal as it is on disk (also after the server stopped). */
  const journal = (): Logged[] =>
    readFileSync(journalFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Logged);
  const closedOf = (sessionId: string) => journal().find((event) => event.type === 'terminal.session-closed' && event.data['sessionId'] === sessionId);
  return { services, slug, journal, closedOf };
}

test('closing a terminal journals who closed it and how long it really ran', async () => {
  const { services, slug, journal, closedOf } = await setUp();
  const session = await call<{ id: string }>(services, 'dana', 'terminal.open', { slug, targetId: 'bash' });
  await call(services, 'dana', 'terminal.write', { slug, sessionId: session.id, data: 'sleep 1.2; echo done\r' });
  await waitFor(() => journal().find((event) => event.type === 'terminal.command-finished' && event.data['sessionId'] === session.id), 'the command');
  await call(services, 'root', 'terminal.close', { slug, sessionId: session.id });
  const closed = await waitFor(() => closedOf(session.id), 'the session end');
  assert.equal(closed.actor, 'root', 'the one who closed it is the actor of the event');
  assert.equal(closed.data['endedBy'], 'closed');
  assert.equal(closed.data['closedBy'], 'root');
  assert.equal(closed.data['signal'], 1, 'the shell got SIGHUP');
  assert.ok(Number(closed.data['durationMs']) >= 1_200, `the real duration, not 0 (was ${String(closed.data['durationMs'])})`);
  assert.notEqual(closed.data['exitCode'], -1, 'the real exit, not -1');
  assert.equal(describeSessionEnd(closed.data), 'closed by root');
  await services.dispose();
});

test('a shell that exits journals its exit code; stopping the server ends the rest and says so', async () => {
  const { services, slug, journal, closedOf } = await setUp();
  const exiting = await call<{ id: string }>(services, 'dana', 'terminal.open', { slug, targetId: 'bash' });
  await call(services, 'dana', 'terminal.write', { slug, sessionId: exiting.id, data: 'exit 7\r' });
  const exited = await waitFor(() => closedOf(exiting.id), 'the exit');
  assert.equal(exited.data['endedBy'], 'exited');
  assert.equal(exited.data['exitCode'], 7);
  assert.equal(describeSessionEnd(exited.data), 'exited with code 7');

  const running = await call<{ id: string }>(services, 'dana', 'terminal.open', { slug, targetId: 'bash' });
  const opened = journal().find((event) => event.type === 'terminal.session-opened' && event.data['sessionId'] === running.id)!;
  const shell = Number(opened.data['pid']);
  await call(services, 'dana', 'terminal.write', { slug, sessionId: running.id, data: `yes | cat > /dev/null & bash -c 'trap "" HUP; sleep 1000' &\r` });
  await waitFor(() => sessionProcesses(shell).length >= 4, 'the jobs to start');
  const pids = sessionProcesses(shell).map((identity) => identity.pid);
  await services.dispose();
  const stopped = closedOf(running.id);
  assert.ok(stopped, 'the end of a session is journaled before the server stops');
  assert.equal(stopped.data['endedBy'], 'server-stopped');
  assert.ok(Number(stopped.data['durationMs']) > 0);
  assert.equal(describeSessionEnd(stopped.data), 'server stopped');
  await waitFor(() => pids.every((pid) => !sessionProcesses(shell).some((identity) => identity.pid === pid)), 'the jobs to end', 5_000);
});

test('the replay of a session carries its commands with their exit codes, placed on the recording clock', async () => {
  const { services, slug, journal, closedOf } = await setUp();
  const session = await call<{ id: string; recordingFile: string }>(services, 'dana', 'terminal.open', { slug, targetId: 'bash' });
  await call(services, 'dana', 'terminal.write', { slug, sessionId: session.id, data: 'true\r' });
  await waitFor(() => journal().some((event) => event.type === 'terminal.command-finished' && event.data['command'] === 'true'), 'the first command');
  await call(services, 'dana', 'terminal.write', { slug, sessionId: session.id, data: 'sleep 0.3; (exit 5)\r' });
  await waitFor(() => journal().filter((event) => event.type === 'terminal.command-finished').length === 2, 'the second command');
  await call(services, 'dana', 'terminal.close', { slug, sessionId: session.id });
  await waitFor(() => closedOf(session.id), 'the session end');
  const replay = await call<{ commands: { at: number; command: string; exitCode: number | null }[]; events: [number, string, string][] }>(
    services,
    'dana',
    'recording.read',
    { slug, file: session.recordingFile },
  );
  assert.deepEqual(
    replay.commands.map((command) => [command.command, command.exitCode]),
    [
      ['true', 0],
      ['sleep 0.3; (exit 5)', 5],
    ],
  );
  const end = replay.events.at(-1)?.[0] ?? 0;
  assert.ok(replay.commands[0]!.at > 0 && replay.commands[1]!.at > replay.commands[0]!.at && replay.commands[1]!.at <= end);
  // The second command's output ("sleep" then the prompt) comes after the moment it is placed at.
  const echoed = replay.events.find(([, code, data]) => code === 'o' && data.includes('(exit 5)'));
  assert.ok(echoed && Math.abs(echoed[0] - replay.commands[1]!.at) < 1, `the command sits where it was typed (${echoed?.[0]} vs ${replay.commands[1]!.at})`);
  await services.dispose();
});
