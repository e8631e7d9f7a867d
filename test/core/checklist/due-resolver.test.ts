import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createDueResolver, formatDueOffset, resolveDue } from '../../../contract/domain/checklist/due-offset';

const timings = [
  { t0: '2026-03-29T01:30:00+01:00', zone: 'Europe/Berlin' },
  { t0: '2026-10-25T02:30:00+01:00', zone: 'Europe/Berlin' },
  { t0: '2026-11-01T01:30:00-05:00', zone: 'America/New_York' },
  { t0: '2026-04-05T02:30:00+10:00', zone: 'Australia/Sydney' },
];

test('the checklist-wide resolver gives the same instant as resolveDue, across daylight-saving changes', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...timings),
      fc.record({
        sign: fc.constantFrom(-1 as const, 1 as const),
        days: fc.integer({ min: 0, max: 40 }),
        hours: fc.integer({ min: 0, max: 168 }),
        minutes: fc.integer({ min: 0, max: 1440 }),
      }),
      (timing, offset) => {
        const text = formatDueOffset(offset);
        assert.equal(createDueResolver(timing)(text), resolveDue(offset, timing).toMillis(), `${text} at ${timing.t0} ${timing.zone}`);
      },
    ),
    { numRuns: 400 },
  );
});

test('a go-live at 01:30 on the spring-forward night: T-24h and T-1d agree before it, the day after it has 23 hours', () => {
  const resolve = createDueResolver(timings[0]!);
  assert.equal(new Date(resolve('T-24h')).toISOString(), '2026-03-28T00:30:00.000Z');
  assert.equal(new Date(resolve('T-1d')).toISOString(), '2026-03-28T00:30:00.000Z');
  assert.equal(new Date(resolve('T+1d')).toISOString(), '2026-03-29T23:30:00.000Z');
  assert.equal(resolve('T+1d') - resolve('T-0'), 23 * 3600_000, 'the calendar day after the change has 23 hours');
});
