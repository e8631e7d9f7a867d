import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarDays, calendarRange } from '../../../main/core/schedule/calendar-view';
import { resolveWindow } from '../../../main/core/schedule/release-window';
import { blackoutSchema } from '../../../contract/domain/schedule/schedule-schemas';

const freeze = blackoutSchema.parse({
  id: 'weekend',
  title: 'Weekend freeze',
  scope: { kind: 'all' },
  rule: { kind: 'weekly', zone: 'Europe/Berlin', startDay: 5, startTime: '12:00', endDay: 1, endTime: '06:00' },
});

test('a week view lays windows and blackouts on local days, the spring-forward Sunday being 23 hours', () => {
  const range = calendarRange('week', '2026-03-26', 'Europe/Berlin');
  assert.deepEqual(range, { firstDate: '2026-03-23', days: 7 });
  const days = calendarDays({
    zone: 'Europe/Berlin',
    ...range,
    releases: [
      { releaseId: 'payments', title: 'Payments 4.2', window: resolveWindow({ start: '2026-03-25T22:00', end: '2026-03-26T02:00', zone: 'Europe/Berlin' }) },
    ],
    blackouts: [freeze],
  });
  assert.deepEqual(
    days.map((day) => day.date),
    ['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29'],
  );
  assert.deepEqual(
    days.map((day) => day.hours),
    [24, 24, 24, 24, 24, 24, 23],
  );
  const pieces = days.map((day) =>
    day.entries.map((entry) => `${entry.kind} ${entry.localFrom}-${entry.localTo}${entry.continuesFromBefore ? ' <' : ''}${entry.continuesAfter ? ' >' : ''}`),
  );
  assert.deepEqual(pieces, [
    // The previous weekend's freeze ends Monday 06:00.
    ['blackout 00:00-06:00 <'],
    [],
    ['window 22:00-24:00 >'],
    ['window 00:00-02:00 <'],
    ['blackout 12:00-24:00 >'],
    ['blackout 00:00-24:00 < >'],
    ['blackout 00:00-24:00 < >'],
  ]);
});

test('a month view covers whole weeks around the month; the fall-back Sunday is 25 hours in New York', () => {
  assert.deepEqual(calendarRange('month', '2026-03-15', 'Europe/Berlin'), { firstDate: '2026-02-23', days: 42 });
  const range = calendarRange('month', '2026-11-10', 'America/New_York');
  assert.deepEqual(range, { firstDate: '2026-10-26', days: 42 });
  const days = calendarDays({ zone: 'America/New_York', ...range, releases: [], blackouts: [] });
  assert.equal(days.find((day) => day.date === '2026-11-01')!.hours, 25);
});
