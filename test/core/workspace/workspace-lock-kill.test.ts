import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceLock } from '../../../main/core/workspace/workspace-lock';
import { tempDir } from '../../support/temp-dir';

const child = join(import.meta.dirname, 'lock-churn-child.ts');

/** Start a process that takes and releases the workspace lock in a loop; resolve once it has done so once. */
function churn(dir: string): Promise<{ kill: () => Promise<void> }> {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const proc = spawn(process.execPath, ['--import', 'tsx', child, dir], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    proc.stdout.once('data', () =>
      resolve({
        kill: async () => {
          proc.kill('SIGKILL');
          await exited;
        },
      }),
    );
    void exited.then(() => reject(new Error('the churn process exited before it took the lock')));
  });
}

test('a process SIGKILLed at any moment of taking or giving back the lock never leaves a lock the next start must wait 30 s for', async () => {
  const dir = tempDir('warroom-lock-kill-');
  for (let round = 0; round < 10; round += 1) {
    const holder = await churn(dir);
    // Let it run a random few milliseconds of take/release cycles, then kill it wherever it is.
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 40));
    await holder.kill();
    const started = Date.now();
    let lock: WorkspaceLock;
    try {
      lock = await WorkspaceLock.acquire(dir, { runtime: 'cli', label: 'after the kill' });
    } catch (error) {
      assert.fail(
        `round ${round}: the next start was refused after ${Date.now() - started} ms: ${(error as Error).message} (left: ${readdirSync(dir).join(', ')})`,
      );
    }
    await lock.release();
  }
});
