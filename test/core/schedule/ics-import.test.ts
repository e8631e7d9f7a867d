import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importIcs } from '../../../main/core/schedule/ics-import';
import { expandBlackouts } from '../../../main/core/schedule/blackout-calendar';
import { WarRoomError } from '../../../contract/domain/errors';

const options = { file: 'partner.ics', scope: { kind: 'all' as const }, defaultZone: 'Europe/Berlin' };

/** Join fixture lines with CRLF, as .ics files are written. */
function ics(...lines: string[]): string {
  return lines.join('\r\n') + '\r\n';
}

const BERLIN_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function expectRefused(source: string, line: number | undefined, reason: RegExp): void {
  assert.throws(
    () => importIcs(source, options),
    (error: unknown) => {
      assert.ok(error instanceof WarRoomError, 'a WarRoomError');
      assert.equal(error.code, 'invalid-input');
      assert.equal(error.locations[0]?.line, line);
      assert.equal(error.locations[0]?.file, 'partner.ics');
      assert.match(error.message, reason);
      assert.match(error.message, /nothing was imported/);
      if (line !== undefined) assert.match(error.message, new RegExp(`partner\\.ics line ${line}:`));
      return true;
    },
  );
}

test('a weekly freeze with TZID, VTIMEZONE, RRULE and EXDATE imports to the right instants across the DST change', () => {
  const source = ics(
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Partner//Freeze//EN',
    ...BERLIN_VTIMEZONE,
    'BEGIN:VEVENT',
    'UID:weekend-freeze@partner',
    'DTSTAMP:20260101T000000Z',
    'SUMMARY:Weekend freeze\\, no deployments',
    'DTSTART;TZID=Europe/Berlin:20260320T120000',
    'DTEND;TZID=Europe/Berlin:20260323T060000',
    'RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=4',
    'EXDATE;TZID=Europe/Berlin:20260403T120000',
    'END:VEVENT',
    'END:VCALENDAR',
  );
  const result = importIcs(source, options);
  assert.deepEqual(result.warnings, []);
  assert.equal(result.blackouts.length, 1);
  const blackout = result.blackouts[0]!;
  assert.equal(blackout.id, 'ics:weekend-freeze@partner');
  assert.equal(blackout.title, 'Weekend freeze, no deployments');
  assert.deepEqual(blackout.source, { kind: 'ics', file: 'partner.ics', uid: 'weekend-freeze@partner' });
  const occurrences = expandBlackouts(result.blackouts, { start: '2026-03-01T00:00:00Z', end: '2026-06-01T00:00:00Z' });
  assert.deepEqual(
    occurrences.map((entry) => [entry.start, entry.end]),
    [
      ['2026-03-20T11:00:00.000Z', '2026-03-23T05:00:00.000Z'],
      ['2026-03-27T11:00:00.000Z', '2026-03-30T04:00:00.000Z'],
      // 3 April excluded; COUNT=4 includes it, so the last is 10 April.
      ['2026-04-10T10:00:00.000Z', '2026-04-13T04:00:00.000Z'],
    ],
  );
});

test('an IANA TZID without VTIMEZONE, an UNTIL in UTC and an EXDATE in UTC are read in the event zone', () => {
  const source = ics(
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:ny-maintenance',
    'SUMMARY:NY partner maintenance',
    'DTSTART;TZID=America/New_York:20260301T010000',
    'DURATION:PT3H',
    'RRULE:FREQ=WEEKLY;UNTIL=20260322T060000Z',
    'EXDATE:20260315T050000Z',
    'END:VEVENT',
    'END:VCALENDAR',
  );
  const occurrences = expandBlackouts(importIcs(source, options).blackouts, { start: '2026-02-01T00:00:00Z', end: '2026-05-01T00:00:00Z' });
  assert.deepEqual(
    occurrences.map((entry) => [entry.localStart, entry.start, entry.end]),
    [
      ['2026-03-01T01:00', '2026-03-01T06:00:00.000Z', '2026-03-01T09:00:00.000Z'],
      // 8 March: 01:00 EST; DURATION:PT3H is three real hours (RFC 5545), so it ends 05:00 EDT.
      ['2026-03-08T01:00', '2026-03-08T06:00:00.000Z', '2026-03-08T09:00:00.000Z'],
      // 15 March 01:00 EDT is 05:00Z: excluded. 22 March 01:00 EDT = 05:00Z is before UNTIL (06:00Z).
      ['2026-03-22T01:00', '2026-03-22T05:00:00.000Z', '2026-03-22T08:00:00.000Z'],
    ],
  );
});

test('all-day yearly holidays take the default zone and cover whole local days', () => {
  const source = ics(
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:xmas',
    'SUMMARY:Christmas',
    'DTSTART;VALUE=DATE:20261224',
    'DTEND;VALUE=DATE:20261227',
    'RRULE:FREQ=YEARLY',
    'EXDATE;VALUE=DATE:20271224',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:new-year',
    'SUMMARY:New Year',
    'DTSTART;VALUE=DATE:20270101',
    'END:VEVENT',
    'END:VCALENDAR',
  );
  const result = importIcs(source, { ...options, defaultZone: 'Asia/Kolkata' });
  assert.equal(result.blackouts[0]!.rule.kind === 'rrule' && result.blackouts[0]!.rule.allDay, true);
  const occurrences = expandBlackouts(result.blackouts, { start: '2026-01-01T00:00:00Z', end: '2029-01-01T00:00:00Z' });
  assert.deepEqual(
    occurrences.map((entry) => [entry.blackoutId, entry.start, entry.end]),
    [
      ['ics:xmas', '2026-12-23T18:30:00.000Z', '2026-12-26T18:30:00.000Z'],
      ['ics:new-year', '2026-12-31T18:30:00.000Z', '2027-01-01T18:30:00.000Z'],
      ['ics:xmas', '2028-12-23T18:30:00.000Z', '2028-12-26T18:30:00.000Z'],
    ],
  );
});

test('a private TZID defined by a VTIMEZONE, a prefixed IANA name and a Windows name are mapped to IANA zones', () => {
  const source = ics(
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    ...BERLIN_VTIMEZONE.map((line) => (line === 'TZID:Europe/Berlin' ? 'TZID:Company Time' : line)),
    'BEGIN:VEVENT',
    'UID:a',
    'SUMMARY:Audit',
    'DTSTART;TZID=Company Time:20260701T090000',
    'DTEND;TZID=Company Time:20260701T170000',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:b',
    'SUMMARY:Lightning export',
    'DTSTART;TZID=/freeassociation.sourceforge.net/Tzfile/America/Sao_Paulo:20180115T120000',
    'DTEND;TZID=/freeassociation.sourceforge.net/Tzfile/America/Sao_Paulo:20180115T130000',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:c',
    'SUMMARY:Outlook export',
    'DTSTART;TZID="India Standard Time":20260701T090000',
    'DTEND;TZID="India Standard Time":20260701T100000',
    'END:VEVENT',
    'END:VCALENDAR',
  );
  const result = importIcs(source, { ...options, defaultZone: 'UTC' });
  assert.deepEqual(
    result.blackouts.map((blackout) => blackout.rule.kind === 'rrule' && blackout.rule.zone),
    ['Europe/Berlin', 'America/Sao_Paulo', 'Asia/Kolkata'],
  );
  assert.match(result.warnings[0]!.message, /Company Time.*Europe\/Berlin by its UTC offsets/);
  const occurrences = expandBlackouts(result.blackouts, { start: '2018-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' });
  assert.deepEqual(
    occurrences.map((entry) => entry.start),
    ['2018-01-15T14:00:00.000Z', '2026-07-01T03:30:00.000Z', '2026-07-01T07:00:00.000Z'],
  );
});

test('a moved occurrence (RECURRENCE-ID) replaces the master occurrence; a cancelled event is listed as skipped with its line', () => {
  const source = ics(
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:standup-freeze',
    'SUMMARY:Board meeting freeze',
    'DTSTART;TZID=Europe/Berlin:20260105T100000',
    'DTEND;TZID=Europe/Berlin:20260105T120000',
    'RRULE:FREQ=WEEKLY;COUNT=3',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:standup-freeze',
    'RECURRENCE-ID;TZID=Europe/Berlin:20260112T100000',
    'SUMMARY:Board meeting freeze (moved)',
    'DTSTART;TZID=Europe/Berlin:20260113T140000',
    'DTEND;TZID=Europe/Berlin:20260113T160000',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:dropped',
    'STATUS:CANCELLED',
    'SUMMARY:Dropped',
    'DTSTART;TZID=Europe/Berlin:20260105T100000',
    'DTEND;TZID=Europe/Berlin:20260105T120000',
    'END:VEVENT',
    'END:VCALENDAR',
  );
  const result = importIcs(source, options);
  assert.deepEqual(result.warnings, []);
  assert.deepEqual(result.skipped, [{ line: 17, component: 'VEVENT', title: 'Dropped', reason: 'cancelled (STATUS:CANCELLED)' }]);
  const occurrences = expandBlackouts(result.blackouts, { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' });
  assert.deepEqual(
    occurrences.map((entry) => [entry.title, entry.localStart]),
    [
      ['Board meeting freeze', '2026-01-05T10:00'],
      ['Board meeting freeze (moved)', '2026-01-13T14:00'],
      ['Board meeting freeze', '2026-01-19T10:00'],
    ],
  );
});

test('malformed files are refused with the line and the reason, and nothing is imported', () => {
  const good = [
    'BEGIN:VEVENT',
    'UID:ok',
    'SUMMARY:Fine',
    'DTSTART;TZID=Europe/Berlin:20260320T120000',
    'DTEND;TZID=Europe/Berlin:20260320T130000',
    'END:VEVENT',
  ];
  // Line 9 has no colon.
  expectRefused(ics('BEGIN:VCALENDAR', 'VERSION:2.0', ...good, 'THIS IS NOT A PROPERTY', 'END:VCALENDAR'), 9, /expected a property like NAME:value/);
  // Month 13 is not a date (ical.js alone would roll it over to next year).
  expectRefused(
    ics(
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      ...good,
      'BEGIN:VEVENT',
      'UID:bad',
      'DTSTART;TZID=Europe/Berlin:20261340T120000',
      'DTEND;TZID=Europe/Berlin:20261340T130000',
      'END:VEVENT',
      'END:VCALENDAR',
    ),
    11,
    /DTSTART '20261340T120000' is not a real date/,
  );
  expectRefused(
    ics(
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:r',
      'DTSTART:20260320T120000Z',
      'DURATION:PT1H',
      'RRULE:FREQ=SOMETIMES',
      'END:VEVENT',
      'END:VCALENDAR',
    ),
    7,
    /invalid frequency "SOMETIMES"/,
  );
  expectRefused(
    ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:m', 'DTSTART:20260320T120000Z', 'DURATION:PT1M', 'RRULE:FREQ=MINUTELY', 'END:VEVENT', 'END:VCALENDAR'),
    6,
    /repeats every minute; a blackout repeats at most hourly/,
  );
  expectRefused(
    ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:x', 'DTSTART:20260320T120000Z', 'END:VCALENDAR'),
    6,
    /END:VCALENDAR closes BEGIN:VEVENT of line 3/,
  );
  expectRefused(ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:x', 'DTSTART:20260320T120000Z'), 3, /BEGIN:VEVENT is never closed/);
  expectRefused(
    ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:x', 'DTSTART;TZID=Mars/Olympus:20260320T120000', 'DURATION:PT1H', 'END:VEVENT', 'END:VCALENDAR'),
    4,
    /TZID 'Mars\/Olympus' is not an IANA zone/,
  );
  expectRefused(
    ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:x', 'DTSTART:20260320T120000Z', 'DTEND:20260320T110000Z', 'END:VEVENT', 'END:VCALENDAR'),
    5,
    /DTEND '20260320T110000Z' is before DTSTART/,
  );
  expectRefused(ics('BEGIN:VCALENDAR', ...good, ...good, 'END:VCALENDAR'), 8, /UID 'ok' is used again \(first at line 2\)/);
  expectRefused(ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:x', 'SUMMARY:No start', 'END:VEVENT', 'END:VCALENDAR'), 2, /no DTSTART/);
  expectRefused('', undefined, /empty/);
  expectRefused(ics('BEGIN:VEVENT', 'END:VEVENT'), 1, /must start with BEGIN:VCALENDAR/);
});

test('line numbers count physical lines: folded lines and LF-only files', () => {
  const source = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:folded',
    'SUMMARY:A very long summary that the producer folded',
    '  onto a second line',
    'DTSTART;TZID=Europe/Berlin:20260320T120000',
    'DTEND;TZID=Europe/Berlin:2026032',
    ' 0T25000',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\n');
  expectRefused(source, 8, /DTEND '20260320T25000' is not a date-time/);
  const fixed = source.replace(' 0T25000', ' 0T130000');
  const result = importIcs(fixed, options);
  assert.equal(result.blackouts[0]!.title, 'A very long summary that the producer folded onto a second line');
});

test('DURATION: days on the wall clock, hours in real time (RFC 5545 3.3.6)', () => {
  const source = ics(
    'BEGIN:VCALENDAR',
    'BEGIN:VEVENT',
    'UID:d',
    'DTSTART;TZID=Europe/Berlin:20260328T120000',
    'DURATION:P1DT1H',
    'END:VEVENT',
    'END:VCALENDAR',
  );
  const [occurrence] = expandBlackouts(importIcs(source, options).blackouts, { start: '2026-03-01T00:00:00Z', end: '2026-04-01T00:00:00Z' });
  // Saturday 12:00 CET = 11:00Z; one day later is Sunday 12:00 CEST = 10:00Z; plus one real hour.
  assert.deepEqual([occurrence!.start, occurrence!.end, occurrence!.localEnd], ['2026-03-28T11:00:00.000Z', '2026-03-29T11:00:00.000Z', '2026-03-29T13:00']);
});
