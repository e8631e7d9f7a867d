import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WarRoomError } from '../../../contract/domain/errors';
import {
  describeDue,
  dueOffsetProblem,
  formatDueOffset,
  isBeforeT0,
  normaliseDue,
  parseDueOffset,
  requireDueOffset,
  resolveDue,
} from '../../../contract/domain/checklist/due-offset';

const BERLIN = 'Europe/Berlin';

function instant(due: string, t0: string): string {
  return resolveDue(requireDueOffset(due), { t0, zone: BERLIN }).toUTC().toISO() ?? '';
}

test('parses and formats due offsets relative to T-0', () => {
  assert.deepEqual(parseDueOffset('T-3d'), { sign: -1, days: 3, hours: 0, minutes: 0 });
  assert.deepEqual(parseDueOffset('T+1h'), { sign: 1, days: 0, hours: 1, minutes: 0 });
  assert.deepEqual(parseDueOffset(' T-1d12h30m '), { sign: -1, days: 1, hours: 12, minutes: 30 });
  assert.equal(formatDueOffset(requireDueOffset('T-30m')), 'T-30m');
  assert.equal(formatDueOffset(requireDueOffset('T-1d12h')), 'T-1d12h');
  assert.equal(normaliseDue('T+0'), 'T-0');
  assert.equal(normaliseDue('T-0h'), 'T-0');
  assert.equal(normaliseDue('T-024h'), 'T-24h');
  assert.equal(isBeforeT0(requireDueOffset('T-0')), false);
  assert.equal(isBeforeT0(requireDueOffset('T-1m')), true);
  assert.equal(isBeforeT0(requireDueOffset('T+1m')), false);
});

test('refuses due text that is not an offset, with a message saying the format', () => {
  for (const text of ['', 'T', 'T-', '3d', 'T-3x', 'T-1h1d', 'T - 3d', 't-3d', 'T-3d ago', 'T-1.5h']) {
    assert.equal(parseDueOffset(text), null, text);
    assert.match(dueOffsetProblem(text) ?? '', /T-3d, T-24h/, text);
  }
  assert.match(dueOffsetProblem('T-400d') ?? '', /366 days/);
  assert.throws(
    () => requireDueOffset('T-3x'),
    (error: unknown) => error instanceof WarRoomError && error.code === 'invalid-input' && /due: 'T-3x' must be/.test(error.message),
  );
});

test('spring forward, go-live 01:30 Europe/Berlin on 2026-03-29: the hour 02:00-03:00 is skipped after T-0', () => {
  const t0 = '2026-03-29T01:30:00+01:00';
  assert.equal(instant('T-0', t0), '2026-03-29T00:30:00.000Z');
  // Before T-0 nothing changes: the day before had 24 hours.
  assert.equal(instant('T-1d', t0), '2026-03-28T00:30:00.000Z');
  assert.equal(instant('T-24h', t0), '2026-03-28T00:30:00.000Z');
  // One exact hour after 01:30 CET is 03:30 CEST: 02:30 does not exist that night.
  const plusHour = describeDue('T+1h', { t0, zone: BERLIN }, 'America/Sao_Paulo');
  assert.equal(plusHour.instant, '2026-03-29T01:30:00.000Z');
  assert.equal(plusHour.release.text, '2026-03-29 03:30 UTC+02:00');
  assert.equal(plusHour.viewer.text, '2026-03-28 22:30 UTC-03:00');
  // A calendar day keeps 01:30 on the wall clock; 24 hours land at 02:30 (the day had 23 hours).
  const plusDay = describeDue('T+1d', { t0, zone: BERLIN }, 'Asia/Kolkata');
  const plus24 = describeDue('T+24h', { t0, zone: BERLIN }, 'Asia/Kolkata');
  assert.equal(plusDay.release.text, '2026-03-30 01:30 UTC+02:00');
  assert.equal(plus24.release.text, '2026-03-30 02:30 UTC+02:00');
  assert.equal(plusDay.instant, '2026-03-29T23:30:00.000Z');
  assert.equal(plus24.instant, '2026-03-30T00:30:00.000Z');
  assert.equal(plusDay.viewer.text, '2026-03-30 05:00 UTC+05:30');
});

test('spring forward: a T-24h item across the change differs from T-1d by one hour', () => {
  // Go-live the evening after the clocks moved: 22:00 CEST.
  const t0 = '2026-03-29T22:00:00+02:00';
  const dayBefore = describeDue('T-1d', { t0, zone: BERLIN }, BERLIN);
  const hoursBefore = describeDue('T-24h', { t0, zone: BERLIN }, BERLIN);
  assert.equal(dayBefore.release.text, '2026-03-28 22:00 UTC+01:00');
  assert.equal(hoursBefore.release.text, '2026-03-28 21:00 UTC+01:00');
  assert.equal(dayBefore.instant, '2026-03-28T21:00:00.000Z');
  assert.equal(hoursBefore.instant, '2026-03-28T20:00:00.000Z');
});

test('a calendar day that lands in the skipped hour moves forward by the gap', () => {
  // T-0 02:30 on 2026-03-30; the day before, 02:30 does not exist in Berlin.
  const due = describeDue('T-1d', { t0: '2026-03-30T02:30:00+02:00', zone: BERLIN }, BERLIN);
  assert.equal(due.release.text, '2026-03-29 03:30 UTC+02:00');
});

test('fall back, go-live 01:30 Europe/Berlin on 2026-10-25: 02:00-03:00 happens twice', () => {
  const t0 = '2026-10-25T01:30:00+02:00';
  assert.equal(instant('T-0', t0), '2026-10-24T23:30:00.000Z');
  // The repeated hour: the same wall time, told apart by the offset.
  assert.equal(describeDue('T+1h', { t0, zone: BERLIN }, BERLIN).release.text, '2026-10-25 02:30 UTC+02:00');
  assert.equal(describeDue('T+2h', { t0, zone: BERLIN }, BERLIN).release.text, '2026-10-25 02:30 UTC+01:00');
  // A calendar day keeps 01:30; 24 hours land at 00:30 (the day had 25 hours).
  assert.equal(describeDue('T+1d', { t0, zone: BERLIN }, BERLIN).release.text, '2026-10-26 01:30 UTC+01:00');
  assert.equal(describeDue('T+24h', { t0, zone: BERLIN }, BERLIN).release.text, '2026-10-26 00:30 UTC+01:00');
  assert.equal(instant('T+1d', t0), '2026-10-26T00:30:00.000Z');
  assert.equal(instant('T+24h', t0), '2026-10-25T23:30:00.000Z');
});

test('fall back: a T-24h item across the change differs from T-1d by one hour', () => {
  const t0 = '2026-10-25T22:00:00+01:00';
  assert.equal(describeDue('T-1d', { t0, zone: BERLIN }, BERLIN).release.text, '2026-10-24 22:00 UTC+02:00');
  assert.equal(describeDue('T-24h', { t0, zone: BERLIN }, BERLIN).release.text, '2026-10-24 23:00 UTC+02:00');
  assert.equal(instant('T-1d', t0), '2026-10-24T20:00:00.000Z');
  assert.equal(instant('T-24h', t0), '2026-10-24T21:00:00.000Z');
});

test('T-0 given in UTC is read in the release zone', () => {
  // 00:30Z is 01:30 in Berlin on the spring-forward night: T-1d keeps 01:30 local.
  assert.equal(describeDue('T-1d', { t0: '2026-03-29T00:30:00Z', zone: BERLIN }, 'UTC').release.text, '2026-03-28 01:30 UTC+01:00');
});

test('an unknown zone or T-0 is refused with a message', () => {
  assert.throws(() => describeDue('T-1d', { t0: '2026-03-29T00:30:00Z', zone: BERLIN }, 'Mars/Olympus'), /not a known time zone/);
  assert.throws(() => describeDue('T-1d', { t0: 'yesterday', zone: BERLIN }, BERLIN), /T-0 'yesterday'/);
});
