import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { assessAnalysis, compileConditions, measure } from '../../main/core/telemetry/analysis';
import type { AnalysisSpec, Measurement } from '../../main/core/telemetry/analysis';
import { prometheusSource } from '../../main/core/telemetry/sources';
import { prometheusMissing, startPrometheus } from '../../test/support/prometheus';
import { startSandbox } from '../../test/support/sandbox';
import { compare } from '../harness';
import type { Benchmark, BenchResult } from '../harness';
import { measureHealthBoard } from './health-board-bench';

/** Measurements timed per side: the "1,000 measurements". */
const MEASUREMENTS = 1_000;
const QUERY = 'sandbox_error_ratio{version="v2"}';

function stats(times: number[]): { min: number; median: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted[sorted.length - 1]! };
}

/** The bare query: one GET of /api/v1/query, the body read, nothing parsed. */
function bareQuery(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path: `/api/v1/query?query=${encodeURIComponent(QUERY)}`, method: 'GET' }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve());
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/**
 * An analysis step's overhead per measurement (the issue: at most 1.5x the bare HTTP
 * query it sends), against a real Prometheus scraping the real sandbox: ours is one
 * measurement (the query through the Prometheus source, the answer checked with zod, both
 * conditions evaluated, the threshold computed, the analysis assessed); the baseline is
 * the same GET with the body read and nothing else. Interleaved, 1,000 each.
 */
export const telemetryBenchmark: Benchmark = {
  name: 'telemetry',
  async run() {
    return [...(await measureAnalysis()), ...(await measureHealthBoard())];
  },
};

/** The analysis step's overhead per measurement against the bare query it sends. */
const analysisBench = {
  async run(): Promise<BenchResult[]> {
    const missing = prometheusMissing();
    if (missing) throw new Error(missing);
    const sandbox = startSandbox(25);
    const prometheus = await startPrometheus({ targets: [`127.0.0.1:${sandbox.port()}`] });
    try {
      await prometheus.waitFor(QUERY);
      const source = prometheusSource({ address: prometheus.address });
      const spec: AnalysisSpec = {
        query: QUERY,
        baseline: undefined,
        successCondition: 'result[0] <= 0.05',
        failureCondition: 'result[0] > 0.05 and len(result) > 0',
        intervalMs: 0,
        count: MEASUREMENTS,
        failureLimit: MEASUREMENTS,
        inconclusiveLimit: MEASUREMENTS,
        consecutiveErrorLimit: 4,
        initialDelayMs: 0,
      };
      const conditions = compileConditions(spec);
      const now = () => new Date().toISOString();
      for (let index = 0; index < 50; index += 1) {
        await bareQuery(prometheus.port);
        await measure(source, spec, conditions, index, now);
      }
      const ours: number[] = [];
      const bare: number[] = [];
      const taken: Measurement[] = [];
      for (let index = 0; index < MEASUREMENTS; index += 1) {
        let start = performance.now();
        await bareQuery(prometheus.port);
        bare.push(performance.now() - start);
        start = performance.now();
        const measurement = await measure(source, spec, conditions, index + 1, now);
        taken.push(measurement);
        assessAnalysis(spec, taken.slice(-20));
        ours.push(performance.now() - start);
      }
      if (taken.some((measurement) => measurement.phase === 'error'))
        throw new Error(`a measurement erred: ${taken.find((m) => m.phase === 'error')?.message}`);
      // The gate evaluation alone (conditions and assessment, no I/O), for 1,000 measurements.
      const scope = { result: [0.12] };
      let start = performance.now();
      for (let index = 0; index < MEASUREMENTS; index += 1) {
        conditions.success?.evaluate(scope);
        conditions.failure?.evaluate(scope);
        conditions.success?.threshold(scope);
      }
      const evaluationMs = performance.now() - start;
      start = performance.now();
      assessAnalysis(spec, taken);
      const assessMs = performance.now() - start;
      const o = stats(ours);
      const b = stats(bare);
      const results: BenchResult[] = [
        compare({
          benchmark: 'telemetry',
          measure: `analysis measurement vs bare Prometheus query (median of ${MEASUREMENTS})`,
          unit: 'ms',
          ours: o.median,
          baseline: b.median,
          baselineName: 'the same GET, body read, not parsed',
          better: 'lower',
          target: 1.5,
          note: `ours min/median/max ${o.min.toFixed(3)}/${o.median.toFixed(3)}/${o.max.toFixed(3)} ms; bare ${b.min.toFixed(3)}/${b.median.toFixed(3)}/${b.max.toFixed(3)} ms; conditions alone for ${MEASUREMENTS} measurements ${evaluationMs.toFixed(2)} ms; assessing ${MEASUREMENTS} measurements ${assessMs.toFixed(3)} ms`,
        }),
      ];
      return results;
    } finally {
      await prometheus.stop();
      sandbox.stop();
    }
  },
};

function measureAnalysis(): Promise<BenchResult[]> {
  return analysisBench.run();
}
