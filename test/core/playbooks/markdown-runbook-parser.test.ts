import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WarRoomError } from '../../../contract/domain/errors';
import { parseMarkdownRunbook } from '../../../main/core/playbooks/markdown-runbook-parser';

const fence = '```';
const runbook = `# Payments API rollback

Owner: team payments. Use when a release breaks checkout.

## Overview
This runbook rolls the payments deployment back.

## Prerequisites
- kubectl access to the production cluster
- VPN connected

## Rollback
### 1. Check the current state
Look at the pods first:
${fence}bash
kubectl get pods -n payments
${fence}
Expect some pods in CrashLoopBackOff.

### 2. Roll back
1. Undo the rollout:
   ${fence}sh name="Undo the rollout" timeout=5m target=prod on_failure=abort
   kubectl rollout undo deploy/payments
   ${fence}
2. Follow it:
   ${fence}console
   $ kubectl rollout status deploy/payments \\
       --timeout=5m
   deployment "payments" successfully rolled out
   ${fence}

Example output (not run):
${fence}
Waiting for deployment "payments" rollout to finish
${fence}

### 3. Verify
${fence}sh check retries=5 interval=10s output="ok"
curl -fsS https://payments.internal/health
${fence}

## Communicate
Post in #releases that the rollback is done.

## Escalation
Page the payments on-call.
`;

test('a typical ops runbook gives a sensible playbook without editing', () => {
  const playbook = parseMarkdownRunbook(runbook, '/repo/docs/payments-rollback.md');
  assert.equal(playbook.name, 'Payments API rollback');
  assert.match(playbook.description, /Owner: team payments/);
  assert.match(playbook.description, /Overview/);
  assert.match(playbook.description, /Page the payments on-call/);
  assert.deepEqual(
    playbook.steps.map((step) => [step.kind, step.name]),
    [
      ['manual', 'Prerequisites'],
      ['run', '1. Check the current state'],
      ['run', 'Undo the rollout'],
      ['run', '2. Roll back (2/2)'],
      ['check', '3. Verify'],
      ['manual', 'Communicate'],
    ],
  );
  const [prerequisites, look, undo, follow, verify] = playbook.steps;
  assert.match(prerequisites?.instructions ?? '', /VPN connected/);
  assert.ok(look?.kind === 'run');
  assert.equal(look.command, 'kubectl get pods -n payments');
  assert.match(look.instructions, /Look at the pods first/);
  assert.match(look.instructions, /CrashLoopBackOff/);
  assert.deepEqual(look.position, { line: 15, column: 1 });
  assert.ok(undo?.kind === 'run');
  assert.equal(undo.timeoutMs, 5 * 60_000);
  assert.equal(undo.target, 'prod');
  assert.equal(undo.onFailure, 'abort');
  assert.ok(follow?.kind === 'run');
  assert.equal(follow.command, 'kubectl rollout status deploy/payments --timeout=5m');
  assert.equal(follow.expectedOutput, 'deployment "payments" successfully rolled out');
  assert.match(follow.instructions, /Example output/);
  assert.doesNotMatch(playbook.steps.map((step) => (step.kind === 'run' ? step.command : '')).join('\n'), /Waiting for deployment/);
  assert.ok(verify?.kind === 'check');
  assert.equal(verify.retries, 5);
  assert.equal(verify.intervalMs, 10_000);
  assert.equal(verify.expect.outputPattern, 'ok');
});

test('a runbook without a title takes its name from the file', () => {
  const playbook = parseMarkdownRunbook(`## Restart\n${fence}sh\nsystemctl restart api\n${fence}\n`, '/repo/restart-api.md');
  assert.equal(playbook.name, 'restart-api');
  assert.equal(playbook.steps.length, 1);
});

test('bad fence attributes name line, column and the rule', () => {
  const text = `# R\n\n## Step\n${fence}sh name="Restart" timout=5m\nls\n${fence}\n\n## Other\n  ${fence}bash timeout=soon\n  ls\n  ${fence}\n`;
  try {
    parseMarkdownRunbook(text, '/repo/r.md');
    assert.fail('accepted');
  } catch (error) {
    assert.ok(error instanceof WarRoomError);
    assert.equal(error.locations.length, 2);
    assert.match(error.message, /^playbook r\.md line 4, column 22: attribute 'timout' is not known/m);
    assert.match(error.message, /^playbook r\.md line 9, column 11: attribute 'timeout' must be a duration like 30s, 5m or 1h/m);
  }
});

test('a document without steps is refused at line 1', () => {
  assert.throws(
    () => parseMarkdownRunbook('Just some text.\n', 'notes.md'),
    (error: unknown) => error instanceof WarRoomError && /line 1, column 1: has no steps/.test(error.message),
  );
});
