import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProcessTree } from '../../../main/core/playbooks/process-tree';
import { eventually, isAlive, parentOf, temporaryFolder } from './process-helpers';

const quick = { graceMs: 300, drainMs: 300 };

function pidsIn(file: string): number[] {
  return readFileSync(file, 'utf8').split(/\s+/).filter(Boolean).map(Number);
}

test('output streams with ANSI intact, exit code and env reach the caller', async () => {
  const folder = temporaryFolder('tree');
  const chunks: Buffer[] = [];
  const outcome = await runProcessTree(
    {
      command: 'printf "\\033[31mred\\033[0m $GREETING\\n"; pwd; echo oops >&2; exit 3',
      env: { PATH: process.env.PATH ?? '', GREETING: 'hello' },
      cwd: folder,
      timeoutMs: 10_000,
    },
    (chunk) => chunks.push(chunk),
    undefined,
    quick,
  );
  const text = Buffer.concat(chunks).toString('utf8');
  assert.equal(outcome.exitCode, 3);
  assert.equal(outcome.timedOut, false);
  assert.ok(text.includes('\u001b[31mred\u001b[0m hello'));
  assert.ok(text.includes(folder));
  assert.ok(text.includes('oops'));
});

test('a timeout ends the whole tree of children: none survives', async () => {
  const folder = temporaryFolder('tree');
  const pidFile = join(folder, 'pids');
  const outcome = await runProcessTree(
    {
      command: `sleep 100 & echo $! >> "${pidFile}"; sh -c 'sleep 100 & echo $! >> "${pidFile}"; wait' & echo $! >> "${pidFile}"; echo $$ >> "${pidFile}"; wait`,
      env: { PATH: process.env.PATH ?? '' },
      cwd: folder,
      timeoutMs: 500,
    },
    () => undefined,
    undefined,
    quick,
  );
  assert.equal(outcome.timedOut, true);
  const pids = pidsIn(pidFile);
  assert.equal(pids.length, 4);
  await eventually(() => pids.every((pid) => !isAlive(pid)));
  assert.ok(outcome.pid !== undefined && !isAlive(outcome.pid));
  assert.equal(parentOf(outcome.pid ?? 0) === process.pid, false, 'the shell was reaped (no zombie of ours)');
});

test('children that ignore SIGTERM are killed after the grace period', async () => {
  const folder = temporaryFolder('tree');
  const pidFile = join(folder, 'pids');
  const outcome = await runProcessTree(
    {
      command: `sh -c 'trap "" TERM; echo $$ >> "${pidFile}"; while true; do sleep 0.05; done' & wait`,
      env: { PATH: process.env.PATH ?? '' },
      cwd: folder,
      timeoutMs: 300,
    },
    () => undefined,
    undefined,
    quick,
  );
  assert.equal(outcome.timedOut, true);
  const pids = pidsIn(pidFile);
  assert.equal(pids.length, 1);
  await eventually(() => pids.every((pid) => !isAlive(pid)));
});

test('abort mid-step ends the tree; background leftovers of a finished shell do not survive either', async () => {
  const folder = temporaryFolder('tree');
  const pidFile = join(folder, 'pids');
  const controller = new AbortController();
  const running = runProcessTree(
    { command: `sleep 100 & echo $! >> "${pidFile}"; wait`, env: { PATH: process.env.PATH ?? '' }, cwd: folder, timeoutMs: 60_000 },
    () => undefined,
    controller.signal,
    quick,
  );
  await eventually(() => existsSync(pidFile) && pidsIn(pidFile).length === 1);
  controller.abort();
  const outcome = await running;
  assert.equal(outcome.aborted, true);
  await eventually(() => pidsIn(pidFile).every((pid) => !isAlive(pid)));

  const leftovers = join(folder, 'leftovers');
  const finished = await runProcessTree(
    { command: `sleep 100 & echo $! > "${leftovers}"; exit 0`, env: { PATH: process.env.PATH ?? '' }, cwd: folder, timeoutMs: 60_000 },
    () => undefined,
    undefined,
    quick,
  );
  assert.equal(finished.exitCode, 0);
  await eventually(() => pidsIn(leftovers).every((pid) => !isAlive(pid)));
});

test('a missing working folder is reported, not thrown', async () => {
  const outcome = await runProcessTree({ command: 'true', env: {}, cwd: '/nonexistent/folder/x', timeoutMs: 1_000 }, () => undefined, undefined, quick);
  assert.ok(outcome.spawnError);
  assert.equal(outcome.exitCode, null);
});
