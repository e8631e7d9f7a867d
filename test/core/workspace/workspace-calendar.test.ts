import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceCalendar } from '../../../main/core/workspace/workspace-calendar';
import { scheduleFindings } from '../../../main/core/schedule/schedule-findings';
import { initialScheduleState } from '../../../main/core/schedule/schedule-state';
import { tempDir } from '../../support/temp-dir';

const weekly = (startDay: number) => ({ kind: 'weekly' as const, zone: 'Europe/Berlin', startDay, startTime: '12:00', endDay: startDay, endTime: '18:00' });

test('a new calendar is written at once, with the Friday rule on as a warning in each release’s own zone', async () => {
  const dir = tempDir();
  const calendar = await WorkspaceCalendar.open(dir, 'Asia/Kolkata');
  const onDisk = JSON.parse(readFileSync(join(dir, 'calendar.json'), 'utf8'));
  assert.deepEqual(onDisk, calendar.data);
  assert.equal(calendar.data.zone, 'Asia/Kolkata');
  assert.equal(calendar.data.fridayRule?.zone, undefined, 'no fixed zone: the release’s');
  assert.equal(calendar.data.fridayRule?.severity, 'warn');
});

test('the default Friday rule of a workspace served from a UTC machine holds Friday 12:00 on each release’s clock', async () => {
  const calendar = await WorkspaceCalendar.open(tempDir(), 'UTC');
  const findingsFor = (window: { start: string; end: string; zone: string }) =>
    scheduleFindings({
      state: { ...initialScheduleState(), window },
      release: { releaseId: 'r', title: 'R', targets: [], scope: { services: [], environmentClasses: ['production'] } },
      calendar: calendar.blackouts,
      workspaceFridayRule: calendar.data.fridayRule,
      others: [],
    }).filter((finding) => finding.rule === 'friday-rule');
  // Friday 12:15-12:45 in Berlin (11:15Z): Friday afternoon for a Berlin team, still morning in UTC.
  const berlin = findingsFor({ start: '2026-11-27T12:15', end: '2026-11-27T12:45', zone: 'Europe/Berlin' });
  assert.deepEqual(
    berlin.map((finding) => [finding.severity, finding.period.start]),
    [['warn', '2026-11-27T11:15:00.000Z']],
  );
  assert.match(berlin[0]!.message, /Fri 27 Nov 12:00 - Mon 30 Nov 00:00 Europe\/Berlin \(the Friday rule, in the release’s zone\)/);
  // Friday 09:00-11:00 in São Paulo (12:00Z-14:00Z): past noon in UTC, but morning for the team: allowed.
  assert.deepEqual(findingsFor({ start: '2026-11-27T09:00', end: '2026-11-27T11:00', zone: 'America/Sao_Paulo' }), []);
});

test('changes made at the same time are all kept, in order, and survive a reopen', async () => {
  const dir = tempDir();
  const calendar = await WorkspaceCalendar.open(dir, 'UTC');
  let heard = 0;
  calendar.onChange(() => (heard += 1));
  await Promise.all(
    Array.from({ length: 12 }, (_, index) => calendar.addBlackout('ana', { title: `Freeze ${index}`, scope: { kind: 'all' }, rule: weekly((index % 7) + 1) })),
  );
  assert.equal(heard, 12);
  const reopened = await WorkspaceCalendar.open(dir, 'UTC');
  assert.deepEqual(
    reopened.data.blackouts.map((blackout) => blackout.title),
    Array.from({ length: 12 }, (_, index) => `Freeze ${index}`),
  );
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.includes('.tmp')),
    [],
    'no temp file left behind',
  );
});

test('a refused change writes nothing and names the problem', async () => {
  const dir = tempDir();
  const calendar = await WorkspaceCalendar.open(dir, 'UTC');
  const before = readFileSync(join(dir, 'calendar.json'), 'utf8');
  await assert.rejects(
    calendar.addBlackout('ana', {
      title: 'Backwards',
      scope: { kind: 'all' },
      rule: { kind: 'once', zone: 'UTC', start: '2026-05-02T10:00', end: '2026-05-01T10:00' },
    }),
    /ends \(2026-05-01T10:00\) before it starts/,
  );
  await assert.rejects(calendar.removeBlackout('nope'), /no blackout 'nope'.*calendar\.json/);
  assert.equal(readFileSync(join(dir, 'calendar.json'), 'utf8'), before);
});

test('a calendar.json that is not a calendar is moved aside with its reason', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'calendar.json'), JSON.stringify({ format: 1, zone: 'Mars/Olympus', fridayRule: null, blackouts: [], imports: [] }));
  const calendar = await WorkspaceCalendar.open(dir, 'UTC');
  assert.match(calendar.warnings[0]!, /not a War Room calendar \(zone: must be an IANA time zone/);
  const aside = readdirSync(dir).find((name) => name.startsWith('calendar.json.corrupt-'));
  assert.ok(aside);
  assert.match(readFileSync(join(dir, aside), 'utf8'), /Mars\/Olympus/);
});
