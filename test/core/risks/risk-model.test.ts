import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RISK_SCORING,
  RISK_STATUSES,
  RISK_TRANSITIONS,
  assertTransition,
  canTransition,
  riskBand,
  riskNumberOf,
  riskScore,
} from '../../../contract/domain/risks/risk-model';
import { WarRoomError } from '../../../contract/domain/errors';

test('the score is likelihood times impact, from 1 to 25', () => {
  assert.equal(riskScore(1, 1), 1);
  assert.equal(riskScore(3, 4), 12);
  assert.equal(riskScore(5, 5), 25);
});

test('bands follow the documented thresholds 1-4 low, 5-9 medium, 10-16 high, 20-25 critical', () => {
  const expected: Record<number, string> = {
    1: 'low',
    2: 'low',
    3: 'low',
    4: 'low',
    5: 'medium',
    6: 'medium',
    8: 'medium',
    9: 'medium',
    10: 'high',
    12: 'high',
    15: 'high',
    16: 'high',
    20: 'critical',
    25: 'critical',
  };
  for (let likelihood = 1; likelihood <= 5; likelihood += 1) {
    for (let impact = 1; impact <= 5; impact += 1) {
      const score = riskScore(likelihood, impact);
      assert.equal(riskBand(score), expected[score], `L${likelihood} x I${impact} = ${score}`);
    }
  }
  assert.deepEqual(RISK_SCORING.bandFloors, { low: 1, medium: 5, high: 10, critical: 20 });
});

test('every transition in the table is allowed, and every other one is refused with what is allowed', () => {
  let legal = 0;
  let illegal = 0;
  for (const from of RISK_STATUSES) {
    for (const to of RISK_STATUSES) {
      if (RISK_TRANSITIONS[from].includes(to)) {
        assert.equal(canTransition(from, to), true);
        assert.doesNotThrow(() => assertTransition('R-1', from, to));
        legal += 1;
      } else {
        assert.equal(canTransition(from, to), false);
        assert.throws(
          () => assertTransition('R-1', from, to),
          (error: unknown) =>
            error instanceof WarRoomError &&
            error.code === 'refused' &&
            error.message.includes(`from ${from} it can go to: ${RISK_TRANSITIONS[from].join(', ')}`),
        );
        illegal += 1;
      }
    }
  }
  assert.equal(legal, 17);
  assert.equal(illegal, 19);
});

test('the lifecycle of the issue holds: open -> mitigating -> mitigated | accepted -> occurred -> closed', () => {
  assert.ok(canTransition('open', 'mitigating'));
  assert.ok(canTransition('mitigating', 'mitigated'));
  assert.ok(canTransition('mitigating', 'accepted'));
  assert.ok(canTransition('mitigated', 'occurred'));
  assert.ok(canTransition('accepted', 'occurred'));
  assert.ok(canTransition('occurred', 'closed'));
  assert.ok(!canTransition('occurred', 'open'), 'an incident is never un-happened');
  assert.ok(!canTransition('closed', 'occurred'));
  assert.throws(() => assertTransition('R-7', 'open', 'open'), /R-7 is already open/);
  assert.throws(() => assertTransition('R-7', 'closed', 'mitigated'), /R-7 cannot go from closed to mitigated; from closed it can go to: open/);
});

test('risk ids are R- and a positive number', () => {
  assert.equal(riskNumberOf('R-12'), 12);
  assert.equal(riskNumberOf(' R-3 '), 3);
  assert.equal(riskNumberOf('R-0'), null);
  assert.equal(riskNumberOf('R-012'), null);
  assert.equal(riskNumberOf('r-1'), null);
  assert.equal(riskNumberOf('__proto__'), null);
});
