/**
 * The plan as the release manager sees it: three schedules of the same graph (planned,
 * rehearsed, actual + forecast), the critical path, slack per node, drift, and whether
 * the forecast still ends before the window closes and before the point of no return.
 *
 * Durations: planned is what someone set (or the playbook's own: a wait's length, a
 * command's timeout); rehearsed is the median of complete rehearsals (an interrupted or
 * partial rehearsal measures nothing, see rehearsal-measure.ts); the forecast uses what
 * has happened, the elapsed time of what runs, and rehearsed-else-planned for the rest.
 */
import { DateTime } from 'luxon';
import type { ChecklistState } from '../../../contract/domain/checklist/checklist-model';
import { completeRehearsalsOf } from '../playbooks/rehearsal-measure';
import type { RunState, RunsState } from '../playbooks/run-state';
import { buildPlanStructure } from './plan-graph';
import type { PlanStructure } from './plan-graph';
import { itemSources } from './plan-item-sources';
import type { ForecastLimit, PlanState } from '../../../contract/domain/plan/plan-model';
import { computeSchedule } from './plan-schedule';
import type { NodeProgress, ScheduleResult } from './plan-schedule';
export type { PlanBar, PlanRow, LimitCheck, PlanForecast, PlanView } from '../../../contract/domain/plan/plan-views';
import type { PlanBar, PlanRow, LimitCheck, PlanForecast, PlanView } from '../../../contract/domain/plan/plan-views';

export interface PlanInputs {
  readonly plan: PlanState;
  readonly checklist: ChecklistState;
  readonly runs: RunsState;
  /** T-0: nothing in the plan starts before it. */
  readonly origin: string;
  readonly now: string;
  /** The window's end (ISO UTC), when known. */
  readonly windowEnd: string | null;
  /** The rehearsed rollback's duration: the point of no return is window end minus it. */
  readonly rollbackMs: number | null;
}

/** Everything computed once per plan shape and per run history, reused while only statuses and time move. */
export interface PlanCache {
  structure?: { readonly key: readonly unknown[]; readonly value: PlanStructure };
  rehearsed?: { readonly key: readonly unknown[]; readonly value: Float64Array };
}

export function createPlanCache(): PlanCache {
  return {};
}

/** The structure of the plan, rebuilt only when entries, playbooks or the checklist's phases changed. */
export function planStructure(inputs: Pick<PlanInputs, 'plan' | 'checklist'>, cache: PlanCache = {}): PlanStructure {
  const key = [inputs.plan.entries, inputs.plan.playbooks, inputs.checklist.phases];
  if (cache.structure && sameKey(cache.structure.key, key)) return cache.structure.value;
  const value = buildPlanStructure(inputs.plan, itemSources(inputs.checklist));
  cache.structure = { key, value };
  return value;
}

/** The schedules, critical path and forecast summary, without the rows (what the forecast watch and the benchmark need). */
export interface PlanComputation {
  readonly structure: PlanStructure;
  readonly schedules: Schedules | null;
  readonly forecast: PlanForecast | null;
  readonly criticalPath: readonly string[];
  readonly cycle: readonly string[] | null;
}

/** The critical path and the forecast at `now`: three linear passes over the cached structure. */
export function forecastPlan(inputs: PlanInputs, cache: PlanCache = {}): PlanComputation {
  const structure = planStructure(inputs, cache);
  if (structure.cycle) return { structure, schedules: null, forecast: null, criticalPath: [], cycle: structure.cycle };
  if (structure.nodes.length === 0) return { structure, schedules: null, forecast: null, criticalPath: [], cycle: null };
  const count = structure.nodes.length;
  const planned = new Float64Array(count);
  structure.nodes.forEach((node, index) => (planned[index] = node.plannedMs ?? 0));
  const rehearsed = rehearsedDurations(structure, inputs.runs, cache);
  const estimate = new Float64Array(count);
  for (let index = 0; index < count; index += 1) estimate[index] = Number.isNaN(rehearsed[index]!) ? planned[index]! : rehearsed[index]!;
  const originMs = ms(inputs.origin);
  const nowMs = ms(inputs.now);
  const progress = progressOf(structure, inputs);
  const plan = computeSchedule(structure, { durations: planned, originMs });
  const anyRehearsed = rehearsed.some((value) => !Number.isNaN(value));
  const rehearsal = anyRehearsed ? computeSchedule(structure, { durations: estimate, originMs }) : null;
  const forecast = computeSchedule(structure, { durations: estimate, originMs, nowMs, progress: (index) => progress[index]! });
  return {
    structure,
    schedules: { planned, rehearsed, estimate, progress, plan, rehearsal, forecast, nowMs },
    forecast: {
      origin: iso(originMs),
      now: iso(nowMs),
      plannedFinish: iso(plan.finishMs),
      rehearsedFinish: rehearsal ? iso(rehearsal.finishMs) : null,
      projectedFinish: iso(forecast.finishMs),
      driftMs: forecast.finishMs - plan.finishMs,
      limits: limitChecks(forecast.finishMs, inputs),
    },
    criticalPath: forecast.criticalPath.map((index) => structure.nodes[index]!.id),
    cycle: null,
  };
}

/** The plan's three schedules, critical path and forecast at `now`, with a row per node for the chart. */
export function computePlan(inputs: PlanInputs, cache: PlanCache = {}): PlanView {
  const computed = forecastPlan(inputs, cache);
  const rows = computed.schedules ? buildRows(computed.structure, inputs, computed.schedules) : [];
  return { rows, forecast: computed.forecast, criticalPath: computed.criticalPath, cycle: computed.cycle, warnings: inputs.plan.warnings };
}

function limitChecks(finishMs: number, inputs: PlanInputs): LimitCheck[] {
  const windowEndMs = inputs.windowEnd === null ? null : ms(inputs.windowEnd);
  const pnrMs = windowEndMs === null || inputs.rollbackMs === null ? null : windowEndMs - inputs.rollbackMs;
  const check = (limit: ForecastLimit, atMs: number | null, words: string): LimitCheck => {
    if (atMs === null) return { limit, at: null, fits: true, overByMs: null, message: null };
    const overByMs = finishMs - atMs;
    const fits = overByMs <= 0;
    return { limit, at: iso(atMs), fits, overByMs, message: fits ? null : `The forecast ends ${minutes(overByMs)} after ${words}` };
  };
  return [check('window', windowEndMs, 'the window closes'), check('point-of-no-return', pnrMs, 'the point of no return (a rollback would no longer fit)')];
}

export interface Schedules {
  readonly planned: Float64Array;
  readonly rehearsed: Float64Array;
  readonly estimate: Float64Array;
  readonly progress: readonly NodeProgress[];
  readonly plan: ScheduleResult;
  readonly rehearsal: ScheduleResult | null;
  readonly forecast: ScheduleResult;
  readonly nowMs: number;
}

function buildRows(structure: PlanStructure, inputs: PlanInputs, schedules: Schedules): PlanRow[] {
  const { rehearsed, estimate, progress, plan, rehearsal, forecast, nowMs } = schedules;
  const rows: PlanRow[] = structure.nodes.map((node, index) => {
    const state = progress[index]!;
    const item = node.itemId === undefined ? undefined : inputs.checklist.items[node.itemId];
    const measured = rehearsed[index]!;
    const actualMs = state.status === 'done' ? forecast.end[index]! - forecast.start[index]! : state.status === 'running' ? nowMs - state.startMs : null;
    return {
      id: node.id,
      label: item?.title ?? node.label,
      kind: node.kind,
      group: node.group,
      dependsOn: structure.preds[index]!.map((pred) => structure.nodes[pred]!.id),
      status: state.status,
      plannedMs: node.plannedMs,
      rehearsedMs: Number.isNaN(measured) ? null : measured,
      actualMs,
      planned: bar(plan, index),
      rehearsal: rehearsal && !Number.isNaN(measured) ? bar(rehearsal, index) : null,
      forecast: bar(forecast, index),
      slackMs: forecast.slack[index]!,
      critical: forecast.critical[index] === 1,
      overrun: state.status === 'running' && nowMs - state.startMs > estimate[index]!,
    };
  });
  // By planned start; where starts tie (unplanned steps take no time), a node comes after what it waits for.
  const position = new Int32Array(rows.length);
  structure.order.forEach((node, at) => (position[node] = at));
  const order = rows.map((_row, index) => index).sort((a, b) => plan.start[a]! - plan.start[b]! || position[a]! - position[b]!);
  return order.map((index) => rows[index]!);
}

function bar(schedule: ScheduleResult, index: number): PlanBar {
  return { start: iso(schedule.start[index]!), end: iso(schedule.end[index]!) };
}

/** Median of complete rehearsals per step (NaN where none); items are not rehearsed. Cached per run history. */
function rehearsedDurations(structure: PlanStructure, runs: RunsState, cache: PlanCache): Float64Array {
  const key = [structure, runs.runs];
  if (cache.rehearsed && sameKey(cache.rehearsed.key, key)) return cache.rehearsed.value;
  const value = new Float64Array(structure.nodes.length).fill(Number.NaN);
  const byFile = new Map<string, RunState[]>();
  structure.nodes.forEach((node, index) => {
    if (node.playbookFile === undefined || node.stepId === undefined) return;
    let rehearsals = byFile.get(node.playbookFile);
    if (!rehearsals) {
      rehearsals = runs.runs.filter((run) => run.playbook.file === node.playbookFile);
      rehearsals = completeRehearsalsOf(rehearsals, rehearsals[0]?.playbook ?? { name: '', file: node.playbookFile });
      byFile.set(node.playbookFile, rehearsals);
    }
    const durations = rehearsals.flatMap((run) =>
      run.steps.filter((step) => step.id === node.stepId && step.durationMs !== undefined).map((step) => step.durationMs!),
    );
    const middle = median(durations);
    if (middle !== undefined) value[index] = middle;
  });
  cache.rehearsed = { key, value };
  return value;
}

/** Where each node stands: items from their status and times, steps from the last live run of their playbook. */
function progressOf(structure: PlanStructure, inputs: PlanInputs): NodeProgress[] {
  const liveRuns = new Map<string, RunState>();
  for (const run of inputs.runs.runs) if (run.mode === 'live') liveRuns.set(run.playbook.file, run);
  return structure.nodes.map((node): NodeProgress => {
    if (node.itemId !== undefined) {
      const item = inputs.checklist.items[node.itemId];
      const times = Object.hasOwn(inputs.plan.itemTimes, node.itemId) ? inputs.plan.itemTimes[node.itemId] : undefined;
      if (item?.status === 'done' || item?.status === 'not-applicable') {
        return {
          status: 'done',
          startMs: times?.startedAt === undefined ? undefined : ms(times.startedAt),
          endMs: times?.endedAt === undefined ? undefined : ms(times.endedAt),
        };
      }
      if (item?.status === 'in-progress' && times?.startedAt !== undefined) return { status: 'running', startMs: ms(times.startedAt) };
      return { status: 'pending' };
    }
    const run = node.playbookFile === undefined ? undefined : liveRuns.get(node.playbookFile);
    const step = run?.steps.find((candidate) => candidate.id === node.stepId);
    if (!step) return { status: 'pending' };
    if (step.status === 'running' && step.startedAt !== undefined) return { status: 'running', startMs: ms(step.startedAt) };
    if (step.status === 'succeeded' || step.status === 'skipped' || (step.status === 'failed' && step.endedAt !== undefined && run?.status !== 'running')) {
      return {
        status: 'done',
        startMs: step.startedAt === undefined ? undefined : ms(step.startedAt),
        endMs: step.endedAt === undefined ? undefined : ms(step.endedAt),
      };
    }
    return { status: 'pending' };
  });
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function ms(instant: string): number {
  return DateTime.fromISO(instant, { setZone: true }).toMillis();
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function minutes(durationMs: number): string {
  if (durationMs < 60_000) return `${Math.max(1, Math.round(durationMs / 1000))} s`;
  const total = Math.round(durationMs / 60_000);
  return total < 60 ? `${total} min` : `${Math.floor(total / 60)} h ${total % 60} min`;
}
