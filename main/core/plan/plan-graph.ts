/**
 * The plan as a graph: checklist items and playbook steps as nodes, "waits for" as edges.
 *
 * Why graphology: the graph is built and checked with a well-kept library (cycle
 * detection, topological order) rather than home-made traversal; only naming the cycle
 * (which graphology-dag does not return) is ours. The structure is rebuilt only when the
 * plan's shape changes (an edge, a duration, a playbook, an item); a status change reuses
 * it, so the forecast after one event costs two linear passes (see plan-schedule.ts).
 */
import { DirectedGraph } from 'graphology';
import { hasCycle, topologicalSort } from 'graphology-dag';
import { WarRoomError } from '../../../contract/domain/errors';
import { entryOf, planNodeId } from '../../../contract/domain/plan/plan-model';
import type { PlanState } from '../../../contract/domain/plan/plan-model';

/** What the graph needs of a checklist item. */
export interface PlanItemSource {
  readonly id: string;
  readonly title: string;
  readonly group: string;
}

export interface PlanNodeInfo {
  readonly id: string;
  readonly label: string;
  readonly kind: 'item' | 'step';
  /** The phase of an item, the playbook of a step. */
  readonly group: string;
  readonly itemId?: string;
  readonly playbookFile?: string;
  readonly stepId?: string;
  readonly stepIndex?: number;
  readonly plannedMs: number | null;
}

/** The graph as index arrays in topological order: what the passes walk. */
export interface PlanStructure {
  readonly nodes: readonly PlanNodeInfo[];
  /** For each node (by index), the indices of the nodes it waits for. */
  readonly preds: readonly (readonly number[])[];
  readonly succs: readonly (readonly number[])[];
  /** Node indices, every node after what it waits for. */
  readonly order: readonly number[];
  readonly index: ReadonlyMap<string, number>;
  /** The cycle that keeps the plan from having an order (labels, first repeated last), or null. */
  readonly cycle: readonly string[] | null;
}

/** The nodes of the plan: items that have an entry or are waited for, and every step of the plan's playbooks. */
export function planNodes(plan: PlanState, items: readonly PlanItemSource[]): PlanNodeInfo[] {
  const wanted = new Set<string>();
  for (const [nodeId, entry] of Object.entries(plan.entries)) {
    if (entry.plannedMs !== null || entry.dependsOn.length > 0) wanted.add(nodeId);
    for (const dependency of entry.dependsOn) wanted.add(dependency);
  }
  const nodes: PlanNodeInfo[] = [];
  for (const item of items) {
    const id = planNodeId.item(item.id);
    if (!wanted.has(id)) continue;
    nodes.push({ id, label: item.title, kind: 'item', group: item.group, itemId: item.id, plannedMs: entryOf(plan, id).plannedMs });
  }
  for (const playbook of plan.playbooks) {
    playbook.steps.forEach((step, stepIndex) => {
      const id = planNodeId.step(playbook.file, step.id);
      nodes.push({
        id,
        label: step.name,
        kind: 'step',
        group: playbook.name,
        playbookFile: playbook.file,
        stepId: step.id,
        stepIndex,
        plannedMs: entryOf(plan, id).plannedMs ?? step.plannedMs,
      });
    });
  }
  return nodes;
}

/**
 * The edges of the plan as [waited-for, waiting] node ids. A playbook waits as its first
 * step and is waited for as its last; its steps wait for each other in order.
 */
export function planEdges(plan: PlanState, nodes: readonly PlanNodeInfo[]): [string, string][] {
  const known = new Set(nodes.map((node) => node.id));
  const firstStep = new Map<string, string>();
  const lastStep = new Map<string, string>();
  for (const playbook of plan.playbooks) {
    const first = playbook.steps[0];
    const last = playbook.steps.at(-1);
    if (first && last) {
      firstStep.set(planNodeId.playbook(playbook.file), planNodeId.step(playbook.file, first.id));
      lastStep.set(planNodeId.playbook(playbook.file), planNodeId.step(playbook.file, last.id));
    }
  }
  const edges: [string, string][] = [];
  const add = (from: string | undefined, to: string | undefined) => {
    if (from !== undefined && to !== undefined && known.has(from) && known.has(to) && from !== to) edges.push([from, to]);
  };
  for (const [nodeId, entry] of Object.entries(plan.entries)) {
    const waiting = firstStep.get(nodeId) ?? nodeId;
    for (const dependency of entry.dependsOn) add(lastStep.get(dependency) ?? dependency, waiting);
  }
  for (const playbook of plan.playbooks) {
    for (let index = 1; index < playbook.steps.length; index += 1) {
      add(planNodeId.step(playbook.file, playbook.steps[index - 1]!.id), planNodeId.step(playbook.file, playbook.steps[index]!.id));
    }
  }
  return edges;
}

/** A graphology graph of the nodes and edges (parallel edges merged). */
export function toGraph(nodes: readonly { readonly id: string }[], edges: readonly (readonly [string, string])[]): DirectedGraph {
  const graph = new DirectedGraph();
  for (const node of nodes) graph.mergeNode(node.id);
  for (const [from, to] of edges) graph.mergeEdge(from, to);
  return graph;
}

/** Build the structure the passes walk; a cycle leaves `order` empty and names itself in `cycle`. */
export function buildPlanStructure(plan: PlanState, items: readonly PlanItemSource[]): PlanStructure {
  const nodes = planNodes(plan, items);
  const edges = planEdges(plan, nodes);
  const index = new Map(nodes.map((node, position) => [node.id, position]));
  const preds: number[][] = nodes.map(() => []);
  const succs: number[][] = nodes.map(() => []);
  const graph = toGraph(nodes, edges);
  graph.forEachEdge((_edge, _attributes, from, to) => {
    preds[index.get(to)!]!.push(index.get(from)!);
    succs[index.get(from)!]!.push(index.get(to)!);
  });
  if (hasCycle(graph)) {
    const labels = new Map(nodes.map((node) => [node.id, node.label]));
    return { nodes, preds, succs, order: [], index, cycle: (findCycle(graph) ?? []).map((id) => labels.get(id) ?? id) };
  }
  const order = topologicalSort(graph).map((id) => index.get(id)!);
  return { nodes, preds, succs, order, index, cycle: null };
}

/**
 * One cycle of the graph, written in "waits for" order and closed ("A", "B", "A"), or
 * null. Iterative depth-first search: a 5,000-node chain must not overflow the stack.
 */
export function findCycle(graph: DirectedGraph): string[] | null {
  const state = new Map<string, 'open' | 'closed'>();
  for (const root of graph.nodes()) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const iterators: Iterator<string>[] = [graph.inNeighbors(root)[Symbol.iterator]()];
    state.set(root, 'open');
    while (path.length > 0) {
      const step = iterators.at(-1)!.next();
      if (step.done) {
        state.set(path.pop()!, 'closed');
        iterators.pop();
        continue;
      }
      const next = step.value;
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
      if (state.has(next)) continue;
      state.set(next, 'open');
      path.push(next);
      iterators.push(graph.inNeighbors(next)[Symbol.iterator]());
    }
  }
  return null;
}

/** Refuse a plan with a cycle, naming it: "Deploy API -> Migrate schema -> Deploy API". */
export function assertNoCycle(plan: PlanState, items: readonly PlanItemSource[], what: string): void {
  const nodes = planNodes(plan, items);
  const graph = toGraph(nodes, planEdges(plan, nodes));
  if (!hasCycle(graph)) return;
  const labels = new Map(nodes.map((node) => [node.id, node.label]));
  const cycle = (findCycle(graph) ?? []).map((id) => labels.get(id) ?? id);
  throw new WarRoomError('refused', `${what}: it would make a cycle, ${cycle.join(' -> ')} (each waits for the next)`, [{ field: 'dependsOn' }]);
}
