import type { AppliedEvent, DomainEvent } from '../release/domain-event';
/**
 * The journal events of playbook runs (type names and their data).
 *
 * Why each transition is its own event: the journal is the source of truth for the
 * post-mortem; "who chose to skip step 4, when, and why" must be a line of its own.
 * Human choices carry `by` (the actor who made them, which may differ from whoever
 * hosts the runner).
 */
import type { StepKind } from './playbook-model';
import type { Measurement } from '../telemetry/analysis-model';

export const RunEventTypes = {
  started: 'run.started',
  policyOverridden: 'run.policy-overridden',
  variableSet: 'run.variable-set',
  stepStarted: 'run.step-started',
  stepFinished: 'run.step-finished',
  stepFailed: 'run.step-failed',
  approval: 'run.approval',
  decision: 'run.decision',
  /** One measurement of an analysis step: the query as sent, the values, the verdict. */
  measurement: 'run.measurement',
  interrupted: 'run.interrupted',
  finished: 'run.finished',
} as const;

export type RunMode = 'live' | 'rehearsal' | 'dry-run';

/** A slice of a run's log file (bytes). */
export interface LogRange {
  readonly offset: number;
  readonly length: number;
}

/** Why a step failed. */
export type FailureReason = 'exit-code' | 'timeout' | 'aborted' | 'spawn-error' | 'check-failed' | 'rejected' | 'inconclusive';

export type { DomainEvent };

/** Event as the reducer sees it (after journaling). */
export type JournalEvent = AppliedEvent;

export interface RunStepSummary {
  readonly id: string;
  readonly name: string;
  readonly kind: StepKind;
  /** For waits: the duration; for commands: the timeout (ETA fallback). */
  readonly plannedMs: number | undefined;
}

export interface RunStartedData {
  readonly runId: string;
  readonly playbook: { readonly name: string; readonly file: string; readonly format: 'yaml' | 'markdown'; readonly sha256: string };
  readonly mode: RunMode;
  readonly steps: readonly RunStepSummary[];
  /** Index of the first step to run (steps before it are recorded as skipped). */
  readonly startAt: number;
  readonly logFile: string;
  readonly by: string;
}

/**
 * A live run started although the schedule policy holds it (outside the window, in a
 * blackout, in the Friday rule): the written reason, as at the go/no-go. Journaled with
 * `run.started`, in the same write.
 */
export interface RunPolicyOverriddenData {
  readonly runId: string;
  readonly reason: string;
  readonly by: string;
  readonly findings: readonly { readonly id: string; readonly rule: string; readonly message: string }[];
}

export interface RunVariableSetData {
  readonly runId: string;
  readonly name: string;
  /** The value, or "(secret)" for secret variables: never journal a secret. */
  readonly value: string;
  readonly secret: boolean;
  readonly by: string;
}

export interface RunStepStartedData {
  readonly runId: string;
  readonly stepIndex: number;
  readonly attempt: number;
  /** Dry runs and commands: what runs, where, with which variables (one line). */
  readonly description: string | undefined;
}

export interface RunStepFinishedData {
  readonly runId: string;
  readonly stepIndex: number;
  readonly attempt: number;
  readonly exitCode: number | null;
  readonly httpStatus: number | undefined;
  readonly durationMs: number;
  readonly log: LogRange | undefined;
  /** Manual steps and approvals: who confirmed, and their note. */
  readonly by: string | undefined;
  readonly note: string | undefined;
  readonly dryRun: boolean;
}

export interface RunStepFailedData {
  readonly runId: string;
  readonly stepIndex: number;
  readonly attempt: number;
  readonly exitCode: number | null;
  readonly httpStatus: number | undefined;
  readonly reason: FailureReason;
  readonly message: string;
  readonly durationMs: number;
  readonly log: LogRange | undefined;
  readonly hint: string | undefined;
}

export interface RunApprovalData {
  readonly runId: string;
  readonly stepIndex: number;
  readonly role: string;
  readonly approved: boolean;
  readonly by: string;
  readonly note: string | undefined;
}

/**
 * retry / skip (reason required) / abort: the operator after a failure.
 * continue: the step's on_failure policy. rerun / mark-done (note required) / abort:
 * after an interruption.
 */
export type RunDecision =
  | 'retry'
  | 'skip'
  | 'abort'
  | 'continue'
  | 'rerun'
  | 'mark-done'
  /** An inconclusive analysis accepted by a person (reason required): the step counts as passed. */
  | 'accept'
  /** An inconclusive analysis judged failed by a person: the step's on_failure applies (rollback, or the run fails). */
  | 'fail'
  /** on_failure: rollback: the run turns to its `when: rollback` steps. */
  | 'rollback'
  /** A `when: rollback` step passed over because nothing rolled back (or a step passed over by a rollback). */
  | 'not-needed';

/** One measurement of an analysis step, journaled as taken (run.measurement). */
export interface RunMeasurementData {
  readonly runId: string;
  readonly stepIndex: number;
  readonly attempt: number;
  readonly measurement: Measurement;
}

export interface RunDecisionData {
  readonly runId: string;
  readonly stepIndex: number;
  readonly decision: RunDecision;
  readonly reason: string | undefined;
  readonly by: string;
}

export interface RunInterruptedData {
  readonly runId: string;
  readonly stepIndex: number;
  /** False when the step was running when the process died: nobody knows what it did. */
  readonly outcomeKnown: boolean;
}

export interface RunFinishedData {
  readonly runId: string;
  readonly status: 'succeeded' | 'failed' | 'aborted';
  readonly reason: string | undefined;
  readonly by: string;
  readonly logSha256: string | undefined;
  /** Succeeded runs: how many failed steps a person skipped (the reason lists them). Absent means none. */
  readonly skippedSteps?: number;
}
