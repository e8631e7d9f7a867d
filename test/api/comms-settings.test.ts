import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as tar from 'tar';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import type { Result } from '../../contract/result';
import type { ChannelView, OutboxView } from '../../contract/requests/comms-requests';
import { Release } from '../../main/core/release/release';
import { openIncident } from '../../main/core/incidents/incident-commands';
import { startWebhookReceiver } from '../support/comms-receivers';
import { tempDir } from '../support/temp-dir';

const context = { actor: 'Dana Okafor', transport: 'test' } as const;
const HOOK = 'https://hooks.slack.com/services/T0001/B0002/s3cretT0kenOfTheWebhook';
const PASSWORD = 'smtp-pass-7f3a9c';

async function boot(workspaceDir: string): Promise<{ services: Services; slug: string }> {
  const services = await bootServices({ workspaceDir, runtime: 'browser' });
  const [listing] = await services.workspace.list();
  return { services, slug: listing!.slug };
}

async function ok<Value>(services: Services, name: string, input: unknown): Promise<Value> {
  const result: Result<unknown> = await dispatch(services, name, input, context);
  if (!result.ok) assert.fail(`${name} failed: ${result.error.message}`);
  return result.value as Value;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test('channel secrets are write-only: stored 0600, never returned, kept when left out, and masked in a report and a bundle even when pasted into a note', async () => {
  const workspaceDir = tempDir();
  const { services, slug } = await boot(workspaceDir);
  try {
    const saved = await ok<ChannelView[]>(services, 'comms.channels-save', {
      channels: [
        { id: 'release-slack', kind: 'slack', name: 'Slack #release', url: HOOK },
        {
          id: 'stakeholders',
          kind: 'email',
          name: 'Stakeholders',
          smtp: { host: 'smtp.example.test', port: 587, user: 'warroom', password: PASSWORD },
          from: 'warroom@example.test',
          to: ['cto@example.test'],
        },
      ],
    });
    const shown = JSON.stringify(saved);
    assert.ok(!shown.includes('s3cretT0ken') && !shown.includes(PASSWORD), `a secret came back: ${shown}`);
    assert.deepEqual(
      saved.map((channel) => [channel.id, channel.target, channel.secretSet]),
      [
        ['release-slack', 'webhook at hooks.slack.com', true],
        ['stakeholders', 'email to 1 recipient', true],
      ],
    );
    const file = join(workspaceDir, 'comms-channels.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);

    // Saved again from the form, which never had the secrets: they stay.
    const again = await ok<ChannelView[]>(services, 'comms.channels-save', {
      channels: [
        { id: 'release-slack', kind: 'slack', name: 'Slack #go-live' },
        {
          id: 'stakeholders',
          kind: 'email',
          name: 'Stakeholders',
          smtp: { host: 'smtp.example.test', port: 587, user: 'warroom' },
          from: 'warroom@example.test',
          to: ['cto@example.test', 'cfo@example.test'],
        },
      ],
    });
    assert.equal(again[0]!.name, 'Slack #go-live');
    const stored = readFileSync(file, 'utf8');
    assert.ok(stored.includes(HOOK) && stored.includes(PASSWORD), 'the stored secrets were kept');
    const listed = JSON.stringify(await ok(services, 'comms.channels', {}));
    assert.ok(!listed.includes('s3cretT0ken') && !listed.includes(PASSWORD));

    // A new webhook channel needs its URL; the error names the field.
    const refused = await dispatch(services, 'comms.channels-save', { channels: [{ id: 'teams', kind: 'teams', name: 'Teams' }] }, context);
    assert.equal(refused.ok, false);
    assert.match(!refused.ok ? refused.error.message : '', /Channel teams: a teams channel needs its webhook URL/);
    assert.ok(readFileSync(file, 'utf8').includes('release-slack'), 'a refused save leaves the channels as they were');

    // Someone pastes both into the release's notes: the report and the bundle mask them.
    await ok(services, 'note.add', { slug, text: `Slack hook is ${HOOK} and the SMTP password ${PASSWORD}` });
    const report = JSON.stringify(await ok(services, 'report.preview', { slug }));
    assert.ok(!report.includes('s3cretT0ken') && !report.includes(PASSWORD), 'the report preview masks the channel secrets');
    const bundle = await ok<{ file: string }>(services, 'bundle.export', { slug });
    const out = tempDir();
    await tar.x({ file: bundle.file, cwd: out });
    const files = filesUnder(out);
    assert.ok(files.some((path) => path.endsWith('journal.jsonl')));
    for (const path of files) {
      const content = readFileSync(path, 'utf8');
      assert.ok(!content.includes('s3cretT0ken') && !content.includes(PASSWORD), `${path} holds a channel secret`);
    }
  } finally {
    await services.dispose();
  }
});

test('automatic sending is opt-in per template: a moment after the opt-in is approved and sent once, one before it is not, and a restart sends nothing twice but catches up what happened while closed', async () => {
  const hook = await startWebhookReceiver();
  const workspaceDir = tempDir();
  let { services, slug } = await boot(workspaceDir);
  try {
    await ok(services, 'incident.open', { slug, title: 'Before the opt-in', severity: 'sev2', owner: 'Ana' });
    await ok(services, 'comms.channels-save', {
      channels: [{ id: 'release-slack', kind: 'slack', name: 'Slack #release', url: hook.url, auto: ['incident-opened'] }],
    });
    await ok(services, 'incident.open', { slug, title: 'Payments time out', severity: 'sev1', owner: 'Ana' });
    await until(() => hook.byKey.size === 1, 'the automatic update');
    const [body] = [...hook.byKey.values()] as { text: string }[];
    assert.match(body!.text, /SEV1 incident INC-\d+ opened: Payments time out\. Owner: Ana\./);
    let outbox = await ok<OutboxView>(services, 'comms.outbox', { slug });
    assert.deepEqual(
      outbox.sent.map((update) => update.trigger),
      ['incident-opened:INC-2'],
    );
    // A template not opted in (the incident mitigated) is left to a person.
    await ok(services, 'incident.update', { slug, id: 'INC-2', status: 'mitigated' });
    await services.dispose();

    // While the app is closed an incident is opened (another process, or a crash before its update went out).
    const release = await Release.open(join(workspaceDir, 'releases', slug), slug);
    await release.execute('Ana', (state, ctx) => openIncident(state.incidents, { title: 'Search is down', severity: 'sev2', owner: 'Ana', summary: '' }, ctx));
    await release.close();
    ({ services, slug } = await boot(workspaceDir));
    await ok(services, 'release.get', { slug });
    await until(() => hook.byKey.size === 2, 'the update of the incident opened while closed');
    const texts = ([...hook.byKey.values()] as { text: string }[]).map((posted) => posted.text);
    assert.match(texts[1]!, /SEV2 incident INC-3 opened: Search is down/);
    assert.ok(!texts.some((text) => text.includes('Before the opt-in')), 'a moment before the opt-in is not announced');
    outbox = await ok<OutboxView>(services, 'comms.outbox', { slug });
    assert.deepEqual(
      outbox.sent.map((update) => update.trigger),
      ['incident-opened:INC-3', 'incident-opened:INC-2'],
      'one automatic message per moment, none for the restart itself',
    );
    const approvals = readFileSync(join(workspaceDir, 'releases', slug, 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .filter((line) => line.includes('"comms.message-approved"')).length;
    assert.equal(approvals, 2);
  } finally {
    await services.dispose();
    await hook.close();
  }
});

test('a live run announces itself where a channel opted in: the window started, each step done and the release done, each once, while a rehearsal run announces nothing', async () => {
  const hook = await startWebhookReceiver();
  const { services, slug } = await boot(tempDir());
  try {
    await ok(services, 'comms.channels-save', {
      channels: [{ id: 'release-slack', kind: 'slack', name: 'Slack #release', url: hook.url, auto: ['window-started', 'step-done', 'release-done'] }],
    });
    await ok(services, 'playbook.import', {
      slug,
      fileName: 'quick.yaml',
      text: 'name: Quick\ntarget: sandbox\nsteps:\n  - name: Say hello\n    run: echo hello\n  - name: Say bye\n    run: echo bye\n',
    });
    const release = await services.release(slug);
    await ok(services, 'run.start', { slug, playbookFile: 'quick.yaml', mode: 'rehearsal' });
    await until(() => release.state.runs.runs[0]?.status === 'succeeded', 'the rehearsal run');
    await ok(services, 'run.start', { slug, playbookFile: 'quick.yaml', mode: 'live', override: { reason: 'tested in a sandbox' } });
    await until(() => hook.byKey.size === 4, 'four automatic updates');
    const texts = ([...hook.byKey.values()] as { text: string }[]).map((posted) => posted.text);
    for (const expected of [/release window of .* started/, /Step 1 of .* is done: Say hello\./, /Step 2 of .* is done: Say bye\./, / is done and live, /])
      assert.ok(
        texts.some((text) => expected.test(text)),
        `${expected} in ${texts.join(' | ')}`,
      );
    const outbox = await ok<OutboxView>(services, 'comms.outbox', { slug });
    const live = release.state.runs.runs.find((run) => run.mode === 'live')!;
    assert.deepEqual(
      outbox.sent.map((update) => update.trigger).sort(),
      [`release-done:${live.id}`, `step-done:${live.id}:${live.steps[0]!.id}`, `step-done:${live.id}:${live.steps[1]!.id}`, `window-started:${live.id}`].sort(),
    );
    // A later change of the release (a note) announces none of them again.
    await ok(services, 'note.add', { slug, text: 'all good' });
    await release.flush();
    assert.equal(release.state.comms.messages.length, 4);
  } finally {
    await services.dispose();
    await hook.close();
  }
});
