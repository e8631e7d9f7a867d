import type { ChecklistState } from '../../../contract/domain/checklist/checklist-model';
import type { PlanItemSource } from './plan-graph';

/** Checklist items as the plan graph sees them, in phase order, each with its phase as group. */
export function itemSources(checklist: ChecklistState): PlanItemSource[] {
  return checklist.phases.flatMap((phase) =>
    phase.itemIds.flatMap((id) => {
      const item = Object.hasOwn(checklist.items, id) ? checklist.items[id] : undefined;
      return item ? [{ id, title: item.title, group: phase.title }] : [];
    }),
  );
}
