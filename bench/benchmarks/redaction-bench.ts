import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStreamingRedactor } from '../../main/core/redaction/streaming-redactor';
import { resolveRedactionPatterns } from '../../main/core/redaction/redaction-patterns';
import { secretRules } from '../../main/core/redaction/rules/rule-table';
import { seededRandom } from '../../main/core/redaction/rules/rule-kit';
import { ordinaryOutput } from '../../test/core/redaction/ordinary-output';
import { compareRounds, type Benchmark, type BenchResult } from '../harness';
import { pipelineThroughput, startPipeline } from './terminals-bench';

/** Sizes in one place: 100 MB as issue 13 asks (WARROOM_BENCH_REDACTION_MB for a quick look). */
const RedactionBench = {
  Bytes: Number(process.env['WARROOM_BENCH_REDACTION_MB'] ?? 100) * 1024 * 1024,
  /** One secret sample per this many lines of ordinary output. */
  LinesPerSecret: 500,
  /** pty reads are 1 byte to 16 KB. */
  MaxChunk: 16 * 1024,
  /** Interleaved rounds of the redaction row (keyword scan, then redaction, each round). */
  Rounds: Number(process.env['WARROOM_BENCH_REDACTION_ROUNDS'] ?? 5),
  /** Share of the reads run once, untimed, before the rounds: the JIT has compiled both loops by then. */
  WarmupShare: 0.1,
  /** Interleaved rounds of the pipeline row (recording off, then on): each is a 100 MB cat through Chromium. */
  PipelineRounds: Number(process.env['WARROOM_BENCH_REDACTION_PIPELINE_ROUNDS'] ?? 3),
  /** WARROOM_BENCH_REDACTION_PIPELINE=0 skips the pipeline row (it needs a build and Chromium). */
  Pipeline: process.env['WARROOM_BENCH_REDACTION_PIPELINE'] !== '0',
} as const;

/** Mixed terminal output: kubectl/helm/terraform/git/journalctl lines with a secret of a random rule now and then. */
function mixedText(bytes: number): string {
  const random = seededRandom(13);
  const lines = ordinaryOutput(20_000, 13);
  const block: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    block.push(lines[index]!);
    if (index % RedactionBench.LinesPerSecret === 0) block.push(secretRules[Math.floor(random() * secretRules.length)]!.sample(random).line);
  }
  const unit = block.join('\r\n') + '\r\n';
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/** The text cut in random reads of 1 B to MaxChunk, as a pty delivers it. */
function inReads(text: string): string[] {
  const random = seededRandom(31);
  const chunks: string[] = [];
  for (let at = 0; at < text.length;) {
    const size = 1 + Math.floor(random() * RedactionBench.MaxChunk);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

/** The pre-filter alone, as the redactor runs it: one pass of the scanner over each read, its hits collected. */
function keywordScan(chunks: readonly string[]): number {
  const scanner = resolveRedactionPatterns().scanner;
  let hits = 0;
  for (const chunk of chunks) hits += scanner.collect(chunk);
  return hits;
}

function redactAll(chunks: readonly string[]): number {
  const redactor = createStreamingRedactor();
  for (const chunk of chunks) redactor.push(chunk);
  redactor.flush();
  return redactor.matchCount;
}

function rate(megabytes: number, run: () => unknown): number {
  const start = performance.now();
  run();
  return megabytes / ((performance.now() - start) / 1000);
}

/** Issue 13: redaction with the full rule set vs the keyword pre-filter alone; recording on vs off in the real pipeline. */
export const redactionBenchmark: Benchmark = {
  name: 'redaction',
  async run(): Promise<BenchResult[]> {
    const text = mixedText(RedactionBench.Bytes);
    const chunks = inReads(text);
    const megabytes = RedactionBench.Bytes / (1024 * 1024);
    const warmup = chunks.slice(0, Math.ceil(chunks.length * RedactionBench.WarmupShare));
    keywordScan(warmup);
    redactAll(warmup);
    const scanRates: number[] = [];
    const redactRates: number[] = [];
    let masked = 0;
    let hits = 0;
    for (let round = 0; round < RedactionBench.Rounds; round += 1) {
      scanRates.push(rate(megabytes, () => (hits = keywordScan(chunks))));
      redactRates.push(rate(megabytes, () => (masked = redactAll(chunks))));
      process.stdout.write(
        `  round ${round + 1}: keyword scan ${scanRates.at(-1)!.toFixed(1)} MB/s (${hits} hits), redaction ${redactRates.at(-1)!.toFixed(1)} MB/s (${masked} masked)\n`,
      );
    }
    const results = [
      compareRounds({
        benchmark: 'redaction',
        measure: `streaming redaction, ${secretRules.length} rules, ${megabytes} MB of mixed terminal output in 1 B-16 KB reads`,
        unit: 'MB/s',
        ours: redactRates,
        baseline: scanRates,
        baselineName: "one pass for the rules' keywords alone",
        better: 'higher',
        target: 0.5,
        note: `${masked} secrets masked per round, ${hits} keyword hits (the ordinary output is dense in "password", "secret", "token", "auth")`,
      }),
    ];
    if (RedactionBench.Pipeline) results.push(await recordingOnVsOff(text));
    else console.log('  skipped: recording on vs off (WARROOM_BENCH_REDACTION_PIPELINE=0)');
    return results;
  },
};

/**
 * The same mixed output (secrets included) `cat` through the whole pipeline (pty ->
 * WebSocket -> xterm in Chromium), recorded with the full rule set (redaction, asciicast,
 * sha256 on the recording thread) or not, in interleaved rounds.
 */
async function recordingOnVsOff(text: string): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'warroom-bench-redaction-'));
  try {
    const corpus = join(work, 'mixed-output.txt');
    writeFileSync(corpus, text);
    const bytes = Buffer.byteLength(text);
    const pipeline = await startPipeline(join(work, 'workspace'), corpus, corpus);
    const on: number[] = [];
    const off: number[] = [];
    try {
      for (let round = 0; round < RedactionBench.PipelineRounds; round += 1) {
        off.push(await pipelineThroughput(pipeline, bytes, false));
        on.push(await pipelineThroughput(pipeline, bytes, true));
        process.stdout.write(`  pipeline round ${round + 1}: recording off ${off.at(-1)!.toFixed(1)} MB/s, on ${on.at(-1)!.toFixed(1)} MB/s\n`);
      }
    } finally {
      await pipeline.close();
    }
    return compareRounds({
      benchmark: 'redaction',
      measure: `pipeline throughput, ${(bytes / (1024 * 1024)).toFixed(0)} MB of mixed output with secrets, recording (${secretRules.length} rules) on vs off`,
      unit: 'MB/s',
      ours: on,
      baseline: off,
      baselineName: 'recording off',
      better: 'higher',
      target: 0.9,
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
