import type { ChecklistItem, ChecklistPhase, ChecklistState, ChecklistDueTimes, ItemStatus } from '../../../../contract/models';

/**
 * What the checklist list shows: phase headers and items in one flat list (the virtual
 * list needs one index space), with the filters applied, and the progress per phase.
 *
 * Pure functions of the state, the due times from the main side and `now`, so the list
 * re-renders as the clock passes a due time without asking the main side again.
 */

/** Statuses in the order the filters and the status menu list them. */
export const STATUSES: readonly ItemStatus[] = ['todo', 'in-progress', 'done', 'blocked', 'not-applicable'];

export const STATUS_LABELS: Readonly<Record<ItemStatus, string>> = {
  todo: 'To do',
  'in-progress': 'In progress',
  done: 'Done',
  blocked: 'Blocked',
  'not-applicable': 'Not applicable',
};

const OPEN: readonly ItemStatus[] = ['todo', 'in-progress', 'blocked'];

/** A reason is asked for these changes (the main side enforces the same rule). */
export function reasonNeeded(from: ItemStatus, to: ItemStatus): boolean {
  return to === 'blocked' || to === 'not-applicable' || (from === 'done' && to !== 'done');
}

export interface ChecklistFilter {
  readonly owner: string;
  readonly status: ItemStatus | 'open' | 'overdue' | '';
  readonly phaseId: string;
}

export const NO_FILTER: ChecklistFilter = { owner: '', status: '', phaseId: '' };

export type ChecklistRow =
  | { readonly kind: 'phase'; readonly phase: ChecklistPhase; readonly progress: PhaseProgressView }
  | { readonly kind: 'item'; readonly item: ChecklistItem; readonly overdue: boolean; readonly indexInPhase: number };

export interface PhaseProgressView {
  readonly total: number;
  readonly complete: number;
  readonly overdue: number;
  readonly blocked: number;
  readonly percent: number;
}

/** True when the item is open and its due instant is before `nowMs`. */
export function isOverdue(item: ChecklistItem, dueTimes: ChecklistDueTimes | null, nowMs: number): boolean {
  if (!OPEN.includes(item.status)) return false;
  const due = dueTimes?.items[item.id];
  return due !== undefined && Date.parse(due) < nowMs;
}

function matches(item: ChecklistItem, filter: ChecklistFilter, overdue: boolean): boolean {
  if (filter.phaseId !== '' && item.phaseId !== filter.phaseId) return false;
  if (filter.status === 'open' && !OPEN.includes(item.status)) return false;
  if (filter.status === 'overdue' && !overdue) return false;
  if (filter.status !== '' && filter.status !== 'open' && filter.status !== 'overdue' && item.status !== filter.status) return false;
  const owner = filter.owner.trim().toLowerCase();
  if (owner !== '') {
    const names = [item.owner.role, item.owner.person].filter((name): name is string => name !== undefined).map((name) => name.toLowerCase());
    if (!names.some((name) => name.includes(owner))) return false;
  }
  return true;
}

/** Progress of one phase: complete = done or not applicable. */
export function phaseProgress(phase: ChecklistPhase, state: ChecklistState, dueTimes: ChecklistDueTimes | null, nowMs: number): PhaseProgressView {
  let complete = 0;
  let overdue = 0;
  let blocked = 0;
  for (const id of phase.itemIds) {
    const item = state.items[id];
    if (item === undefined) continue;
    if (item.status === 'done' || item.status === 'not-applicable') complete += 1;
    if (item.status === 'blocked') blocked += 1;
    if (isOverdue(item, dueTimes, nowMs)) overdue += 1;
  }
  const total = phase.itemIds.length;
  return { total, complete, overdue, blocked, percent: total === 0 ? 0 : Math.floor((complete * 100) / total) };
}

/** The rows to show: each phase with at least one matching item (or every phase when unfiltered), then its items. */
export function buildRows(state: ChecklistState, filter: ChecklistFilter, dueTimes: ChecklistDueTimes | null, nowMs: number): ChecklistRow[] {
  const rows: ChecklistRow[] = [];
  const unfiltered = filter.owner.trim() === '' && filter.status === '' && filter.phaseId === '';
  for (const phase of state.phases) {
    const items: ChecklistRow[] = [];
    phase.itemIds.forEach((id, indexInPhase) => {
      const item = state.items[id];
      if (item === undefined) return;
      const overdue = isOverdue(item, dueTimes, nowMs);
      if (matches(item, filter, overdue)) items.push({ kind: 'item', item, overdue, indexInPhase });
    });
    if (items.length === 0 && !unfiltered) continue;
    rows.push({ kind: 'phase', phase, progress: phaseProgress(phase, state, dueTimes, nowMs) });
    rows.push(...items);
  }
  return rows;
}

/** Everyone who owns an item (roles and people), for the owner filter's suggestions. */
export function ownerNames(state: ChecklistState): string[] {
  const names = new Set<string>();
  for (const item of Object.values(state.items)) {
    if (item.owner.role) names.add(item.owner.role);
    if (item.owner.person) names.add(item.owner.person);
  }
  return [...names].sort((left, right) => left.localeCompare(right));
}

/** A key that changes when anything the due times depend on changes (go-live, zone, an item's due). */
export function dueSignature(state: ChecklistState, goLive: string, zone: string): string {
  const parts = [goLive, zone];
  for (const item of Object.values(state.items)) if (item.due !== null) parts.push(`${item.id}=${item.due}`);
  return parts.join('|');
}

/** "Release manager · Ana" or "" */
export function ownerText(item: ChecklistItem): string {
  return [item.owner.role, item.owner.person].filter(Boolean).join(' · ');
}
