import { DateTime } from 'luxon';
import { WarRoomError } from '../../../contract/domain/errors';
import { describeDue, isBeforeT0, requireDueOffset, resolveDue } from '../../../contract/domain/checklist/due-offset';
import type { DueTime, ReleaseTiming } from '../../../contract/domain/checklist/due-offset';
import { OPEN_STATUSES, orderedItems, itemById } from '../../../contract/domain/checklist/checklist-model';
import type { ChecklistItem, ChecklistState, ItemStatus } from '../../../contract/domain/checklist/checklist-model';

/**
 * Questions the checklist view, the go/no-go gate and the report ask of the slice:
 * when is an item due, is it overdue, how far along is each phase, which items match a
 * filter. Pure functions of the state and of `now` (never the clock).
 */

/** An item's due time in the release's zone and the viewer's zone, or null when it has none. */
export function itemDueTime(item: ChecklistItem, timing: ReleaseTiming, viewerZone: string): DueTime | null {
  return item.due === null ? null : describeDue(item.due, timing, viewerZone);
}

function instantOf(now: string): DateTime {
  const instant = DateTime.fromISO(now, { zone: 'utc' });
  if (!instant.isValid) throw new WarRoomError('invalid-input', `'${now}' is not an ISO time`, [{ field: 'now' }]);
  return instant;
}

/** True when the item is still open (to do, in progress, blocked) and its due instant has passed. */
export function isOverdue(item: ChecklistItem, now: string, timing: ReleaseTiming): boolean {
  if (item.due === null || !OPEN_STATUSES.includes(item.status)) return false;
  return resolveDue(requireDueOffset(item.due), timing).toMillis() < instantOf(now).toMillis();
}

export interface PhaseProgress {
  readonly phaseId: string;
  readonly title: string;
  readonly total: number;
  /** Done or not applicable. */
  readonly complete: number;
  readonly counts: Readonly<Record<ItemStatus, number>>;
  /** Open items past their due time (0 when no `now` and timing were given). */
  readonly overdue: number;
  /** Whole percent complete; an empty phase is 0. */
  readonly percent: number;
}

/** Progress of every phase, in phase order; pass now and timing to count overdue items. */
export function phaseProgress(state: ChecklistState, clock?: { readonly now: string; readonly timing: ReleaseTiming }): PhaseProgress[] {
  return state.phases.map((phase) => {
    const counts: Record<ItemStatus, number> = { todo: 0, 'in-progress': 0, done: 0, blocked: 0, 'not-applicable': 0 };
    let overdue = 0;
    for (const itemId of phase.itemIds) {
      const item = itemById(state, itemId);
      if (item === undefined) continue;
      counts[item.status] += 1;
      if (clock !== undefined && isOverdue(item, clock.now, clock.timing)) overdue += 1;
    }
    const total = phase.itemIds.length;
    const complete = counts.done + counts['not-applicable'];
    return { phaseId: phase.id, title: phase.title, total, complete, counts, overdue, percent: total === 0 ? 0 : Math.floor((complete * 100) / total) };
  });
}

export interface ItemFilter {
  /** Matches the owner's role or person, case-insensitively, as a substring. */
  readonly owner?: string;
  readonly statuses?: readonly ItemStatus[];
  readonly phaseIds?: readonly string[];
  readonly requiredOnly?: boolean;
}

/** The items matching every given criterion, in display order. */
export function filterItems(state: ChecklistState, filter: ItemFilter): ChecklistItem[] {
  const owner = filter.owner?.trim().toLowerCase() ?? '';
  return orderedItems(state).filter((item) => {
    if (filter.statuses !== undefined && filter.statuses.length > 0 && !filter.statuses.includes(item.status)) return false;
    if (filter.phaseIds !== undefined && filter.phaseIds.length > 0 && !filter.phaseIds.includes(item.phaseId)) return false;
    if (filter.requiredOnly === true && !item.required) return false;
    if (owner !== '') {
      const names = [item.owner.role, item.owner.person].filter((name): name is string => name !== undefined).map((name) => name.toLowerCase());
      if (!names.some((name) => name.includes(owner))) return false;
    }
    return true;
  });
}

/**
 * Required items due strictly before T-0 that are still open: what holds a GO.
 * Items without a due time, or due at or after T-0, do not hold it (the go/no-go item
 * itself is due at T-0 for this reason).
 */
export function openRequiredItemsBeforeT0(state: ChecklistState): ChecklistItem[] {
  return orderedItems(state).filter(
    (item) => item.required && item.due !== null && OPEN_STATUSES.includes(item.status) && isBeforeT0(requireDueOffset(item.due)),
  );
}
