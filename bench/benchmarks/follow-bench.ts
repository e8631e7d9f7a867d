import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { verifyJournalFile } from '../../main/core/journal/journal';
import { anchorProblem, readAnchor } from '../../main/core/journal/journal-anchor';
import { Follower } from '../../main/api/follow/follower';
import { parseFollowLink } from '../../main/api/follow/follow-link';
import { journalSink } from '../../main/api/follow/replica-sink';
import { generateRelease } from '../support/generated-release';
import { compare, type Benchmark } from '../harness';

const SIZES = {
  /** The long night: a 100,000-event release (~32 MB of journal). */
  events: 100_000,
  runs: 5,
} as const;

const root = new URL('../../', import.meta.url).pathname;

/** min / median / max of timings, in ms. */
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
 * 100,000-event release; a fresh replica catches up from seq 0 (pages of raw lines over
 * the WebSocket, each verified and fsync'd before the next is written), against what
 * `warroom verify` does on the same journal (read, verify the chain and the anchor).
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
      const verify = await timings(async () => {
        const result = await verifyJournalFile(join(releaseDir, 'journal.jsonl'));
        if (!result.ok || anchorProblem(result.bytes, result, await readAnchor(join(releaseDir, 'release.json'))))
          throw new Error('the bench journal does not verify');
      }, SIZES.runs);
      let round = 0;
      const catchUp = await timings(async () => {
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
      }, SIZES.runs);
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
      const ms = (value: number) => `${value.toFixed(0)} ms`;
      return [
        compare({
          benchmark: 'follow',
          measure: `follower catch-up of ${SIZES.events.toLocaleString('en-US')} events vs warroom verify (median)`,
          unit: 'ms',
          ours: catchUp.median,
          baseline: verify.median,
          baselineName: 'warroom verify',
          better: 'lower',
          target: 1.5,
          note: `in-process catch-up min/median/max ${ms(catchUp.min)}/${ms(catchUp.median)}/${ms(catchUp.max)}; verify ${ms(verify.min)}/${ms(verify.median)}/${ms(verify.max)}${commands}`,
        }),
      ];
    } finally {
      host.kill('SIGTERM');
      await new Promise((resolve) => host.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
