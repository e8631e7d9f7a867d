// Analysis semantics against a real Prometheus scraping the real sandbox service (v1
// stable, v2 as a 50% canary: v2's error rate is ~25%, v1's ~0.5%).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlaybookRunner } from '../../../main/core/playbooks/playbook-runner';
import type { RunnerHooks } from '../../../main/core/playbooks/playbook-runner';
import { markInterruptedRuns, resolveInterruption } from '../../../main/core/playbooks/run-commands';
import { findRun } from '../../../main/core/playbooks/run-state';
import { parseYamlPlaybook } from '../../../main/core/playbooks/yaml-playbook-parser';
import { prometheusSource, sandboxSource } from '../../../main/core/telemetry/sources';
import { applyCommand, fileJournal, readJournal, replay } from '../playbooks/journal-helpers';
import { eventually } from '../playbooks/process-helpers';
import { prometheusMissing, startPrometheus } from '../../support/prometheus';
import type { RunningPrometheus } from '../../support/prometheus';
import { startSandbox } from '../../support/sandbox';
import type { TestSandbox } from '../../support/sandbox';
import { tempDir } from '../../support/temp-dir';

const missing = prometheusMissing();

function gatePlaybook(address: string, analysis: string, extra = ''): string {
  return `name: gate
target: sandbox
steps:
  - id: gate
    name: Error rate gate
    analysis:
      source: ${address}
${analysis
  .trim()
  .split('\n')
  .map((line) => `      ${line}`)
  .join('\n')}
${extra}`;
}

async function runGate(text: string, hooks: Partial<RunnerHooks> = {}, env: Record<string, string> = {}) {
  const folder = tempDir('warroom-gate-');
  const journal = fileJournal(join(folder, 'journal.jsonl'));
  const questions: unknown[] = [];
  const runner = new PlaybookRunner({
    playbook: parseYamlPlaybook(text, join(folder, 'gate.yaml')),
    runId: 'gate-run',
    mode: 'rehearsal',
    actor: 'host',
    logFile: join(folder, 'gate.log'),
    record: journal.record,
    hooks: {
      decide: async (request) => {
        questions.push(request);
        return { decision: 'abort', by: 'dana', reason: 'test ends here' };
      },
      ...hooks,
    },
    resolveTarget: () => ({ name: 'sandbox', environmentClass: 'sandbox', env, cwd: folder }),
  });
  const run = await runner.start();
  return { run, questions, journal, log: readFileSync(join(folder, 'gate.log'), 'utf8') };
}

describe('analysis against a real Prometheus scraping the sandbox', { skip: missing }, () => {
  let sandbox: TestSandbox;
  let prometheus: RunningPrometheus;
  before(async () => {
    sandbox = startSandbox(50);
    prometheus = await startPrometheus({ targets: [`127.0.0.1:${sandbox.port()}`] });
    await prometheus.waitFor('sandbox_error_ratio{version="v2"}');
  });
  after(async () => {
    await prometheus?.stop();
    sandbox?.stop();
  });

  test('instant and range queries return the sandbox metrics through the HTTP API', async () => {
    const source = prometheusSource({ address: prometheus.address });
    const instant = await source.instant('sandbox_traffic_weight');
    assert.deepEqual(instant.map((sample) => [sample.labels.version, sample.value]).sort(), [
      ['v1', 50],
      ['v2', 50],
    ]);
    const now = Date.now() / 1000;
    const range = await source.range('sandbox_error_ratio{version="v2"}', now - 30, now, 0.5);
    assert.equal(range.length, 1);
    assert.ok(range[0]!.points.length >= 1);
    assert.ok(
      range[0]!.points.every(([, value]) => value > 0.1),
      'v2 fails visibly',
    );
  });

  test('passes: every measurement successful, each journaled with the resolved query, values and verdict', async () => {
    const { run, journal } = await runGate(
      gatePlaybook(
        prometheus.address,
        `query: sandbox_error_ratio{version="\${STABLE}"}
successCondition: result[0] < 0.05
interval: 500ms
count: 3`,
        `variables:\n  STABLE: v1\n`,
      ),
    );
    assert.equal(run.status, 'succeeded');
    const measurements = journal.events().filter((event) => event.type === 'run.measurement');
    assert.equal(measurements.length, 3);
    for (const event of measurements) {
      const { measurement } = event.data as { measurement: { query: string; values: number[]; phase: string; source: string } };
      assert.equal(measurement.query, 'sandbox_error_ratio{version="v1"}', 'the query as sent, variables filled in');
      assert.equal(measurement.phase, 'successful');
      assert.equal(measurement.values.length, 1);
      assert.ok(measurement.values[0]! < 0.05);
      assert.match(measurement.source, /Prometheus at http:\/\/127\.0\.0\.1:/);
    }
  });

  test('fails at the failure limit: failureLimit 1 stops after the second failed measurement, and on_failure: rollback runs the rollback steps', async () => {
    const { run, journal } = await runGate(
      gatePlaybook(
        prometheus.address,
        `query: sandbox_error_ratio{version="v2"}
baseline: sandbox_error_ratio{version="v1"}
successCondition: result[0] <= baseline[0] + 0.05
interval: 300ms
count: 10
failureLimit: 1`,
        `    on_failure: rollback
  - id: promote
    name: Promote
    run: echo promoted
  - id: rollback
    name: Roll back
    when: rollback
    run: echo rolled back
`,
      ),
    );
    const measurements = journal.events().filter((event) => event.type === 'run.measurement');
    assert.equal(measurements.length, 2, 'stops as soon as failed > failureLimit');
    assert.equal(run.status, 'failed');
    assert.match(run.finishReason ?? '', /rolled back: step 1 \(Error rate gate\) failed: .*2 failed measurements \(failureLimit 1\)/);
    assert.deepEqual(
      run.steps.map((step) => step.status),
      ['failed', 'skipped', 'succeeded'],
    );
    assert.match(run.steps[1]?.note ?? '', /rolled back after step 1 failed/);
  });

  test('a query Prometheus rejects names the step and Prometheus’s error, and pauses for a person', async () => {
    const { run, questions } = await runGate(
      gatePlaybook(
        prometheus.address,
        `query: sum(rate(sandbox_http_requests_total[1m]) by
successCondition: result[0] < 1
interval: 300ms
count: 3`,
      ),
    );
    assert.equal(questions.length, 1, 'inconclusive: a person decides');
    assert.equal(run.steps[0]?.failure?.reason, 'inconclusive');
    assert.match(
      run.steps[0]?.failure?.message ?? '',
      /step 1 \(Error rate gate\).*rejected the query sum\(rate\(sandbox_http_requests_total\[1m\]\) by: bad_data: .*parse error/,
    );
    assert.equal(run.steps[0]?.measurements?.length, 1, 'a rejected query is not asked again');
  });

  test('the sandbox source offline gives the same numbers for the same selector', async () => {
    const offline = await sandboxSource(sandbox.dir).instant('sandbox_traffic_weight{version="v2"}');
    const online = await prometheusSource({ address: prometheus.address }).instant('sandbox_traffic_weight{version="v2"}');
    assert.deepEqual(
      offline.map((sample) => sample.value),
      online.map((sample) => sample.value),
    );
  });

  test('inconclusive when Prometheus is stopped mid-analysis: never passed, a person accepts with a reason', async () => {
    const own = await startPrometheus({ targets: [`127.0.0.1:${sandbox.port()}`] });
    await own.waitFor('sandbox_error_ratio{version="v1"}');
    let measured = 0;
    const folder = tempDir('warroom-gate-');
    const journal = fileJournal(join(folder, 'journal.jsonl'));
    const asked: string[] = [];
    const runner = new PlaybookRunner({
      playbook: parseYamlPlaybook(
        gatePlaybook(
          own.address,
          `query: sandbox_error_ratio{version="v1"}
successCondition: result[0] < 0.05
interval: 400ms
count: 6
consecutiveErrorLimit: 1`,
          `    on_failure: abort
  - id: after
    name: After the gate
    run: echo after
`,
        ),
        join(folder, 'gate.yaml'),
      ),
      runId: 'gate-run',
      mode: 'rehearsal',
      actor: 'host',
      logFile: join(folder, 'gate.log'),
      record: async (events) => {
        await journal.record(events);
        if (events.some((event) => event.type === 'run.measurement')) {
          measured += 1;
          if (measured === 1) await own.stop();
        }
      },
      hooks: {
        decide: async ({ run, stepIndex, problem }) => {
          asked.push(`${run.steps[stepIndex]?.failure?.reason}: ${problem ?? ''}`);
          // First without a reason (refused), then with one.
          return asked.length === 1
            ? { decision: 'accept', by: 'dana' }
            : { decision: 'accept', by: 'dana', reason: 'Prometheus restarts nightly; Grafana shows v1 healthy' };
        },
      },
      resolveTarget: () => ({ name: 'sandbox', environmentClass: 'sandbox', env: {}, cwd: folder }),
    });
    const run = await runner.start();
    const step = run.steps[0]!;
    assert.deepEqual(
      step.measurements?.map((measurement) => measurement.phase),
      ['successful', 'error', 'error'],
      'an unreachable source is an error, never a pass',
    );
    assert.match(
      step.measurements?.[1]?.message ?? '',
      /Prometheus at http:\/\/127\.0\.0\.1:\d+ is unreachable: .*\(query sandbox_error_ratio\{version="v1"\}\)/,
    );
    assert.equal(asked[0], 'inconclusive: ');
    assert.match(asked[1] ?? '', /needs a reason/);
    assert.equal(step.status, 'succeeded');
    assert.deepEqual(
      step.decisions.map((decision) => [decision.decision, decision.by, decision.reason]),
      [['accept', 'dana', 'Prometheus restarts nightly; Grafana shows v1 healthy']],
    );
    assert.equal(run.status, 'succeeded');
    assert.equal(run.steps[1]?.status, 'succeeded');
  });

  test('resumes after a crash with its measurements intact', async () => {
    const folder = tempDir('warroom-crash-');
    const playbookFile = join(folder, 'gate.yaml');
    const journalFile = join(folder, 'journal.jsonl');
    const logFile = join(folder, 'crash-run.log');
    const text = gatePlaybook(
      prometheus.address,
      `query: sandbox_error_ratio{version="v1"}
successCondition: result[0] < 0.05
interval: 700ms
count: 4`,
    );
    writeFileSync(playbookFile, text);
    const fixture = new URL('../playbooks/fixtures/host-runner.ts', import.meta.url).pathname;
    const host = spawn(process.execPath, ['--import', 'tsx', fixture, playbookFile, journalFile, logFile, folder], { stdio: 'ignore' });
    const exited = new Promise((resolve) => host.on('exit', resolve));
    await eventually(() => existsSync(journalFile) && readJournal(journalFile).filter((event) => event.type === 'run.measurement').length >= 2, 30_000);
    host.kill('SIGKILL');
    await exited;

    const journal = fileJournal(journalFile);
    let state = replay(journal.events());
    const before = findRun(state, 'crash-run')!.steps[0]!.measurements ?? [];
    assert.ok(before.length >= 2 && before.length < 4, `measurements before the crash: ${before.length}`);
    state = await applyCommand(journal, state, markInterruptedRuns(state, { actor: 'system', now: new Date().toISOString() }));
    state = await applyCommand(
      journal,
      state,
      resolveInterruption(state, { runId: 'crash-run', action: 'rerun' }, { actor: 'alice', now: new Date().toISOString() }),
    );
    const runner = new PlaybookRunner(
      {
        playbook: parseYamlPlaybook(text, playbookFile),
        runId: 'crash-run',
        mode: 'rehearsal',
        actor: 'host',
        logFile,
        record: journal.record,
        hooks: { decide: () => Promise.reject(new Error('no failure expected')) },
        resolveTarget: () => ({ name: 'sandbox', environmentClass: 'sandbox', env: {}, cwd: folder }),
      },
      state,
    );
    const run = await runner.resume();
    assert.equal(run.status, 'succeeded');
    const measurements = run.steps[0]!.measurements ?? [];
    assert.deepEqual(
      measurements.slice(0, before.length).map((measurement) => measurement.at),
      before.map((measurement) => measurement.at),
      'the measurements from before the crash are intact',
    );
    assert.equal(measurements.length, 4, 'the resumed analysis counts them: 4 in all, not 4 more');
    assert.deepEqual(
      measurements.map((measurement) => measurement.index),
      [1, 2, 3, 4],
    );
    assert.match(readFileSync(logFile, 'utf8'), new RegExp(`resuming after ${before.length} journaled measurement`));
  });
});
