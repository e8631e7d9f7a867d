import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addRisk, transitionRisk, updateRisk } from '../../../main/core/risks/risks-commands';
import {
  filterRiskRows,
  goNoGoRisks,
  openHighRisksWithoutMitigation,
  riskHeatMap,
  riskHeatMaps,
  riskRows,
  sortRiskRows,
} from '../../../contract/domain/risks/risks-queries';
import { newRegister } from './risk-test-helpers';

function sampleRegister() {
  const register = newRegister();
  register.run(addRisk, { title: 'Orders migration locks table', likelihood: 4, impact: 5, category: 'data', owner: 'Zoë', reviewDate: '2026-03-12' });
  register.run(addRisk, {
    title: 'Payment provider outage',
    likelihood: 2,
    impact: 5,
    category: 'third-party',
    owner: 'Kenji',
    mitigation: 'Second provider on standby',
    residualLikelihood: 1,
    residualImpact: 3,
  });
  register.run(addRisk, { title: 'Tokyo pod not staffed', likelihood: 3, impact: 4, category: 'people', owner: 'zoë', reviewDate: '2026-03-11' });
  register.run(addRisk, { title: 'Typo in release notes', likelihood: 2, impact: 1, category: 'other' });
  register.run(addRisk, { title: 'GDPR consent banner', likelihood: 4, impact: 4, category: 'compliance', residualLikelihood: 2, residualImpact: 2 });
  return register;
}

test('rows carry score, band and residual score and band', () => {
  const rows = riskRows(sampleRegister().state);
  assert.deepEqual(
    rows.map((row) => [row.id, row.score, row.band, row.residualScore, row.residualBand, row.residualAssessed]),
    [
      ['R-1', 20, 'critical', 20, 'critical', false],
      ['R-2', 10, 'high', 3, 'low', true],
      ['R-3', 12, 'high', 12, 'high', false],
      ['R-4', 2, 'low', 2, 'low', false],
      ['R-5', 16, 'high', 4, 'low', true],
    ],
  );
});

test('heat maps count each live risk in its likelihood x impact cell, inherent vs residual', () => {
  const register = sampleRegister();
  register.run(transitionRisk, { id: 'R-4', to: 'closed' });
  const { inherent, residual } = riskHeatMaps(register.state);
  assert.equal(inherent.total, 4, 'closed risks are left out');
  assert.equal(inherent.counts[3]?.[4], 1, 'R-1 at L4 x I5');
  assert.equal(inherent.counts[1]?.[4], 1, 'R-2 at L2 x I5');
  assert.equal(inherent.counts[3]?.[3], 1, 'R-5 at L4 x I4');
  assert.equal(inherent.counts[1]?.[0], 0, 'closed R-4 not counted');
  assert.equal(residual.counts[0]?.[2], 1, 'R-2 residual at L1 x I3');
  assert.equal(residual.counts[1]?.[1], 1, 'R-5 residual at L2 x I2');
  assert.equal(residual.counts[3]?.[4], 1, 'R-1 not assessed: stays at its inherent cell');
  assert.equal(residual.unassessed, 2);
  const sum = (map: typeof inherent) => map.counts.flat().reduce((total, count) => total + count, 0);
  assert.equal(sum(inherent), 4);
  assert.equal(sum(residual), 4);
  assert.equal(riskHeatMap(register.state, 'inherent', ['closed']).total, 1);
});

test('filters combine: status, category, band, owner, text, heat-map cell', () => {
  const rows = riskRows(sampleRegister().state);
  const ids = (list: readonly { id: string }[]) => list.map((row) => row.id);
  assert.deepEqual(ids(filterRiskRows(rows, { bands: ['critical', 'high'] })), ['R-1', 'R-2', 'R-3', 'R-5']);
  assert.deepEqual(ids(filterRiskRows(rows, { residualBands: ['low'] })), ['R-2', 'R-4', 'R-5']);
  assert.deepEqual(ids(filterRiskRows(rows, { owner: 'ZOË' })), ['R-1', 'R-3']);
  assert.deepEqual(ids(filterRiskRows(rows, { text: 'provider standby' })), ['R-2']);
  assert.deepEqual(ids(filterRiskRows(rows, { categories: ['people', 'data'] })), ['R-1', 'R-3']);
  assert.deepEqual(ids(filterRiskRows(rows, { cell: { basis: 'inherent', likelihood: 4, impact: 4 } })), ['R-5']);
  assert.deepEqual(ids(filterRiskRows(rows, { cell: { basis: 'residual', likelihood: 2, impact: 2 } })), ['R-5']);
  assert.deepEqual(ids(filterRiskRows(rows, { statuses: ['mitigated'] })), []);
  assert.deepEqual(ids(filterRiskRows(rows, {})), ['R-1', 'R-2', 'R-3', 'R-4', 'R-5']);
});

test('sorting by score, review date and title; ties in id order', () => {
  const rows = riskRows(sampleRegister().state);
  const ids = (list: readonly { id: string }[]) => list.map((row) => row.id);
  assert.deepEqual(ids(sortRiskRows(rows, 'score', 'desc')), ['R-1', 'R-5', 'R-3', 'R-2', 'R-4']);
  assert.deepEqual(ids(sortRiskRows(rows, 'residualScore')), ['R-4', 'R-2', 'R-5', 'R-3', 'R-1']);
  assert.deepEqual(ids(sortRiskRows(rows, 'reviewDate')), ['R-3', 'R-1', 'R-2', 'R-4', 'R-5'], 'undated last, then by id');
  assert.deepEqual(ids(sortRiskRows(rows, 'title')), ['R-5', 'R-1', 'R-2', 'R-3', 'R-4']);
  assert.deepEqual(ids(sortRiskRows(rows, 'likelihood', 'desc')), ['R-1', 'R-5', 'R-3', 'R-2', 'R-4']);
  assert.deepEqual(ids(rows), ['R-1', 'R-2', 'R-3', 'R-4', 'R-5'], 'the input is not reordered');
});

test('go/no-go: unsettled high and critical risks, and those without a mitigation', () => {
  const register = sampleRegister();
  assert.deepEqual(
    goNoGoRisks(register.state).map((risk) => [risk.row.id, risk.hasMitigation]),
    [
      ['R-1', false],
      ['R-5', false],
      ['R-3', false],
      ['R-2', true],
    ],
  );
  assert.deepEqual(
    openHighRisksWithoutMitigation(register.state).map((row) => row.id),
    ['R-1', 'R-5', 'R-3'],
  );
  register.run(updateRisk, { id: 'R-1', changes: { mitigation: 'Migrate in batches of 1,000 rows' } });
  register.run(transitionRisk, { id: 'R-5', to: 'accepted', reason: 'legal signed off' });
  register.run(transitionRisk, { id: 'R-3', to: 'mitigating' });
  register.run(transitionRisk, { id: 'R-3', to: 'mitigated' });
  assert.deepEqual(openHighRisksWithoutMitigation(register.state), []);
  register.run(updateRisk, { id: 'R-4', changes: { likelihood: 5, impact: 5 } });
  assert.deepEqual(
    openHighRisksWithoutMitigation(register.state).map((row) => row.id),
    ['R-4'],
  );
});
