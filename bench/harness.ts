import { performance } from 'node:perf_hooks';

/** One measured comparison: ours against a baseline measured in the same run. */
export interface BenchResult {
  readonly benchmark: string;
  readonly measure: string;
  readonly unit: string;
  readonly ours: number;
  readonly baseline: number;
  readonly baselineName: string;
  /** ours / baseline when higher is better ("throughput"), baseline / ours... see `better`. */
  readonly ratio: number;
  readonly better: 'higher' | 'lower';
  /** The ratio the issue asks for, compared in the direction of `better`. */
  readonly target: number;
  readonly pass: boolean;
  readonly note?: string;
}

export interface Benchmark {
  readonly name: string;
  run(): Promise<BenchResult[]>;
}

/** Build a result: ratio = ours / baseline; pass when it is >= target (higher) or <= target (lower). */
export function compare(fields: Omit<BenchResult, 'ratio' | 'pass'>): BenchResult {
  const ratio = fields.ours / fields.baseline;
  const pass = fields.better === 'higher' ? ratio >= fields.target : ratio <= fields.target;
  return { ...fields, ratio, pass };
}

/** Median of `runs` timings of `fn` in milliseconds, after `warmup` untimed runs. */
export async function medianMs(fn: () => unknown | Promise<unknown>, runs = 5, warmup = 1): Promise<number> {
  for (let index = 0; index < warmup; index += 1) await fn();
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
