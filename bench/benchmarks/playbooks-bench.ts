import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PlaybookRunner, type RunnerOptions } from '../../main/core/playbooks/playbook-runner';
import { parseYamlPlaybook } from '../../main/core/playbooks/yaml-playbook-parser';
import { Release } from '../../main/core/release/release';
import { compare, type Benchmark } from '../harness';

const SIZES = {
  /** The figure: 200 trivial steps. */
  steps: 200,
  /** Rounds of each side, interleaved; the median is reported (the machine is shared). */
  rounds: 3,
} as const;

/** 200 `true` steps through the runner with a real journal, against bash running the same 200 commands. */
export const playbooksBenchmark: Benchmark = {
  name: 'playbooks',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-bench-playbooks-'));
    const source = `name: trivial\nsteps:\n${Array.from({ length: SIZES.steps }, (_, index) => `  - name: step ${index + 1}\n    run: "true"\n`).join('')}`;
    const playbook = parseYamlPlaybook(source, 'trivial.yaml');
    try {
      const ours: number[] = [];
      const baseline: number[] = [];
      const dry: number[] = [];
      for (let round = 0; round < SIZES.rounds; round += 1) {
        const release = await Release.create(join(dir, `release-${round}`), `bench-${round}`, 'bench', [
          { type: 'note.added', data: { kind: 'note', text: 'bench' } },
        ]);
        const started = performance.now();
        const options: RunnerOptions = {
          playbook,
          runId: `bench-${round}`,
          mode: 'live',
          actor: 'bench',
          logFile: join(release.paths.runs, `bench-${round}.log`),
          record: async (events) => {
            await release.execute('bench', () => events);
          },
          hooks: { decide: () => Promise.reject(new Error('a trivial step never fails')) },
          resolveTarget: () => ({ name: 'local', environmentClass: 'local', env: {}, cwd: dir }),
        };
        const run = await new PlaybookRunner(options).start();
        ours.push(performance.now() - started);
        if (run.status !== 'succeeded') throw new Error(`the benchmark run ended ${run.status}`);
        // The same run as a dry run: the journal's share (one fsync'd commit per step), no processes.
        const dryStarted = performance.now();
        await new PlaybookRunner({ ...options, runId: `dry-${round}`, mode: 'dry-run', logFile: join(release.paths.runs, `dry-${round}.log`) }).start();
        dry.push(performance.now() - dryStarted);
        await release.close();
        const bashStarted = performance.now();
        for (let index = 0; index < SIZES.steps; index += 1) spawnSync('bash', ['-c', 'true'], { stdio: 'ignore' });
        baseline.push(performance.now() - bashStarted);
      }
      return [
        compare({
          benchmark: 'playbooks',
          measure: `${SIZES.steps} trivial steps`,
          unit: 'ms',
          ours: median(ours),
          baseline: median(baseline),
          baselineName: `bash -c true x${SIZES.steps}`,
          better: 'lower',
          target: 1.5,
          note: `runner (journal fsync'd per transition, log file, process group per step): ${ours.map((value) => value.toFixed(0)).join(', ')} ms; bash: ${baseline.map((value) => value.toFixed(0)).join(', ')} ms; the same run as a dry run (journal only, no processes): ${dry.map((value) => value.toFixed(0)).join(', ')} ms`,
        }),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
