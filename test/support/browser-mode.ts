import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tempDir } from './temp-dir';

export interface RunningWarRoom {
  readonly url: string;
  readonly origin: string;
  readonly workspace: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

const root = new URL('../../', import.meta.url).pathname;

/**
 * Start `warroom web` as a user would (the built CLI, a fresh workspace) and wait for
 * the URL it prints. Needs `npm run build` first.
 */
export async function startWarRoom(options: { workspace?: string; args?: string[] } = {}): Promise<RunningWarRoom> {
  const cli = `${root}dist/main/cli.js`;
  if (!existsSync(`${root}dist/renderer/index.html`) || !existsSync(cli)) throw new Error('Run `npm run build` before the e2e tests (npm test does).');
  const workspace = options.workspace ?? tempDir('warroom-e2e-');
  // The test runner marks its own children (NODE_TEST_CONTEXT); the app is not one of them.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, [cli, 'web', '--workspace', workspace, ...(options.args ?? [])], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`warroom web printed no URL within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /open:\s+(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`warroom web exited with ${code}:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    workspace,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
