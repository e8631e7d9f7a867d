// The shipped canary playbook against the real sandbox: offline (the sandbox's own
// metrics) and through a real Prometheus scraping it. v2 is fine at 5% and breaks at 25%:
// the error-rate gate at 25% fails and the rollback steps run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlaybookRunner } from '../../../main/core/playbooks/playbook-runner';
import type { RunState } from '../../../main/core/playbooks/run-state';
import { parseYamlPlaybook } from '../../../main/core/playbooks/yaml-playbook-parser';
import { fileJournal } from '../playbooks/journal-helpers';
import { prometheusMissing, startPrometheus } from '../../support/prometheus';
import { startSandbox } from '../../support/sandbox';
import type { TestSandbox } from '../../support/sandbox';
import { tempDir } from '../../support/temp-dir';

const assets = new URL('../../../assets/', import.meta.url).pathname;
const playbookFile = join(assets, 'playbooks', 'demo-canary.yaml');

async function runCanary(sandbox: TestSandbox, source: string): Promise<RunState> {
  const folder = tempDir('warroom-canary-');
  const runner = new PlaybookRunner({
    playbook: parseYamlPlaybook(readFileSync(playbookFile, 'utf8'), playbookFile),
    runId: 'canary-run',
    mode: 'rehearsal',
    actor: 'host',
    logFile: join(folder, 'canary.log'),
    record: fileJournal(join(folder, 'journal.jsonl')).record,
    hooks: {
      decide: async ({ run, stepIndex }) => ({ decision: 'abort', by: 'host', reason: `unexpected question: ${run.steps[stepIndex]?.failure?.message}` }),
    },
    resolveTarget: () => ({
      name: 'sandbox',
      environmentClass: 'sandbox',
      env: { WARROOM_SANDBOX: sandbox.dir, WARROOM_NODE: process.execPath, WARROOM_ASSETS: assets },
      cwd: sandbox.dir,
    }),
  });
  return runner.start({ variables: [{ name: 'METRICS_SOURCE', value: source }] });
}

function assertRolledBackAt25(run: RunState): void {
  const status = Object.fromEntries(run.steps.map((step) => [step.id, step.status]));
  assert.equal(run.status, 'failed', run.finishReason);
  assert.match(run.finishReason ?? '', /^rolled back: step 6 \(Error rate at 25% \(canary against v1\)\) failed/);
  assert.equal(status['errors-5'], 'succeeded', 'v2 is fine as a 5% canary');
  assert.equal(status['latency-5'], 'succeeded');
  assert.equal(status['errors-25'], 'failed');
  for (const id of ['latency-25', 'traffic-50', 'errors-50', 'traffic-100', 'promote']) assert.equal(status[id], 'skipped', id);
  assert.equal(status['rollback-traffic'], 'succeeded');
  assert.equal(status['rollback-health'], 'succeeded');
  const failed = run.steps.find((step) => step.id === 'errors-25')?.measurements ?? [];
  assert.ok(failed.filter((measurement) => measurement.phase === 'failed').length === 2, 'failureLimit 1: two failures');
  assert.ok(
    failed.every(
      (measurement) => measurement.query === 'sandbox_error_ratio{version="v2"}' && measurement.baselineQuery === 'sandbox_error_ratio{version="v1"}',
    ),
  );
}

test('the canary playbook offline: passes 5%, trips the error-rate gate at 25%, rolls back to v1', async () => {
  const sandbox = startSandbox();
  try {
    const run = await runCanary(sandbox, 'sandbox');
    assertRolledBackAt25(run);
    assert.equal(readFileSafe(join(sandbox.dir, 'canary')), '', 'the traffic is back on v1: no canary');
    assert.match(sandbox.ctl('metrics').out, /sandbox_traffic_weight\{version="v1"\} 100/);
  } finally {
    sandbox.stop();
  }
});

test('the canary playbook against a real Prometheus scraping the sandbox', { skip: prometheusMissing() }, async () => {
  const sandbox = startSandbox();
  const prometheus = await startPrometheus({ targets: [`127.0.0.1:${sandbox.port()}`] });
  try {
    // The playbook's first step restarts the service: it keeps its port, so Prometheus's target stays right.
    const run = await runCanary(sandbox, prometheus.address);
    assertRolledBackAt25(run);
    const measurement = run.steps.find((step) => step.id === 'errors-25')?.measurements?.[0];
    assert.match(measurement?.source ?? '', /^Prometheus at http:\/\/127\.0\.0\.1:/);
  } finally {
    await prometheus.stop();
    sandbox.stop();
  }
});

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
