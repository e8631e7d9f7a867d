/**
 * Keep what did not change between two fetches of a plan view.
 *
 * The plan view refreshes every few seconds while a step runs; a 2,000-row plan arrives
 * as 2,000 new objects each time. Reusing the rows that are equal to the last ones lets
 * the chart skip them (memoised rows compare by identity), and a refresh that changed
 * nothing keeps the very same rows array, so nothing derived from it is recomputed.
 */
import type { PlanBar, PlanRow, PlanView } from './plan-views';

function sameBar(a: PlanBar | null, b: PlanBar | null): boolean {
  if (a === null || b === null) return a === b;
  return a.start === b.start && a.end === b.end;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Two rows show the same thing (every field of PlanRow compared). */
export function samePlanRow(a: PlanRow, b: PlanRow): boolean {
  return (
    a.id === b.id &&
    a.label === b.label &&
    a.kind === b.kind &&
    a.group === b.group &&
    a.status === b.status &&
    a.plannedMs === b.plannedMs &&
    a.rehearsedMs === b.rehearsedMs &&
    a.actualMs === b.actualMs &&
    a.slackMs === b.slackMs &&
    a.critical === b.critical &&
    a.overrun === b.overrun &&
    sameBar(a.planned, b.planned) &&
    sameBar(a.rehearsal, b.rehearsal) &&
    sameBar(a.forecast, b.forecast) &&
    sameList(a.dependsOn, b.dependsOn)
  );
}

/** `next`, with every row equal to the row of the same id in `previous` replaced by that one (and the whole array when all are). */
export function reuseUnchangedRows(previous: PlanView | null, next: PlanView): PlanView {
  if (!previous || previous.rows.length === 0) return next;
  const before = new Map(previous.rows.map((row) => [row.id, row]));
  let changed = previous.rows.length !== next.rows.length;
  const rows = next.rows.map((row, index) => {
    const old = before.get(row.id);
    if (old && samePlanRow(old, row)) {
      if (previous.rows[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return row;
  });
  return { ...next, rows: changed ? rows : previous.rows };
}
