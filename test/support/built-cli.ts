import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;

/** The built `warroom` (dist/main/cli.js): a real process, started as a user would. Needs `npm run build` (npm test does). */
export const builtCli = `${root}dist/main/cli.js`;

function childEnv(): NodeJS.ProcessEnv {
  // The test runner marks its own children (NODE_TEST_CONTEXT); the CLI is not one of them.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

/** Run the built CLI to the end; stdin is not a terminal. */
export function runBuilt(args: readonly string[], options: { timeoutMs?: number } = {}): { code: number | null; stdout: string; stderr: string } {
  if (!existsSync(builtCli)) throw new Error('Run `npm run build` before these tests (npm test does).');
  const result = spawnSync(process.execPath, [builtCli, ...args], {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    env: childEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
