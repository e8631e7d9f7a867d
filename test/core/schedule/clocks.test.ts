import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSpan, goLiveClock, podClocks, pointOfNoReturn, windowClock } from '../../../main/core/schedule/clocks';
import { resolveWindow } from '../../../main/core/schedule/release-window';

test('T-minus before go-live, T-plus after, days when far', () => {
  assert.deepEqual(goLiveClock('2026-03-31T20:00:00.000Z', '2026-03-31T18:58:57.000Z'), { phase: 'before', ms: 3_663_000, label: 'T-01:01:03' });
  assert.equal(goLiveClock('2026-03-31T20:00:00.000Z', '2026-03-31T20:05:00.000Z').label, 'T+00:05:00');
  assert.equal(goLiveClock('2026-03-31T20:00:00.000Z', '2026-03-31T20:00:00.000Z').label, 'T+00:00:00');
  assert.equal(goLiveClock('2026-03-31T20:00:00.000Z', '2026-03-29T17:00:00.000Z').label, 'T-2d 03:00:00');
  assert.equal(formatSpan(999), '00:00:00');
});

test('time left in the window counts real time, so the fall-back night gives an extra hour', () => {
  // 01:00 -> 04:00 Berlin on 25 October 2026: three hours on the wall, four in reality.
  const window = resolveWindow({ start: '2026-10-25T01:00', end: '2026-10-25T04:00', zone: 'Europe/Berlin' });
  assert.deepEqual(windowClock(window, '2026-10-24T22:30:00Z'), { phase: 'not-open', msToOpen: 30 * 60_000, msLeft: 270 * 60_000, label: 'opens in 00:30:00' });
  assert.equal(windowClock(window, window.start).label, '04:00:00 left');
  assert.equal(windowClock(window, '2026-10-25T02:10:00Z').label, '00:50:00 left');
  assert.deepEqual(windowClock(window, '2026-10-25T02:10:00Z').phase, 'open');
  assert.equal(windowClock(window, '2026-10-25T03:30:00Z').label, 'closed 00:30:00 ago');
});

test('each pod reads its own wall clock, just after the Berlin spring-forward', () => {
  const pods = [
    { name: 'Berlin', zone: 'Europe/Berlin', hours: { start: '09:00', end: '18:00' }, days: [1, 2, 3, 4, 5, 6, 7] },
    { name: 'Bangalore', zone: 'Asia/Kolkata', hours: { start: '06:30', end: '15:30' }, days: [7] },
    { name: 'São Paulo', zone: 'America/Sao_Paulo', hours: { start: '09:00', end: '18:00' } },
  ];
  const clocks = podClocks(pods, '2026-03-29T01:30:00.000Z');
  assert.deepEqual(
    clocks.map((clock) => [clock.pod, clock.time, clock.date, clock.offset, clock.onDuty]),
    [
      ['Berlin', 'Sun 03:30', '2026-03-29', 'UTC+02:00', false],
      ['Bangalore', 'Sun 07:00', '2026-03-29', 'UTC+05:30', true],
      ['São Paulo', 'Sat 22:30', '2026-03-28', 'UTC-03:00', false],
    ],
  );
});

test('point of no return: fits, closing within the lead time, then no longer fits', () => {
  const window = resolveWindow({ start: '2026-03-31T22:00', end: '2026-04-01T02:00', zone: 'Europe/Berlin' });
  const rollbackMs = 45 * 60_000;
  const early = pointOfNoReturn(window, '2026-03-31T22:00:00Z', rollbackMs);
  assert.deepEqual([early.status, early.latestRollbackStart, early.finding], ['fits', '2026-03-31T23:15:00.000Z', null]);
  const closing = pointOfNoReturn(window, '2026-03-31T23:05:00Z', rollbackMs);
  assert.equal(closing.status, 'closing');
  assert.equal(closing.msUntil, 10 * 60_000);
  assert.match(closing.finding!.message, /must start by Wed 01 Apr 01:15 Europe\/Berlin/);
  const late = pointOfNoReturn(window, '2026-03-31T23:20:00Z', rollbackMs);
  assert.equal(late.status, 'no-longer-fits');
  assert.equal(late.finding!.rule, 'point-of-no-return');
  assert.match(late.finding!.message, /rehearsed in 00:45:00\) no longer fits/);
  // A rollback longer than the whole window never fits.
  assert.equal(pointOfNoReturn(window, window.start, 5 * 3_600_000).status, 'no-longer-fits');
  assert.equal(pointOfNoReturn(window, '2026-03-31T23:05:00Z', rollbackMs, 5 * 60_000).status, 'fits');
});
