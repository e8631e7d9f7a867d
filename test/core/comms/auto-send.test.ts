import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoChannelsFor, triggersOf } from '../../../main/core/comms/auto-send';
import { mergeChannels, secretsOf } from '../../../main/core/comms/channel-settings';
import type { ReleaseState } from '../../../main/core/release/release-state';
import { channelsSchema } from '../../../contract/domain/comms/comms-schemas';
import { AUTO_TEMPLATES, STATUS_TEMPLATES } from '../../../contract/domain/comms/comms-model';

/** Just the slices the triggers read; the rest of a release's state plays no part. */
function stateWith(parts: { decision?: object | null; incidents?: object[]; breaches?: object[]; runs?: object[] }): ReleaseState {
  return {
    runs: { runs: parts.runs ?? [] },
    poll: { decision: parts.decision ?? null },
    incidents: { incidents: parts.incidents ?? [] },
    hypercare: { breaches: parts.breaches ?? [] },
  } as unknown as ReleaseState;
}

test('the moments a release records by itself: the go/no-go decision, each incident opened/mitigated/resolved, each SLA breach, each with a stable key', () => {
  const state = stateWith({
    decision: { outcome: 'GO', decidedAt: '2026-12-03T18:00:00.000Z' },
    incidents: [
      { id: 'INC-1', openedAt: '2026-12-03T19:10:00.000Z', mitigatedAt: '2026-12-03T19:30:00.000Z', resolvedAt: null },
      { id: 'INC-2', openedAt: '2026-12-03T19:20:00.000Z', mitigatedAt: null, resolvedAt: null },
    ],
    breaches: [{ issue: 'ISS-4', clock: 'acknowledge', recordedAt: '2026-12-03T20:00:00.000Z' }],
  });
  assert.deepEqual(
    triggersOf(state).map((trigger) => [trigger.key, trigger.at]),
    [
      ['go-no-go:2026-12-03T18:00:00.000Z', '2026-12-03T18:00:00.000Z'],
      ['incident-opened:INC-1', '2026-12-03T19:10:00.000Z'],
      ['incident-mitigated:INC-1', '2026-12-03T19:30:00.000Z'],
      ['incident-opened:INC-2', '2026-12-03T19:20:00.000Z'],
      ['sla-breach:ISS-4:acknowledge', '2026-12-03T20:00:00.000Z'],
    ],
  );
  assert.deepEqual(triggersOf(state)[0]!.params, { template: 'go-no-go', outcome: 'go', note: '' });
  // A poll not decided (or one reset) announces nothing.
  assert.deepEqual(triggersOf(stateWith({ decision: null })), []);
});

/** A run as the runs slice holds it, with just what the triggers read. */
function run(id: string, mode: string, status: string, startedAt: string, endedAt: string | undefined, steps: object[]): object {
  return { id, mode, status, startedAt, endedAt, steps };
}
function step(id: string, name: string, status: string, endedAt?: string, decisions: object[] = []): object {
  return { id, name, status, endedAt, decisions };
}

test('the moments of live runs: the window started with the first, each step done (N its place), a rollback with why, the release done when the last run succeeded; rehearsals and dry runs announce nothing', () => {
  const T = (time: string) => `2026-12-03T${time}:00.000Z`;
  const state = stateWith({
    runs: [
      run('RUN-1', 'rehearsal', 'succeeded', T('17:00'), T('17:30'), [step('a', 'Drain traffic', 'succeeded', T('17:10'))]),
      run('RUN-3', 'live', 'succeeded', T('19:40'), T('20:10'), [step('smoke', 'Smoke test', 'succeeded', T('20:05'))]),
      run('RUN-2', 'live', 'failed', T('19:00'), T('19:35'), [
        step('drain', 'Drain traffic', 'succeeded', T('19:05')),
        step('migrate', 'Migrate schema', 'failed', T('19:20'), [{ decision: 'rollback', reason: 'error rate 4% over 2%', by: 'runner', at: T('19:21') }]),
        step('restore', 'Restore schema', 'succeeded', T('19:30')),
        step('notify', 'Tell support', 'skipped'),
      ]),
      run('RUN-4', 'dry-run', 'running', T('20:20'), undefined, [step('x', 'Dry', 'succeeded', T('20:21'))]),
    ],
  });
  assert.deepEqual(
    triggersOf(state).map((trigger) => [trigger.key, trigger.at]),
    [
      ['window-started:RUN-2', T('19:00')],
      ['step-done:RUN-2:drain', T('19:05')],
      ['rollback-started:RUN-2:migrate', T('19:21')],
      ['step-done:RUN-2:restore', T('19:30')],
      ['step-done:RUN-3:smoke', T('20:05')],
      ['release-done:RUN-3', T('20:10')],
    ],
  );
  const byKey = new Map(triggersOf(state).map((trigger) => [trigger.key, trigger.params]));
  assert.deepEqual(byKey.get('step-done:RUN-2:restore'), { template: 'step-done', number: 3, step: 'Restore schema', note: '' });
  assert.deepEqual(byKey.get('rollback-started:RUN-2:migrate'), { template: 'rollback-started', reason: 'error rate 4% over 2%', note: '' });
  // The keys do not depend on what else is in the state: the same moment keeps its key.
  assert.deepEqual(
    triggersOf(stateWith({ runs: [state.runs.runs[2]!] }))
      .map((trigger) => trigger.key)
      .slice(0, 2),
    ['window-started:RUN-2', 'step-done:RUN-2:drain'],
  );
});

test('a release is not done while a live run is under way or the last to end failed; a rollback without a reason says which step failed', () => {
  const T = (time: string) => `2026-12-03T${time}:00.000Z`;
  const keys = (runs: object[]) => triggersOf(stateWith({ runs })).map((trigger) => trigger.key);
  const done = run('RUN-1', 'live', 'succeeded', T('19:00'), T('19:30'), []);
  assert.deepEqual(keys([done]), ['window-started:RUN-1', 'release-done:RUN-1']);
  assert.deepEqual(keys([done, run('RUN-2', 'live', 'running', T('19:40'), undefined, [])]), ['window-started:RUN-1']);
  assert.deepEqual(keys([done, run('RUN-2', 'live', 'interrupted', T('19:40'), undefined, [])]), ['window-started:RUN-1']);
  assert.deepEqual(keys([done, run('RUN-2', 'live', 'failed', T('19:40'), T('19:50'), [])]), ['window-started:RUN-1']);
  assert.deepEqual(keys([run('RUN-1', 'rehearsal', 'succeeded', T('19:00'), T('19:30'), [])]), []);
  const [, rollback] = triggersOf(
    stateWith({
      runs: [
        run('RUN-1', 'live', 'failed', T('19:00'), T('19:30'), [
          step('gate', 'Canary gate', 'failed', T('19:10'), [{ decision: 'rollback', by: 'runner', at: T('19:11') }]),
        ]),
      ],
    }),
  );
  assert.deepEqual(rollback!.params, { template: 'rollback-started', reason: 'step 1 (Canary gate) failed', note: '' });
});

test('every status template can be opted in to automatic sending', () => {
  assert.deepEqual([...AUTO_TEMPLATES].sort(), [...STATUS_TEMPLATES].sort());
});

test('a channel announces a moment only if it opted in to the template before the moment happened', () => {
  const channels = channelsSchema.parse([
    { id: 'early', kind: 'status-page', name: 'Early', auto: [{ template: 'incident-opened', since: '2026-12-03T19:00:00Z' }] },
    { id: 'late', kind: 'status-page', name: 'Late', auto: [{ template: 'incident-opened', since: '2026-12-03T19:15:00Z' }] },
    { id: 'other', kind: 'status-page', name: 'Other', auto: [{ template: 'sla-breach', since: '2026-12-03T00:00:00Z' }] },
    { id: 'manual', kind: 'status-page', name: 'Manual' },
  ]);
  const [opened] = triggersOf(stateWith({ incidents: [{ id: 'INC-1', openedAt: '2026-12-03T19:10:00.000Z', mitigatedAt: null, resolvedAt: null }] }));
  assert.deepEqual(
    autoChannelsFor(opened!, channels).map((channel) => channel.id),
    ['early'],
  );
});

test('saving channels: secrets left out are kept, an opt-in keeps its first date, a new one is stamped now, and the secrets to mask are named', () => {
  const stored = channelsSchema.parse([
    {
      id: 'slack',
      kind: 'slack',
      name: 'Slack',
      url: 'https://hooks.slack.com/services/T1/B2/abcdefSECRET',
      auto: [{ template: 'sla-breach', since: '2026-12-01T00:00:00Z' }],
    },
    { id: 'mail', kind: 'email', name: 'Mail', smtp: { host: 'smtp.test', port: 587, password: 'pw-123456' }, from: 'a@b.test', to: ['c@d.test'] },
  ]);
  const merged = mergeChannels(
    stored,
    [
      { id: 'slack', kind: 'slack', name: 'Slack #release', zones: [], auto: ['sla-breach', 'incident-opened'] },
      {
        id: 'mail',
        kind: 'email',
        name: 'Mail',
        smtp: { host: 'smtp.test', port: 587, secure: false },
        from: 'a@b.test',
        to: ['c@d.test'],
        zones: [],
        auto: [],
      },
    ],
    '2026-12-03T16:00:00.000Z',
  );
  const slack = merged[0]!;
  assert.ok(slack.kind === 'slack' && slack.url === 'https://hooks.slack.com/services/T1/B2/abcdefSECRET');
  assert.deepEqual(slack.auto, [
    { template: 'sla-breach', since: '2026-12-01T00:00:00Z' },
    { template: 'incident-opened', since: '2026-12-03T16:00:00.000Z' },
  ]);
  assert.ok(merged[1]!.kind === 'email' && merged[1]!.smtp.password === 'pw-123456');
  assert.deepEqual(secretsOf(slack), ['https://hooks.slack.com/services/T1/B2/abcdefSECRET', 'services/T1/B2/abcdefSECRET']);
  assert.deepEqual(secretsOf(merged[1]!), ['pw-123456']);
  // The same id with another kind is a new channel: its secret is not carried over.
  assert.throws(
    () => mergeChannels(stored, [{ id: 'slack', kind: 'teams', name: 'Teams', zones: [], auto: [] }], '2026-12-03T16:00:00.000Z'),
    /Channel slack: a teams channel needs its webhook URL/,
  );
});
