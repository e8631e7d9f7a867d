/**
 * The plan part of a checklist template: durations and "waits for" between its items.
 *
 * A template's dependencies name ids of its own items, so a cycle can only be made inside
 * one template; it is refused where the YAML is read, at the line of the item that closes it.
 */
import { hasCycle } from 'graphology-dag';
import { findCycle, toGraph } from './plan-graph';

export interface TemplateWait {
  readonly id: string;
  readonly title: string;
  readonly dependsOn: readonly string[];
  readonly path: (string | number)[];
}

/** The first cycle among the template's items (titles, closed), with the path of the first item on it; or null. */
export function findTemplateCycle(waits: readonly TemplateWait[]): { titles: string[]; path: (string | number)[] } | null {
  const known = new Set(waits.map((wait) => wait.id));
  const edges = waits.flatMap((wait) => wait.dependsOn.filter((id) => known.has(id) && id !== wait.id).map((id): [string, string] => [id, wait.id]));
  const self = waits.find((wait) => wait.dependsOn.includes(wait.id));
  if (self) return { titles: [self.title, self.title], path: self.path };
  const graph = toGraph(waits, edges);
  if (!hasCycle(graph)) return null;
  const cycle = findCycle(graph) ?? [];
  const byId = new Map(waits.map((wait) => [wait.id, wait]));
  return { titles: cycle.map((id) => byId.get(id)?.title ?? id), path: byId.get(cycle[0] ?? '')?.path ?? [] };
}
