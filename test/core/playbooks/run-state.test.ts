import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WarRoomError } from '../../../contract/domain/errors';
import { decideStepFailure, markInterruptedRuns } from '../../../main/core/playbooks/run-commands';
import { estimateRemaining, windowWarning } from '../../../main/core/playbooks/run-eta';
import type { DomainEvent, JournalEvent } from '../../../contract/domain/playbooks/run-events';
import { findRun, initialRunsState, reduceRuns } from '../../../main/core/playbooks/run-state';
import type { RunMode } from '../../../contract/domain/playbooks/run-events';
import type { RunsState } from '../../../main/core/playbooks/run-state';

let seq = 0;
function apply(state: RunsState, events: readonly DomainEvent[], ts = '2026-11-24T21:00:00.000Z', actor = 'host'): RunsState {
  return events.reduce<RunsState>((current, event) => reduceRuns(current, { ...event, actor, ts, seq: (seq += 1) } as JournalEvent), state);
}

function started(runId: string, mode: RunMode = 'rehearsal'): DomainEvent {
  return {
    type: 'run.started',
    data: {
      runId,
      playbook: { name: 'demo rollback', file: 'demo.yaml', format: 'yaml', sha256: 'x' },
      mode,
      steps: [
        { id: 'switch', name: 'Switch', kind: 'run', plannedMs: 60_000 },
        { id: 'settle', name: 'Settle', kind: 'wait', plannedMs: 30_000 },
        { id: 'health', name: 'Health', kind: 'check', plannedMs: 30_000 },
      ],
      startAt: 0,
      logFile: `${runId}.log`,
      by: 'host',
    },
  };
}

function stepDone(runId: string, stepIndex: number, durationMs: number): DomainEvent[] {
  return [
    { type: 'run.step-started', data: { runId, stepIndex, attempt: 1, description: undefined } },
    {
      type: 'run.step-finished',
      data: { runId, stepIndex, attempt: 1, exitCode: 0, httpStatus: undefined, durationMs, log: undefined, by: undefined, note: undefined, dryRun: false },
    },
  ];
}

test('the reducer ignores other areas and unknown runs, and never mutates', () => {
  const state = apply(initialRunsState(), [started('r1')]);
  const frozen = JSON.stringify(state);
  assert.equal(reduceRuns(state, { type: 'checklist.item-status-changed', data: {}, actor: 'a', ts: '', seq: 1 }), state);
  assert.equal(reduceRuns(state, { type: 'run.step-started', data: { runId: 'other', stepIndex: 0, attempt: 1 }, actor: 'a', ts: '', seq: 1 }), state);
  assert.equal(reduceRuns(state, { type: 'run.something-newer', data: null, actor: 'a', ts: '', seq: 1 }), state);
  apply(state, stepDone('r1', 0, 10));
  assert.equal(JSON.stringify(state), frozen);
  assert.equal(findRun(state, 'constructor'), undefined);
});

test('a run event whose data does not fit its schema is refused as corrupt, naming the seq, the type and the field', () => {
  const state = apply(initialRunsState(), [started('r1')]);
  assert.throws(
    () => reduceRuns(state, { type: 'run.step-started', data: { runId: 'r1', stepIndex: 'first', attempt: 1 }, actor: 'a', ts: '', seq: 7 }),
    (error: unknown) => error instanceof WarRoomError && error.code === 'corrupt' && /#7 \(run\.step-started\).*data\.stepIndex/.test(error.message),
  );
  assert.throws(
    () => reduceRuns(state, { type: 'run.finished', data: null, actor: 'a', ts: '', seq: 8 }),
    (error: unknown) => error instanceof WarRoomError && error.code === 'corrupt' && /#8 \(run\.finished\)/.test(error.message),
  );
  assert.throws(
    () => reduceRuns(state, { type: 'run.decision', data: { runId: 'r1', stepIndex: 0, decision: 'shrug', by: 'a' }, actor: 'a', ts: '', seq: 9 }),
    (error: unknown) => error instanceof WarRoomError && /data\.decision/.test(error.message),
  );
});

test('a failed step accepts retry, skip with a reason, or abort; anything else is refused', () => {
  let state = apply(initialRunsState(), [
    started('r1', 'live'),
    { type: 'run.step-started', data: { runId: 'r1', stepIndex: 0, attempt: 1, description: undefined } },
    {
      type: 'run.step-failed',
      data: {
        runId: 'r1',
        stepIndex: 0,
        attempt: 1,
        exitCode: 2,
        httpStatus: undefined,
        reason: 'exit-code',
        message: 'exited with 2',
        durationMs: 5,
        log: undefined,
        hint: undefined,
      },
    },
  ]);
  const context = { actor: 'alice', now: '2026-11-24T21:01:00.000Z' };
  assert.equal(findRun(state, 'r1')?.steps[0]?.status, 'failed');
  assert.throws(() => decideStepFailure(state, { runId: 'r1', stepIndex: 0, decision: 'skip', reason: '  ' }, context), /needs a reason/);
  assert.throws(
    () => decideStepFailure(state, { runId: 'r1', stepIndex: 1, decision: 'retry' }, context),
    (error: unknown) => error instanceof WarRoomError && error.code === 'conflict',
  );
  assert.throws(
    () => decideStepFailure(state, { runId: 'nope', stepIndex: 0, decision: 'retry' }, context),
    (error: unknown) => error instanceof WarRoomError && error.code === 'not-found',
  );
  const abort = decideStepFailure(state, { runId: 'r1', stepIndex: 0, decision: 'abort', reason: 'wrong target' }, context);
  assert.deepEqual(
    abort.map((event) => event.type),
    ['run.decision', 'run.finished'],
  );
  state = apply(state, decideStepFailure(state, { runId: 'r1', stepIndex: 0, decision: 'skip', reason: 'done by hand' }, context), context.now, 'alice');
  const step = findRun(state, 'r1')?.steps[0];
  assert.equal(step?.status, 'skipped');
  assert.deepEqual(step?.decisions, [{ decision: 'skip', reason: 'done by hand', by: 'alice', at: context.now }]);
});

test('a run cut off between steps is interrupted at the next step with a known outcome', () => {
  const state = apply(initialRunsState(), [started('r1'), ...stepDone('r1', 0, 10)]);
  const events = markInterruptedRuns(state, { actor: 'system', now: '' });
  assert.deepEqual(events, [{ type: 'run.interrupted', data: { runId: 'r1', stepIndex: 1, outcomeKnown: true } }]);
  const finished = apply(state, [...stepDone('r1', 1, 10), ...stepDone('r1', 2, 10)]);
  assert.equal(markInterruptedRuns(finished, { actor: 'system', now: '' })[0]?.type, 'run.finished');
});

test('the ETA uses the median of earlier rehearsals and warns when the window is too short', () => {
  let state = initialRunsState();
  for (const [runId, switchMs, healthMs] of [
    ['h1', 60_000, 20_000],
    ['h2', 120_000, 40_000],
    ['h3', 90_000, 600_000],
  ] as const) {
    state = apply(state, [
      started(runId),
      ...stepDone(runId, 0, switchMs),
      ...stepDone(runId, 1, 30_000),
      ...stepDone(runId, 2, healthMs),
      { type: 'run.finished', data: { runId, status: 'succeeded', reason: undefined, by: 'host', logSha256: undefined } },
    ]);
  }
  // A rehearsal that never finished measured nothing: it does not pull the medians.
  state = apply(state, [started('cut'), ...stepDone('cut', 0, 1)]);
  state = apply(
    state,
    [started('live', 'live'), { type: 'run.step-started', data: { runId: 'live', stepIndex: 0, attempt: 1, description: undefined } }],
    '2026-11-24T21:00:00.000Z',
  );
  const live = findRun(state, 'live');
  assert.ok(live);
  const estimate = estimateRemaining(live, state.runs, '2026-11-24T21:00:30.000Z');
  assert.deepEqual(
    estimate.steps.map((step) => [step.estimateMs, step.basis]),
    [
      [60_000, 'rehearsal'],
      [30_000, 'rehearsal'],
      [40_000, 'rehearsal'],
    ],
  );
  assert.equal(estimate.remainingMs, 130_000);
  assert.equal(estimate.unknownSteps, 0);
  assert.equal(windowWarning(estimate, '2026-11-24T21:00:30.000Z', '2026-11-24T23:00:00.000+01:00'), undefined);
  assert.equal(
    windowWarning(estimate, '2026-11-24T21:00:30.000Z', '2026-11-24T22:02:00.000+01:00'),
    'The rollback needs about 2m10s more (from rehearsals), but only 1m30s left in the release window.',
  );
  const fresh = estimateRemaining(apply(initialRunsState(), [started('new', 'live')]).runs[0] ?? live, [], '2026-11-24T21:00:00.000Z');
  assert.deepEqual(
    fresh.steps.map((step) => step.basis),
    ['unknown', 'planned', 'unknown'],
  );
  assert.equal(fresh.unknownSteps, 2);
});
