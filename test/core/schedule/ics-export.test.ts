import { test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { exportWindowsIcs, windowUid } from '../../../main/core/schedule/ics-export';
import { importIcs } from '../../../main/core/schedule/ics-import';
import { expandBlackouts } from '../../../main/core/schedule/blackout-calendar';

const windows = [
  {
    releaseId: 'payments-4-2',
    title: 'Payments 4.2',
    window: { start: '2026-03-31T22:00', end: '2026-04-01T02:00', zone: 'Europe/Berlin' },
    description: 'Canary 1% -> 100%',
  },
  // Starts in the skipped hour: exported as 03:30 CEST.
  { releaseId: 'search-7', title: 'Search 7', window: { start: '2026-03-29T02:30', end: '2026-03-29T06:00', zone: 'Europe/Berlin' } },
  // Starts at the second 02:30 of the fall-back night: TZID cannot say that, so UTC.
  {
    releaseId: 'ledger-3',
    title: 'Ledger 3',
    window: { start: '2026-10-25T02:30', end: '2026-10-25T05:00', zone: 'Europe/Berlin', fold: { start: 'later' as const } },
  },
  { releaseId: 'ny-1', title: 'NY 1', window: { start: '2026-11-01T00:00', end: '2026-11-01T03:00', zone: 'America/New_York' } },
];
const expected = [
  ['2026-03-29T01:30:00.000Z', '2026-03-29T04:00:00.000Z'],
  ['2026-03-31T20:00:00.000Z', '2026-04-01T00:00:00.000Z'],
  ['2026-10-25T01:30:00.000Z', '2026-10-25T04:00:00.000Z'],
  ['2026-11-01T04:00:00.000Z', '2026-11-01T08:00:00.000Z'],
];

function instantsOf(text: string): string[][] {
  const blackouts = importIcs(text, { file: 'export.ics', scope: { kind: 'all' }, defaultZone: 'UTC' }).blackouts;
  return expandBlackouts(blackouts, { start: '2026-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' }).map((entry) => [entry.start, entry.end]);
}

for (const mode of ['utc', 'tzid'] as const) {
  test(`export in ${mode} mode: valid iCalendar, stable UIDs, same bytes for the same input, instants round-trip`, () => {
    const text = exportWindowsIcs(windows, { now: '2026-03-01T10:00:00Z', mode });
    assert.equal(text, exportWindowsIcs([...windows].reverse(), { now: '2026-03-01T10:00:00Z', mode }));
    assert.ok(
      text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75),
      'lines folded at 75 octets',
    );
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent');
    assert.deepEqual(
      events.map((event) => event.getFirstPropertyValue('uid')),
      ['ledger-3', 'ny-1', 'payments-4-2', 'search-7'].map(windowUid),
    );
    assert.equal(events[0]!.getFirstPropertyValue('dtstamp')!.toString(), '2026-03-01T10:00:00Z');
    assert.deepEqual(instantsOf(text), expected);
  });
}

test('tzid mode writes wall-clock times with a VTIMEZONE that ical.js itself converts to the right instants', () => {
  const text = exportWindowsIcs(windows, { now: '2026-03-01T10:00:00Z', mode: 'tzid' });
  assert.match(text, /DTSTART;TZID=Europe\/Berlin:20260331T220000\r\n/);
  assert.match(text, /DTSTART;TZID=Europe\/Berlin:20260329T033000\r\n/);
  assert.match(text, /DTSTART:20261025T013000Z\r\n/);
  assert.match(text, /DTSTART;TZID=America\/New_York:20261101T000000\r\n/);
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  try {
    const utc = calendar.getAllSubcomponents('vevent').map((event) => {
      const start = event.getFirstPropertyValue('dtstart') as InstanceType<typeof ICAL.Time>;
      const tzid = event.getFirstProperty('dtstart')!.getParameter('tzid');
      const zone = typeof tzid === 'string' ? ICAL.TimezoneService.get(tzid) : ICAL.Timezone.utcTimezone;
      const time = ICAL.Time.fromData(
        { year: start.year, month: start.month, day: start.day, hour: start.hour, minute: start.minute, second: start.second },
        zone!,
      );
      return new Date(time.toUnixTime() * 1000).toISOString();
    });
    assert.deepEqual(utc, ['2026-10-25T01:30:00.000Z', '2026-11-01T04:00:00.000Z', '2026-03-31T20:00:00.000Z', '2026-03-29T01:30:00.000Z']);
  } finally {
    ICAL.TimezoneService.reset();
  }
  assert.match(text, /skipped|does not exist/);
});
