import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Benchmark, BenchResult } from './harness';
import { journalBenchmark } from './benchmarks/journal-bench';
import { risksBenchmark } from './benchmarks/risks-bench';
import { reportBenchmark } from './benchmarks/report-bench';
import { checklistBenchmark } from './benchmarks/checklist-bench';
import { playbooksBenchmark } from './benchmarks/playbooks-bench';
import { terminalsBenchmark } from './benchmarks/terminals-bench';
import { timelineBenchmark } from './benchmarks/timeline-bench';
import { redactionBenchmark } from './benchmarks/redaction-bench';
import { liveReleaseBenchmark } from './benchmarks/live-release-bench';
import { shareBenchmark } from './benchmarks/share-bench';
import { followBenchmark } from './benchmarks/follow-bench';
import { telemetryBenchmark } from './benchmarks/telemetry-bench';
import { hypercareBenchmark } from './benchmarks/hypercare-bench';
import { planBenchmark } from './benchmarks/plan-bench';

/**
 * `npm run bench [name...]`: runs the named benchmarks (all by default), prints a
 * table of ratios against baselines measured in the same run, and writes
 * bench/results.json. Exits 1 when a target is missed.
 */
const benchmarks: readonly Benchmark[] = [
  journalBenchmark,
  checklistBenchmark,
  risksBenchmark,
  playbooksBenchmark,
  terminalsBenchmark,
  reportBenchmark,
  timelineBenchmark,
  redactionBenchmark,
  liveReleaseBenchmark,
  shareBenchmark,
  followBenchmark,
  telemetryBenchmark,
  hypercareBenchmark,
  planBenchmark,
];

const wanted = process.argv.slice(2);
const selected = wanted.length === 0 ? benchmarks : benchmarks.filter((benchmark) => wanted.includes(benchmark.name));
if (selected.length === 0) {
  console.error(`No benchmark named ${wanted.join(', ')}. Known: ${benchmarks.map((benchmark) => benchmark.name).join(', ')}`);
  process.exit(2);
}

const results: BenchResult[] = [];
for (const benchmark of selected) {
  process.stdout.write(`running ${benchmark.name}...\n`);
  results.push(...(await benchmark.run()));
}

const rows = results.map((result) => [
  result.pass ? 'PASS' : 'MISS',
  result.measure,
  `${format(result.ours)} ${result.unit}`,
  `${format(result.baseline)} ${result.unit} (${result.baselineName})`,
  `${result.ratio.toFixed(2)}x`,
  `${result.better === 'higher' ? '>=' : '<='} ${result.target}x`,
]);
const header = ['', 'measure', 'ours', 'baseline', 'ratio', 'target'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
console.log(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n${rows.map(line).join('\n')}`);
for (const result of results) {
  if (result.rounds) {
    const { min, median, max, count } = result.rounds;
    console.log(`  rounds (${result.measure}): ${count} interleaved, ratio min ${min.toFixed(2)}x / median ${median.toFixed(2)}x / max ${max.toFixed(2)}x`);
  }
  if (result.note) console.log(`  note (${result.measure}): ${result.note}`);
}

mkdirSync(new URL('.', import.meta.url), { recursive: true });
writeFileSync(
  new URL('results.json', import.meta.url),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, results }, null, 2) + '\n',
);
console.log('\nwrote bench/results.json');
process.exit(results.every((result) => result.pass) ? 0 : 1);

function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}
