/**
 * The two passes over the plan: earliest times forward, latest times backward; then the
 * critical path (the chain of nodes that decides the finish) and each node's slack.
 *
 * Times are epoch milliseconds: real time, so a step planned across the spring-forward
 * night lasts what it lasts, whatever the wall clock shows. The passes are linear in
 * nodes + edges and allocate a few typed arrays; the structure (order, edges) comes
 * prebuilt (plan-graph.ts).
 */
import type { PlanStructure } from './plan-graph';

/** Where a node stands on the day. */
export type NodeProgress =
  | { readonly status: 'pending' }
  | { readonly status: 'running'; readonly startMs: number }
  | { readonly status: 'done'; readonly startMs: number | undefined; readonly endMs: number | undefined };

export interface ScheduleInput {
  /** Duration of each node (by index), ms: planned, rehearsed or the estimate of what remains. */
  readonly durations: ArrayLike<number>;
  /** Nothing starts before this (T-0). */
  readonly originMs: number;
  /** The forecast's now: nothing pending starts before it. Absent for a plan (no progress). */
  readonly nowMs?: number;
  readonly progress?: (index: number) => NodeProgress;
}

export interface ScheduleResult {
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** Latest end that does not move the finish, minus the end (ms); 0 on the critical path. */
  readonly slack: Float64Array;
  readonly finishMs: number;
  /** Node indices of the critical path, first to last. */
  readonly criticalPath: readonly number[];
  readonly critical: Uint8Array;
}

export function computeSchedule(structure: PlanStructure, input: ScheduleInput): ScheduleResult {
  const count = structure.nodes.length;
  const start = new Float64Array(count);
  const end = new Float64Array(count);
  const { durations, originMs, nowMs, progress } = input;
  let last = -1;
  for (const node of structure.order) {
    let ready = originMs;
    for (const pred of structure.preds[node]!) if (end[pred]! > ready) ready = end[pred]!;
    const state = progress ? progress(node) : PENDING;
    if (state.status === 'done') {
      const endMs = state.endMs ?? ready;
      start[node] = state.startMs ?? endMs;
      end[node] = endMs;
    } else if (state.status === 'running') {
      start[node] = state.startMs;
      end[node] = Math.max(nowMs ?? state.startMs, state.startMs + durations[node]!);
    } else {
      const begin = nowMs !== undefined && nowMs > ready ? nowMs : ready;
      start[node] = begin;
      end[node] = begin + durations[node]!;
    }
    if (last === -1 || end[node]! >= end[last]!) last = node;
  }
  const finishMs = last === -1 ? originMs : end[last]!;
  const slack = new Float64Array(count);
  const latestEnd = new Float64Array(count).fill(finishMs);
  for (let position = structure.order.length - 1; position >= 0; position -= 1) {
    const node = structure.order[position]!;
    const latestStart = latestEnd[node]! - (end[node]! - start[node]!);
    slack[node] = latestEnd[node]! - end[node]!;
    for (const pred of structure.preds[node]!) if (latestStart < latestEnd[pred]!) latestEnd[pred] = latestStart;
  }
  const criticalPath: number[] = [];
  const critical = new Uint8Array(count);
  let current = last;
  while (current !== -1) {
    criticalPath.push(current);
    critical[current] = 1;
    let binding = -1;
    for (const pred of structure.preds[current]!) if (end[pred] === start[current] && (binding === -1 || end[pred]! >= end[binding]!)) binding = pred;
    current = binding;
  }
  criticalPath.reverse();
  return { start, end, slack, finishMs, criticalPath, critical };
}

const PENDING: NodeProgress = { status: 'pending' };
