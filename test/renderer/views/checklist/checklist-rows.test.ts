import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ITEM_STATUSES, initialChecklistState } from '../../../../contract/domain/checklist/checklist-model';
import { judgeStatusChange } from '../../../../main/core/checklist/status-rules';
import { reduceChecklist } from '../../../../main/core/checklist/checklist-reducer';
import { applyTemplate, changeItemStatus } from '../../../../main/core/checklist/checklist-commands';
import type { ChecklistState } from '../../../../contract/domain/checklist/checklist-model';
import type { ChecklistDueTimes } from '../../../../contract/requests/checklist-requests';
import { buildRows, dueSignature, isOverdue, NO_FILTER, reasonNeeded } from '../../../../renderer/src/views/checklist/checklist-rows';

const ctx = { actor: 'Ana', now: '2026-03-20T10:00:00.000Z' };
const source = `name: T
version: 1
phases:
  - id: prep
    title: Prep
    items:
      - { id: a, title: Announce, owner: { role: Release manager }, due: T-1d, required: true }
      - { id: b, title: Backup, owner: { role: DBA, person: Kim }, due: T-1h }
  - id: cut
    title: Cutover
    items:
      - { id: c, title: Canary, owner: { role: SRE }, due: T+30m }
`;

function checklist(): ChecklistState {
  let state = initialChecklistState();
  let seq = 1;
  for (const event of applyTemplate(state, { file: 't.yaml', source }, ctx))
    state = reduceChecklist(state, { ...event, seq: seq++, ts: ctx.now, actor: ctx.actor });
  return state;
}

function set(state: ChecklistState, itemId: string, status: 'done' | 'blocked', reason?: string): ChecklistState {
  const [event] = changeItemStatus(state, { itemId, status, ...(reason ? { reason } : {}) }, ctx);
  return reduceChecklist(state, { ...event!, seq: 99, ts: ctx.now, actor: ctx.actor });
}

const dueTimes: ChecklistDueTimes = {
  t0: '2026-03-21T10:00:00.000Z',
  zone: 'UTC',
  items: { a: '2026-03-20T10:00:00.000Z', b: '2026-03-21T09:00:00.000Z', c: '2026-03-21T10:30:00.000Z' },
};

test('an open item becomes overdue as the clock passes its due instant; a done one never is', () => {
  const state = checklist();
  const before = Date.parse('2026-03-20T09:59:59Z');
  const after = Date.parse('2026-03-20T10:00:01Z');
  assert.equal(isOverdue(state.items.a!, dueTimes, before), false);
  assert.equal(isOverdue(state.items.a!, dueTimes, after), true);
  assert.equal(isOverdue(set(state, 'a', 'done').items.a!, dueTimes, after), false);
  assert.equal(isOverdue(set(state, 'a', 'blocked', 'waiting').items.a!, dueTimes, after), true, 'blocked is still open');
});

test('rows: phase headers with progress, then items; filters by owner, status and phase', () => {
  const state = set(checklist(), 'b', 'done');
  const now = Date.parse('2026-03-21T09:30:00Z');
  const all = buildRows(state, NO_FILTER, dueTimes, now);
  assert.deepEqual(
    all.map((row) => (row.kind === 'phase' ? `#${row.phase.id} ${row.progress.complete}/${row.progress.total} ${row.progress.overdue}` : row.item.id)),
    ['#prep 1/2 1', 'a', 'b', '#cut 0/1 0', 'c'],
  );
  const byOwner = buildRows(state, { ...NO_FILTER, owner: 'kim' }, dueTimes, now);
  assert.deepEqual(
    byOwner.map((row) => (row.kind === 'phase' ? row.phase.id : row.item.id)),
    ['prep', 'b'],
    'phases without a match are left out',
  );
  const overdue = buildRows(state, { ...NO_FILTER, status: 'overdue' }, dueTimes, now);
  assert.deepEqual(
    overdue.flatMap((row) => (row.kind === 'item' ? [row.item.id] : [])),
    ['a'],
  );
  const open = buildRows(state, { ...NO_FILTER, status: 'open', phaseId: 'cut' }, dueTimes, now);
  assert.deepEqual(
    open.flatMap((row) => (row.kind === 'item' ? [row.item.id] : [])),
    ['c'],
  );
});

test('the due signature changes with a due offset or the go-live, not with a status', () => {
  const state = checklist();
  const signature = dueSignature(state, '2026-03-21T10:00:00Z', 'UTC');
  assert.equal(dueSignature(set(state, 'a', 'done'), '2026-03-21T10:00:00Z', 'UTC'), signature);
  assert.notEqual(dueSignature(state, '2026-03-21T11:00:00Z', 'UTC'), signature);
});

test('the UI asks for a reason exactly where the main side requires one', () => {
  for (const from of ITEM_STATUSES) {
    for (const to of ITEM_STATUSES) {
      const verdict = judgeStatusChange(from, to);
      if (verdict.allowed) assert.equal(reasonNeeded(from, to), verdict.reasonRequired, `${from} -> ${to}`);
    }
  }
});
