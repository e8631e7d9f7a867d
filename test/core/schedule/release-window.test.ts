import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overlapOf, resolveWindow } from '../../../main/core/schedule/release-window';
import { WarRoomError } from '../../../contract/domain/errors';

test('an overnight Berlin window resolves to instants, go-live defaulting to its start', () => {
  assert.deepEqual(resolveWindow({ start: '2026-03-31T22:00', end: '2026-04-01T02:00', zone: 'Europe/Berlin' }), {
    start: '2026-03-31T20:00:00.000Z',
    end: '2026-04-01T00:00:00.000Z',
    goLive: '2026-03-31T20:00:00.000Z',
    zone: 'Europe/Berlin',
    warnings: [],
  });
});

test('a window starting in the repeated hour of a Berlin fall-back night takes the first pass unless told otherwise', () => {
  const window = { start: '2026-10-25T02:15', end: '2026-10-25T05:00', zone: 'Europe/Berlin' };
  const first = resolveWindow(window);
  assert.equal(first.start, '2026-10-25T00:15:00.000Z');
  assert.equal(first.end, '2026-10-25T04:00:00.000Z');
  assert.deepEqual(
    first.warnings.map((warning) => warning.code),
    ['repeated-local-time'],
  );
  const second = resolveWindow({ ...window, fold: { start: 'later' } });
  assert.equal(second.start, '2026-10-25T01:15:00.000Z');
});

test('a window starting in the skipped hour of a New York spring-forward night starts at 03:30 EDT, flagged', () => {
  const resolved = resolveWindow({ start: '2026-03-08T02:30', end: '2026-03-08T06:00', zone: 'America/New_York', goLive: '2026-03-08T04:00' });
  assert.equal(resolved.start, '2026-03-08T07:30:00.000Z');
  assert.equal(resolved.goLive, '2026-03-08T08:00:00.000Z');
  assert.deepEqual(
    resolved.warnings.map((warning) => [warning.code, warning.local]),
    [['skipped-local-time', '2026-03-08T02:30']],
  );
});

test('a window in Asia/Kolkata keeps its half-hour offset', () => {
  const resolved = resolveWindow({ start: '2026-03-31T23:30', end: '2026-04-01T03:30', zone: 'Asia/Kolkata' });
  assert.equal(resolved.start, '2026-03-31T18:00:00.000Z');
  assert.equal(resolved.end, '2026-03-31T22:00:00.000Z');
});

test('a window that ends before it starts, or a go-live outside it, is refused', () => {
  assert.throws(
    () => resolveWindow({ start: '2026-03-31T22:00', end: '2026-03-31T02:00', zone: 'Europe/Berlin' }),
    (error: unknown) => error instanceof WarRoomError && error.code === 'invalid-input' && /before it starts/.test(error.message),
  );
  // 02:30 -> 03:00 on a spring-forward night is empty: 02:30 becomes 03:30, after the end.
  assert.throws(() => resolveWindow({ start: '2026-03-29T02:30', end: '2026-03-29T03:00', zone: 'Europe/Berlin' }), /before it starts/);
  assert.throws(
    () => resolveWindow({ start: '2026-03-31T22:00', end: '2026-04-01T02:00', zone: 'Europe/Berlin', goLive: '2026-04-01T03:00' }),
    /outside the window/,
  );
});

test('overlapOf: touching periods do not overlap', () => {
  assert.equal(
    overlapOf({ start: '2026-01-01T00:00:00.000Z', end: '2026-01-01T01:00:00.000Z' }, { start: '2026-01-01T01:00:00.000Z', end: '2026-01-01T02:00:00.000Z' }),
    null,
  );
  assert.deepEqual(
    overlapOf({ start: '2026-01-01T00:00:00.000Z', end: '2026-01-01T01:30:00.000Z' }, { start: '2026-01-01T01:00:00.000Z', end: '2026-01-01T02:00:00.000Z' }),
    { start: '2026-01-01T01:00:00.000Z', end: '2026-01-01T01:30:00.000Z' },
  );
});
