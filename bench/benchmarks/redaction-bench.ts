import { performance } from 'node:perf_hooks';
import { createStreamingRedactor } from '../../main/core/redaction/streaming-redactor';
import { resolveRedactionPatterns } from '../../main/core/redaction/redaction-patterns';
import { secretRules } from '../../main/core/redaction/rules/rule-table';
import { seededRandom } from '../../main/core/redaction/rules/rule-kit';
import { ordinaryOutput } from '../../test/core/redaction/ordinary-output';
import { compare, type Benchmark, type BenchResult } from '../harness';

/** Sizes in one place: 100 MB as issue 13 asks (WARROOM_BENCH_REDACTION_MB for a quick look). */
const RedactionBench = {
  Bytes: Number(process.env['WARROOM_BENCH_REDACTION_MB'] ?? 100) * 1024 * 1024,
  /** One secret sample per this many lines of ordinary output. */
  LinesPerSecret: 500,
  /** pty reads are 1 byte to 16 KB. */
  MaxChunk: 16 * 1024,
  Runs: 3,
} as const;

/** Mixed terminal output: kubectl/helm/terraform/git/journalctl lines with a secret of a random rule now and then, cut in random reads. */
function mixedChunks(bytes: number): string[] {
  const random = seededRandom(13);
  const lines = ordinaryOutput(20_000, 13);
  const block: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    block.push(lines[index]!);
    if (index % RedactionBench.LinesPerSecret === 0) block.push(secretRules[Math.floor(random() * secretRules.length)]!.sample(random).line);
  }
  const unit = block.join('\r\n') + '\r\n';
  const text = unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
  const chunks: string[] = [];
  for (let at = 0; at < text.length;) {
    const size = 1 + Math.floor(random() * RedactionBench.MaxChunk);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Issue 13: redaction with the full rule set vs the keyword pre-filter alone, over the same reads. */
export const redactionBenchmark: Benchmark = {
  name: 'redaction',
  async run(): Promise<BenchResult[]> {
    const chunks = mixedChunks(RedactionBench.Bytes);
    const megabytes = RedactionBench.Bytes / (1024 * 1024);
    const scanner = resolveRedactionPatterns().scanner;
    const scanRates: number[] = [];
    const redactRates: number[] = [];
    let masked = 0;
    for (let run = 0; run < RedactionBench.Runs; run += 1) {
      let start = performance.now();
      let hits = 0;
      for (const chunk of chunks)
        scanner.forEach(chunk, () => {
          hits += 1;
        });
      scanRates.push(megabytes / ((performance.now() - start) / 1000));
      start = performance.now();
      const redactor = createStreamingRedactor();
      for (const chunk of chunks) redactor.push(chunk);
      redactor.flush();
      redactRates.push(megabytes / ((performance.now() - start) / 1000));
      masked = redactor.matchCount;
      process.stdout.write(
        `  run ${run + 1}: keyword scan ${scanRates.at(-1)!.toFixed(1)} MB/s (${hits} hits), redaction ${redactRates.at(-1)!.toFixed(1)} MB/s\n`,
      );
    }
    return [
      compare({
        benchmark: 'redaction',
        measure: `streaming redaction, ${secretRules.length} rules, ${megabytes} MB of mixed terminal output in 1 B-16 KB reads`,
        unit: 'MB/s',
        ours: median(redactRates),
        baseline: median(scanRates),
        baselineName: "one pass for the rules' keywords alone",
        better: 'higher',
        target: 0.5,
        note: `${masked} secrets masked per run; the recording thread runs this redactor (the terminals benchmark's "recording on vs off" row measures it in the pipeline)`,
      }),
    ];
  },
};
