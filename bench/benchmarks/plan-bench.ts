import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { topologicalSort } from 'graphology-dag';
import { compare, type Benchmark, type BenchResult } from '../harness';
import type { ChecklistItem, ChecklistState } from '../../contract/domain/checklist/checklist-model';
import { initialPlanState, type PlanEntry, type PlanState } from '../../contract/domain/plan/plan-model';
import { reducePlan } from '../../main/core/plan/plan-reducer';
import { computePlan, createPlanCache, forecastPlan, type PlanInputs } from '../../main/core/plan/plan-forecast';
import { planEdges, planNodes, toGraph } from '../../main/core/plan/plan-graph';
import { itemSources } from '../../main/core/plan/plan-item-sources';
import { initialRunsState } from '../../main/core/playbooks/run-state';
import { measureGanttPaint } from './plan-render-bench';

const PLAN = {
  items: 5_000,
  phases: 50,
  /** Each item waits for up to this many earlier ones: a realistic fan-in. */
  maxDependencies: 3,
  /** Timed recomputations (min/median/max printed). */
  runs: 41,
  budgetMs: 50,
  ratioTarget: 3,
} as const;

const T0 = Date.parse('2026-12-01T21:00:00.000Z');

/** A checklist of 5,000 items in 50 phases, each with a duration and up to three dependencies on earlier items (a DAG). */
export function generatePlan(items: number = PLAN.items): { checklist: ChecklistState; plan: PlanState } {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const perPhase = Math.ceil(items / PLAN.phases);
  const record: Record<string, ChecklistItem> = {};
  const entries: Record<string, PlanEntry> = {};
  const phases = Array.from({ length: PLAN.phases }, (_phase, phaseIndex) => {
    const itemIds: string[] = [];
    for (let index = phaseIndex * perPhase; index < Math.min(items, (phaseIndex + 1) * perPhase); index += 1) {
      const id = `item-${index}`;
      itemIds.push(id);
      record[id] = {
        id,
        phaseId: `phase-${phaseIndex}`,
        title: `Step ${index}`,
        detail: '',
        owner: {},
        due: null,
        required: false,
        status: 'todo',
        statusReason: null,
        evidence: [],
        createdBy: 'bench',
        createdAt: '2026-12-01T00:00:00.000Z',
        updatedBy: 'bench',
        updatedAt: '2026-12-01T00:00:00.000Z',
      };
      const dependsOn =
        index === 0
          ? []
          : [...new Set(Array.from({ length: 1 + Math.floor(random() * PLAN.maxDependencies) }, () => `item:item-${Math.floor(random() * index)}`))];
      entries[`item:${id}`] = { dependsOn, plannedMs: Math.round(1 + random() * 30) * 60_000 };
    }
    return { id: `phase-${phaseIndex}`, title: `Phase ${phaseIndex}`, itemIds };
  });
  return { checklist: { phases, items: record, templates: [] }, plan: { ...initialPlanState(), entries } };
}

function stats(values: number[]): { min: number; median: number; max: number } {
  const sorted = values.slice().sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)! };
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** One event: an item starts (or ends), as the reducers would apply it. */
function afterEvent(inputs: PlanInputs, index: number, nowMs: number): PlanInputs {
  const itemId = `item-${index}`;
  const item = inputs.checklist.items[itemId]!;
  const to = item.status === 'in-progress' ? 'done' : 'in-progress';
  const ts = new Date(nowMs).toISOString();
  const checklist = { ...inputs.checklist, items: { ...inputs.checklist.items, [itemId]: { ...item, status: to } as ChecklistItem } };
  const plan = reducePlan(inputs.plan, { type: 'checklist.item-status-changed', data: { itemId, from: item.status, to }, seq: 1, ts, actor: 'bench' });
  return { ...inputs, checklist, plan, now: ts };
}

/**
 * The critical path and the forecast of 5,000 items after one event (an item starts or
 * ends), against a bare topological sort of the same graph with graphology-dag.
 */
export const planBenchmark: Benchmark = {
  name: 'plan',
  async run(): Promise<BenchResult[]> {
    const { checklist, plan } = generatePlan();
    const cache = createPlanCache();
    let inputs: PlanInputs = {
      plan,
      checklist,
      runs: initialRunsState(),
      origin: new Date(T0).toISOString(),
      now: new Date(T0).toISOString(),
      windowEnd: new Date(T0 + 6 * 3_600_000).toISOString(),
      rollbackMs: 20 * 60_000,
    };
    forecastPlan(inputs, cache);
    const nodes = planNodes(plan, itemSources(checklist));
    const graph = toGraph(nodes, planEdges(plan, nodes));
    const ours: number[] = [];
    const baseline: number[] = [];
    const withRows: number[] = [];
    for (let run = 0; run < PLAN.runs; run += 1) {
      inputs = afterEvent(inputs, (run * 97) % PLAN.items, T0 + run * 60_000);
      const current = inputs;
      baseline.push(time(() => topologicalSort(graph)));
      ours.push(time(() => forecastPlan(current, cache)));
      withRows.push(time(() => computePlan(current, cache)));
    }
    const cold = time(() => forecastPlan(inputs, createPlanCache()));
    const o = stats(ours);
    const b = stats(baseline);
    const r = stats(withRows);
    const line = (name: string, value: { min: number; median: number; max: number }) =>
      `${name} min/median/max ${value.min.toFixed(2)}/${value.median.toFixed(2)}/${value.max.toFixed(2)} ms`;
    console.log(
      `plan: ${line('forecast after one event', o)}; ${line('topological sort', b)}; ${line('with the chart rows', r)}; cold (graph built): ${cold.toFixed(1)} ms`,
    );
    const results = [
      compare({
        benchmark: 'plan',
        measure: 'critical path + forecast, 5,000 items, after one event',
        unit: 'ms',
        ours: o.median,
        baseline: b.median,
        baselineName: 'graphology-dag topologicalSort, same graph',
        better: 'lower',
        target: PLAN.ratioTarget,
        note: `${line('ours', o)}; ${line('sort', b)}; the view with 5,000 chart rows: ${line('', r)}; first computation (graph built): ${cold.toFixed(1)} ms`,
      }),
      compare({
        benchmark: 'plan',
        measure: 'critical path + forecast, 5,000 items, budget',
        unit: 'ms',
        ours: o.median,
        baseline: PLAN.budgetMs,
        baselineName: 'the 50 ms budget',
        better: 'lower',
        target: 1,
      }),
    ];
    const root = mkdtempSync(join(tmpdir(), 'warroom-plan-bench-'));
    try {
      results.push(...(await measureGanttPaint(root)));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    return results;
  },
};
