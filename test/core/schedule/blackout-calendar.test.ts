import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blackoutApplies, expandBlackouts } from '../../../main/core/schedule/blackout-calendar';
import type { Blackout } from '../../../contract/domain/schedule/schedule-schemas';
import { blackoutSchema } from '../../../contract/domain/schedule/schedule-schemas';

const weekendFreeze: Blackout = blackoutSchema.parse({
  id: 'weekend',
  title: 'Weekend freeze',
  scope: { kind: 'all' },
  rule: { kind: 'weekly', zone: 'Europe/Berlin', startDay: 5, startTime: '12:00', endDay: 1, endTime: '06:00' },
});

test('a weekly freeze keeps Friday 12:00 -> Monday 06:00 Berlin time across the spring-forward weekend', () => {
  const occurrences = expandBlackouts([weekendFreeze], { start: '2026-03-16T06:00:00Z', end: '2026-04-06T00:00:00Z' });
  assert.deepEqual(
    occurrences.map((entry) => [entry.localStart, entry.localEnd, entry.start, entry.end]),
    [
      ['2026-03-20T12:00', '2026-03-23T06:00', '2026-03-20T11:00:00.000Z', '2026-03-23T05:00:00.000Z'],
      // The clocks jump on Sunday 29 March: Friday is still CET, Monday already CEST.
      ['2026-03-27T12:00', '2026-03-30T06:00', '2026-03-27T11:00:00.000Z', '2026-03-30T04:00:00.000Z'],
      ['2026-04-03T12:00', '2026-04-06T06:00', '2026-04-03T10:00:00.000Z', '2026-04-06T04:00:00.000Z'],
    ],
  );
  assert.ok(occurrences.every((entry) => entry.warnings.length === 0));
});

test('the same weekly freeze across the fall-back weekend ends at 06:00 CET', () => {
  const occurrences = expandBlackouts([weekendFreeze], { start: '2026-10-21T00:00:00Z', end: '2026-10-25T00:00:00Z' });
  assert.equal(occurrences.length, 1);
  assert.equal(occurrences[0]!.start, '2026-10-23T10:00:00.000Z');
  assert.equal(occurrences[0]!.end, '2026-10-26T05:00:00.000Z');
});

test('an occurrence that began before the range and is still running is included', () => {
  const occurrences = expandBlackouts([weekendFreeze], { start: '2026-03-22T00:00:00Z', end: '2026-03-22T01:00:00Z' });
  assert.deepEqual(
    occurrences.map((entry) => entry.localStart),
    ['2026-03-20T12:00'],
  );
});

test('a weekly blackout starting in the skipped hour is shifted and carries the warning', () => {
  const nightly: Blackout = blackoutSchema.parse({
    id: 'backup',
    title: 'Sunday backups',
    scope: { kind: 'environment', environmentClass: 'production' },
    rule: { kind: 'weekly', zone: 'Europe/Berlin', startDay: 7, startTime: '02:30', endDay: 7, endTime: '04:00' },
  });
  const occurrences = expandBlackouts([nightly], { start: '2026-03-22T00:00:00Z', end: '2026-04-06T00:00:00Z' });
  assert.deepEqual(
    occurrences.map((entry) => [entry.start, entry.end, entry.warnings.map((warning) => warning.code)]),
    [
      ['2026-03-22T01:30:00.000Z', '2026-03-22T03:00:00.000Z', []],
      ['2026-03-29T01:30:00.000Z', '2026-03-29T02:00:00.000Z', ['skipped-local-time']],
      ['2026-04-05T00:30:00.000Z', '2026-04-05T02:00:00.000Z', []],
    ],
  );
});

test('yearly holidays are whole local days, with from/until bounds respected for weekly rules', () => {
  const christmas = blackoutSchema.parse({
    id: 'xmas',
    title: 'Christmas',
    scope: { kind: 'all' },
    rule: { kind: 'yearly', zone: 'Europe/Berlin', month: 12, day: 24, days: 3 },
  });
  const occurrences = expandBlackouts([christmas], { start: '2026-06-01T00:00:00Z', end: '2028-01-01T00:00:00Z' });
  assert.deepEqual(
    occurrences.map((entry) => [entry.start, entry.end]),
    [
      ['2026-12-23T23:00:00.000Z', '2026-12-26T23:00:00.000Z'],
      ['2027-12-23T23:00:00.000Z', '2027-12-26T23:00:00.000Z'],
    ],
  );
  const bounded = blackoutSchema.parse({ ...weekendFreeze, rule: { ...weekendFreeze.rule, from: '2026-03-21', until: '2026-03-31' } });
  assert.deepEqual(
    expandBlackouts([bounded], { start: '2026-03-01T00:00:00Z', end: '2026-05-01T00:00:00Z' }).map((entry) => entry.localStart),
    ['2026-03-27T12:00'],
  );
});

test('an rrule blackout with an EXDATE skips that occurrence', () => {
  const monthly = blackoutSchema.parse({
    id: 'close',
    title: 'Month-end close',
    scope: { kind: 'service', service: 'billing' },
    rule: {
      kind: 'rrule',
      zone: 'America/New_York',
      start: '2026-01-30T18:00',
      durationMinutes: 720,
      allDay: false,
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1',
      exdates: ['2026-02-28T18:00'],
    },
  });
  const occurrences = expandBlackouts([monthly], { start: '2026-01-01T00:00:00Z', end: '2026-04-01T00:00:00Z' });
  assert.deepEqual(
    occurrences.map((entry) => [entry.localStart, entry.start]),
    [
      ['2026-01-31T18:00', '2026-01-31T23:00:00.000Z'],
      ['2026-03-31T18:00', '2026-03-31T22:00:00.000Z'],
    ],
  );
});

test('scopes: all, one service, one environment class', () => {
  const release = { services: ['payments'], environmentClasses: ['production' as const] };
  assert.equal(blackoutApplies({ kind: 'all' }, release), true);
  assert.equal(blackoutApplies({ kind: 'service', service: 'payments' }, release), true);
  assert.equal(blackoutApplies({ kind: 'service', service: 'billing' }, release), false);
  assert.equal(blackoutApplies({ kind: 'environment', environmentClass: 'production' }, release), true);
  assert.equal(blackoutApplies({ kind: 'environment', environmentClass: 'staging' }, release), false);
});
