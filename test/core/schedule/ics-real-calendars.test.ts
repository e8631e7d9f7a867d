import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importIcs } from '../../../main/core/schedule/ics-import';
import { expandBlackouts } from '../../../main/core/schedule/blackout-calendar';
import { checkBlackouts } from '../../../main/core/schedule/policy-checks';
import { resolveWindow } from '../../../main/core/schedule/release-window';

/** The fixtures reproduce shapes of real public calendars; fixtures/README.md names each source. */
function fixture(name: string): string {
  return readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
}

function load(name: string, defaultZone = 'Europe/Berlin') {
  return importIcs(fixture(name), { file: name, scope: { kind: 'all' }, defaultZone });
}

const year = { start: '2026-01-01T00:00:00Z', end: '2027-01-02T00:00:00Z' };
const everything = { services: [], environmentClasses: ['production' as const] };

test('TRANSP:TRANSPARENT holidays are kept as information: on the calendar, never blocking; an OPAQUE one blocks', () => {
  const result = load('holidays-transparent.ics');
  assert.equal(result.summary.imported, 3);
  assert.equal(result.summary.informational, 2);
  assert.deepEqual(result.summary.floatingZone, { zone: 'UTC', source: 'X-WR-TIMEZONE' });
  assert.deepEqual(
    result.blackouts.map((blackout) => [blackout.title, blackout.informational === true]),
    [
      ['Tag der Deutschen Einheit', true],
      ['Weihnachten', true],
      ['Year-end freeze', false],
    ],
  );
  const christmas = resolveWindow({ start: '2026-12-25T10:00', end: '2026-12-25T12:00', zone: 'Europe/Berlin' });
  const [finding] = checkBlackouts(christmas, result.blackouts, everything);
  assert.equal(finding?.severity, 'info');
  assert.match(finding!.message, /Weihnachten.*TRANSPARENT.*does not block/);
  const newYearsEve = resolveWindow({ start: '2026-12-31T10:00', end: '2026-12-31T12:00', zone: 'Europe/Berlin' });
  assert.deepEqual(
    checkBlackouts(newYearsEve, result.blackouts, everything).map((entry) => entry.severity),
    ['block'],
  );
});

test('floating date-times and dates take X-WR-TIMEZONE, not the workspace zone; UTC times stay UTC', () => {
  const result = load('floating-wr-timezone.ics', 'Europe/Berlin');
  assert.deepEqual(result.summary.floatingZone, { zone: 'America/New_York', source: 'X-WR-TIMEZONE' });
  const occurrences = expandBlackouts(result.blackouts, year);
  assert.deepEqual(
    occurrences.map((entry) => [entry.title, entry.start, entry.end, entry.zone]),
    [
      // 3 July, a whole day in New York (EDT, UTC-4).
      ['Independence Day', '2026-07-03T04:00:00.000Z', '2026-07-04T04:00:00.000Z', 'America/New_York'],
      // 17:00-23:00 on the New York clock, not Berlin's.
      ['Quarter close: no changes', '2026-09-30T21:00:00.000Z', '2026-10-01T03:00:00.000Z', 'America/New_York'],
      ['Partner maintenance (UTC)', '2026-11-03T02:00:00.000Z', '2026-11-03T04:00:00.000Z', 'UTC'],
    ],
  );
});

test('RDATE (dates, date-times, periods) and EXDATE together: the recurrence set of RFC 5545', () => {
  const result = load('rdate-exdate.ics');
  assert.deepEqual(result.warnings, []);
  const occurrences = expandBlackouts(result.blackouts, year);
  const audit = occurrences.filter((entry) => entry.title === 'Audit days').map((entry) => entry.localStart.slice(0, 10));
  // Every third day from 1 June until 28 June, 10 June excluded, 9 and 11 June added (the Google Calendar example).
  assert.deepEqual(audit, [
    '2026-06-01',
    '2026-06-04',
    '2026-06-07',
    '2026-06-09',
    '2026-06-11',
    '2026-06-13',
    '2026-06-16',
    '2026-06-19',
    '2026-06-22',
    '2026-06-25',
    '2026-06-28',
  ]);
  const maintenance = occurrences.filter((entry) => entry.title === 'Data-centre maintenance').map((entry) => [entry.start, entry.end]);
  assert.deepEqual(maintenance, [
    // DTSTART 22:00-02:00 Berlin (CET).
    ['2026-03-21T21:00:00.000Z', '2026-03-22T01:00:00.000Z'],
    // A period with its own end, across the spring-forward night.
    ['2026-03-28T21:00:00.000Z', '2026-03-29T03:00:00.000Z'],
    // A period with a duration: three real hours.
    ['2026-04-04T20:00:00.000Z', '2026-04-04T23:00:00.000Z'],
    // 11 April is an RDATE and an EXDATE: excluded. 18 April takes the event's own length (4 h on the wall clock).
    ['2026-04-18T20:00:00.000Z', '2026-04-19T00:00:00.000Z'],
  ]);
});

test('DTSTART only: a date is that whole day, a date-time a zero-length marker; every component not imported is listed with its line', () => {
  const result = load('dtstart-only.ics');
  assert.equal(result.summary.events, 4);
  assert.equal(result.summary.markers, 1);
  const occurrences = expandBlackouts(result.blackouts, year);
  assert.deepEqual(
    occurrences.map((entry) => [entry.title, entry.start, entry.end]),
    [
      ['Weekly change board', '2026-08-03T07:00:00.000Z', '2026-08-03T08:00:00.000Z'],
      ['Milestone review', '2026-08-10T10:00:00.000Z', '2026-08-10T10:00:00.000Z'],
      ['Milestone review', '2026-08-12T10:00:00.000Z', '2026-08-12T12:00:00.000Z'],
      ['Inventory day', '2026-08-13T22:00:00.000Z', '2026-08-14T22:00:00.000Z'],
      // 10 August was cancelled: removed from the series.
      ['Weekly change board', '2026-08-17T07:00:00.000Z', '2026-08-17T08:00:00.000Z'],
    ],
  );
  assert.deepEqual(
    result.skipped.map((entry) => [entry.line, entry.component, entry.title, entry.reason]),
    [
      [18, 'VTODO', 'Renew the certificate', 'a to-do (VTODO) has no period to block'],
      [30, 'VEVENT', 'Weekly change board', 'cancelled occurrence (STATUS:CANCELLED) of 2026-08-10 09:00: removed from its series'],
      [38, 'VJOURNAL', 'Notes of the board', 'a journal entry (VJOURNAL) has no period to block'],
    ],
  );
  // A marker inside a window warns; one outside says nothing.
  const around = resolveWindow({ start: '2026-08-10T11:00', end: '2026-08-10T13:00', zone: 'Europe/Berlin' });
  const findings = checkBlackouts(around, result.blackouts, everything);
  assert.deepEqual(
    findings.map((entry) => [entry.severity, entry.period.start]),
    [['warn', '2026-08-10T10:00:00.000Z']],
  );
  assert.match(findings[0]!.message, /moment 'Milestone review'.*marker with no length/);
  const before = resolveWindow({ start: '2026-08-10T09:00', end: '2026-08-10T11:00', zone: 'Europe/Berlin' });
  assert.deepEqual(checkBlackouts(before, result.blackouts, everything), []);
});

test('midnight-to-midnight TZID holidays with a VTIMEZONE stay whole local days', () => {
  const result = load('vtimezone-tokyo.ics');
  const [culture] = expandBlackouts(result.blackouts, year);
  assert.deepEqual([culture?.start, culture?.end, culture?.zone], ['2026-11-02T15:00:00.000Z', '2026-11-03T15:00:00.000Z', 'Asia/Tokyo']);
  assert.deepEqual(result.skipped, []);
});
