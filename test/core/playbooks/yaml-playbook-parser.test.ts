import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WarRoomError } from '../../../contract/domain/errors';
import { parseYamlPlaybook } from '../../../main/core/playbooks/yaml-playbook-parser';

const assets = new URL('../../../assets/playbooks/', import.meta.url).pathname;

function rejection(text: string): WarRoomError {
  try {
    parseYamlPlaybook(text, '/work/rollback.yaml');
  } catch (error) {
    assert.ok(error instanceof WarRoomError, `expected a WarRoomError, got ${String(error)}`);
    return error;
  }
  assert.fail('the playbook was accepted');
}

test('a complete playbook parses into steps with durations, defaults and positions', () => {
  const playbook = parseYamlPlaybook(
    [
      'name: Roll back payments',
      'target: prod',
      'variables:',
      '  VERSION: {default: v1, prompt: Which version?}',
      '  TOKEN: {prompt: Token, secret: true}',
      'steps:',
      '  - name: Switch',
      '    run: ./switch.sh "$VERSION"',
      '    timeout: 1h30m',
      '    exit_codes: [0, 3]',
      '    env: {MODE: fast, RETRY: 3}',
      '  - check: {http: "http://127.0.0.1:9/health", retries: 4, interval: 2s, status: [200], output: ok}',
      '    on_failure: abort',
      '  - manual: Tell the channel',
      '  - approval: {roles: [release-manager, qa]}',
      '  - wait: 30s',
      '  - prompt: {variable: TICKET, question: Ticket?}',
    ].join('\n'),
    '/work/rollback.yaml',
  );
  assert.equal(playbook.name, 'Roll back payments');
  assert.equal(playbook.target, 'prod');
  assert.deepEqual(
    playbook.variables.map((variable) => [variable.name, variable.defaultValue, variable.secret]),
    [
      ['VERSION', 'v1', false],
      ['TOKEN', undefined, true],
    ],
  );
  const [run, check, manual, approval, wait, prompt] = playbook.steps;
  assert.ok(run?.kind === 'run');
  assert.equal(run.timeoutMs, 90 * 60_000);
  assert.deepEqual(run.acceptedExitCodes, [0, 3]);
  assert.deepEqual(run.env, [
    { name: 'MODE', value: 'fast' },
    { name: 'RETRY', value: '3' },
  ]);
  assert.deepEqual(run.position, { line: 7, column: 5 });
  assert.equal(run.onFailure, 'ask');
  assert.ok(check?.kind === 'check');
  assert.equal(check.retries, 4);
  assert.equal(check.intervalMs, 2_000);
  assert.equal(check.onFailure, 'abort');
  assert.deepEqual(check.expect.statusCodes, [200]);
  assert.equal(manual?.kind, 'manual');
  assert.ok(approval?.kind === 'approval');
  assert.deepEqual(approval.roles, ['release-manager', 'qa']);
  assert.ok(wait?.kind === 'wait');
  assert.equal(wait.durationMs, 30_000);
  assert.ok(prompt?.kind === 'prompt');
  assert.equal(prompt.variable, 'TICKET');
  assert.equal(new Set(playbook.steps.map((step) => step.id)).size, 6);
  assert.match(playbook.source.sha256, /^[0-9a-f]{64}$/);
});

test('a bad duration names file, line, column and the rule', () => {
  const error = rejection('name: x\nsteps:\n  - run: echo hi\n    timeout: 30\n');
  assert.equal(error.message, "playbook rollback.yaml line 4, column 14: 'timeout' must be a duration like 30s, 5m or 1h");
  assert.deepEqual(error.locations[0], { file: '/work/rollback.yaml', line: 4, column: 14, field: 'steps[0].timeout' });
});

test('an unknown key is reported at the key itself', () => {
  const error = rejection('name: x\nsteps:\n  - run: ls\n    timout: 5m\n');
  assert.match(error.message, /line 4, column 5: 'timout' is not a known key/);
});

test('a step needs exactly one kind, and every problem is listed', () => {
  const error = rejection('name: x\nsteps:\n  - name: nothing\n  - run: a\n    manual: b\n  - wait: 5m\n    env: {A: b}\n');
  assert.equal(error.locations.length, 3);
  assert.match(error.message, /line 3, column 5: steps\[0\] needs one of run, check, manual, approval, wait, prompt/);
  assert.match(error.message, /line 4, column 5: steps\[1\] has run and manual/);
  assert.match(error.message, /line 7, column 10: 'env' only applies to run and check steps/);
});

test('missing name and YAML syntax errors carry positions', () => {
  assert.match(rejection('steps: [{run: a}]').message, /line 1, column 1: 'name' is required/);
  const syntax = rejection('name: x\nsteps:\n  - run: [unclosed\n');
  assert.equal(syntax.code, 'invalid-input');
  assert.ok((syntax.locations[0]?.line ?? 0) >= 3);
  assert.match(rejection('name: a\nname: b\nsteps: []').message, /line 2, column 1: is not valid YAML: Map keys must be unique/);
  assert.match(rejection('').message, /line 1, column 1: must be a mapping with name and steps/);
});

test('an alias bomb is refused without expanding it', () => {
  const rows = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let level = 1; level < 9; level += 1) {
    const previous = String.fromCharCode(96 + level);
    const current = String.fromCharCode(97 + level);
    rows.push(`${current}: &${current} [${Array(10).fill(`*${previous}`).join(',')}]`);
  }
  const error = rejection(`${rows.join('\n')}\nname: bomb\nsteps: [{run: ls}]\n`);
  assert.match(error.message, /cannot be expanded/);
  assert.equal(error.locations[0]?.line, 2);
});

test('__proto__ and constructor keys are refused and leave Object.prototype alone', () => {
  for (const text of [
    'name: x\n__proto__: {polluted: yes}\nsteps: [{run: ls}]\n',
    'name: x\nsteps:\n  - run: ls\n    env: {__proto__: yes}\n',
    'name: x\nvariables:\n  constructor: {default: 1}\nsteps: [{run: ls}]\n',
    'name: x\nsteps:\n  - run: ls\n    __proto__: {polluted: yes}\n',
  ]) {
    const error = rejection(text);
    assert.match(error.message, /reserved key/);
    assert.ok((error.locations[0]?.line ?? 0) > 1);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
});

test('the shipped playbooks parse', () => {
  const demo = parseYamlPlaybook(readFileSync(join(assets, 'demo-rollback.yaml'), 'utf8'), 'demo-rollback.yaml');
  assert.deepEqual(
    demo.steps.map((step) => step.kind),
    ['run', 'check', 'run', 'run', 'run', 'check', 'manual'],
  );
  assert.equal(demo.steps[1]?.onFailure, 'continue');
  const canary = parseYamlPlaybook(readFileSync(join(assets, 'canary-promotion.yaml'), 'utf8'), 'canary-promotion.yaml');
  const gates = canary.steps.filter((step) => step.kind === 'check');
  assert.equal(gates.length, 4);
  for (const gate of gates) {
    assert.equal(gate.onFailure, 'abort');
    assert.match(gate.failureHint ?? '', /rollback playbook/);
  }
  const kubectl = parseYamlPlaybook(readFileSync(join(assets, 'kubectl-rollout-undo.yaml'), 'utf8'), 'kubectl-rollout-undo.yaml');
  assert.deepEqual(
    kubectl.variables.map((variable) => variable.name),
    ['KUBE_CONTEXT', 'NAMESPACE', 'DEPLOYMENT'],
  );
  for (const step of kubectl.steps) if (step.kind === 'run') assert.doesNotMatch(step.command, /\{\{|<%/);
});
