import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { dispatch } from '../../main/api/dispatch';
import { hostWarRoom, type HostedWarRoom } from '../../test/support/hosted-war-room';
import { tempDir } from '../../test/support/temp-dir';
import { compare, type Benchmark, type BenchResult } from '../harness';

/**
 * The shared war room (issue 15): an event's fan-out to 100 connected participants
 * against one (p99 of arrival latency, two hosts side by side, events alternated), and
 * what 100 idle participants cost a real `warroom web --listen` process in memory.
 */
const SIZES = { participants: 100, events: 60 } as const;
const TARGETS = { fanOutP99: 3, idleMegabytes: 100 } as const;

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function participants(room: HostedWarRoom, count: number): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let index = 0; index < count; index += 1) {
    const { secret } = await room.invite(`Person ${index}`, 'observer');
    sockets.push(await room.open(secret));
  }
  return sockets;
}

/** Send one note from the host; resolve with each socket's arrival latency (ms). */
function oneEvent(room: HostedWarRoom, sockets: readonly WebSocket[], text: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const arrivals: number[] = [];
    const start = performance.now();
    const listeners = sockets.map((ws) => {
      const listener = (raw: WebSocket.RawData, isBinary: boolean) => {
        if (isBinary || !raw.toString().includes(text)) return;
        ws.off('message', listener);
        arrivals.push(performance.now() - start);
        if (arrivals.length === sockets.length) resolve(arrivals);
      };
      ws.on('message', listener);
      return listener;
    });
    void dispatch(room.services, 'note.add', { slug: room.slug, kind: 'note', text }, { actor: 'host', transport: 'test' }).then((result) => {
      if (!result.ok) {
        sockets.forEach((ws, index) => ws.off('message', listeners[index]!));
        reject(new Error(result.error.message));
      }
    });
  });
}

async function fanOut(): Promise<BenchResult> {
  const one = await hostWarRoom('127.0.0.1');
  const many = await hostWarRoom('127.0.0.1');
  try {
    const single = await participants(one, 1);
    const crowd = await participants(many, SIZES.participants);
    const latencies: [number[], number[]] = [[], []];
    for (let round = 0; round < SIZES.events; round += 1) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const which of order) {
        const arrivals = which === 0 ? await oneEvent(one, single, `fan-${round}-a`) : await oneEvent(many, crowd, `fan-${round}-b`);
        if (round > 2) latencies[which as 0 | 1].push(...arrivals);
      }
    }
    const [p99One, p99Many] = [percentile(latencies[0], 99), percentile(latencies[1], 99)];
    return compare({
      benchmark: 'share',
      measure: `an event reaching ${SIZES.participants} participants vs 1 (p99 arrival)`,
      unit: 'ms',
      ours: p99Many,
      baseline: p99One,
      baselineName: '1 participant',
      better: 'lower',
      target: TARGETS.fanOutP99,
      note: `p50/p99/max ${[50, 99, 100].map((p) => percentile(latencies[1], p).toFixed(1)).join('/')} ms to ${SIZES.participants}, ${[50, 99, 100].map((p) => percentile(latencies[0], p).toFixed(1)).join('/')} ms to 1`,
    });
  } finally {
    await one.close();
    await many.close();
  }
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const residentMegabytes = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

async function idleCost(): Promise<BenchResult> {
  const workspace = tempDir('warroom-bench-share-');
  const port = await freePort('127.0.0.1');
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, ['dist/main/cli.js', 'web', '--workspace', workspace, '--listen', `127.0.0.1:${port}`], {
    cwd: new URL('../../', import.meta.url).pathname,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sockets: WebSocket[] = [];
  try {
    let printed = '';
    const url = await new Promise<URL>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`warroom web printed no address: ${printed}`)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        const match = /open:\s+(https:\/\/\S+#token=\S+)/.exec(printed);
        if (match) {
          clearTimeout(timer);
          resolve(new URL(match[1]!));
        }
      });
    });
    const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
    const open = (secret: string) =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`wss://127.0.0.1:${port}/ws?token=${encodeURIComponent(secret)}`, { origin: url.origin, rejectUnauthorized: false });
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    const host = await open(token);
    sockets.push(host);
    let id = 0;
    const call = (name: string, input: unknown) =>
      new Promise<{ ok: boolean; value?: unknown }>((resolve) => {
        const mine = ++id;
        const listener = (raw: WebSocket.RawData, isBinary: boolean) => {
          if (isBinary) return;
          const message = JSON.parse(raw.toString()) as { id?: number; result?: { ok: boolean; value?: unknown } };
          if (message.id !== mine || !message.result) return;
          host.off('message', listener);
          resolve(message.result);
        };
        host.on('message', listener);
        host.send(JSON.stringify({ id: mine, name, input }));
      });
    const listed = await call('release.list', {});
    const slug = (listed.value as { slug: string }[])[0]!.slug;
    const secrets: string[] = [];
    for (let index = 0; index < SIZES.participants; index += 1) {
      const invited = await call('participant.invite', { slug, name: `Idle ${index}`, role: 'observer', expiresIn: '2h' });
      secrets.push(new URLSearchParams(new URL((invited.value as { link: string }).link).hash.slice(1)).get('invite')!);
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const before = residentMegabytes(child.pid!);
    for (const secret of secrets) sockets.push(await open(secret));
    // Idle: a few heartbeats pass (pings every 2 s) before the reading.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const after = residentMegabytes(child.pid!);
    return {
      benchmark: 'share',
      measure: `${SIZES.participants} idle participants: host memory added`,
      unit: 'MB',
      ours: after - before,
      baseline: TARGETS.idleMegabytes,
      baselineName: 'the budget',
      ratio: (after - before) / TARGETS.idleMegabytes,
      better: 'lower',
      target: 1,
      pass: after - before <= TARGETS.idleMegabytes,
      note: `host RSS ${before.toFixed(0)} MB with none, ${after.toFixed(0)} MB with ${SIZES.participants}`,
    };
  } finally {
    for (const ws of sockets) ws.terminate();
    child.kill('SIGTERM');
  }
}

export const shareBenchmark: Benchmark = {
  name: 'share',
  async run(): Promise<BenchResult[]> {
    return [await fanOut(), await idleCost()];
  },
};
