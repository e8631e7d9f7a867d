import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Release } from '../../../main/core/release/release';
import { createReleaseEvents, type ReleaseDefinition } from '../../../contract/domain/release/release-meta';
import { logIssue, moveIssue, triageIssue } from '../../../main/core/hypercare/hypercare-commands';
import { issueLogSchema } from '../../../contract/domain/hypercare/hypercare-schemas';
import { dueBreaches, slaCompliance, slaTimers } from '../../../main/core/hypercare/sla-clock';
import { DEFAULT_SLA_SETTINGS, slaSettingsSchema } from '../../../contract/domain/hypercare/sla-settings';
import { readSlaSettings, slaSettingsFile, writeSlaSettings } from '../../../main/core/hypercare/sla-settings-file';
import { SlaWatcher } from '../../../main/core/hypercare/sla-watcher';
import { initialHypercareState, type HypercareIssue } from '../../../contract/domain/hypercare/hypercare-model';
import { tempDir } from '../../support/temp-dir';
import { writeFileSync } from 'node:fs';

const definition = {
  name: 'Payments 4.2',
  version: '4.2.0',
  mode: 'live',
  goLive: '2026-10-24T22:00:00+02:00',
  zone: 'Europe/Berlin',
  description: '',
} as ReleaseDefinition;

const MINUTE = 60_000;

function issueAt(loggedAt: string, severity: HypercareIssue['severity'] = 'sev2'): HypercareIssue {
  return {
    id: 'ISS-1',
    title: 't',
    source: 'monitoring',
    reporter: '',
    customer: '',
    environment: 'production',
    severity,
    impact: 2,
    urgency: 2,
    links: { risk: null, incident: null, step: null },
    state: 'new',
    pod: null,
    contact: null,
    remedy: null,
    loggedAt,
    loggedBy: 'dana',
    acknowledgedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    moves: [],
    updatedAt: loggedAt,
  };
}

test('SLA clocks run on real elapsed time through the daylight-saving night: warning, then breach', () => {
  // Logged at 02:40 CEST on Sun 25 Oct 2026 (00:40 UTC); 20 real minutes later the wall clock in
  // Berlin has fallen back to 02:00 CET. A 30-minute acknowledge target is due at 01:10 UTC.
  const issue = issueAt('2026-10-25T00:40:00.000Z');
  const ack = (now: string) => slaTimers(issue, DEFAULT_SLA_SETTINGS, Date.parse(now)).find((timer) => timer.clock === 'acknowledge')!;
  assert.equal(ack('2026-10-25T00:40:00Z').dueAt, '2026-10-25T01:10:00.000Z');
  assert.equal(ack('2026-10-25T01:02:00Z').status, 'ok');
  assert.equal(ack('2026-10-25T01:02:30Z').status, 'warning', '75% of 30 minutes ran');
  assert.equal(ack('2026-10-25T01:09:59Z').status, 'warning');
  assert.equal(ack('2026-10-25T01:10:00Z').status, 'breached');
  assert.equal(ack('2026-10-25T01:10:00Z').remainingMs, 0);
  const stopped = { ...issue, acknowledgedAt: '2026-10-25T01:05:00.000Z' };
  const met = slaTimers(stopped, DEFAULT_SLA_SETTINGS, Date.parse('2026-10-25T05:00:00Z')).find((timer) => timer.clock === 'acknowledge')!;
  assert.equal(met.status, 'met');
  assert.equal(met.remainingMs, 5 * MINUTE);
});

test('a breach is owed once per issue and clock, also when the clock stopped late', () => {
  const late = { ...issueAt('2026-12-01T10:00:00.000Z', 'sev1'), acknowledgedAt: '2026-12-01T10:20:00.000Z' };
  const state = { ...initialHypercareState(), issues: [late] };
  const owed = dueBreaches(state, DEFAULT_SLA_SETTINGS, Date.parse('2026-12-01T10:30:00Z'));
  assert.deepEqual(
    owed.map((event) => event.data),
    [{ issue: 'ISS-1', clock: 'acknowledge', severity: 'sev1', dueAt: '2026-12-01T10:15:00.000Z', targetMinutes: 15 }],
  );
  const recorded = {
    ...state,
    breaches: [{ issue: 'ISS-1', clock: 'acknowledge' as const, severity: 'sev1' as const, dueAt: '', targetMinutes: 15, recordedAt: '' }],
  };
  assert.deepEqual(dueBreaches(recorded, DEFAULT_SLA_SETTINGS, Date.parse('2026-12-01T10:30:00Z')), []);
  assert.deepEqual(
    slaCompliance(recorded, DEFAULT_SLA_SETTINGS, Date.parse('2026-12-01T10:30:00Z')).map((row) => [row.clock, row.met, row.breached, row.running]),
    [
      ['acknowledge', 0, 1, 0],
      ['mitigate', 0, 0, 1],
      ['resolve', 0, 0, 1],
    ],
  );
});

test('the watcher journals a breach exactly once, across repeated checks, a racing move and a restart', async () => {
  const dir = join(tempDir(), 'payments');
  let release = await Release.create(dir, 'payments', 'dana', createReleaseEvents(definition, []));
  await release.execute('dana', (state, context) =>
    logIssue(state, issueLogSchema.parse({ title: 'Refunds stuck', source: 'customer', customer: 'ACME', severity: 'sev1' }), context),
  );
  const loggedAt = Date.parse(release.state.hypercare.issues[0]!.loggedAt);
  let offset = 10 * MINUTE;
  const now = () => loggedAt + offset;
  const breachEvents = (of: Release) => of.eventsOfKinds(['incident']).filter((event) => event.type === 'hypercare.sla-breached');

  let watcher = new SlaWatcher(release, () => DEFAULT_SLA_SETTINGS, 'warroom', now);
  await watcher.check();
  assert.equal(breachEvents(release).length, 0, '10 minutes into a 15-minute clock: no breach');
  offset = 16 * MINUTE;
  await Promise.all([watcher.check(), watcher.check()]);
  await release.execute('dana', (state, context) =>
    triageIssue(state, { id: 'ISS-1', contact: 'Priya' }, DEFAULT_SLA_SETTINGS, { ...context, now: new Date(now()).toISOString() }),
  );
  assert.deepEqual(
    breachEvents(release).map((event) => (event.data as { clock: string }).clock),
    ['acknowledge'],
  );
  watcher.dispose();
  await release.close();

  // Restart, much later: the acknowledge breach is in the journal; the mitigate clock (60 min) ran out while closed.
  release = await Release.open(dir, 'payments');
  offset = 90 * MINUTE;
  watcher = new SlaWatcher(release, () => DEFAULT_SLA_SETTINGS, 'warroom', now);
  await watcher.check();
  await watcher.check();
  await release.execute('dana', (state, context) =>
    moveIssue(state, { id: 'ISS-1', to: 'triaged' }, DEFAULT_SLA_SETTINGS, { ...context, now: new Date(now()).toISOString() }),
  );
  assert.deepEqual(
    breachEvents(release).map((event) => (event.data as { clock: string }).clock),
    ['acknowledge', 'mitigate'],
  );
  assert.equal(release.state.hypercare.breaches.length, 2);
  watcher.dispose();
  await release.close();
});

test('the watcher wakes itself at the next deadline', async () => {
  const dir = join(tempDir(), 'payments');
  const release = await Release.create(dir, 'payments', 'dana', createReleaseEvents(definition, []));
  const settings = slaSettingsSchema.parse({
    ...DEFAULT_SLA_SETTINGS,
    targets: { ...DEFAULT_SLA_SETTINGS.targets, sev1: { acknowledge: 1, mitigate: 2, resolve: 3 } },
  });
  // The watcher's clock runs 59.9 seconds ahead: the 1-minute acknowledge target runs out about 100 ms after logging.
  const watcher = new SlaWatcher(
    release,
    () => settings,
    'warroom',
    () => Date.now() + 59_900,
  );
  const breached = new Promise<void>((resolve) => {
    release.onChange((events) => {
      if (events.some((event) => event.type === 'hypercare.sla-breached')) resolve();
    });
  });
  await release.execute('dana', (state, context) =>
    logIssue(state, issueLogSchema.parse({ title: 'Login down', source: 'monitoring', severity: 'sev1' }), context),
  );
  // The watcher's timer does not hold the process open (unref): this one does, and fails the test if nothing comes.
  let guard: NodeJS.Timeout | undefined;
  await Promise.race([breached, new Promise((_, reject) => (guard = setTimeout(() => reject(new Error('no breach within 60 s')), 60_000)))]);
  clearTimeout(guard);
  assert.equal(release.state.hypercare.breaches[0]!.clock, 'acknowledge');
  watcher.dispose();
  await release.close();
});

test('SLA settings: defaults without a file, saved durably, a broken file named and kept', async () => {
  const workspace = tempDir();
  assert.deepEqual(await readSlaSettings(workspace), DEFAULT_SLA_SETTINGS);
  const changed = { ...DEFAULT_SLA_SETTINGS, warnAt: 0.5 };
  await writeSlaSettings(workspace, changed);
  assert.equal((await readSlaSettings(workspace)).warnAt, 0.5);
  writeFileSync(
    slaSettingsFile(workspace),
    JSON.stringify({ ...changed, targets: { ...changed.targets, sev2: { acknowledge: 90, mitigate: 30, resolve: 60 } } }),
  );
  await assert.rejects(readSlaSettings(workspace), /hypercare-sla\.json: targets\.sev2 sev2: acknowledge must be at most mitigate/);
});
