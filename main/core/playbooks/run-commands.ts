import type { CommandContext } from '../../../contract/domain/release/domain-event';
/**
 * Pure commands over the `runs` slice: decisions after a failure, and crash recovery.
 *
 * Why pure: the same validation serves the runner in process and the contract (a UI
 * answering through IPC or a WebSocket); the framework journals the events they return.
 */
import { WarRoomError } from '../../../contract/domain/errors';
import { RunEventTypes } from '../../../contract/domain/playbooks/run-events';
import type { RunDecisionData, RunEvent, RunFinishedData, RunInterruptedData } from '../../../contract/domain/playbooks/run-events';
import { findRun } from './run-state';
import type { RunState, RunsState } from './run-state';
import type { InterruptionResolutionInput, StepDecisionInput } from '../../../contract/domain/playbooks/playbooks-schemas';

export type { CommandContext };

/** Retry, skip (reason required) or abort a failed step. */
export function decideStepFailure(state: RunsState, input: StepDecisionInput, context: CommandContext): RunEvent[] {
  const run = requireRun(state, input.runId);
  const step = run.steps[input.stepIndex];
  if (run.status !== 'running' || step === undefined || step.status !== 'failed' || run.currentStep !== input.stepIndex) {
    throw new WarRoomError('conflict', `Step ${input.stepIndex + 1} of run ${run.id} is not waiting for a decision (it is ${step?.status ?? 'missing'}).`, [
      { field: 'stepIndex' },
    ]);
  }
  const reason = input.reason?.trim() || undefined;
  if (input.decision === 'skip' && !reason) {
    throw new WarRoomError('invalid-input', `Skipping step ${input.stepIndex + 1} ("${step.name}") needs a reason: the report will show it.`, [
      { field: 'reason' },
    ]);
  }
  if ((input.decision === 'accept' || input.decision === 'fail') && step.failure?.reason !== 'inconclusive') {
    throw new WarRoomError('invalid-input', `Step ${input.stepIndex + 1} ("${step.name}") is not an inconclusive analysis: retry, skip or abort it.`, [
      { field: 'decision' },
    ]);
  }
  if (input.decision === 'accept' && !reason) {
    throw new WarRoomError(
      'invalid-input',
      `Accepting the inconclusive analysis of step ${input.stepIndex + 1} ("${step.name}") needs a reason: the report will show it.`,
      [{ field: 'reason' }],
    );
  }
  const decision: RunDecisionData = { runId: run.id, stepIndex: input.stepIndex, decision: input.decision, reason, by: context.actor };
  const events: RunEvent[] = [{ type: RunEventTypes.decision, data: decision }];
  if (input.decision === 'abort') events.push(finished(run.id, 'aborted', reason ?? `aborted at step ${input.stepIndex + 1}`, context.actor));
  return events;
}

/**
 * After replaying the journal on start: every run still "running" was cut off.
 * Each becomes "interrupted at step N" (outcome unknown when the step was running).
 */
export function markInterruptedRuns(state: RunsState, context: CommandContext): RunEvent[] {
  return state.runs
    .filter((run) => run.status === 'running')
    .map((run) => {
      const stepIndex = run.currentStep ?? run.steps.findIndex((step) => step.status === 'pending' || step.status === 'running');
      if (stepIndex < 0) return finished(run.id, 'succeeded', 'every step had ended when the app stopped', context.actor);
      const data: RunInterruptedData = { runId: run.id, stepIndex, outcomeKnown: run.steps[stepIndex]?.status !== 'running' };
      return { type: RunEventTypes.interrupted, data };
    });
}

/** Re-run the interrupted step, mark it done (note required), or abort the run. */
export function resolveInterruption(state: RunsState, input: InterruptionResolutionInput, context: CommandContext): RunEvent[] {
  const run = requireRun(state, input.runId);
  const interruption = run.interruption;
  if (run.status !== 'interrupted' || interruption === undefined) {
    throw new WarRoomError('conflict', `Run ${run.id} is not interrupted (it is ${run.status}).`, [{ field: 'runId' }]);
  }
  const note = input.note?.trim() || undefined;
  if (input.action === 'mark-done' && !note) {
    throw new WarRoomError('invalid-input', `Marking step ${interruption.stepIndex + 1} done needs a note saying how you know it is done.`, [
      { field: 'note' },
    ]);
  }
  const decision: RunDecisionData = { runId: run.id, stepIndex: interruption.stepIndex, decision: input.action, reason: note, by: context.actor };
  const events: RunEvent[] = [{ type: RunEventTypes.decision, data: decision }];
  if (input.action === 'abort')
    events.push(finished(run.id, 'aborted', note ?? `aborted after an interruption at step ${interruption.stepIndex + 1}`, context.actor));
  return events;
}

/** "interrupted at step 3 (Restart), outcome unknown": the line the run view shows. */
export function describeInterruption(run: RunState): string | undefined {
  const interruption = run.interruption;
  if (!interruption) return undefined;
  const step = run.steps[interruption.stepIndex];
  const outcome = interruption.outcomeKnown ? (step?.status === 'failed' ? 'the step had failed' : 'the step had not started') : 'outcome unknown';
  return `interrupted at step ${interruption.stepIndex + 1}${step ? ` (${step.name})` : ''}, ${outcome}`;
}

function finished(runId: string, status: RunFinishedData['status'], reason: string, by: string): RunEvent {
  const data: RunFinishedData = { runId, status, reason, by, logSha256: undefined };
  return { type: RunEventTypes.finished, data };
}

function requireRun(state: RunsState, runId: string): RunState {
  const run = findRun(state, runId);
  if (!run) throw new WarRoomError('not-found', `No playbook run ${runId} in this release.`, [{ field: 'runId' }]);
  return run;
}
