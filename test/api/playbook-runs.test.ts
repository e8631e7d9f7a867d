import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import type { RunQuestion } from '../../contract/requests/playbook-requests';
import type { WarRoomEvent } from '../../contract/events';
import { tempDir } from '../support/temp-dir';
import { isAlive } from '../core/playbooks/process-helpers';

const context = { actor: 'Dana Okafor', transport: 'test' } as const;
const ctl = new URL('../../assets/sandbox/sandboxctl.mjs', import.meta.url).pathname;

async function call<T>(services: Services, name: string, input: unknown, as: { readonly actor: string; readonly transport: 'test' } = context): Promise<T> {
  const result = await dispatch(services, name, input, as);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

/** The next question any run asks (subscribe before the run can ask it), or only `runId`'s. */
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

test('the demo rollback runs in rehearsal against the sandbox: a failed step is retried, the manual step confirmed, v1 is healthy', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  const release = await services.release(slug);
  const sandbox = join(release.dir, 'sandbox');
  const output: string[] = [];
  services.events.subscribe((event) => {
    if (event.type === 'run.output') output.push(event.payload.data);
  });
  try {
    const playbooks = await call<{ file: string; error: unknown }[]>(services, 'playbook.list', { slug });
    assert.deepEqual(
      playbooks.map((entry) => [entry.file, entry.error]),
      [
        ['canary-promotion.yaml', null],
        ['demo-canary.yaml', null],
        ['demo-flag-off.yaml', null],
        ['demo-rollback.yaml', null],
        ['kubectl-rollout-undo.yaml', null],
      ],
    );

    // The artefact of v1 is missing at first: the switch fails until it is back.
    renameSync(join(sandbox, 'versions', 'v1.json'), join(sandbox, 'v1.json.away'));
    const { runId } = await call<{ runId: string }>(services, 'run.start', {
      slug,
      playbookFile: 'demo-rollback.yaml',
      mode: 'rehearsal',
      variables: [{ name: 'GOOD_VERSION', value: 'v1' }],
    });
    let question = await nextQuestion(services, runId);
    assert.equal(question.kind, 'decision');
    assert.equal(question.stepIndex, 3);
    const skipWithoutReason = await dispatch(services, 'run.decide', { slug, runId, stepIndex: 3, decision: 'skip' }, context);
    assert.equal(skipWithoutReason.ok, false);
    renameSync(join(sandbox, 'v1.json.away'), join(sandbox, 'versions', 'v1.json'));
    const confirmWait = nextQuestion(services, runId);
    await call(services, 'run.decide', { slug, runId, stepIndex: 3, decision: 'retry' }, { actor: 'Mateus Silva', transport: 'test' });
    question = await confirmWait;
    assert.equal(question.kind, 'confirm');
    const active = await call<{ questions: RunQuestion[] }>(services, 'run.active', { slug });
    assert.equal(active.questions.length, 1);
    await call(services, 'run.confirm', { slug, runId, stepIndex: 6, done: true, note: 'posted in #release' });
    await waitFor(() => release.state.runs.runs.find((run) => run.id === runId)?.status === 'succeeded');

    const run = release.state.runs.runs.find((candidate) => candidate.id === runId)!;
    assert.equal(run.mode, 'rehearsal');
    assert.deepEqual(
      run.steps.map((step) => step.status),
      ['succeeded', 'failed', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded'],
    );
    assert.equal(run.steps[3]?.attempts, 2);
    assert.equal(run.steps[6]?.confirmedBy, 'Dana Okafor');
    const retry = release.events().find((event) => event.type === 'run.decision' && (event.data as { decision: string }).decision === 'retry');
    assert.equal(retry?.actor, 'Mateus Silva', 'the journal records who chose to retry');
    const health = spawnSync(process.execPath, [ctl, 'health', '--dir', sandbox], { encoding: 'utf8' });
    assert.equal(health.status, 0, health.stdout);
    assert.match(health.stdout, /"version":"v1"/);
    const log = await call<{ text: string }>(services, 'run.log', { slug, runId });
    assert.match(log.text, /unknown version v1/);
    assert.match(output.join(''), /switched configured version to v1/);
    assert.ok(run.logSha256);
    const estimate = await call<{ remainingMs: number }>(services, 'run.estimate', { slug, runId });
    assert.equal(estimate.remainingMs, 0);

    // A second rehearsal: its ETA comes from the first, and the window (ended an hour ago) is too short.
    const ended = DateTime.now().setZone('Europe/Berlin').minus({ hours: 1 });
    const local = (moment: DateTime) => moment.toFormat("yyyy-LL-dd'T'HH:mm");
    await release.execute('tester', () => [
      { type: 'schedule.window-set', data: { window: { start: local(ended.minus({ hours: 3 })), end: local(ended), zone: 'Europe/Berlin' } } },
    ]);
    const asked = nextQuestion(services);
    const second = await call<{ runId: string }>(services, 'run.start', { slug, playbookFile: 'demo-rollback.yaml', mode: 'rehearsal', startAt: 6 });
    const prompt = await asked;
    assert.equal(prompt.runId, second.runId);
    assert.equal(prompt.kind, 'prompt', 'a variable with a prompt and no value given is asked for');
    const confirmAsked = nextQuestion(services, second.runId);
    await call(services, 'run.answer', { slug, runId: second.runId, name: 'GOOD_VERSION', value: 'v1' }, { actor: 'Priya Raman', transport: 'test' });
    assert.equal((await confirmAsked).kind, 'confirm');
    assert.ok(release.events().some((event) => event.type === 'run.variable-set' && event.actor === 'Priya Raman'));
    const late = await call<{ remainingMs: number; rehearsedSteps: number; warning?: string }>(services, 'run.estimate', { slug, runId: second.runId });
    assert.equal(late.rehearsedSteps, 1);
    assert.match(late.warning ?? '', /the release window has already ended/);
    await call(services, 'run.abort', { slug, runId: second.runId, reason: 'rehearsal over' });
    const aborted = release.state.runs.runs.find((candidate) => candidate.id === second.runId)!;
    assert.equal(aborted.status, 'aborted');
    assert.equal(aborted.finishReason, 'rehearsal over');
    assert.equal((await call<{ questions: unknown[] }>(services, 'run.active', { slug })).questions.length, 0);
  } finally {
    spawnSync(process.execPath, [ctl, 'stop', '--dir', sandbox]);
    await services.dispose();
  }
});

test('an import is validated: a broken playbook is refused with line and column and nothing is written', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  const release = await services.release(slug);
  try {
    const bad = await dispatch(
      services,
      'playbook.import',
      { slug, fileName: 'bad.yaml', text: 'name: x\nsteps:\n  - run: echo\n    timeout: soon\n' },
      context,
    );
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && /bad\.yaml line 4, column \d+: 'timeout'/.test(bad.error.message), !bad.ok ? bad.error.message : '');
    assert.ok(!bad.ok && bad.error.locations?.some((location) => location.line === 4));
    assert.equal(existsSync(join(release.paths.playbooks, 'bad.yaml')), false);
    const markdown = '# Restart the cache\n\nDrain first.\n\n## Drain\n\n```sh\necho draining\n```\n';
    const good = await call<{ playbook: { steps: unknown[] } }>(services, 'playbook.import', { slug, fileName: 'restart.md', text: markdown });
    assert.equal(good.playbook.steps.length, 1);
    assert.equal(readFileSync(join(release.paths.playbooks, 'restart.md'), 'utf8'), markdown);
    const again = await dispatch(services, 'playbook.import', { slug, fileName: 'restart.md', text: markdown }, context);
    assert.equal(again.ok, false);
    writeFileSync(join(release.paths.playbooks, 'broken.yaml'), 'name: [\n');
    const listed = await call<{ file: string; error: { locations: { line?: number }[] } | null }[]>(services, 'playbook.list', { slug });
    assert.ok(listed.find((entry) => entry.file === 'broken.yaml')?.error?.locations[0]?.line);
    const refused = await dispatch(services, 'run.start', { slug, playbookFile: 'broken.yaml', mode: 'live' }, context);
    assert.equal(refused.ok, false);
  } finally {
    await services.dispose();
  }
});

test('a dry run shows each resolved command with its target and environment and executes nothing', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  const release = await services.release(slug);
  try {
    await call(services, 'playbook.import', {
      slug,
      fileName: 'touch.yaml',
      text: 'name: touch\ntarget: sandbox\nsteps:\n  - run: touch "$WARROOM_SANDBOX/touched"\n',
    });
    const { runId } = await call<{ runId: string }>(services, 'run.start', { slug, playbookFile: 'touch.yaml', mode: 'dry-run' });
    await waitFor(() => release.state.runs.runs.find((run) => run.id === runId)?.status === 'succeeded');
    const run = release.state.runs.runs.find((candidate) => candidate.id === runId)!;
    assert.match(run.steps[0]?.description ?? '', /^\[sandbox \(sandbox\)\] in .*sandbox with .*WARROOM_NODE=/);
    assert.equal(existsSync(join(release.dir, 'sandbox', 'touched')), false);
  } finally {
    await services.dispose();
  }
});

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test('aborting a run from the UI ends the running step and its children, and journals who aborted', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  const release = await services.release(slug);
  const pidFile = join(release.dir, 'sandbox', 'child.pid');
  try {
    await call(services, 'playbook.import', {
      slug,
      fileName: 'hang.yaml',
      text: 'name: hang\ntarget: sandbox\nsteps:\n  - run: sleep 60 & echo $! > "$WARROOM_SANDBOX/child.pid"; wait\n  - run: echo never\n',
    });
    const { runId } = await call<{ runId: string }>(services, 'run.start', { slug, playbookFile: 'hang.yaml', mode: 'rehearsal' });
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '');
    const child = Number(readFileSync(pidFile, 'utf8'));
    await call(services, 'run.abort', { slug, runId, reason: 'wrong window' }, { actor: 'Priya Raman', transport: 'test' });
    const run = release.state.runs.runs.find((candidate) => candidate.id === runId)!;
    assert.equal(run.status, 'aborted');
    assert.deepEqual(
      run.steps.map((step) => step.status),
      ['aborted', 'pending'],
    );
    assert.equal(isAlive(child), false, "the step's child process is gone (a zombie left to init counts as gone)");
    const finished = release.events().find((event) => event.type === 'run.finished');
    assert.equal(finished?.actor, 'Priya Raman');
    const again = await dispatch(services, 'run.abort', { slug, runId }, context);
    assert.equal(again.ok, false, 'a finished run cannot be aborted again');
  } finally {
    await services.dispose();
  }
});

test('approvals and prompt steps wait for people; each answer is journaled as theirs', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  const release = await services.release(slug);
  try {
    const text =
      'name: gated\ntarget: sandbox\nsteps:\n  - name: Go ahead\n    approval: {roles: [SRE, Release manager]}\n  - name: Ticket\n    prompt: {variable: TICKET, question: Which change ticket?}\n  - run: echo "ticket $TICKET"\n';
    await call(services, 'playbook.import', { slug, fileName: 'gated.yaml', text });
    let asked = nextQuestion(services);
    const { runId } = await call<{ runId: string }>(services, 'run.start', { slug, playbookFile: 'gated.yaml', mode: 'rehearsal' });
    let question = await asked;
    assert.equal(question.kind === 'approve' && question.role, 'SRE');
    const wrongRole = await dispatch(services, 'run.approve', { slug, runId, stepIndex: 0, role: 'Release manager', approved: true }, context);
    assert.equal(wrongRole.ok, false, 'an answer to a question not asked is refused');
    asked = nextQuestion(services);
    await call(
      services,
      'run.approve',
      { slug, runId, stepIndex: 0, role: 'SRE', approved: true, note: 'dashboards green' },
      { actor: 'Priya Raman', transport: 'test' },
    );
    question = await asked;
    assert.equal(question.kind === 'approve' && question.role, 'Release manager');
    asked = nextQuestion(services);
    await call(services, 'run.approve', { slug, runId, stepIndex: 0, role: 'Release manager', approved: true }, { actor: 'Dana Okafor', transport: 'test' });
    question = await asked;
    assert.equal(question.kind, 'prompt');
    await call(services, 'run.answer', { slug, runId, name: 'TICKET', value: '$(touch pwned) CHG-42' }, { actor: 'Mateus Silva', transport: 'test' });
    await waitFor(() => release.state.runs.runs.find((run) => run.id === runId)?.status === 'succeeded');
    const approvals = release.events().filter((event) => event.type === 'run.approval');
    assert.deepEqual(
      approvals.map((event) => [event.actor, (event.data as { role: string }).role]),
      [
        ['Priya Raman', 'SRE'],
        ['Dana Okafor', 'Release manager'],
      ],
    );
    const log = await call<{ text: string }>(services, 'run.log', { slug, runId });
    assert.match(log.text, /ticket \$\(touch pwned\) CHG-42/);
    assert.equal(existsSync(join(release.dir, 'sandbox', 'pwned')), false);
  } finally {
    await services.dispose();
  }
});

test('a run interrupted after a secret was given cannot resume with a placeholder: it says to start again', async () => {
  const workspaceDir = tempDir();
  const first = await bootServices({ workspaceDir, runtime: 'browser' });
  const [listing] = await first.workspace.list();
  const slug = listing!.slug;
  const release = await first.release(slug);
  const runId = 'run-with-secret';
  // What a host that died mid-step leaves in the journal: the secret itself never is.
  await release.execute('Dana Okafor', () => [
    {
      type: 'run.started',
      data: {
        runId,
        playbook: { name: 'Rotate credentials', file: 'demo-rollback.yaml', format: 'yaml', sha256: '0'.repeat(64) },
        mode: 'rehearsal',
        steps: [{ id: 'use-token', name: 'Use the token', kind: 'run', plannedMs: 1000 }],
        startAt: 0,
        logFile: `runs/${runId}.log`,
        by: 'Dana Okafor',
      },
    },
    { type: 'run.variable-set', data: { runId, name: 'API_TOKEN', value: '(secret)', secret: true, by: 'Dana Okafor' } },
    { type: 'run.step-started', data: { runId, stepIndex: 0, attempt: 1, description: 'curl -H "Authorization: $API_TOKEN" ...' } },
  ]);
  await first.dispose();

  const second = await bootServices({ workspaceDir, runtime: 'browser' });
  const reopened = await second.release(slug);
  assert.equal(reopened.state.runs.runs.find((run) => run.id === runId)?.status, 'interrupted');
  const before = readFileSync(join(reopened.dir, 'journal.jsonl'));
  for (const action of ['rerun', 'mark-done'] as const) {
    const result = await dispatch(second, 'run.resolve-interruption', { slug, runId, action, note: 'it ran' }, context);
    assert.equal(result.ok, false, action);
    if (!result.ok) assert.match(result.error.message, /secret variable API_TOKEN.*never written to disk.*start a new one at step 1/);
  }
  assert.deepEqual(readFileSync(join(reopened.dir, 'journal.jsonl')), before, 'a refused resume journals nothing');
  const aborted = await dispatch(second, 'run.resolve-interruption', { slug, runId, action: 'abort', note: 'secret lost in the crash' }, context);
  assert.equal(aborted.ok, true);
  await second.dispose();
});
