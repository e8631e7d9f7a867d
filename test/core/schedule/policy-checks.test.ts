import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  blockingFindings,
  checkBlackouts,
  checkClockChanges,
  checkFridayRule,
  checkOutsideWindow,
  checkTargetOverlaps,
  defaultFridayRule,
} from '../../../main/core/schedule/policy-checks';
import { resolveWindow } from '../../../main/core/schedule/release-window';
import { blackoutSchema } from '../../../contract/domain/schedule/schedule-schemas';

const fridayWindow = { start: '2026-03-27T10:00', end: '2026-03-27T14:00', zone: 'Europe/Berlin' };
const payments = { services: ['payments'], environmentClasses: ['production' as const] };
const weekendFreeze = blackoutSchema.parse({
  id: 'weekend',
  title: 'Weekend freeze',
  scope: { kind: 'all' },
  rule: { kind: 'weekly', zone: 'Europe/Berlin', startDay: 5, startTime: '12:00', endDay: 1, endTime: '06:00' },
});
const billingClose = blackoutSchema.parse({
  id: 'billing-close',
  title: 'Billing close',
  scope: { kind: 'service', service: 'billing' },
  rule: { kind: 'once', start: '2026-03-27T00:00', end: '2026-03-28T00:00', zone: 'Europe/Berlin' },
});
const stagingFreeze = blackoutSchema.parse({
  id: 'prod-freeze',
  title: 'Production freeze',
  scope: { kind: 'environment', environmentClass: 'production' },
  rule: { kind: 'once', start: '2026-03-27T13:30', end: '2026-03-27T20:00', zone: 'Europe/Berlin' },
});

test('a window overlapping a blackout names the blackout and the overlap; scoped blackouts bind only their releases', () => {
  const window = resolveWindow(fridayWindow);
  const findings = checkBlackouts(window, [weekendFreeze, billingClose, stagingFreeze], payments);
  assert.deepEqual(
    findings.map((finding) => [finding.id, finding.rule, finding.severity, finding.period.start, finding.period.end]),
    [
      ['blackout:weekend:2026-03-27T11:00:00.000Z', 'blackout', 'block', '2026-03-27T11:00:00.000Z', '2026-03-27T13:00:00.000Z'],
      ['blackout:prod-freeze:2026-03-27T12:30:00.000Z', 'blackout', 'block', '2026-03-27T12:30:00.000Z', '2026-03-27T13:00:00.000Z'],
    ],
  );
  assert.match(
    findings[0]!.message,
    /'Weekend freeze' \(Fri 27 Mar 12:00 - Mon 30 Mar 06:00 Europe\/Berlin, for all releases\) during Fri 27 Mar 12:00 - Fri 27 Mar 14:00/,
  );
  assert.match(findings[1]!.message, /for production environments/);
  assert.deepEqual(checkBlackouts(resolveWindow({ ...fridayWindow, end: '2026-03-27T12:00' }), [weekendFreeze], payments), []);
  assert.equal(checkBlackouts(window, [billingClose], { services: ['billing'], environmentClasses: [] }).length, 1);
});

test('the Friday rule is configurable by day, hour and zone', () => {
  const window = resolveWindow({ start: '2026-03-27T16:00', end: '2026-03-27T18:00', zone: 'Europe/Berlin' });
  // In Berlin's default rule, Friday 16:00 is already forbidden.
  const berlin = checkFridayRule(window, defaultFridayRule('Europe/Berlin'));
  assert.deepEqual(
    berlin.map((finding) => [finding.period.start, finding.period.end]),
    [[window.start, window.end]],
  );
  // The same rule held in New York (EDT, UTC-4): Friday 12:00 there is 16:00Z, an hour into the window.
  const newYork = checkFridayRule(window, { ...defaultFridayRule('America/New_York'), severity: 'warn' });
  assert.equal(window.start, '2026-03-27T15:00:00.000Z');
  assert.deepEqual(
    newYork.map((finding) => [finding.severity, finding.period.start, finding.period.end]),
    [['warn', '2026-03-27T16:00:00.000Z', '2026-03-27T17:00:00.000Z']],
  );
  // Thursday 18:00 -> Friday 06:00 in Kolkata instead: no overlap with a Friday afternoon in Berlin.
  assert.deepEqual(checkFridayRule(window, { ...defaultFridayRule('Asia/Kolkata'), fromDay: 4, fromTime: '18:00', untilDay: 5, untilTime: '06:00' }), []);
  assert.deepEqual(checkFridayRule(window, { ...defaultFridayRule('Europe/Berlin'), enabled: false }), []);
  assert.deepEqual(checkFridayRule(window, null), []);
});

test('two releases to the same target in overlapping windows conflict; other targets or times do not', () => {
  const mine = { releaseId: 'a', title: 'Payments 4.2', targets: ['prod-eu', 'prod-us'], window: resolveWindow(fridayWindow) };
  const others = [
    {
      releaseId: 'b',
      title: 'Search 7',
      targets: ['prod-eu'],
      window: resolveWindow({ start: '2026-03-27T13:00', end: '2026-03-27T15:00', zone: 'Europe/Berlin' }),
    },
    { releaseId: 'c', title: 'Ledger', targets: ['prod-apac'], window: resolveWindow(fridayWindow) },
    // Back to back is not overlapping.
    {
      releaseId: 'd',
      title: 'Late',
      targets: ['prod-us'],
      window: resolveWindow({ start: '2026-03-27T14:00', end: '2026-03-27T16:00', zone: 'Europe/Berlin' }),
    },
    mine,
  ];
  const findings = checkTargetOverlaps(mine, others, 'Europe/Berlin');
  assert.deepEqual(
    findings.map((finding) => [finding.id, finding.period.start, finding.period.end]),
    [['target-overlap:b:prod-eu', '2026-03-27T12:00:00.000Z', '2026-03-27T13:00:00.000Z']],
  );
  assert.match(findings[0]!.message, /Release 'Search 7' also changes prod-eu during Fri 27 Mar 13:00 - Fri 27 Mar 14:00 Europe\/Berlin/);
});

test('activities outside the window are found, with the part outside', () => {
  const window = resolveWindow(fridayWindow);
  assert.deepEqual(checkOutsideWindow(window, { start: '2026-03-27T09:00:00.000Z', end: '2026-03-27T10:00:00.000Z' }, 'The rollback run'), []);
  const late = checkOutsideWindow(window, { start: '2026-03-27T12:30:00.000Z', end: '2026-03-27T13:30:00.000Z' }, 'The rollback run');
  assert.deepEqual(
    late.map((finding) => [finding.rule, finding.period.start, finding.period.end]),
    [['outside-window', '2026-03-27T13:00:00.000Z', '2026-03-27T13:30:00.000Z']],
  );
  const early = checkOutsideWindow(window, { start: '2026-03-27T07:00:00.000Z', end: '2026-03-27T07:00:00.000Z' }, 'Go decision');
  assert.equal(early[0]!.period.start, '2026-03-27T07:00:00.000Z');
  assert.match(early[0]!.message, /Go decision starts before the window opens/);
  assert.equal(checkOutsideWindow(window, { start: window.end, end: window.end }, 'Go decision').length, 1);
  assert.equal(blockingFindings(late).length, 1);
});

test('a window the clocks change in is reported: an hour longer on the fall-back night, flagged when it starts in the skipped hour', () => {
  const declared = { start: '2026-10-24T22:00', end: '2026-10-25T06:00', zone: 'Europe/Berlin' };
  const findings = checkClockChanges(resolveWindow(declared), declared);
  assert.deepEqual(
    findings.map((finding) => [finding.rule, finding.severity]),
    [['clock-change', 'info']],
  );
  assert.match(findings[0]!.message, /60 minutes more/);
  const skipped = { start: '2026-03-08T02:30', end: '2026-03-08T06:00', zone: 'America/New_York' };
  const flagged = checkClockChanges(resolveWindow(skipped), skipped);
  assert.deepEqual(
    flagged.map((finding) => [finding.id, finding.severity]),
    [['clock-change:skipped-local-time:2026-03-08T02:30', 'warn']],
  );
  const kolkata = { start: '2026-10-24T22:00', end: '2026-10-25T06:00', zone: 'Asia/Kolkata' };
  assert.deepEqual(checkClockChanges(resolveWindow(kolkata), kolkata), []);
});
