import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoChannelsFor, triggersOf } from '../../../main/core/comms/auto-send';
import { mergeChannels, secretsOf } from '../../../main/core/comms/channel-settings';
import type { ReleaseState } from '../../../main/core/release/release-state';
import { channelsSchema } from '../../../contract/domain/comms/comms-schemas';

/** Just the slices the triggers read; the rest of a release's state plays no part. */
function stateWith(parts: { decision?: object | null; incidents?: object[]; breaches?: object[] }): ReleaseState {
  return {
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
