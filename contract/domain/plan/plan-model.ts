/**
 * The plan slice of a release: what waits for what, and how long each piece should take.
 *
 * Why a slice of its own (and not fields on checklist items and playbook steps): the plan
 * spans areas. A checklist item can wait for a playbook step and a playbook for an item,
 * across phases and pods; one record keyed by node id holds every edge and planned
 * duration, and the checklist and playbook models stay as they were. Plain readonly JSON,
 * rebuilt from the journal like every other slice.
 *
 * Node ids name what they point at:
 *   item:<checklist item id>          one checklist item
 *   playbook:<file>                   a whole playbook as one node (its steps in order)
 *   step:<file>#<step id>             one step of a playbook in the plan
 */

/** The planned duration and the dependencies of one node (only what someone set). */
export interface PlanEntry {
  /** Node ids this node waits for. */
  readonly dependsOn: readonly string[];
  /** Planned duration in milliseconds; null when not set (a step then uses its playbook's own). */
  readonly plannedMs: number | null;
}

/** A playbook taken into the plan, with its steps as they were when it was added. */
export interface PlanPlaybook {
  readonly file: string;
  readonly name: string;
  readonly steps: readonly { readonly id: string; readonly name: string; readonly plannedMs: number | null }[];
}

/** When a checklist item really started and ended (from its status changes). */
export interface ItemTimes {
  readonly startedAt?: string;
  readonly endedAt?: string;
}

/** The two limits the forecast is held against. */
export const FORECAST_LIMITS = ['window', 'point-of-no-return'] as const;
export type ForecastLimit = (typeof FORECAST_LIMITS)[number];

/** A forecast warning as journaled: raised once when the forecast crosses a limit, cleared when it is back inside. */
export interface PlanWarning {
  readonly limit: ForecastLimit;
  readonly raisedAt: string;
  readonly projectedFinish: string;
  readonly limitAt: string;
  readonly message: string;
  readonly clearedAt: string | null;
}

export interface PlanState {
  readonly entries: Readonly<Record<string, PlanEntry>>;
  readonly playbooks: readonly PlanPlaybook[];
  readonly itemTimes: Readonly<Record<string, ItemTimes>>;
  readonly warnings: readonly PlanWarning[];
  /**
   * Releases of the workspace (slugs) this one starts after: each must be verified (GO
   * decided, every checklist item done or not applicable) before this one may go. Optional:
   * a release.json written before trains existed has none.
   */
  readonly afterReleases?: readonly string[];
}

export function initialPlanState(): PlanState {
  return { entries: {}, playbooks: [], itemTimes: {}, warnings: [] };
}

/** The node id of a checklist item, a playbook, a step. */
export const planNodeId = {
  item: (itemId: string) => `item:${itemId}`,
  playbook: (file: string) => `playbook:${file}`,
  step: (file: string, stepId: string) => `step:${file}#${stepId}`,
} as const;

/** The entry of a node, or the empty one. Ids come from outside: never what every object inherits. */
export function entryOf(state: Pick<PlanState, 'entries'>, nodeId: string): PlanEntry {
  return (Object.hasOwn(state.entries, nodeId) ? state.entries[nodeId] : undefined) ?? { dependsOn: [], plannedMs: null };
}

/** The warning of a limit that is raised and not cleared, or undefined. */
export function openWarning(state: Pick<PlanState, 'warnings'>, limit: ForecastLimit): PlanWarning | undefined {
  for (let index = state.warnings.length - 1; index >= 0; index -= 1) {
    const warning = state.warnings[index]!;
    if (warning.limit === limit) return warning.clearedAt === null ? warning : undefined;
  }
  return undefined;
}
