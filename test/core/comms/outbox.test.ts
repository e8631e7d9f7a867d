import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Release } from '../../../main/core/release/release';
import { createReleaseEvents, type ReleaseDefinition } from '../../../contract/domain/release/release-meta';
import { approveMessage } from '../../../main/core/comms/comms-commands';
import { commsRedactor } from '../../../main/core/comms/comms-redaction';
import { channelsSchema, templateParamsSchema, type Channel } from '../../../contract/domain/comms/comms-schemas';
import { createSenders, messageIdOf } from '../../../main/core/comms/channel-senders';
import { Outbox } from '../../../main/core/comms/outbox';
import { openIncident } from '../../../main/core/incidents/incident-commands';
import { incidentOpenSchema } from '../../../contract/domain/incidents/incident-schemas';
import { decodeBody, decodeHeader, startSmtpReceiver, startWebhookReceiver } from '../../support/comms-receivers';
import { tempDir } from '../../support/temp-dir';

const definition = {
  name: 'Zahlungen 4.2',
  version: '4.2.0',
  mode: 'live',
  goLive: '2026-12-01T22:00:00+01:00',
  zone: 'Europe/Berlin',
  description: '',
} as ReleaseDefinition;

async function newRelease(): Promise<Release> {
  return Release.create(join(tempDir(), 'releases', 'payments'), 'payments', 'dana', createReleaseEvents(definition, []));
}

async function approve(release: Release, params: unknown, channels: readonly Channel[], key: string) {
  const parsed = templateParamsSchema.parse(params);
  await release.execute('dana', (state, context) => approveMessage(state, { params: parsed, channels, key }, commsRedactor(release.dir, state), context));
}

test('an approved update arrives by email at a real SMTP server: Message-ID from the key, UTF-8 subject and body decoded, secrets masked', async () => {
  const smtp = await startSmtpReceiver();
  const senders = createSenders();
  const release = await newRelease();
  try {
    const channels = channelsSchema.parse([
      {
        id: 'stakeholders',
        kind: 'email',
        name: 'Stakeholders',
        smtp: { host: '127.0.0.1', port: smtp.port },
        from: 'War Room <warroom@example.test>',
        to: ['cto@example.test', 'support@example.test'],
        zones: ['Europe/Berlin', 'America/Sao_Paulo', 'UTC'],
      },
    ]);
    await release.execute('dana', (state, context) =>
      openIncident(state.incidents, incidentOpenSchema.parse({ title: 'Zoë’s checkout → 500', severity: 'sev1', owner: 'Priya Raman' }), context),
    );
    const outbox = new Outbox(release, { channels: () => channels, send: senders.send, actor: 'warroom' });
    await approve(
      release,
      { template: 'incident-opened', incident: 'INC-1', note: 'Token in a note: ghp_abcdefghijklmnopqrstuvwxyz0123456789' },
      channels,
      'wr-payments-MSG-1-k1',
    );
    outbox.pump();
    await outbox.drained();
    assert.equal(smtp.mails.length, 1);
    const mail = smtp.mails[0]!;
    assert.equal(mail.headers.get('message-id'), messageIdOf('wr-payments-MSG-1-k1', 'stakeholders'));
    assert.equal(mail.headers.get('x-warroom-key'), 'wr-payments-MSG-1-k1');
    assert.deepEqual(mail.to, ['cto@example.test', 'support@example.test']);
    assert.equal(decodeHeader(mail.headers.get('subject')!), 'Zahlungen 4.2 4.2.0: SEV1 INC-1 opened');
    assert.match(mail.headers.get('content-type')!, /text\/plain; charset=utf-8/i);
    const body = decodeBody(mail);
    assert.match(body, /SEV1 incident INC-1 opened: Zoë’s checkout → 500\. Owner: Priya Raman\./);
    assert.match(body, / Europe\/Berlin · \d\d:\d\d America\/Sao_Paulo · \d\d:\d\d UTC/, 'the time in each zone of the audience');
    assert.doesNotMatch(mail.raw, /ghp_abcdefghijklmnop/, 'the token never left');
    assert.match(body, /Token in a note: /);
    assert.equal(release.state.comms.messages[0]!.delivered['stakeholders']!.response.startsWith('250'), true);
    outbox.dispose();
  } finally {
    senders.close();
    await release.close();
    await smtp.close();
  }
});

test('a webhook that answers 500, then 429, then refuses, then stalls is retried with backoff until it accepts; the update arrives once, with its key', async () => {
  const hook = await startWebhookReceiver();
  const senders = createSenders({ webhookTimeoutMs: 300 });
  const release = await newRelease();
  try {
    const channels = channelsSchema.parse([{ id: 'release-slack', kind: 'slack', name: 'Slack #release', url: hook.url }]);
    // Every answer the sender saw, in order: each kind of trouble must have been met and named.
    const errors: string[] = [];
    const send: typeof senders.send = async (...args) => {
      const result = await senders.send(...args);
      if (!result.ok) errors.push(result.error);
      return result;
    };
    const outbox = new Outbox(release, { channels: () => channels, send, actor: 'warroom', random: () => 0 });
    // The receiver's outage is scripted per request, so it does not depend on how fast the retries come.
    hook.script = ['500', '429', 'refuse', 'stall'];
    const sequence: string[] = [];
    const original = hook.requests.push.bind(hook.requests);
    hook.requests.push = (...items) => {
      for (const item of items) sequence.push(item.accepted ? 'accepted' : 'failed');
      return original(...items);
    };
    await approve(release, { template: 'rollback-started', reason: 'error rate 4% on canary' }, channels, 'wr-payments-MSG-1-k2');
    await outbox.drained();
    assert.deepEqual([...hook.byKey.keys()], ['wr-payments-MSG-1-k2']);
    assert.equal(hook.requests.filter((request) => request.accepted).length, 1);
    assert.deepEqual(sequence, ['failed', 'failed', 'accepted'], 'the 500 and the 429 reached the receiver, then the accepted retry');
    assert.equal(errors.length, 4, errors.join(' | '));
    const seen = errors.join(' | ');
    assert.match(seen, /answered HTTP 500/);
    assert.match(seen, /answered HTTP 429 \(rate limited\)/);
    assert.match(seen, /fetch failed|socket|ECONNRESET/, 'the refused connection');
    assert.match(seen, /no answer in time/, 'the stall');
    assert.deepEqual(hook.byKey.get('wr-payments-MSG-1-k2'), {
      text: `*Zahlungen 4.2 4.2.0: rollback started*\n${release.state.comms.messages[0]!.messages[0]!.text}`,
    });
    assert.match(JSON.stringify(hook.byKey.get('wr-payments-MSG-1-k2')), /Why: error rate 4% on canary/);
    outbox.dispose();
  } finally {
    senders.close();
    await release.close();
    await hook.close();
  }
});

test('the outbox shows what waits and why, and a restart resumes it from the journal', async () => {
  const hook = await startWebhookReceiver();
  const senders = createSenders();
  const dir = join(tempDir(), 'releases', 'payments');
  let release = await Release.create(dir, 'payments', 'dana', createReleaseEvents(definition, []));
  const channels = channelsSchema.parse([
    { id: 'teams', kind: 'teams', name: 'Teams Release', url: hook.url },
    { id: 'status', kind: 'status-page', name: 'Status page' },
  ]);
  try {
    hook.mode = '500';
    let outbox = new Outbox(release, { channels: () => channels, send: senders.send, actor: 'warroom' });
    await approve(release, { template: 'go-no-go', outcome: 'go' }, channels, 'wr-payments-MSG-1-k3');
    await approve(release, { template: 'window-started' }, channels, 'wr-payments-MSG-2-k4');
    outbox.pump();
    const waitFor = async (condition: () => boolean) => {
      while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    // The status page is written and journaled, both Teams deliveries failed once.
    await waitFor(() => outbox.entries().length === 2 && outbox.entries().every((entry) => entry.lastError !== null));
    const waiting = outbox.entries();
    assert.deepEqual(
      waiting.map((entry) => [entry.message, entry.channel]),
      [
        ['MSG-1', 'teams'],
        ['MSG-2', 'teams'],
      ],
      'the status page was written; Teams waits',
    );
    assert.match(waiting[0]!.lastError!, /Teams Release answered HTTP 500/);
    const page = readFileSync(join(dir, 'status', 'index.html'), 'utf8');
    assert.match(page, /<title>Zahlungen 4\.2 4\.2\.0: status<\/title>/);
    assert.match(page, /Latest: Zahlungen 4\.2 4\.2\.0: the release window started/);
    assert.doesNotMatch(page, /<script|src=|href=/, 'self-contained: no script, no outside resource');
    outbox.dispose();
    await release.close();

    hook.mode = 'ok';
    release = await Release.open(dir, 'payments');
    outbox = new Outbox(release, { channels: () => channels, send: senders.send, actor: 'warroom' });
    outbox.pump();
    await outbox.drained();
    assert.deepEqual([...hook.byKey.keys()], ['wr-payments-MSG-1-k3', 'wr-payments-MSG-2-k4']);
    assert.deepEqual((hook.byKey.get('wr-payments-MSG-1-k3') as { '@type': string; title: string })['@type'], 'MessageCard', 'Teams gets a MessageCard');
    assert.equal(outbox.entries().length, 0);
    outbox.dispose();
  } finally {
    senders.close();
    await release.close();
    await hook.close();
  }
});
