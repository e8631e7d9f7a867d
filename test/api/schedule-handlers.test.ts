import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import { scheduleGateBlockers } from '../../main/api/schedule-context';
import type { Services } from '../../main/api/services';
import type { RequestName, RequestOutput } from '../../contract/requests';
import { tempDir } from '../support/temp-dir';

const context = { actor: 'tester', transport: 'test' } as const;

async function call<Name extends RequestName>(services: Services, name: Name, input: unknown): Promise<RequestOutput<Name>> {
  const result = await dispatch(services, name, input, context);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as RequestOutput<Name>;
}

async function demo(dir = tempDir()): Promise<{ services: Services; slug: string; dir: string }> {
  const services = await bootServices({ workspaceDir: dir, runtime: 'browser' });
  const [listing] = await services.workspace.list();
  return { services, slug: listing!.slug, dir };
}

test('the demo release has a window from T-0 to T+4h and three pods in their zones', async () => {
  const { services, slug } = await demo();
  const status = await call(services, 'schedule.status', { slug });
  const meta = (await services.release(slug)).state.meta!;
  assert.equal(status.windowIsDefault, false);
  assert.equal(status.resolved.goLive, DateTime.fromISO(meta.goLive).toUTC().toISO());
  assert.equal(DateTime.fromISO(status.resolved.end).diff(DateTime.fromISO(status.resolved.start), 'hours').hours, 4);
  assert.deepEqual(
    status.pods.map((pod) => pod.zone),
    ['Europe/Berlin', 'America/Sao_Paulo', 'Asia/Kolkata'],
  );
  assert.ok(status.plan.hours.length === 4);
  await services.dispose();
});

test('a weekly blackout over the window is a blocking finding until overridden with a reason, journaled; the gate sees it', async () => {
  const { services, slug } = await demo();
  const release = await services.release(slug);
  const start = DateTime.fromISO(release.state.meta!.goLive).setZone('Europe/Berlin');
  const end = start.plus({ hours: 1 });
  const calendar = await call(services, 'calendar.addBlackout', {
    title: 'Payments freeze',
    scope: { kind: 'all' },
    rule: {
      kind: 'weekly',
      zone: 'Europe/Berlin',
      startDay: start.weekday,
      startTime: start.toFormat('HH:mm'),
      endDay: end.weekday,
      endTime: end.toFormat('HH:mm'),
    },
  });
  assert.equal(calendar.blackouts.length, 1);
  assert.equal(calendar.blackouts[0]!.addedBy, 'tester');
  const onDisk = JSON.parse(readFileSync(join(services.workspace.dir, 'calendar', 'calendar.json'), 'utf8'));
  assert.equal(onDisk.blackouts[0].title, 'Payments freeze');

  const status = await call(services, 'schedule.status', { slug });
  const finding = status.findings.find((entry) => entry.rule === 'blackout');
  assert.ok(finding, 'the blackout is found');
  assert.match(finding.message, /Payments freeze/);
  assert.deepEqual(
    (await scheduleGateBlockers(services, release)).map((entry) => entry.id),
    [finding.id],
  );
  const gates = (await call(services, 'poll.gates', { slug })) as unknown as { overridableBlockers: readonly { kind: string; message: string }[] };
  assert.ok(
    gates.overridableBlockers.some((blocker) => blocker.kind === 'policy' && /Payments freeze/.test(blocker.message)),
    'the go/no-go gate weighs the blackout',
  );

  const short = await dispatch(services, 'schedule.override', { slug, findingId: finding.id, reason: 'ok' }, context);
  assert.equal(short.ok, false);
  const after = await call(services, 'schedule.override', { slug, findingId: finding.id, reason: 'The freeze owner (Ana) approved this window by mail.' });
  assert.equal(after.findings.find((entry) => entry.id === finding.id)?.override?.actor, 'tester');
  assert.deepEqual(await scheduleGateBlockers(services, release), []);
  const cleared = (await call(services, 'poll.gates', { slug })) as unknown as { overridableBlockers: readonly { kind: string }[] };
  assert.equal(
    cleared.overridableBlockers.some((blocker) => blocker.kind === 'policy'),
    false,
    'an override in the header clears the gate',
  );
  const journal = readFileSync(join(release.dir, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(journal.at(-1).type, 'schedule.override-recorded');
  assert.equal(journal.at(-1).data.reason, 'The freeze owner (Ana) approved this window by mail.');

  await call(services, 'calendar.removeBlackout', { id: calendar.blackouts[0]!.id });
  assert.equal(
    (await call(services, 'schedule.status', { slug })).findings.some((entry) => entry.rule === 'blackout'),
    false,
  );
  await services.dispose();
});

test('setting the window moves T-0 with it; a window that ends before it starts is refused', async () => {
  const { services, slug } = await demo();
  const status = await call(services, 'schedule.setWindow', {
    slug,
    window: { start: '2026-03-29T01:00', end: '2026-03-29T05:00', zone: 'Europe/Berlin', goLive: '2026-03-29T01:30' },
  });
  assert.equal(status.resolved.goLive, '2026-03-29T00:30:00.000Z');
  assert.equal((await services.release(slug)).state.meta!.goLive, '2026-03-29T01:30:00+01:00');
  assert.ok(
    status.findings.some((finding) => finding.rule === 'clock-change'),
    'the spring-forward night is noticed',
  );
  const refused = await dispatch(
    services,
    'schedule.setWindow',
    { slug, window: { start: '2026-03-30T05:00', end: '2026-03-30T01:00', zone: 'Europe/Berlin' } },
    context,
  );
  assert.equal(refused.ok, false);
  if (!refused.ok) assert.match(refused.error.message, /ends .* before it starts/);
  await services.dispose();
});

test('two releases on the same target in overlapping windows find each other', async () => {
  const { services, slug } = await demo();
  const meta = (await services.release(slug)).state.meta!;
  await call(services, 'release.create', {
    definition: { name: 'Payments 7.3', mode: 'live', goLive: meta.goLive, zone: 'Europe/Berlin' },
    targets: [{ ...meta.targets[0]!, name: 'the shared box' }],
  });
  const status = await call(services, 'schedule.status', { slug });
  const overlap = status.findings.find((finding) => finding.rule === 'target-overlap');
  assert.ok(overlap);
  assert.match(overlap.message, /Payments 7\.3.*sandbox \(local\)/);
  await services.dispose();
});

test('an .ics with a bad line is refused with the line and nothing is imported; a good one is kept as a file', async () => {
  const { services, dir } = await demo();
  const bad = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:x1',
    'DTSTART;TZID=Europe/Berlin:20261225T000000',
    'DTEND;TZID=Europe/Berlin:2026-12-26',
    'SUMMARY:Christmas',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  const refused = await dispatch(services, 'calendar.importIcs', { fileName: 'holidays.ics', text: bad }, context);
  assert.equal(refused.ok, false);
  if (!refused.ok) assert.match(refused.error.message, /holidays\.ics line 6: .*nothing was imported/);
  assert.equal((await call(services, 'calendar.get', {})).blackouts.length, 0);
  assert.deepEqual(readdirSync(join(dir, 'calendar', 'imports')), []);

  const good =
    bad.replace('DTEND;TZID=Europe/Berlin:2026-12-26', 'DTEND;TZID=Europe/Berlin:20261227T000000').replace('END:VCALENDAR', '') +
    [
      'BEGIN:VEVENT',
      'UID:fri',
      'DTSTART;TZID=Europe/Berlin:20260320T120000',
      'DTEND;TZID=Europe/Berlin:20260323T060000',
      'RRULE:FREQ=WEEKLY;BYDAY=FR',
      'SUMMARY:Weekend freeze',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  const outcome = await call(services, 'calendar.importIcs', { fileName: 'holidays.ics', text: good });
  assert.equal(outcome.record.blackouts, 2);
  assert.equal(readFileSync(join(dir, 'calendar', outcome.record.storedAs), 'utf8'), good);
  // The weekly freeze keeps 12:00 Berlin on both sides of the spring-forward night.
  const week = await call(services, 'schedule.calendar', { view: 'week', date: '2026-03-27', zone: 'Europe/Berlin' });
  const sunday = week.days.find((day) => day.date === '2026-03-29')!;
  assert.equal(sunday.hours, 23);
  const april = await call(services, 'schedule.calendar', { view: 'week', date: '2026-04-03', zone: 'Europe/Berlin' });
  const friday = april.days.find((day) => day.date === '2026-04-03')!;
  assert.equal(friday.entries.find((entry) => entry.title === 'Weekend freeze')?.localFrom, '12:00');
  // Importing the same calendar again replaces, not duplicates.
  await call(services, 'calendar.importIcs', { fileName: 'holidays.ics', text: good });
  assert.equal((await call(services, 'calendar.get', {})).blackouts.length, 2);
  await services.dispose();
});

test('an unreadable calendar.json is moved aside, never overwritten, and the warning names it', async () => {
  const first = await demo();
  await first.services.dispose();
  const file = join(first.dir, 'calendar', 'calendar.json');
  writeFileSync(file, '{ "format": 1, "blackouts": [ broken');
  const services = await bootServices({ workspaceDir: first.dir, runtime: 'browser' });
  const view = await call(services, 'calendar.get', {});
  assert.equal(view.warnings.length, 1);
  assert.match(view.warnings[0]!, /calendar\.json could not be read: it is not valid JSON.*moved to .*calendar\.json\.corrupt-/);
  const aside = readdirSync(join(first.dir, 'calendar')).find((name) => name.startsWith('calendar.json.corrupt-'))!;
  assert.equal(readFileSync(join(first.dir, 'calendar', aside), 'utf8'), '{ "format": 1, "blackouts": [ broken');
  assert.ok((await call(services, 'app.info', {})).warnings.some((warning) => warning.includes(aside)));
  await services.dispose();
});

test('the .ics export holds every release window with a stable UID', async () => {
  const { services, slug } = await demo();
  const exported = await call(services, 'schedule.exportIcs', {});
  assert.equal(exported.windows, 1);
  assert.match(exported.text, new RegExp(`UID:release-window-${slug}@warroom`));
  assert.match(exported.text, /DTSTART;TZID=Europe\/Berlin:/);
  await services.dispose();
});

test('the rehearsed rollback is the last succeeded rehearsal run of a rollback playbook', async () => {
  const { rehearsedRollback } = await import('../../main/core/schedule/release-schedule');
  const step = (durationMs: number) => ({ durationMs, status: 'succeeded', markedDone: false, decisions: [] }) as never;
  const run = (id: string, name: string, mode: string, status: string, steps: number[]) =>
    ({
      id,
      playbook: { name, file: `${name}.yaml` },
      mode,
      status,
      startAt: 0,
      interruptions: 0,
      steps: steps.map(step),
      startedAt: 't',
      endedAt: 'e',
    }) as never;
  assert.equal(rehearsedRollback({ runs: [] }), null);
  const found = rehearsedRollback({
    runs: [
      run('a', 'demo-rollback', 'rehearsal', 'succeeded', [1000, 2000]),
      run('b', 'canary', 'rehearsal', 'succeeded', [5]),
      run('c', 'rollback', 'dry-run', 'succeeded', [9]),
      run('d', 'Rollback v2', 'rehearsal', 'failed', [9]),
    ],
  });
  assert.equal(found?.runId, 'a');
  assert.equal(found?.ms, 3000);
});
