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
  /** When measured in interleaved rounds (ours and baseline one after the other): the spread of the per-round ratios. */
  readonly rounds?: RatioSpread;
}

/** Min, median and max of per-round ratios, and how many rounds. */
export interface RatioSpread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  readonly count: number;
}

export interface Benchmark {
  readonly name: string;
  run(): Promise<BenchResult[]>;
}

/** Build a result: ratio = ours / baseline; pass when it is >= target (higher) or <= target (lower). */
export function compare(fields: Omit<BenchResult, 'ratio' | 'pass' | 'rounds'>): BenchResult {
  const ratio = fields.ours / fields.baseline;
  const pass = fields.better === 'higher' ? ratio >= fields.target : ratio <= fields.target;
  return { ...fields, ratio, pass };
}

/**
 * Build a result from interleaved rounds (each round measures ours then the baseline, so
 * that a noisy neighbour hits both): the ratio is the median of the per-round ratios, and
 * the result keeps their min and max. `ours` and `baseline` are per-round rates.
 */
export function compareRounds(
  fields: Omit<BenchResult, 'ratio' | 'pass' | 'rounds' | 'ours' | 'baseline'> & { readonly ours: readonly number[]; readonly baseline: readonly number[] },
): BenchResult {
  if (fields.ours.length === 0 || fields.ours.length !== fields.baseline.length)
    throw new Error(`${fields.measure}: ours and baseline need the same number of rounds`);
  const ratios = fields.ours.map((value, round) => value / fields.baseline[round]!);
  const sorted = [...ratios].sort((a, b) => a - b);
  const rounds: RatioSpread = { min: sorted[0]!, median: medianOf(sorted), max: sorted.at(-1)!, count: sorted.length };
  const ratio = rounds.median;
  const pass = fields.better === 'higher' ? ratio >= fields.target : ratio <= fields.target;
  return { ...fields, ours: medianOf(fields.ours), baseline: medianOf(fields.baseline), ratio, pass, rounds };
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
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
