import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceCalendar } from '../../../main/core/workspace/workspace-calendar';
import { tempDir } from '../../support/temp-dir';

const weekly = (startDay: number) => ({ kind: 'weekly' as const, zone: 'Europe/Berlin', startDay, startTime: '12:00', endDay: startDay, endTime: '18:00' });

test('a new calendar is written at once, with the Friday rule on as a warning in the given zone', async () => {
  const dir = tempDir();
  const calendar = await WorkspaceCalendar.open(dir, 'Asia/Kolkata');
  const onDisk = JSON.parse(readFileSync(join(dir, 'calendar.json'), 'utf8'));
  assert.deepEqual(onDisk, calendar.data);
  assert.equal(calendar.data.fridayRule?.zone, 'Asia/Kolkata');
  assert.equal(calendar.data.fridayRule?.severity, 'warn');
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
