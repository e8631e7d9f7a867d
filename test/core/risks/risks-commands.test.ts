import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addRisk, closeRisk, deleteRisk, transitionRisk, updateRisk } from '../../../main/core/risks/risks-commands';
import { initialRisksState, reduceRisks } from '../../../main/core/risks/risks-reducer';
import type { RiskOccurredData, RiskUpdatedData } from '../../../main/core/risks/risks-reducer';
import { riskHistory } from '../../../contract/domain/risks/risk-history';
import { WarRoomError } from '../../../contract/domain/errors';
import { newRegister } from './risk-test-helpers';

const database = {
  title: 'Migration locks the orders table',
  likelihood: 3,
  impact: 5,
  category: 'data',
  owner: 'Zoë',
  contingency: { plan: 'Roll back the migration', playbook: 'rollback.yaml', step: 'restore-orders' },
};

function isCode(code: string, pattern?: RegExp) {
  return (error: unknown): boolean => error instanceof WarRoomError && error.code === code && (pattern === undefined || pattern.test(error.message));
}

test('add gives R-1, R-2... with defaults, and the reducer projects the risk', () => {
  const register = newRegister();
  register.run(addRisk, database);
  register.run(addRisk, { title: 'Payment provider outage', likelihood: 2, impact: 4 });
  assert.deepEqual(
    register.state.risks.map((risk) => risk.id),
    ['R-1', 'R-2'],
  );
  const second = register.state.risks[1];
  assert.equal(second?.status, 'open');
  assert.equal(second?.category, 'technical');
  assert.equal(second?.residualLikelihood, null);
  assert.equal(second?.createdBy, 'maria');
  assert.equal(register.state.nextNumber, 3);
});

test('add refuses bad input with the field named', () => {
  const register = newRegister();
  assert.throws(() => register.run(addRisk, { title: 'x', likelihood: 6, impact: 2 }), isCode('invalid-input', /likelihood: must be from 1 to 5/));
  assert.throws(() => register.run(addRisk, { title: '  ', likelihood: 1, impact: 2 }), isCode('invalid-input', /title/));
  assert.throws(() => register.run(addRisk, { title: 'x', likelihood: 1, impact: 2, reviewDate: '2026-02-30' }), isCode('invalid-input', /reviewDate/));
  assert.throws(() => register.run(addRisk, { title: 'x', likelihood: 1, impact: 2, category: 'weather' }), isCode('invalid-input', /category/));
  assert.throws(() => register.run(addRisk, { title: 'x', likelihood: 1, impact: 2, status: 'closed' }), isCode('invalid-input'));
  assert.equal(register.state.risks.length, 0);
});

test('ids are never reused, even after deletion', () => {
  const register = newRegister();
  register.run(addRisk, database);
  register.run(addRisk, { title: 'Second', likelihood: 1, impact: 1 });
  register.run(deleteRisk, { id: 'R-2', reason: 'duplicate' });
  register.run(addRisk, { title: 'Third', likelihood: 1, impact: 1 });
  assert.deepEqual(
    register.state.risks.map((risk) => risk.id),
    ['R-1', 'R-3'],
  );
  assert.throws(() => register.run(deleteRisk, { id: 'R-2' }), isCode('not-found', /R-2/));
});

test('update records before and after of the changed fields only', () => {
  const register = newRegister();
  register.run(addRisk, database);
  const events = register.run(updateRisk, { id: 'R-1', changes: { likelihood: 2, owner: 'Zoë', mitigation: 'Run it on a replica first' } }, 'kenji');
  assert.equal(events.length, 1);
  const data = events[0]?.data as RiskUpdatedData;
  assert.deepEqual(data.changes, [
    { field: 'likelihood', before: 3, after: 2 },
    { field: 'mitigation', before: '', after: 'Run it on a replica first' },
  ]);
  assert.equal(register.state.risks[0]?.likelihood, 2);
  assert.equal(register.state.risks[0]?.mitigation, 'Run it on a replica first');
  assert.deepEqual(register.run(updateRisk, { id: 'R-1', changes: { likelihood: 2 } }), [], 'no change, no event');
  assert.throws(() => register.run(updateRisk, { id: 'R-1', changes: { status: 'closed' } }), isCode('invalid-input'));
  assert.throws(() => register.run(updateRisk, { id: 'R-9', changes: { likelihood: 1 } }), isCode('not-found'));
});

test('status moves follow the lifecycle; illegal ones say what is allowed', () => {
  const register = newRegister();
  register.run(addRisk, database);
  register.run(transitionRisk, { id: 'R-1', to: 'mitigating' });
  assert.throws(() => register.run(transitionRisk, { id: 'R-1', to: 'mitigating' }), isCode('refused', /already mitigating/));
  register.run(transitionRisk, { id: 'R-1', to: 'mitigated', note: 'replica run went fine' });
  assert.throws(
    () => register.run(transitionRisk, { id: 'R-1', to: 'open' }),
    isCode('refused', /R-1 cannot go from mitigated to open; from mitigated it can go to: occurred, closed, mitigating/),
  );
  register.run(closeRisk, { id: 'R-1', note: 'release done' });
  assert.equal(register.state.risks[0]?.status, 'closed');
  register.run(transitionRisk, { id: 'R-1', to: 'open' });
  assert.equal(register.state.risks[0]?.status, 'open');
});

test('accepting needs a reason and records who and why', () => {
  const register = newRegister();
  register.run(addRisk, database);
  assert.throws(() => register.run(transitionRisk, { id: 'R-1', to: 'accepted' }), isCode('invalid-input', /needs a reason/));
  register.run(transitionRisk, { id: 'R-1', to: 'accepted', reason: 'window is short, table is small', acceptedBy: 'Product owner Øresund' });
  const acceptance = register.state.risks[0]?.acceptance;
  assert.equal(acceptance?.by, 'Product owner Øresund');
  assert.equal(acceptance?.reason, 'window is short, table is small');
  register.run(transitionRisk, { id: 'R-1', to: 'occurred' });
  assert.equal(register.state.risks[0]?.acceptance?.by, 'Product owner Øresund', 'acceptance stays on record after it occurs');
});

test('marking a risk occurred produces the incident marker with its plan B playbook', () => {
  const register = newRegister();
  register.run(addRisk, database);
  const [event] = register.run(transitionRisk, { id: 'R-1', to: 'occurred', note: 'locks seen at 22:14' }, 'kenji');
  assert.equal(event?.type, 'risks.occurred');
  const data = event?.data as RiskOccurredData;
  assert.equal(data.marker, 'incident');
  assert.equal(data.from, 'open');
  assert.equal(data.to, 'occurred');
  assert.equal(data.band, 'high');
  assert.equal(data.score, 15);
  assert.deepEqual(data.contingency, { plan: 'Roll back the migration', playbook: 'rollback.yaml', step: 'restore-orders' });
  assert.equal(register.state.risks[0]?.status, 'occurred');
  assert.throws(() => register.run(deleteRisk, { id: 'R-1' }), isCode('refused', /close it instead/));
});

test('the history of a risk lists who did what, with before and after, even after deletion', () => {
  const register = newRegister();
  register.run(addRisk, database, 'maria');
  register.run(addRisk, { title: 'Other', likelihood: 1, impact: 1 });
  register.run(updateRisk, { id: 'R-1', changes: { impact: 4 } }, 'kenji');
  register.run(transitionRisk, { id: 'R-1', to: 'mitigating' }, 'ana');
  register.run(deleteRisk, { id: 'R-1', reason: 'merged into R-2' }, 'maria');
  const history = riskHistory(register.journal, 'R-1');
  assert.deepEqual(
    history.map((entry) => [entry.kind, entry.actor]),
    [
      ['added', 'maria'],
      ['updated', 'kenji'],
      ['status-changed', 'ana'],
      ['deleted', 'maria'],
    ],
  );
  assert.deepEqual(history[1]?.changes, [{ field: 'impact', before: 5, after: 4 }]);
  assert.equal(history[2]?.from, 'open');
  assert.equal(history[2]?.to, 'mitigating');
  assert.equal(history[3]?.note, 'merged into R-2');
  assert.equal(history[3]?.snapshot?.impact, 4);
  assert.ok(history.every((entry, index) => index === 0 || entry.seq > (history[index - 1]?.seq ?? 0)));
  assert.equal(riskHistory(register.journal, 'R-2').length, 1);
});

test('the reducer leaves the state unchanged for other areas and never mutates', () => {
  const state = initialRisksState();
  const other = { type: 'checklist.item-status-changed', data: {}, actor: 'a', ts: '2026-03-10T20:00:00.000Z', seq: 1 };
  assert.equal(reduceRisks(state, other), state);
  const frozen = Object.freeze({ ...state, risks: Object.freeze([]) });
  const [added] = addRisk(frozen, database, { actor: 'a', now: '2026-03-10T20:00:00.000Z' });
  const next = reduceRisks(frozen, { ...(added as { type: string; data: unknown }), actor: 'a', ts: 't', seq: 2 });
  assert.equal(frozen.risks.length, 0);
  assert.equal(next.risks.length, 1);
});

test('a risks event whose data does not fit is refused as corrupt naming the seq and the field; an update names only editable fields; an unknown type is left alone', () => {
  const register = newRegister();
  register.run(addRisk, database);
  const state = register.state;
  const at = { actor: 'x', ts: '2026-06-02T20:00:00.000Z' };
  assert.throws(
    () => reduceRisks(state, { type: 'risks.updated', data: { id: 'R-1', changes: [{ field: 'likelihood', before: 3, after: 'very' }] }, ...at, seq: 41 }),
    isCode('corrupt', /#41 \(risks\.updated\).*data\.changes\.0\.after/),
  );
  // A hand-edited line cannot reach the status or a prototype key through an update.
  for (const field of ['status', '__proto__', 'id'])
    assert.throws(
      () => reduceRisks(state, { type: 'risks.updated', data: { id: 'R-1', changes: [{ field, before: 'open', after: 'closed' }] }, ...at, seq: 42 }),
      isCode('corrupt', /#42/),
    );
  assert.throws(() => reduceRisks(state, { type: 'risks.deleted', data: { id: 'R-1', reason: null }, ...at, seq: 43 }), isCode('corrupt', /data\.before/));
  assert.equal(reduceRisks(state, { type: 'risks.from-a-newer-version', data: 7, ...at, seq: 44 }), state);
  const updated = reduceRisks(state, { type: 'risks.updated', data: { id: 'R-1', changes: [{ field: 'likelihood', before: 3, after: 1 }] }, ...at, seq: 45 });
  assert.equal(updated.risks[0]?.likelihood, 1);
  assert.equal(updated.risks[0]?.updatedAt, at.ts);
});
