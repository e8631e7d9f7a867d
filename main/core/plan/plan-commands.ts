/**
 * Commands on the plan: set what a node waits for, set its planned duration, take a
 * playbook into the plan, adopt a rehearsal's durations, and raise or clear a forecast
 * warning. Each validates against the state and returns the events to journal.
 */
import type { ChecklistState } from '../../../contract/domain/checklist/checklist-model';
import type { CommandContext, DomainEvent } from '../../../contract/domain/release/domain-event';
import type { Playbook } from '../../../contract/domain/playbooks/playbook-model';
import { isCompleteRehearsal } from '../playbooks/rehearsal-measure';
import type { RunsState } from '../playbooks/run-state';
import { WarRoomError } from '../../../contract/domain/errors';
import { PLAN_EVENTS } from './plan-events';
import type { PlanEventData } from './plan-events';
import { assertNoCycle } from './plan-graph';
import { itemSources } from './plan-item-sources';
import { entryOf, openWarning, planNodeId } from '../../../contract/domain/plan/plan-model';
import type { PlanState } from '../../../contract/domain/plan/plan-model';
import { reducePlan } from './plan-reducer';
import type { PlanView } from './plan-forecast';

/** The slices plan commands read. */
export interface PlanCommandState {
  readonly plan: PlanState;
  readonly checklist: ChecklistState;
  readonly runs: RunsState;
}

/** Set the nodes `nodeId` waits for (replacing the list); a cycle is refused with its path named. */
export function setDependencies(state: PlanCommandState, input: { nodeId: string; dependsOn: readonly string[] }, context: CommandContext): DomainEvent[] {
  requireNode(state, input.nodeId, 'nodeId');
  input.dependsOn.forEach((dependency, index) => requireNode(state, dependency, `dependsOn.${index}`));
  if (input.dependsOn.includes(input.nodeId)) {
    throw new WarRoomError('refused', `${labelOf(state, input.nodeId)} cannot wait for itself`, [{ field: 'dependsOn' }]);
  }
  const dependsOn = [...new Set(input.dependsOn)];
  const before = entryOf(state.plan, input.nodeId).dependsOn;
  const data: PlanEventData<typeof PLAN_EVENTS.dependenciesSet> = { nodeId: input.nodeId, dependsOn, before: [...before] };
  const event = { type: PLAN_EVENTS.dependenciesSet, data };
  const after = reducePlan(state.plan, { ...event, seq: 0, ts: context.now, actor: context.actor });
  assertNoCycle(after, itemSources(state.checklist), `Cannot make ${labelOf(state, input.nodeId)} wait for that`);
  return [event];
}

/** Set (or clear, with null) the planned duration of a node. */
export function setPlannedDuration(state: PlanCommandState, input: { nodeId: string; plannedMs: number | null }, _context: CommandContext): DomainEvent[] {
  requireNode(state, input.nodeId, 'nodeId');
  const before = entryOf(state.plan, input.nodeId).plannedMs;
  if (before === input.plannedMs) return [];
  return [{ type: PLAN_EVENTS.durationSet, data: { nodeId: input.nodeId, plannedMs: input.plannedMs, before } }];
}

/** Take a playbook into the plan: its steps become nodes, a wait planned at its length, other steps unplanned until set or rehearsed. */
export function addPlaybookToPlan(_state: PlanCommandState, playbook: Playbook, _context: CommandContext): DomainEvent[] {
  const data: PlanEventData<typeof PLAN_EVENTS.playbookAdded> = {
    file: playbook.source.file,
    name: playbook.name,
    steps: playbook.steps.map((step) => ({ id: step.id, name: step.name, plannedMs: step.kind === 'wait' ? step.durationMs : null })),
  };
  return [{ type: PLAN_EVENTS.playbookAdded, data }];
}

/** "Use the rehearsal's durations as the plan": every step of that complete rehearsal that is in the plan, one event. */
export function adoptRehearsalDurations(state: PlanCommandState, input: { runId: string }, _context: CommandContext): DomainEvent[] {
  const run = state.runs.runs.find((candidate) => candidate.id === input.runId);
  if (!run) throw new WarRoomError('not-found', `There is no run ${input.runId} in this release`, [{ field: 'runId' }]);
  if (!isCompleteRehearsal(run)) {
    throw new WarRoomError(
      'refused',
      `Run ${input.runId} is not a complete rehearsal (every step run, in one go, succeeded): it measured nothing to plan with`,
      [{ field: 'runId' }],
    );
  }
  const playbook = state.plan.playbooks.find((candidate) => candidate.file === run.playbook.file);
  if (!playbook) throw new WarRoomError('refused', `Playbook ${run.playbook.file} is not in the plan; add it first`, [{ field: 'runId' }]);
  const changes = run.steps.flatMap((step) => {
    const nodeId = planNodeId.step(playbook.file, step.id);
    if (step.durationMs === undefined || !playbook.steps.some((candidate) => candidate.id === step.id)) return [];
    return [{ nodeId, plannedMs: Math.round(step.durationMs), before: entryOf(state.plan, nodeId).plannedMs }];
  });
  return [{ type: PLAN_EVENTS.durationsAdopted, data: { runId: run.id, changes } }];
}

/**
 * Journal a warning the first time the forecast crosses a limit, and its recovery when it
 * is back inside; nothing while it stays on the same side (so once per crossing, also
 * across restarts: the open warning is part of the state).
 */
export function forecastWarningEvents(plan: PlanState, view: Pick<PlanView, 'forecast'>): DomainEvent[] {
  if (!view.forecast) return [];
  const events: DomainEvent[] = [];
  for (const check of view.forecast.limits) {
    const open = openWarning(plan, check.limit);
    if (!check.fits && !open && check.at !== null && check.message !== null) {
      const data: PlanEventData<typeof PLAN_EVENTS.forecastWarning> = {
        limit: check.limit,
        projectedFinish: view.forecast.projectedFinish,
        limitAt: check.at,
        message: check.message,
      };
      events.push({ type: PLAN_EVENTS.forecastWarning, data });
    } else if (check.fits && open) {
      events.push({ type: PLAN_EVENTS.forecastRecovered, data: { limit: check.limit, projectedFinish: view.forecast.projectedFinish } });
    }
  }
  return events;
}

function requireNode(state: PlanCommandState, nodeId: string, field: string): void {
  if (labelOrUndefined(state, nodeId) === undefined) {
    throw new WarRoomError('not-found', `${field}: ${JSON.stringify(nodeId)} is neither a checklist item nor a playbook or step in the plan`, [{ field }]);
  }
}

function labelOf(state: PlanCommandState, nodeId: string): string {
  return labelOrUndefined(state, nodeId) ?? nodeId;
}

function labelOrUndefined(state: PlanCommandState, nodeId: string): string | undefined {
  if (nodeId.startsWith('item:')) {
    const id = nodeId.slice('item:'.length);
    return Object.hasOwn(state.checklist.items, id) ? `'${state.checklist.items[id]!.title}'` : undefined;
  }
  for (const playbook of state.plan.playbooks) {
    if (nodeId === planNodeId.playbook(playbook.file)) return `playbook '${playbook.name}'`;
    const step = playbook.steps.find((candidate) => nodeId === planNodeId.step(playbook.file, candidate.id));
    if (step) return `'${step.name}'`;
  }
  return undefined;
}
