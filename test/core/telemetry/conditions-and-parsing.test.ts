// Conditions are data, never code; analysis steps parse in YAML and Markdown with exact
// positions; lint shows them; a source that cannot be reached is never a pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parseMarkdownRunbook } from '../../../main/core/playbooks/markdown-runbook-parser';
import { parseYamlPlaybook } from '../../../main/core/playbooks/yaml-playbook-parser';
import { assessAnalysis, runAnalysis } from '../../../main/core/telemetry/analysis';
import type { AnalysisSpec, Measurement } from '../../../main/core/telemetry/analysis';
import { parseCondition } from '../../../main/core/telemetry/conditions';
import { parseSelector, parseTextFormat, selectSamples } from '../../../main/core/telemetry/prometheus-text';
import { prometheusSource } from '../../../main/core/telemetry/sources';
import { freePort } from '../../support/prometheus';

test('conditions read like Argo’s and evaluate without eval', () => {
  assert.equal(parseCondition('result[0] < 0.05').evaluate({ result: [0.01] }), true);
  assert.equal(parseCondition('result[0] < 0.05').evaluate({ result: [0.2] }), false);
  assert.equal(parseCondition('result >= 0.95').evaluate({ result: [0.96] }), true, 'a one-value vector compares as its value');
  assert.equal(parseCondition('len(result) == 0 or result[0] < 1 and not isNaN(result[0])').evaluate({ result: [] }), true, 'or short-circuits');
  assert.equal(parseCondition('len(result) == 0 or result[0] < 1 and not isNaN(result[0])').evaluate({ result: [2] }), false);
  assert.equal(parseCondition('result[0] <= baseline[0] * 3 + 0.2', ['result', 'baseline']).evaluate({ result: [0.5], baseline: [0.1] }), true);
  assert.equal(parseCondition('result[0] <= baseline[0] * 3 + 0.2', ['result', 'baseline']).evaluate({ result: [0.6], baseline: [0.1] }), false);
});

test('conditions refuse anything but the whitelist, with the column', () => {
  for (const [source, pattern] of [
    ['result.constructor', /only indexing/],
    ['process.exit(1)', /unknown function/],
    ['globalThis', /unknown name "globalThis"/],
    ['result[0] = 1', /Unexpected "="/],
    ['(() => 1)()', /./],
    ['this', /not allowed/],
  ] as const) {
    assert.throws(() => parseCondition(source), pattern, source);
  }
  assert.throws(
    () => parseCondition('result[0] < < 1'),
    (error: Error & { column?: number }) => error.column === 13,
  );
  assert.throws(() => parseCondition('result[0] < 1').evaluate({ result: [] }), /index \[0\] is out of range: the query returned 0 values/);
});

test('a condition that does not parse names the line and column in the YAML playbook', () => {
  const text = `name: bad gate
steps:
  - id: gate
    analysis:
      source: sandbox
      query: up
      successCondition: result[0] < < 1
`;
  assert.throws(
    () => parseYamlPlaybook(text, 'gate.yaml'),
    (error: Error & { locations: { line: number; column: number }[] }) => {
      assert.match(
        error.message,
        /playbook gate\.yaml line 7, column 37: 'successCondition' does not parse at column 13 of the condition: Expected expression after </,
      );
      assert.deepEqual([error.locations[0]?.line, error.locations[0]?.column], [7, 37]);
      return true;
    },
  );
  assert.throws(
    () => parseYamlPlaybook(text.replace('result[0] < < 1', 'result[0] < 1').replace('query: up', 'query: up\n      count: 0'), 'gate.yaml'),
    /line 7.*'count' must be at least 1/,
  );
});

test('a Markdown runbook’s ```analysis fence is a gate; its errors point into the runbook', () => {
  const runbook = `# Canary

## Error rate of the canary

Watch v2 against v1.

\`\`\`analysis
source: sandbox
query: sandbox_error_ratio{version="v2"}
baseline: sandbox_error_ratio{version="v1"}
successCondition: result[0] <= baseline[0] + 0.05
interval: 2s
count: 3
failureLimit: 1
on_failure: rollback
\`\`\`

## Roll back

\`\`\`sh
echo rollback
\`\`\`
`;
  const playbook = parseMarkdownRunbook(runbook, 'canary.md');
  const gate = playbook.steps[0]!;
  assert.equal(gate.kind, 'analysis');
  assert.equal(gate.name, 'Error rate of the canary');
  assert.equal(gate.onFailure, 'rollback');
  assert.equal(gate.instructions, 'Watch v2 against v1.');
  if (gate.kind === 'analysis') {
    assert.deepEqual([gate.count, gate.intervalMs, gate.failureLimit, gate.baseline], [3, 2000, 1, 'sandbox_error_ratio{version="v1"}']);
  }
  assert.equal(playbook.steps[1]?.kind, 'run');
  assert.throws(
    () => parseMarkdownRunbook(runbook.replace('<= baseline[0] + 0.05', '<= baseline[0] +'), 'canary.md'),
    /playbook canary\.md line 11, column \d+: 'successCondition' does not parse/,
  );
});

test('`warroom playbook lint` shows analysis steps: query, conditions, count and limits', () => {
  const cli = new URL('../../../main/cli.ts', import.meta.url).pathname;
  const playbook = new URL('../../../assets/playbooks/demo-canary.yaml', import.meta.url).pathname;
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, 'playbook', 'lint', playbook], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /analysis\s+\d+\s+Error rate at 25% \(canary against v1\)/);
  assert.match(result.stdout, /query\s+sandbox_error_ratio\{version="\$\{CANARY_VERSION\}"\}\s+\[source \$\{METRICS_SOURCE\}\]/);
  assert.match(result.stdout, /passes\s+result\[0\] <= baseline\[0\] \+ 0\.05/);
  assert.match(result.stdout, /measures\s+3 x every 2 s after 4 s; failureLimit 1, inconclusiveLimit 0; on failure: rollback/);
  assert.match(result.stdout, /runs only on a rollback/);
  const json = spawnSync(process.execPath, ['--import', 'tsx', cli, 'playbook', 'lint', '--json', playbook], { encoding: 'utf8', timeout: 120_000 });
  const report = JSON.parse(json.stdout) as
    { steps: { kind: string; analysis: { count: number } | null }[] }[] | { steps: { kind: string; analysis: { count: number } | null }[] };
  const steps = Array.isArray(report) ? report[0]!.steps : report.steps;
  assert.equal(steps.filter((step) => step.kind === 'analysis').length, 8);
  assert.equal(steps.find((step) => step.kind === 'analysis')?.analysis?.count, 3);
});

test('Argo’s assessment: failure limit, inconclusive limit, consecutive errors, count', () => {
  const spec: AnalysisSpec = {
    query: 'q',
    baseline: undefined,
    successCondition: 'result[0] < 1',
    failureCondition: 'result[0] > 2',
    intervalMs: 1,
    count: 3,
    failureLimit: 1,
    inconclusiveLimit: 0,
    consecutiveErrorLimit: 1,
    initialDelayMs: 0,
  };
  const m = (phase: Measurement['phase']): Measurement => ({
    index: 1,
    at: '',
    query: 'q',
    baselineQuery: undefined,
    source: 's',
    values: [],
    baselineValues: undefined,
    phase,
    message: phase,
  });
  assert.equal(assessAnalysis(spec, [m('failed')]), undefined, 'one failure is within failureLimit 1');
  assert.equal(assessAnalysis(spec, [m('failed'), m('failed')])?.verdict, 'failed');
  assert.equal(assessAnalysis(spec, [m('inconclusive')])?.verdict, 'inconclusive');
  assert.equal(assessAnalysis(spec, [m('error')]), undefined);
  assert.equal(assessAnalysis(spec, [m('error'), m('error')])?.verdict, 'inconclusive', 'errors never pass');
  assert.equal(assessAnalysis(spec, [m('successful'), m('error'), m('successful')]), undefined, 'errors do not count towards count');
  assert.equal(assessAnalysis(spec, [m('successful'), m('failed'), m('successful')])?.verdict, 'successful');
});

test('an unreachable source makes the gate inconclusive, never passed; the message names the source and the query', async () => {
  const port = await freePort();
  const recorded: Measurement[] = [];
  const outcome = await runAnalysis({
    source: prometheusSource({ address: `http://127.0.0.1:${port}` }),
    spec: {
      query: 'up',
      baseline: undefined,
      successCondition: undefined,
      failureCondition: undefined,
      intervalMs: 10,
      count: 1,
      failureLimit: 0,
      inconclusiveLimit: 0,
      consecutiveErrorLimit: 2,
      initialDelayMs: 0,
    },
    record: async (measurement) => void recorded.push(measurement),
    sleep: (ms) => new Promise((resolve) => setTimeout(() => resolve(true), ms)),
    now: () => new Date().toISOString(),
  });
  assert.equal(outcome?.verdict, 'inconclusive', 'no condition at all still does not pass on an unreachable source');
  assert.equal(recorded.length, 3);
  assert.match(recorded[0]!.message, new RegExp(`Prometheus at http://127\\.0\\.0\\.1:${port} is unreachable: .*ECONNREFUSED.*\\(query up\\)`));
});

test('the text format and selectors of the offline sandbox source', () => {
  const samples = parseTextFormat(`# HELP x
sandbox_error_ratio{version="v1"} 0.01
sandbox_error_ratio{version="v2"} 0.2
sandbox_http_requests_total{version="v2",code="500"} 7
`);
  assert.deepEqual(
    selectSamples(samples, parseSelector('sandbox_error_ratio{version="v2"}')).map((sample) => sample.value),
    [0.2],
  );
  assert.deepEqual(
    selectSamples(samples, parseSelector('sandbox_http_requests_total{code=~"5.."}')).map((sample) => sample.value),
    [7],
  );
  assert.throws(() => parseSelector('sum(rate(x[1m]))'), /column 4: expected \{ or the end/);
  assert.throws(() => parseTextFormat('ok 1\nbroken{ 2'), /line 2/);
});
