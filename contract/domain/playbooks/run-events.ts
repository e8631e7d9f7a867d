import type { AppliedEvent, DomainEvent } from '../release/domain-event';
/**
 * The journal events of playbook runs (type names and their data).
 *
 * Why each transition is its own event: the journal is the source of truth for the
 * post-mortem; "who chose to skip step 4, when, and why" must be a line of its own.
 * Human choices carry `by` (the actor who made them, which may differ from whoever
 * hosts the runner).
 */
import { z } from 'zod';
import { eventParser, type AppliedUnion, type EventUnion } from '../journal/typed-events';
import type { StepKind } from './playbook-model';

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
  /** A flag step changed a feature flag: its state before and after, and through what. */
  flagFlipped: 'run.flag-flipped',
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

const stepKindSchema = z.enum(['run', 'check', 'manual', 'approval', 'wait', 'prompt', 'analysis', 'flag']) satisfies z.ZodType<StepKind>;
const runModeSchema = z.enum(['live', 'rehearsal', 'dry-run']) satisfies z.ZodType<RunMode>;
const logRangeSchema = z.object({ offset: z.number(), length: z.number() }).readonly() satisfies z.ZodType<LogRange>;
const failureReasonSchema = z.enum([
  'exit-code',
  'timeout',
  'aborted',
  'spawn-error',
  'check-failed',
  'rejected',
  'inconclusive',
]) satisfies z.ZodType<FailureReason>;

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
const runDecisionSchema = z.enum([
  'retry',
  'skip',
  'abort',
  'continue',
  'rerun',
  'mark-done',
  'accept',
  'fail',
  'rollback',
  'not-needed',
]) satisfies z.ZodType<RunDecision>;

const runStepSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: stepKindSchema,
    /** For waits: the duration; for commands: the timeout (ETA fallback). */
    plannedMs: z.number().optional(),
  })
  .readonly();
export type RunStepSummary = z.output<typeof runStepSummarySchema>;

/**
 * The data of each run event, as journaled: the one description of its shape. The reducer
 * reads an event only through these (parseRunEvent), so a journal line that does not fit
 * is refused as corrupt with its seq rather than projected half-true.
 */
export const runEventDataSchemas = {
  [RunEventTypes.started]: z
    .object({
      runId: z.string(),
      playbook: z.object({ name: z.string(), file: z.string(), format: z.enum(['yaml', 'markdown']), sha256: z.string() }).readonly(),
      mode: runModeSchema,
      steps: z.array(runStepSummarySchema).readonly(),
      /** Index of the first step to run (steps before it are recorded as skipped). */
      startAt: z.number().int().min(0),
      logFile: z.string(),
      by: z.string(),
    })
    .readonly(),
  /**
   * A live run started although the schedule policy holds it (outside the window, in a
   * blackout, in the Friday rule): the written reason, as at the go/no-go. Journaled with
   * `run.started`, in the same write.
   */
  [RunEventTypes.policyOverridden]: z
    .object({
      runId: z.string(),
      reason: z.string(),
      by: z.string(),
      findings: z.array(z.object({ id: z.string(), rule: z.string(), message: z.string() }).readonly()).readonly(),
    })
    .readonly(),
  [RunEventTypes.variableSet]: z
    .object({
      runId: z.string(),
      name: z.string(),
      /** The value, or "(secret)" for secret variables: never journal a secret. */
      value: z.string(),
      secret: z.boolean(),
      by: z.string(),
    })
    .readonly(),
  [RunEventTypes.stepStarted]: z
    .object({
      runId: z.string(),
      stepIndex: z.number().int().min(0),
      attempt: z.number(),
      /** Dry runs and commands: what runs, where, with which variables (one line). */
      description: z.string().optional(),
    })
    .readonly(),
  [RunEventTypes.stepFinished]: z
    .object({
      runId: z.string(),
      stepIndex: z.number().int().min(0),
      attempt: z.number(),
      exitCode: z.number().nullable(),
      httpStatus: z.number().optional(),
      durationMs: z.number(),
      log: logRangeSchema.optional(),
      /** Manual steps and approvals: who confirmed, and their note. */
      by: z.string().optional(),
      note: z.string().optional(),
      dryRun: z.boolean(),
    })
    .readonly(),
  [RunEventTypes.stepFailed]: z
    .object({
      runId: z.string(),
      stepIndex: z.number().int().min(0),
      attempt: z.number(),
      exitCode: z.number().nullable(),
      httpStatus: z.number().optional(),
      reason: failureReasonSchema,
      message: z.string(),
      durationMs: z.number(),
      log: logRangeSchema.optional(),
      hint: z.string().optional(),
    })
    .readonly(),
  [RunEventTypes.approval]: z
    .object({
      runId: z.string(),
      stepIndex: z.number().int().min(0),
      role: z.string(),
      approved: z.boolean(),
      by: z.string(),
      note: z.string().optional(),
    })
    .readonly(),
  [RunEventTypes.decision]: z
    .object({
      runId: z.string(),
      stepIndex: z.number().int().min(0),
      decision: runDecisionSchema,
      reason: z.string().optional(),
      by: z.string(),
    })
    .readonly(),
  [RunEventTypes.interrupted]: z
    .object({
      runId: z.string(),
      stepIndex: z.number().int().min(0),
      /** False when the step was running when the process died: nobody knows what it did. */
      outcomeKnown: z.boolean(),
    })
    .readonly(),
  [RunEventTypes.measurement]: z
    .object({
      runId: z.string(),
      stepIndex: z.number(),
      attempt: z.number(),
      measurement: z
        .object({
          index: z.number(),
          at: z.string(),
          query: z.string(),
          baselineQuery: z.string().optional(),
          source: z.string(),
          values: z.array(z.number()).readonly(),
          baselineValues: z.array(z.number()).readonly().optional(),
          phase: z.enum(['successful', 'failed', 'inconclusive', 'error']),
          message: z.string(),
          threshold: z.number().optional(),
          rejected: z.boolean().optional(),
        })
        .readonly(),
    })
    .readonly(),
  [RunEventTypes.flagFlipped]: z
    .object({
      runId: z.string(),
      stepIndex: z.number().int().min(0),
      attempt: z.number(),
      flag: z.string(),
      /** "the sandbox's flag endpoint", the address, or the command (secrets masked). */
      via: z.string(),
      /** null when the state could not be read (a command without `read`). */
      before: z.boolean().nullable(),
      after: z.boolean().nullable(),
      /** Who confirmed the flip (live runs), else the run's host. */
      by: z.string(),
    })
    .readonly(),
  [RunEventTypes.finished]: z
    .object({
      runId: z.string(),
      status: z.enum(['succeeded', 'failed', 'aborted']),
      reason: z.string().optional(),
      by: z.string(),
      logSha256: z.string().optional(),
      /** Succeeded runs: how many failed steps a person skipped (the reason lists them). Absent means none. */
      skippedSteps: z.number().optional(),
    })
    .readonly(),
} as const;

export type RunEventType = (typeof RunEventTypes)[keyof typeof RunEventTypes];
export type RunEventData<T extends RunEventType> = z.output<(typeof runEventDataSchemas)[T]>;

export type RunStartedData = RunEventData<typeof RunEventTypes.started>;
export type RunPolicyOverriddenData = RunEventData<typeof RunEventTypes.policyOverridden>;
export type RunVariableSetData = RunEventData<typeof RunEventTypes.variableSet>;
export type RunStepStartedData = RunEventData<typeof RunEventTypes.stepStarted>;
export type RunStepFinishedData = RunEventData<typeof RunEventTypes.stepFinished>;
export type RunStepFailedData = RunEventData<typeof RunEventTypes.stepFailed>;
export type RunApprovalData = RunEventData<typeof RunEventTypes.approval>;
export type RunDecisionData = RunEventData<typeof RunEventTypes.decision>;
export type RunMeasurementData = RunEventData<typeof RunEventTypes.measurement>;
export type RunInterruptedData = RunEventData<typeof RunEventTypes.interrupted>;
export type RunFlagFlippedData = RunEventData<typeof RunEventTypes.flagFlipped>;
export type RunFinishedData = RunEventData<typeof RunEventTypes.finished>;

/** A run event a command produces: the union of the area's types, each with its data. */
export type RunEvent = EventUnion<typeof runEventDataSchemas>;

/** A run event as the journal applied it: narrow on `type` to get its data. */
export type AppliedRunEvent = AppliedUnion<RunEvent>;

/** The typed run event of a journal event: null for another area's or an unknown type; throws (corrupt) when the data does not fit. */
export const parseRunEvent = eventParser(runEventDataSchemas);
