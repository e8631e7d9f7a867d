import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importIcs } from '../../main/core/schedule/ics-import';
import { expandBlackouts } from '../../main/core/schedule/blackout-calendar';
import { tempDir } from '../support/temp-dir';

const cli = new URL('../../main/cli.ts', import.meta.url).pathname;
const fixtures = new URL('../core/schedule/fixtures/', import.meta.url).pathname;

function warroom(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, TZ: 'UTC' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('calendar expand --json prints the instants the import yields (UTC and local), with what it left out', () => {
  const file = join(fixtures, 'dtstart-only.ics');
  const result = warroom('calendar', 'expand', file, '--from', '2026-08-01', '--to', '2026-08-31', '--zone', 'Europe/Berlin', '--json');
  assert.equal(result.code, 0, result.stderr);
  const printed = JSON.parse(result.stdout);
  // The same code as the import: the same occurrences, one for one.
  const imported = importIcs(readFileSync(file, 'utf8'), { file, scope: { kind: 'all' }, defaultZone: 'Europe/Berlin' });
  const expected = expandBlackouts(imported.blackouts, { start: '2026-07-31T22:00:00.000Z', end: '2026-08-31T22:00:00.000Z' });
  assert.deepEqual(
    printed.occurrences.map((entry: { start: string; end: string; localStart: string; zone: string }) => [
      entry.start,
      entry.end,
      entry.localStart,
      entry.zone,
    ]),
    expected.map((entry) => [entry.start, entry.end, entry.localStart, entry.zone]),
  );
  assert.equal(printed.occurrences.length, 5);
  assert.deepEqual(
    printed.occurrences.filter((entry: { marker: boolean }) => entry.marker).map((entry: { title: string }) => entry.title),
    ['Milestone review'],
  );
  assert.deepEqual(
    printed.skipped.map((entry: { line: number; component: string }) => [entry.line, entry.component]),
    [
      [18, 'VTODO'],
      [30, 'VEVENT'],
      [38, 'VJOURNAL'],
    ],
  );
});

test('calendar expand prints one line per occurrence: kind, UTC instants, local times in the event zone, title', () => {
  const result = warroom('calendar', 'expand', join(fixtures, 'holidays-transparent.ics'), '--from', '2026-10-01', '--to', '2026-12-31');
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.trim().split('\n');
  assert.match(lines[0]!, /holidays-transparent\.ics: 3 event\(s\), 3 imported \(2 information only, 0 marker\(s\)\), 0 not imported/);
  assert.match(lines[1]!, /read in UTC \(X-WR-TIMEZONE\)/);
  assert.deepEqual(lines.slice(3), [
    '  info   2026-10-03 00:00Z → 2026-10-04 00:00Z  (2026-10-03 00:00 → 2026-10-04 00:00 UTC)  Tag der Deutschen Einheit',
    '  info   2026-12-25 00:00Z → 2026-12-27 00:00Z  (2026-12-25 00:00 → 2026-12-27 00:00 UTC)  Weihnachten',
    '  block  2026-12-31 00:00Z → 2027-01-01 00:00Z  (2026-12-31 00:00 → 2027-01-01 00:00 UTC)  Year-end freeze',
  ]);
});

test('calendar expand says what is wrong in one line: missing file, not a regular file, bad date, bad calendar', () => {
  const dir = tempDir();
  const broken = join(dir, 'broken.ics');
  writeFileSync(broken, 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261340T120000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
  const cases: [string[], number, RegExp][] = [
    [[join(dir, 'missing.ics'), '--from', '2026-01-01', '--to', '2026-02-01'], 1, /missing\.ics does not exist/],
    [[dir, '--from', '2026-01-01', '--to', '2026-02-01'], 1, /is not a regular file/],
    [[broken, '--from', '2026-02-30', '--to', '2026-03-01'], 2, /--from '2026-02-30' is not a real date/],
    [[broken, '--from', '2026-03-01', '--to', '2026-02-01'], 2, /--to 2026-02-01 is not after --from 2026-03-01/],
    [[broken, '--from', '2026-01-01', '--to', '2026-02-01'], 1, /broken\.ics line 3: DTSTART '20261340T120000' is not a real date/],
  ];
  for (const [args, code, message] of cases) {
    const result = warroom('calendar', 'expand', ...args);
    assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
    assert.equal(result.stdout, '');
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `one line, no stack: ${result.stderr}`);
    assert.match(lines[0]!, message);
  }
});
