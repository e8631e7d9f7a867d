/**
 * The `runs` slice of a release's state, and its reducer over the journal.
 *
 * Why a projection: after a crash the journal is replayed and this slice says exactly
 * where every run stood. Plain readonly JSON (ISO strings, no classes), new objects on
 * every change.
 */
import { parseRunEvent, RunEventTypes } from '../../../contract/domain/playbooks/run-events';
import type { AppliedRunEvent, JournalEvent } from '../../../contract/domain/playbooks/run-events';
export type {
  RunStatus,
  StepStatus,
  StepDecisionRecord,
  StepRunState,
  RunInterruption,
  RunState,
  RunPolicyOverride,
  RunsState,
} from '../../../contract/domain/playbooks/run-model';
import type { StepDecisionRecord, StepRunState, RunState, RunsState } from '../../../contract/domain/playbooks/run-model';

/** The empty slice. */
export function initialRunsState(): RunsState {
  return { runs: [] };
}

/** Find a run by id (undefined when unknown). */
export function findRun(state: RunsState, runId: string): RunState | undefined {
  return state.runs.find((run) => run.id === runId);
}

/** Apply one journal event; events of other areas return the state unchanged. */
export function reduceRuns(state: RunsState, journalEvent: JournalEvent): RunsState {
  const event = parseRunEvent(journalEvent);
  if (!event) return state;
  if (event.type === RunEventTypes.started) {
    const data = event.data;
    if (findRun(state, data.runId)) return state;
    const run: RunState = {
      id: data.runId,
      playbook: data.playbook,
      mode: data.mode,
      status: 'running',
      startedAt: event.ts,
      startedBy: data.by,
      endedAt: undefined,
      startAt: data.startAt,
      currentStep: undefined,
      steps: data.steps.map((step, index) => ({
        ...step,
        plannedMs: step.plannedMs,
        status: index < data.startAt ? 'skipped' : 'pending',
        attempts: 0,
        startedAt: undefined,
        endedAt: undefined,
        durationMs: undefined,
        exitCode: undefined,
        httpStatus: undefined,
        failure: undefined,
        log: [],
        description: undefined,
        confirmedBy: undefined,
        note: index < data.startAt ? `before the chosen start step ${data.startAt + 1}` : undefined,
        approvals: [],
        decisions: [],
        markedDone: false,
      })),
      variables: [],
      logFile: data.logFile,
      logSha256: undefined,
      interruption: undefined,
      interruptions: 0,
      policyOverride: undefined,
      finishReason: undefined,
    };
    return { runs: [...state.runs, run] };
  }
  const run = findRun(state, event.data.runId);
  if (!run) return state;
  const next = reduceRun(run, event);
  return next === run ? state : { runs: state.runs.map((candidate) => (candidate === run ? next : candidate)) };
}

function reduceRun(run: RunState, event: AppliedRunEvent): RunState {
  switch (event.type) {
    case RunEventTypes.variableSet: {
      const data = event.data;
      const others = run.variables.filter((variable) => variable.name !== data.name);
      return { ...run, variables: [...others, { name: data.name, value: data.value, secret: data.secret }] };
    }
    case RunEventTypes.stepStarted: {
      const data = event.data;
      return withStep({ ...run, status: 'running', currentStep: data.stepIndex, interruption: undefined }, data.stepIndex, (step) => ({
        ...step,
        status: 'running',
        attempts: data.attempt,
        startedAt: event.ts,
        endedAt: undefined,
        durationMs: undefined,
        failure: undefined,
        description: data.description,
      }));
    }
    case RunEventTypes.stepFinished: {
      const data = event.data;
      return withStep({ ...run, currentStep: undefined }, data.stepIndex, (step) => ({
        ...step,
        status: 'succeeded',
        endedAt: event.ts,
        durationMs: data.durationMs,
        exitCode: data.exitCode,
        httpStatus: data.httpStatus,
        failure: undefined,
        log: data.log ? [...step.log, data.log] : step.log,
        confirmedBy: data.by ?? step.confirmedBy,
        note: data.note ?? step.note,
      }));
    }
    case RunEventTypes.stepFailed: {
      const data = event.data;
      return withStep({ ...run, currentStep: data.stepIndex }, data.stepIndex, (step) => ({
        ...step,
        status: 'failed',
        endedAt: event.ts,
        durationMs: data.durationMs,
        exitCode: data.exitCode,
        httpStatus: data.httpStatus,
        failure: { reason: data.reason, message: data.message, hint: data.hint },
        log: data.log ? [...step.log, data.log] : step.log,
      }));
    }
    case RunEventTypes.approval: {
      const data = event.data;
      return withStep(run, data.stepIndex, (step) => ({
        ...step,
        approvals: [...step.approvals, { role: data.role, approved: data.approved, by: data.by, at: event.ts, note: data.note }],
      }));
    }
    case RunEventTypes.decision: {
      const data = event.data;
      const record: StepDecisionRecord = { decision: data.decision, reason: data.reason, by: data.by, at: event.ts };
      const decided = withStep(run, data.stepIndex, (step) => {
        const decisions = [...step.decisions, record];
        switch (data.decision) {
          case 'retry':
          case 'rerun':
            return { ...step, decisions, status: 'pending' };
          case 'skip':
          case 'not-needed':
            return { ...step, decisions, status: 'skipped', note: data.reason };
          case 'accept':
            return { ...step, decisions, status: 'succeeded', note: data.reason, confirmedBy: data.by, endedAt: event.ts };
          case 'mark-done':
            return { ...step, decisions, status: 'succeeded', markedDone: true, note: data.reason, confirmedBy: data.by, endedAt: event.ts };
          case 'abort':
            return { ...step, decisions, status: step.status === 'failed' ? 'failed' : 'aborted' };
          default:
            return { ...step, decisions };
        }
      });
      const resumes = data.decision !== 'abort';
      return {
        ...decided,
        status: resumes && run.status === 'interrupted' ? 'running' : decided.status,
        interruption: resumes ? undefined : decided.interruption,
        currentStep: data.decision === 'retry' || data.decision === 'rerun' ? data.stepIndex : undefined,
      };
    }
    case RunEventTypes.measurement: {
      const data = event.data;
      return withStep(run, data.stepIndex, (step) => ({
        ...step,
        measurements: [...(step.measurements ?? []), { ...data.measurement, attempt: data.attempt }],
      }));
    }
    case RunEventTypes.flagFlipped: {
      const data = event.data;
      return withStep(run, data.stepIndex, (step) => ({
        ...step,
        flag: { name: data.flag, via: data.via, before: data.before, after: data.after, by: data.by, at: event.ts },
      }));
    }
    case RunEventTypes.policyOverridden: {
      const data = event.data;
      return { ...run, policyOverride: { reason: data.reason, by: data.by, at: event.ts, findings: data.findings } };
    }
    case RunEventTypes.interrupted: {
      const data = event.data;
      const interrupted = withStep(run, data.stepIndex, (step) => (step.status === 'running' ? { ...step, status: 'interrupted' } : step));
      return {
        ...interrupted,
        status: 'interrupted',
        interruptions: (interrupted.interruptions ?? 0) + 1,
        currentStep: data.stepIndex,
        interruption: { stepIndex: data.stepIndex, outcomeKnown: data.outcomeKnown, options: ['rerun', 'mark-done', 'abort'], at: event.ts },
      };
    }
    case RunEventTypes.finished: {
      const data = event.data;
      return {
        ...run,
        status: data.status,
        endedAt: event.ts,
        currentStep: undefined,
        interruption: undefined,
        logSha256: data.logSha256,
        finishReason: data.reason,
        steps: run.steps.map((step) =>
          step.status === 'running' ||
          step.status === 'interrupted' ||
          (data.status === 'aborted' && step.status === 'failed' && step.failure?.reason === 'aborted')
            ? { ...step, status: 'aborted' }
            : step,
        ),
      };
    }
    default:
      return run;
  }
}

function withStep(run: RunState, index: number, change: (step: StepRunState) => StepRunState): RunState {
  const step = run.steps[index];
  if (!Number.isInteger(index) || step === undefined) return run;
  return { ...run, steps: run.steps.map((candidate, position) => (position === index ? change(candidate) : candidate)) };
}
