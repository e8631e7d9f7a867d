// Safety of playbook runs (issue 19, items 1-5): policy overrides for live runs, what a
// shipped playbook requires, abort after a failure, skipped steps in the outcome, and
// rollback durations only from complete rehearsals. Real services, files and processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import type { RunQuestion } from '../../contract/requests/playbook-requests';
import type { WarRoomEvent } from '../../contract/events';
import { prepareReport, renderReport } from '../../main/core/report/report-export';
import { tempDir } from '../support/temp-dir';

const context = { actor: 'Dana Okafor', transport: 'test' } as const;

async function call<T>(services: Services, name: string, input: unknown, as: { readonly actor: string; readonly transport: 'test' } = context): Promise<T> {
  const result = await dispatch(services, name, input, as);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

export async function refused(services: Services, name: string, input: unknown): Promise<string> {
  const result = await dispatch(services, name, input, context);
  assert.equal(result.ok, false, `${name} should have been refused`);
  return result.ok ? '' : result.error.message;
}

function nextQuestion(services: Services, runId?: string): Promise<RunQuestion> {
  return new Promise((resolve) => {
    const off = services.events.subscribe((event: WarRoomEvent) => {
      if (event.type === 'run.question' && (runId === undefined || event.payload.runId === runId) && event.payload.question) {
        off();
        resolve(event.payload.question);
      }
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function demo(): Promise<{ services: Services; slug: string; release: Awaited<ReturnType<Services['release']>> }> {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  return { services, slug, release: await services.release(slug) };
}

const FAILING = [
  'name: Flaky cleanup',
  'target: sandbox',
  'steps:',
  '  - run: echo one',
  '  - name: Purge the cache',
  '    run: exit 3',
  '  - run: echo three',
  '',
].join('\n');

test('a run whose failing step was skipped "succeeded with 1 skipped step" in the journal, the timeline and the report, with the reason', async () => {
  const { services, slug, release } = await demo();
  try {
    await call(services, 'playbook.import', { slug, fileName: 'flaky.yaml', text: FAILING });
    const asked = nextQuestion(services);
    const { runId } = await call<{ runId: string }>(services, 'run.start', { slug, playbookFile: 'flaky.yaml', mode: 'rehearsal' });
    const question = await asked;
    assert.equal(question.kind, 'decision');
    await call(services, 'run.decide', { slug, runId, stepIndex: 1, decision: 'skip', reason: 'the cache is empty on the sandbox' });
    await waitFor(() => release.state.runs.runs.find((run) => run.id === runId)?.status === 'succeeded');
    const finished = release.events().find((event) => event.type === 'run.finished');
    const data = finished?.data as { status: string; skippedSteps?: number; reason?: string };
    assert.equal(data.skippedSteps, 1);
    assert.match(data.reason ?? '', /step 2 \(Purge the cache\) skipped by Dana Okafor: the cache is empty on the sandbox/);

    await release.flush();
    const prepared = await prepareReport(release.dir);
    const markdown = Buffer.from(await renderReport(prepared, 'md')).toString('utf8');
    assert.match(markdown, /### Flaky cleanup \(rehearsal\): succeeded with 1 skipped step/);
    assert.match(markdown, /Step 2 \(Purge the cache\) was skipped by Dana Okafor: the cache is empty on the sandbox/);
    assert.match(markdown, /succeeded with 1 skipped step: step 2/, 'the report timeline says it too');
    const html = Buffer.from(await renderReport(prepared, 'html')).toString('utf8');
    assert.match(html, /succeeded with 1 skipped step<\/span>/);
    assert.match(html, /was skipped by Dana Okafor: the cache is empty on the sandbox/);
  } finally {
    await services.dispose();
  }
});

const QUICK_ROLLBACK = [
  'name: Quick rollback',
  'target: sandbox',
  'steps:',
  '  - id: drain',
  '    run: echo drain',
  '  - id: switch',
  '    run: echo switch',
  '  - id: verify',
  '    run: echo verify',
  '',
].join('\n');

test('the rollback duration and the ETA come only from a complete rehearsal: a partial or resumed one says "no rehearsal yet"', async () => {
  const { services, slug, release } = await demo();
  try {
    await call(services, 'playbook.import', { slug, fileName: 'quick-rollback.yaml', text: QUICK_ROLLBACK });
    const status = () => call<{ rollback: { runId: string; ms: number } | null }>(services, 'schedule.status', { slug });
    assert.equal((await status()).rollback, null);

    // A rehearsal started at step 2 measured only part of the rollback.
    const partial = await call<{ runId: string }>(services, 'run.start', { slug, playbookFile: 'quick-rollback.yaml', mode: 'rehearsal', startAt: 1 });
    await waitFor(() => release.state.runs.runs.find((run) => run.id === partial.runId)?.status === 'succeeded');
    assert.equal((await status()).rollback, null, 'a rehearsal started part-way is not a measurement');

    // A rehearsal cut off by a crash and resumed: its durations say nothing about a rollback in one go.
    const playbook = { name: 'Quick rollback', file: 'quick-rollback.yaml', format: 'yaml', sha256: 'x' };
    const steps = ['drain', 'switch', 'verify'].map((id) => ({ id, name: id, kind: 'run', plannedMs: 600_000 }));
    const runId = 'resumed-1';
    const ran = (stepIndex: number) => [
      { type: 'run.step-started', data: { runId, stepIndex, attempt: 1, description: undefined } },
      {
        type: 'run.step-finished',
        data: {
          runId,
          stepIndex,
          attempt: 1,
          exitCode: 0,
          httpStatus: undefined,
          durationMs: 7,
          log: undefined,
          by: undefined,
          note: undefined,
          dryRun: false,
        },
      },
    ];
    await release.execute('Dana Okafor', () => [
      { type: 'run.started', data: { runId, playbook, mode: 'rehearsal', steps, startAt: 0, logFile: 'x.log', by: 'Dana Okafor' } },
      ...ran(0),
      { type: 'run.step-started', data: { runId, stepIndex: 1, attempt: 1, description: undefined } },
      { type: 'run.interrupted', data: { runId, stepIndex: 1, outcomeKnown: false } },
      { type: 'run.decision', data: { runId, stepIndex: 1, decision: 'rerun', reason: undefined, by: 'Dana Okafor' } },
      ...ran(1),
      ...ran(2),
      { type: 'run.finished', data: { runId, status: 'succeeded', reason: undefined, by: 'Dana Okafor', logSha256: undefined } },
    ]);
    assert.equal(release.state.runs.runs.find((run) => run.id === runId)?.status, 'succeeded');
    assert.equal((await status()).rollback, null, 'an interrupted and resumed rehearsal is not a measurement');
    const none = await call<{ rehearsals: number; rehearsedSteps: number }>(services, 'run.estimate', { slug, runId: partial.runId });
    assert.equal(none.rehearsals, 0);
    assert.equal(none.rehearsedSteps, 0);
    await release.flush();
    const report = await prepareReport(release.dir);
    assert.equal(report.model.rehearsalVsLive.find((row) => row.playbook === 'Quick rollback')?.rehearsalMs, null, "the report's rehearsal duration too");

    // A complete rehearsal is.
    const complete = await call<{ runId: string }>(services, 'run.start', { slug, playbookFile: 'quick-rollback.yaml', mode: 'rehearsal' });
    await waitFor(() => release.state.runs.runs.find((run) => run.id === complete.runId)?.status === 'succeeded');
    const measured = (await status()).rollback;
    assert.equal(measured?.runId, complete.runId);
    assert.ok((measured?.ms ?? 0) > 0);
    const estimate = await call<{ rehearsals: number; lastRehearsalAt?: string }>(services, 'run.estimate', { slug, runId: partial.runId });
    assert.equal(estimate.rehearsals, 1);
    assert.ok(estimate.lastRehearsalAt);
  } finally {
    await services.dispose();
  }
});

const local = (moment: DateTime) => moment.toFormat("yyyy-LL-dd'T'HH:mm");

test('a live run (and a production terminal) outside the window and inside a freeze is held until a written override, journaled; rehearsals and dry runs are not', async () => {
  const { services, slug, release } = await demo();
  try {
    await call(services, 'playbook.import', { slug, fileName: 'flaky.yaml', text: FAILING.replace('    run: exit 3', '    run: echo two') });
    const now = DateTime.now().setZone('Europe/Berlin');
    const opens = now.plus({ days: 114 });
    await release.execute('tester', () => [
      { type: 'schedule.window-set', data: { window: { start: local(opens), end: local(opens.plus({ hours: 4 })), zone: 'Europe/Berlin' } } },
      {
        type: 'schedule.blackout-added',
        data: {
          blackout: {
            id: 'year-end-freeze',
            title: 'Year-end freeze',
            scope: { kind: 'all' },
            rule: { kind: 'once', start: local(now.minus({ hours: 1 })), end: local(now.plus({ hours: 3 })), zone: 'Europe/Berlin' },
            source: { kind: 'ics', file: 'freeze.ics' },
          },
        },
      },
    ]);

    const preflight = await call<{ held: { rule: string; message: string }[] }>(services, 'run.preflight', { slug, playbookFile: 'flaky.yaml', mode: 'live' });
    assert.deepEqual(preflight.held.map((finding) => finding.rule).sort(), ['blackout', 'outside-window']);
    assert.match(preflight.held.find((finding) => finding.rule === 'outside-window')!.message, /11[34] days before the release window opens/);
    assert.match(preflight.held.find((finding) => finding.rule === 'blackout')!.message, /falls in the blackout 'Year-end freeze'/);
    const rehearsalPreflight = await call<{ held: unknown[] }>(services, 'run.preflight', { slug, playbookFile: 'flaky.yaml', mode: 'rehearsal' });
    assert.deepEqual(rehearsalPreflight.held, [], 'rehearsals are not held');

    const message = await refused(services, 'run.start', { slug, playbookFile: 'flaky.yaml', mode: 'live' });
    assert.match(message, /Live run of "Flaky cleanup" held by the release schedule: .*before the release window opens.*Year-end freeze.*written override/);
    assert.equal(release.state.runs.runs.length, 0, 'nothing started, nothing journaled');
    assert.match(
      await refused(services, 'run.start', { slug, playbookFile: 'flaky.yaml', mode: 'live', override: { reason: 'ok' } }),
      /at least 10 characters/,
    );

    for (const mode of ['dry-run', 'rehearsal'] as const) {
      const { runId } = await call<{ runId: string }>(services, 'run.start', { slug, playbookFile: 'flaky.yaml', mode });
      await waitFor(() => release.state.runs.runs.find((run) => run.id === runId)?.status === 'succeeded');
    }

    const reason = 'payment outage: the rollback cannot wait for the window';
    const { runId } = await call<{ runId: string }>(services, 'run.start', { slug, playbookFile: 'flaky.yaml', mode: 'live', override: { reason } });
    await waitFor(() => release.state.runs.runs.find((run) => run.id === runId)?.status === 'succeeded');
    const events = release.events();
    const startedAt = events.findIndex((event) => event.type === 'run.started' && (event.data as { runId: string }).runId === runId);
    const overridden = events[startedAt + 1];
    assert.equal(overridden?.type, 'run.policy-overridden', 'journaled with the start, in the same write');
    assert.equal(overridden?.actor, 'Dana Okafor');
    const data = overridden?.data as { reason: string; findings: { rule: string }[] };
    assert.equal(data.reason, reason);
    assert.deepEqual(data.findings.map((finding) => finding.rule).sort(), ['blackout', 'outside-window']);
    assert.equal(release.state.runs.runs.find((run) => run.id === runId)?.policyOverride?.reason, reason);

    // The header's findings: rehearsals are not outside-window findings; the live run's carries its override.
    const status = await call<{ findings: { rule: string; id: string; override?: { reason: string } }[] }>(services, 'schedule.status', { slug });
    const outside = status.findings.filter((finding) => finding.rule === 'outside-window');
    assert.equal(outside.length, 1, JSON.stringify(outside));
    assert.equal(outside[0]?.override?.reason, reason);

    // A terminal on a production target is held the same way; a sandbox terminal is not.
    await call(services, 'target.save', { slug, target: { id: 'prod-eu', name: 'prod-eu', environment: 'production', command: '/bin/sh', args: [], env: {} } });
    assert.match(await refused(services, 'terminal.open', { slug, targetId: 'prod-eu' }), /terminal on production target "prod-eu" is held.*Year-end freeze/);
    const sandboxTerminal = await call<{ id: string }>(services, 'terminal.open', { slug, targetId: 'sandbox' });
    const prodTerminal = await call<{ id: string }>(services, 'terminal.open', {
      slug,
      targetId: 'prod-eu',
      override: { reason: 'hotfix for the payment outage' },
    });
    const terminalOverride = release.events().find((event) => event.type === 'terminal.policy-overridden');
    assert.equal((terminalOverride?.data as { reason: string }).reason, 'hotfix for the payment outage');
    for (const session of [sandboxTerminal, prodTerminal]) await call(services, 'terminal.close', { slug, sessionId: session.id });
  } finally {
    await services.dispose();
  }
});

test('the shipped rollback says what it needs at import, is refused clearly without it, and runs in a new release once the sandbox is added in one click', async () => {
  const { services } = await demo();
  const ctl = new URL('../../assets/sandbox/sandboxctl.mjs', import.meta.url).pathname;
  let sandboxDir: string | undefined;
  try {
    const created = await call<{ slug: string }>(services, 'release.create', {
      definition: { name: 'Billing 7 rehearsal', mode: 'rehearsal', goLive: DateTime.now().plus({ hours: 1 }).toISO(), zone: 'Europe/Berlin' },
    });
    const slug = created.slug;
    const release = await services.release(slug);
    const text = readFileSync(new URL('../../assets/playbooks/demo-rollback.yaml', import.meta.url), 'utf8');
    const imported = await call<{ needs?: { message: string; fix: string | null }[] }>(services, 'playbook.import', {
      slug,
      fileName: 'demo-rollback.yaml',
      text,
    });
    assert.equal(imported.needs?.length, 1);
    assert.match(imported.needs![0]!.message, /needs the sandbox target \(War Room's local sandbox service\), which this release does not have/);
    assert.equal(imported.needs![0]!.fix, 'add-sandbox');
    const message = await refused(services, 'run.start', { slug, playbookFile: 'demo-rollback.yaml', mode: 'rehearsal' });
    assert.match(message, /needs the sandbox target .*Add the sandbox target from the Playbooks view/);
    assert.doesNotMatch(message, /ENOENT/);

    // A "sandbox" target without its files (added by hand) is not enough either.
    await call(services, 'target.save', { slug, target: { id: 'sandbox', name: 'sandbox', environment: 'sandbox', command: '/bin/sh', args: [], env: {} } });
    const listed = await call<{ file: string; needs?: { message: string }[] }[]>(services, 'playbook.list', { slug });
    assert.match(
      listed.find((entry) => entry.file === 'demo-rollback.yaml')?.needs?.[0]?.message ?? '',
      /needs the sandbox service files in .*sandbox, which are missing/,
    );

    const added = await call<{ targetId: string; sandboxDir: string }>(services, 'playbook.add-sandbox', { slug });
    sandboxDir = added.sandboxDir;
    assert.equal(added.targetId, 'sandbox');
    assert.ok(existsSync(join(added.sandboxDir, 'versions', 'v1.json')));
    const after = await call<{ file: string; needs?: unknown[] }[]>(services, 'playbook.list', { slug });
    assert.deepEqual(after.find((entry) => entry.file === 'demo-rollback.yaml')?.needs, []);

    const confirm = new Promise<RunQuestion>((resolve) => {
      const off = services.events.subscribe((event: WarRoomEvent) => {
        if (event.type === 'run.question' && event.payload.question?.kind === 'confirm') {
          off();
          resolve(event.payload.question);
        }
      });
    });
    const { runId } = await call<{ runId: string }>(services, 'run.start', {
      slug,
      playbookFile: 'demo-rollback.yaml',
      mode: 'rehearsal',
      variables: [{ name: 'GOOD_VERSION', value: 'v1' }],
    });
    const question = await confirm;
    await call(services, 'run.confirm', { slug, runId, stepIndex: question.stepIndex, done: true, note: 'posted' });
    await waitFor(() => release.state.runs.runs.find((run) => run.id === runId)?.status === 'succeeded', 60_000);
    const health = spawnSync(process.execPath, [ctl, 'health', '--dir', added.sandboxDir], { encoding: 'utf8' });
    assert.equal(health.status, 0, health.stdout + health.stderr);
  } finally {
    if (sandboxDir) spawnSync(process.execPath, [ctl, 'stop', '--dir', sandboxDir]);
    await services.dispose();
  }
});

test('a Markdown runbook declares what it needs in its front matter; a bad requires is refused with the file named', async () => {
  const { parsePlaybook } = await import('../../main/api/playbooks/playbook-files');
  const runbook = [
    '---',
    'title: Restart the sandbox',
    'requires:',
    '  - target: sandbox',
    '    sandbox: true',
    '---',
    '# Restart',
    '',
    '```sh',
    'echo restart',
    '```',
    '',
  ].join('\n');
  assert.deepEqual(parsePlaybook(runbook, 'restart.md').requires, [{ target: 'sandbox', sandbox: true }]);
  assert.throws(
    () => parsePlaybook(runbook.replace('    sandbox: true', '    sandbox: yes please'), 'restart.md'),
    /playbook restart\.md: 'requires' must be true or false/,
  );
  assert.throws(() => parsePlaybook('name: x\nrequires: sandbox\nsteps:\n  - run: echo\n', 'x.yaml'), /x\.yaml line 2/);
});
