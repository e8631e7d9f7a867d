// A real Prometheus for tests (Debian's `prometheus`, installed by .ci/run): started on a
// free loopback port with a generated config that scrapes the given targets every second,
// stopped (and its data removed) by the caller. Outside CI, a machine without it skips
// the tests that need it, loudly; in CI (CI=true) they fail instead.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './temp-dir';

export const PROMETHEUS_BIN = process.env.WARROOM_PROMETHEUS ?? '/usr/bin/prometheus';

/** undefined when Prometheus can run here; otherwise why not (a test passes it to `skip`). In CI a missing Prometheus throws. */
export function prometheusMissing(): string | undefined {
  if (existsSync(PROMETHEUS_BIN) && spawnSync(PROMETHEUS_BIN, ['--version']).status === 0) return undefined;
  const message = `Prometheus is not installed at ${PROMETHEUS_BIN} (apt-get install prometheus, as .ci/run does): SKIPPING the tests that need a real Prometheus`;
  if (process.env.CI === 'true') throw new Error(`${message.split(':')[0]}; in CI these tests must run: .ci/run installs it`);
  console.error(`\n!!! ${message}\n`);
  return message;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPrometheus {
  readonly address: string;
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
  /** Wait until a query has a result (the first scrapes are in). */
  waitFor(query: string, timeoutMs?: number): Promise<void>;
}

export async function startPrometheus(options: { targets: readonly string[]; webConfig?: string; port?: number; dir?: string }): Promise<RunningPrometheus> {
  const dir = options.dir ?? tempDir('warroom-prom-');
  const port = options.port ?? (await freePort());
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: sandbox',
      '    static_configs:',
      `      - targets: [${options.targets.map((target) => JSON.stringify(target)).join(', ')}]`,
      '',
    ].join('\n'),
  );
  const args = [
    `--config.file=${config}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
    ...(options.webConfig ? [`--web.config.file=${options.webConfig}`] : []),
  ];
  const child = spawn(PROMETHEUS_BIN, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const scheme = options.webConfig ? 'https' : 'http';
  const address = `${scheme}://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running: RunningPrometheus = {
    address,
    port,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async waitFor(query, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${stderr.slice(-2000)}`);
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(query)}`);
          const body = (await response.json()) as { data?: { result?: unknown[] } };
          if ((body.data?.result?.length ?? 0) > 0) return;
        } catch {
          // not up yet
        }
        if (Date.now() > until) throw new Error(`prometheus had no result for ${query} within ${timeoutMs} ms: ${stderr.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
  };
  if (!options.webConfig) await running.waitFor('up');
  return running;
}
