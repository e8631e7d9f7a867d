// The real demo sandbox service for tests, driven through sandboxctl.mjs as a playbook does.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir';

const ctl = new URL('../../assets/sandbox/sandboxctl.mjs', import.meta.url).pathname;

export function sandboxctl(dir: string, ...args: string[]): { code: number | null; out: string } {
  const result = spawnSync(process.execPath, [ctl, ...args, '--dir', dir], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

export interface TestSandbox {
  readonly dir: string;
  readonly port: () => number;
  ctl(...args: string[]): { code: number | null; out: string };
  stop(): void;
}

/** A started sandbox with v1 stable and, if asked, v2 as a canary at `weight`%. */
export function startSandbox(canaryWeight?: number): TestSandbox {
  const dir = tempDir('warroom-sandbox-');
  const run = (...args: string[]) => {
    const result = sandboxctl(dir, ...args);
    if (result.code !== 0) throw new Error(`sandboxctl ${args.join(' ')}: ${result.out}`);
    return result;
  };
  run('init', 'v1');
  run('start');
  if (canaryWeight !== undefined) run('canary', 'v2', String(canaryWeight));
  return {
    dir,
    port: () => Number(readFileSync(join(dir, 'service.port'), 'utf8')),
    ctl: (...args) => sandboxctl(dir, ...args),
    stop: () => void sandboxctl(dir, 'stop'),
  };
}
