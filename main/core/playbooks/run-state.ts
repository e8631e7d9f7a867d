/**
 * The `runs` slice of a release's state, and its reducer over the journal.
 *
 * Why a projection: after a crash the journal is replayed and this slice says exactly
 * where every run stood. Plain readonly JSON (ISO strings, no classes), new objects on
 * every change.
 */
import { RunEventTypes } from './run-events';
import type {
  JournalEvent,
  RunApprovalData,
  RunDecision,
  RunDecisionData,
  RunFinishedData,
  RunInterruptedData,
  RunMeasurementData,
  RunMode,
  RunPolicyOverriddenData,
  RunStartedData,
  RunStepFailedData,
  RunStepFinishedData,
  RunStepStartedData,
  RunVariableSetData,
} from './run-events';
import type { LogRange } from './run-events';
import type { StepKind } from './playbook-model';
import type { Measurement } from '../telemetry/analysis-model';

export type RunStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'aborted' | 'interrupted';
export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'aborted' | 'interrupted';

export interface StepDecisionRecord {
  readonly decision: RunDecision;
  readonly reason: string | undefined;
  readonly by: string;
  readonly at: string;
}

export interface StepRunState {
  readonly id: string;
  readonly name: string;
  readonly kind: StepKind;
  readonly plannedMs: number | undefined;
  readonly status: StepStatus;
  readonly attempts: number;
  readonly startedAt: string | undefined;
  readonly endedAt: string | undefined;
  readonly durationMs: number | undefined;
  readonly exitCode: number | null | undefined;
  readonly httpStatus: number | undefined;
  readonly failure: { readonly reason: string; readonly message: string; readonly hint: string | undefined } | undefined;
  readonly log: readonly LogRange[];
  readonly description: string | undefined;
  readonly confirmedBy: string | undefined;
  readonly note: string | undefined;
  readonly approvals: readonly {
    readonly role: string;
    readonly approved: boolean;
    readonly by: string;
    readonly at: string;
    readonly note: string | undefined;
  }[];
  readonly decisions: readonly StepDecisionRecord[];
  /** True when the operator marked it done after an interruption (not observed). */
  readonly markedDone: boolean;
  /** Analysis steps: every measurement taken, with its attempt; absent on other kinds. */
  readonly measurements?: readonly (Measurement & { readonly attempt: number })[];
}

export interface RunInterruption {
  readonly stepIndex: number;
  readonly outcomeKnown: boolean;
  readonly options: readonly ('rerun' | 'mark-done' | 'abort')[];
  readonly at: string;
}

export interface RunState {
  readonly id: string;
  readonly playbook: RunStartedData['playbook'];
  readonly mode: RunMode;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly startedBy: string;
  readonly endedAt: string | undefined;
  readonly startAt: number;
  /** Step in progress, awaiting a decision, or interrupted; undefined between steps. */
  readonly currentStep: number | undefined;
  readonly steps: readonly StepRunState[];
  readonly variables: readonly { readonly name: string; readonly value: string; readonly secret: boolean }[];
  readonly logFile: string;
  readonly logSha256: string | undefined;
  readonly interruption: RunInterruption | undefined;
  /** How many times the run was cut off (a crash); a resumed run measures no duration. */
  readonly interruptions: number;
  /** A live run started over the schedule policy: the written reason, who gave it, what it overrode. */
  readonly policyOverride: RunPolicyOverride | undefined;
  readonly finishReason: string | undefined;
}

export interface RunPolicyOverride {
  readonly reason: string;
  readonly by: string;
  readonly at: string;
  readonly findings: RunPolicyOverriddenData['findings'];
}

export interface RunsState {
  readonly runs: readonly RunState[];
}

/** The empty slice. */
export function initialRunsState(): RunsState {
  return { runs: [] };
}

/** Find a run by id (undefined when unknown). */
export function findRun(state: RunsState, runId: string): RunState | undefined {
  return state.runs.find((run) => run.id === runId);
}

/** Apply one journal event; events of other areas return the state unchanged. */
export function reduceRuns(state: RunsState, event: JournalEvent): RunsState {
  if (!event.type.startsWith('run.')) return state;
  if (event.type === RunEventTypes.started) {
    const data = event.data as RunStartedData;
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
  const runId = (event.data as { runId?: unknown } | null)?.runId;
  const run = typeof runId === 'string' ? findRun(state, runId) : undefined;
  if (!run) return state;
  const next = reduceRun(run, event);
  return next === run ? state : { runs: state.runs.map((candidate) => (candidate === run ? next : candidate)) };
}

function reduceRun(run: RunState, event: JournalEvent): RunState {
  switch (event.type) {
    case RunEventTypes.variableSet: {
      const data = event.data as RunVariableSetData;
      const others = run.variables.filter((variable) => variable.name !== data.name);
      return { ...run, variables: [...others, { name: data.name, value: data.value, secret: data.secret }] };
    }
    case RunEventTypes.stepStarted: {
      const data = event.data as RunStepStartedData;
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
      const data = event.data as RunStepFinishedData;
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
      const data = event.data as RunStepFailedData;
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
      const data = event.data as RunApprovalData;
      return withStep(run, data.stepIndex, (step) => ({
        ...step,
        approvals: [...step.approvals, { role: data.role, approved: data.approved, by: data.by, at: event.ts, note: data.note }],
      }));
    }
    case RunEventTypes.decision: {
      const data = event.data as RunDecisionData;
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
      const data = event.data as RunMeasurementData;
      return withStep(run, data.stepIndex, (step) => ({
        ...step,
        measurements: [...(step.measurements ?? []), { ...data.measurement, attempt: data.attempt }],
      }));
    }
    case RunEventTypes.policyOverridden: {
      const data = event.data as RunPolicyOverriddenData;
      return { ...run, policyOverride: { reason: data.reason, by: data.by, at: event.ts, findings: data.findings } };
    }
    case RunEventTypes.interrupted: {
      const data = event.data as RunInterruptedData;
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
      const data = event.data as RunFinishedData;
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
