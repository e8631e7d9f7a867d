import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { verifyJournalFile } from '../../main/core/journal/journal';
import { anchorProblem, readAnchor } from '../../main/core/journal/journal-anchor';
import { Follower } from '../../main/api/follow/follower';
import { parseFollowLink } from '../../main/api/follow/follow-link';
import { journalSink } from '../../main/api/follow/replica-sink';
import { generateRelease } from '../support/generated-release';
import { compareRounds, medianOf, type Benchmark } from '../harness';

const SIZES = {
  /** The long night: a 100,000-event release (~32 MB of journal). */
  events: 100_000,
  /** Interleaved rounds of verify and catch-up; the ratio is the median of the per-round ratios. */
  runs: 7,
} as const;

const root = new URL('../../', import.meta.url).pathname;

interface Measured {
  readonly wallMs: number;
  /** CPU of this process (its threads: the follower's writes run there) and of `pid` when given (the host). */
  readonly cpuMs: number;
}

/** The CPU a process has used so far, in ms, read from /proc (0 where there is none). */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

async function measured(fn: () => Promise<unknown>, otherPid?: number): Promise<Measured> {
  const cpu = process.cpuUsage();
  const other = otherPid === undefined ? 0 : processCpuMs(otherPid);
  const start = performance.now();
  await fn();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 + (otherPid === undefined ? 0 : processCpuMs(otherPid) - other) };
}

/** min / median / max of timings, in ms (the commands' comparison). */
async function timings(fn: () => Promise<unknown>, runs: number): Promise<{ min: number; median: number; max: number }> {
  await fn();
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { min: times[0]!, median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! };
}

/**
 * Follower catch-up against `warroom verify`: a real `warroom web` process hosts a
 * 100,000-event release; a fresh replica catches up from seq 0 (pages of raw lines in
 * binary frames over the WebSocket, each verified before it is written, the run fsync'd
 * once before it counts), against what `warroom verify` does on the same journal (read,
 * verify the chain and the anchor). The CPU of both sides is reported beside the wall time:
 * on a machine loaded by others it is what stays comparable.
 */
export const followBenchmark: Benchmark = {
  name: 'follow',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-bench-follow-'));
    const hostWorkspace = join(dir, 'host');
    const { slug, dir: releaseDir } = await generateRelease(hostWorkspace, 'Catch up', SIZES.events);
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const host = spawn(process.execPath, ['--import', 'tsx', 'main/cli.ts', 'web', '--workspace', hostWorkspace, '--port', '0', '--no-demo'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        host.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /open:\s+(\S+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        host.once('exit', (code) => reject(new Error(`the host exited with ${code}: ${output}`)));
      });
      const link = parseFollowLink(url);
      const verifyOnce = async () => {
        const result = await verifyJournalFile(join(releaseDir, 'journal.jsonl'));
        if (!result.ok || anchorProblem(result.bytes, result, await readAnchor(join(releaseDir, 'release.json'))))
          throw new Error('the bench journal does not verify');
      };
      let round = 0;
      const catchUpOnce = async () => {
        const replica = join(dir, `replica-${round++}`, 'releases', slug);
        mkdirSync(replica, { recursive: true });
        const sink = await journalSink(replica);
        try {
          const outcome = await new Follower({ link, slug, name: 'bench' }, sink).run({ untilCaughtUp: true });
          if (outcome.kind !== 'caught-up' || sink.head().seq !== SIZES.events) throw new Error(`catch-up ended ${outcome.kind} at seq ${sink.head().seq}`);
        } finally {
          await sink.close();
        }
        rmSync(join(dir, `replica-${round - 1}`), { recursive: true, force: true });
      };
      // Interleaved rounds (verify, then a catch-up): a neighbour's load hits both alike.
      await verifyOnce();
      await catchUpOnce();
      const verify: Measured[] = [];
      const catchUp: Measured[] = [];
      for (let index = 0; index < SIZES.runs; index += 1) {
        verify.push(await measured(verifyOnce));
        catchUp.push(await measured(catchUpOnce, host.pid));
      }
      // The same comparison as commands, start to end (built CLI, when `npm run build` has run).
      const cli = join(root, 'dist', 'main', 'cli.js');
      let commands = '';
      if (existsSync(cli)) {
        const command = (args: readonly string[]) => () => {
          const result = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
          if (result.status !== 0) throw new Error(`warroom ${args[0]} failed: ${result.stdout}${result.stderr}`);
        };
        const verifyCommand = await timings(async () => command(['verify', releaseDir])(), 3);
        const followCommand = await timings(async () => {
          const workspace = join(dir, `command-${round++}`);
          command(['follow', url, '--workspace', workspace, '--release', slug, '--once'])();
          rmSync(workspace, { recursive: true, force: true });
        }, 3);
        commands = `; as commands (warroom follow --once vs warroom verify, median of 3): ${followCommand.median.toFixed(0)} ms vs ${verifyCommand.median.toFixed(0)} ms = ${(followCommand.median / verifyCommand.median).toFixed(2)}x`;
      }
      const ms = (values: readonly number[]) => {
        const sorted = [...values].sort((a, b) => a - b);
        return `${sorted[0]!.toFixed(0)}/${medianOf(sorted).toFixed(0)}/${sorted.at(-1)!.toFixed(0)} ms`;
      };
      const cpuRatio = medianOf(catchUp.map((run) => run.cpuMs)) / medianOf(verify.map((run) => run.cpuMs));
      return [
        compareRounds({
          benchmark: 'follow',
          measure: `follower catch-up of ${SIZES.events.toLocaleString('en-US')} events vs warroom verify (median of ${SIZES.runs} rounds)`,
          unit: 'ms',
          ours: catchUp.map((run) => run.wallMs),
          baseline: verify.map((run) => run.wallMs),
          baselineName: 'warroom verify',
          better: 'lower',
          target: 1.5,
          note:
            `wall min/median/max: catch-up ${ms(catchUp.map((run) => run.wallMs))}, verify ${ms(verify.map((run) => run.wallMs))}; ` +
            `CPU (the follower's process and the host's, which verify does not have) ${ms(catchUp.map((run) => run.cpuMs))} vs verify ${ms(verify.map((run) => run.cpuMs))} = ${cpuRatio.toFixed(2)}x${commands}`,
        }),
      ];
    } finally {
      host.kill('SIGTERM');
      await new Promise((resolve) => host.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
