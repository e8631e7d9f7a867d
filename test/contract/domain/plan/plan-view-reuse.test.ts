import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reuseUnchangedRows } from '../../../../contract/domain/plan/plan-view-reuse';
import type { PlanRow, PlanView } from '../../../../contract/domain/plan/plan-views';

function row(id: string, overrides: Partial<PlanRow> = {}): PlanRow {
  return {
    id,
    label: id,
    kind: 'item',
    group: 'Phase',
    dependsOn: [],
    status: 'pending',
    plannedMs: 60_000,
    rehearsedMs: null,
    actualMs: null,
    planned: { start: '2026-12-01T21:00:00.000Z', end: '2026-12-01T21:01:00.000Z' },
    rehearsal: null,
    forecast: { start: '2026-12-01T21:00:00.000Z', end: '2026-12-01T21:01:00.000Z' },
    slackMs: 0,
    critical: true,
    overrun: false,
    ...overrides,
  };
}

function view(rows: PlanRow[]): PlanView {
  return { rows, forecast: null, criticalPath: [], cycle: null, warnings: [] };
}

/** The same rows as a fetch delivers them: equal, never the same objects. */
function fetched(rows: PlanRow[]): PlanRow[] {
  return JSON.parse(JSON.stringify(rows)) as PlanRow[];
}

test('a refresh that changed nothing keeps the very rows array (the chart recomputes nothing)', () => {
  const before = view([row('item:a'), row('item:b', { dependsOn: ['item:a'] })]);
  const after = reuseUnchangedRows(before, view(fetched([...before.rows])));
  assert.equal(after.rows, before.rows);
});

test('only the rows that moved are new objects; the others keep their identity', () => {
  const before = view([row('item:a'), row('item:b'), row('item:c')]);
  const next = fetched([...before.rows]);
  next[1] = { ...next[1]!, forecast: { start: next[1]!.forecast.start, end: '2026-12-01T21:05:00.000Z' }, status: 'running' };
  const after = reuseUnchangedRows(before, view(next));
  assert.notEqual(after.rows, before.rows);
  assert.equal(after.rows[0], before.rows[0]);
  assert.notEqual(after.rows[1], before.rows[1]);
  assert.equal(after.rows[1]!.forecast.end, '2026-12-01T21:05:00.000Z');
  assert.equal(after.rows[2], before.rows[2]);
});

test('every field counts: a changed rehearsal, dependency or flag is not reused', () => {
  const base = row('item:a');
  const changes: Partial<PlanRow>[] = [
    { rehearsal: { start: base.planned.start, end: base.planned.end } },
    { dependsOn: ['item:z'] },
    { overrun: true },
    { critical: false },
    { slackMs: 1 },
    { label: 'renamed' },
    { actualMs: 5 },
  ];
  for (const change of changes) {
    const after = reuseUnchangedRows(view([base]), view([{ ...base, ...change }]));
    assert.notEqual(after.rows[0], base, JSON.stringify(change));
  }
});

test('a reordered or shorter plan is a new rows array, its equal rows still reused', () => {
  const a = row('item:a');
  const b = row('item:b');
  const reordered = reuseUnchangedRows(view([a, b]), view(fetched([b, a])));
  assert.equal(reordered.rows[0], b);
  assert.equal(reordered.rows[1], a);
  const shorter = reuseUnchangedRows(view([a, b]), view(fetched([a])));
  assert.equal(shorter.rows.length, 1);
  assert.equal(shorter.rows[0], a);
});
