/**
 * The plan slice's reducer: plan events, the plan part of an applied template, and the
 * real start and end of checklist items (from their status changes).
 */
import type { z } from 'zod';
import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
import { WarRoomError } from '../../../contract/domain/errors';
import { PLAN_EVENTS, planEventDataSchemas, templatePlanSchema } from './plan-events';
import type { PlanEventData, PlanEventType } from './plan-events';
import { entryOf } from '../../../contract/domain/plan/plan-model';
import type { ItemTimes, PlanEntry, PlanState } from '../../../contract/domain/plan/plan-model';

const CHECKLIST_TEMPLATE_APPLIED = 'checklist.template-applied';
const CHECKLIST_STATUS_CHANGED = 'checklist.item-status-changed';

export function reducePlan(state: PlanState, event: AppliedEvent): PlanState {
  if (event.type === CHECKLIST_STATUS_CHANGED) return recordItemTimes(state, event);
  if (event.type === CHECKLIST_TEMPLATE_APPLIED) return applyTemplatePlan(state, event);
  if (!event.type.startsWith('plan.')) return state;
  switch (event.type) {
    case PLAN_EVENTS.dependenciesSet: {
      const data = parse(event, PLAN_EVENTS.dependenciesSet);
      return withEntry(state, data.nodeId, { dependsOn: data.dependsOn });
    }
    case PLAN_EVENTS.durationSet: {
      const data = parse(event, PLAN_EVENTS.durationSet);
      return withEntry(state, data.nodeId, { plannedMs: data.plannedMs });
    }
    case PLAN_EVENTS.playbookAdded: {
      const data = parse(event, PLAN_EVENTS.playbookAdded);
      const playbook = { file: data.file, name: data.name, steps: data.steps };
      const others = state.playbooks.filter((candidate) => candidate.file !== data.file);
      return { ...state, playbooks: [...others, playbook] };
    }
    case PLAN_EVENTS.durationsAdopted: {
      const data = parse(event, PLAN_EVENTS.durationsAdopted);
      return data.changes.reduce((next, change) => withEntry(next, change.nodeId, { plannedMs: change.plannedMs }), state);
    }
    case PLAN_EVENTS.forecastWarning: {
      const data = parse(event, PLAN_EVENTS.forecastWarning);
      return { ...state, warnings: [...state.warnings, { ...data, raisedAt: event.ts, clearedAt: null }] };
    }
    case PLAN_EVENTS.forecastRecovered: {
      const data = parse(event, PLAN_EVENTS.forecastRecovered);
      return {
        ...state,
        warnings: state.warnings.map((warning) => (warning.limit === data.limit && warning.clearedAt === null ? { ...warning, clearedAt: event.ts } : warning)),
      };
    }
    case PLAN_EVENTS.releaseDependenciesSet: {
      const data = parse(event, PLAN_EVENTS.releaseDependenciesSet);
      return { ...state, afterReleases: data.afterReleases };
    }
    default:
      return state;
  }
}

function parse<Type extends PlanEventType>(event: AppliedEvent, type: Type): PlanEventData<Type> {
  const schema: z.ZodType<PlanEventData<Type>> = planEventDataSchemas[type] as unknown as z.ZodType<PlanEventData<Type>>;
  const result = schema.safeParse(event.data);
  if (result.success) return result.data;
  throw new WarRoomError('corrupt', `Journal event ${event.seq} (${event.type}) does not fit its schema: ${result.error.issues[0]?.message ?? 'invalid'}`);
}

function withEntry(state: PlanState, nodeId: string, change: Partial<PlanEntry>): PlanState {
  const entry = { ...entryOf(state, nodeId), ...change };
  return { ...state, entries: { ...state.entries, [nodeId]: entry } };
}

function applyTemplatePlan(state: PlanState, event: AppliedEvent): PlanState {
  const raw = (event.data as { plan?: unknown } | null)?.plan;
  if (raw === undefined) return state;
  const result = templatePlanSchema.safeParse(raw);
  if (!result.success) throw new WarRoomError('corrupt', `Journal event ${event.seq} (${event.type}): its plan does not fit its schema`);
  const entries = { ...state.entries };
  for (const entry of result.data) entries[entry.nodeId] = { dependsOn: entry.dependsOn, plannedMs: entry.plannedMs };
  return { ...state, entries };
}

/** in-progress starts an item, done ends it, back to todo forgets both (a reopened item runs again). */
function recordItemTimes(state: PlanState, event: AppliedEvent): PlanState {
  const data = event.data as { itemId?: unknown; to?: unknown };
  if (typeof data.itemId !== 'string') return state;
  const before: ItemTimes = (Object.hasOwn(state.itemTimes, data.itemId) ? state.itemTimes[data.itemId] : undefined) ?? {};
  let next: ItemTimes;
  if (data.to === 'in-progress') next = { startedAt: event.ts };
  else if (data.to === 'done') next = { ...before, endedAt: event.ts };
  else if (data.to === 'todo') next = {};
  else return state;
  return { ...state, itemTimes: { ...state.itemTimes, [data.itemId]: next } };
}
