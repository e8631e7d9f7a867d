import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeHandover, whyNobodyOnDuty, planFollowTheSun, podShifts } from '../../../main/core/schedule/follow-the-sun';
import { resolveWindow } from '../../../main/core/schedule/release-window';
import type { Pod } from '../../../contract/domain/schedule/schedule-schemas';

const berlin: Pod = { name: 'Berlin', zone: 'Europe/Berlin', hours: { start: '09:00', end: '18:00' } };
const saoPaulo: Pod = { name: 'São Paulo', zone: 'America/Sao_Paulo', hours: { start: '09:00', end: '18:00' } };
const bangalore: Pod = { name: 'Bangalore', zone: 'Asia/Kolkata', hours: { start: '09:00', end: '18:00' } };

test('follow the sun over a day: the holder keeps the release while on duty, then hands to whoever stays longest', () => {
  // Tue 31 March 2026 06:00 -> Wed 06:00 Berlin (CEST) = 04:00Z -> 04:00Z.
  const window = resolveWindow({ start: '2026-03-31T06:00', end: '2026-04-01T06:00', zone: 'Europe/Berlin' });
  const plan = planFollowTheSun(window, [berlin, saoPaulo, bangalore]);
  assert.deepEqual(
    plan.segments.map((segment) => [segment.start.slice(11, 16), segment.end.slice(11, 16), segment.holder, segment.onDuty.join('+')]),
    [
      ['04:00', '07:00', 'Bangalore', 'Bangalore'],
      ['07:00', '12:00', 'Bangalore', 'Berlin+Bangalore'],
      ['12:00', '12:30', 'Bangalore', 'Berlin+São Paulo+Bangalore'],
      // Bangalore ends at 18:00 IST = 12:30Z: São Paulo (until 21:00Z) stays longer than Berlin (16:00Z).
      ['12:30', '16:00', 'São Paulo', 'Berlin+São Paulo'],
      ['16:00', '21:00', 'São Paulo', 'São Paulo'],
      ['21:00', '03:30', null, ''],
      ['03:30', '04:00', 'Bangalore', 'Bangalore'],
    ],
  );
  assert.deepEqual(plan.handovers, [
    { at: '2026-03-31T12:30:00.000Z', from: 'Bangalore', to: 'São Paulo' },
    { at: '2026-03-31T21:00:00.000Z', from: 'São Paulo', to: null },
    { at: '2026-04-01T03:30:00.000Z', from: null, to: 'Bangalore' },
  ]);
  assert.deepEqual(plan.uncovered, [
    {
      start: '2026-03-31T21:00:00.000Z',
      end: '2026-04-01T03:30:00.000Z',
      reason: 'outside every pod’s hours (Berlin 09:00–18:00 Europe/Berlin, São Paulo 09:00–18:00 America/Sao_Paulo, Bangalore 09:00–18:00 Asia/Kolkata)',
    },
  ]);
  assert.equal(plan.hours.length, 24);
  assert.deepEqual(plan.hours[0], { start: '2026-03-31T04:00:00.000Z', end: '2026-03-31T05:00:00.000Z', holder: 'Bangalore', holders: ['Bangalore'] });
  // The half-hour handover falls inside the 12:00-13:00 UTC hour.
  assert.deepEqual(plan.hours[8]!.holders, ['Bangalore', 'São Paulo']);
  assert.equal(plan.hours[17]!.holder, null);
  assert.equal(
    describeHandover(plan.handovers[0]!, [berlin, saoPaulo, bangalore]),
    'Bangalore -> São Paulo at Tue 14:30 Europe/Berlin = Tue 09:30 America/Sao_Paulo = Tue 18:00 Asia/Kolkata',
  );
});

test('pods work Monday to Friday by default: a Saturday window is uncovered, and says why', () => {
  const window = resolveWindow({ start: '2026-04-04T10:00', end: '2026-04-04T14:00', zone: 'Europe/Berlin' });
  const plan = planFollowTheSun(window, [berlin]);
  assert.deepEqual(plan.handovers, []);
  assert.deepEqual(plan.uncovered, [{ start: window.start, end: window.end, reason: 'no pod works Saturdays' }]);
  const weekend = planFollowTheSun(window, [{ ...berlin, days: [6, 7] }]);
  assert.deepEqual(weekend.uncovered, []);
  assert.equal(
    weekend.hours.every((hour) => hour.holder === 'Berlin'),
    true,
  );
});

test('a Sunday window with pods that work weekdays says no pod works Sundays; a pod that works Sundays covers it', () => {
  const window = resolveWindow({ start: '2026-04-05T10:00', end: '2026-04-05T12:00', zone: 'Europe/Berlin' });
  assert.deepEqual(
    planFollowTheSun(window, [berlin, saoPaulo]).uncovered.map((gap) => gap.reason),
    ['no pod works Sundays'],
  );
  // São Paulo works every day but it is 05:00 there: the reasons differ per pod.
  assert.deepEqual(
    planFollowTheSun(window, [berlin, { ...saoPaulo, days: [1, 2, 3, 4, 5, 6, 7] }]).uncovered.map((gap) => gap.reason),
    ['Berlin does not work Sundays; São Paulo is off (works 09:00–18:00)'],
  );
  assert.deepEqual(planFollowTheSun(window, [{ ...berlin, days: [1, 2, 3, 4, 5, 6, 7] }]).uncovered, []);
  assert.equal(whyNobodyOnDuty(window.start, []), 'no pods are set for this release');
});

test('a night shift crosses midnight and keeps its local hours across the spring-forward night', () => {
  const night: Pod = { name: 'Night', zone: 'Europe/Berlin', hours: { start: '22:00', end: '06:00' }, days: [6] };
  const shifts = podShifts(night, { start: '2026-03-28T00:00:00Z', end: '2026-03-30T00:00:00Z' });
  assert.deepEqual(
    shifts.map((shift) => [shift.localStart, shift.localEnd, shift.start, shift.end]),
    // Saturday 22:00 CET = 21:00Z; Sunday 06:00 CEST = 04:00Z: a 7-hour night.
    [['2026-03-28T22:00', '2026-03-29T06:00', '2026-03-28T21:00:00.000Z', '2026-03-29T04:00:00.000Z']],
  );
});
