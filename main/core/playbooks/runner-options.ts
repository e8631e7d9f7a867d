/** What a playbook run is given: the playbook, where it journals, and the people who answer (playbook-runner.ts). */
import type { Playbook, PlaybookStep, ManualStep, ApprovalStep, FlagStep } from '../../../contract/domain/playbooks/playbook-model';
import type { DomainEvent, RunEvent, RunMode } from '../../../contract/domain/playbooks/run-events';
import type { FourEyesTally } from '../approvals/four-eyes';
import type { RunState } from './run-state';
import type { TargetBinding } from './step-environment';
import type { FailureReason, StepAttemptResult, StepExecutor } from './step-execution';

/** Answers a person gives; each says who gave it. */
export interface RunnerHooks {
  /** on_failure: ask. Skip needs a reason (asked again with `problem` when missing). */
  decide(request: {
    run: RunState;
    stepIndex: number;
    step: PlaybookStep;
    problem?: string;
  }): Promise<{ decision: 'retry' | 'skip' | 'abort' | 'accept' | 'fail'; reason?: string; by: string }>;
  /** A manual step done, or (live runs) a flag flip confirmed: `step.instructions` says what is asked. */
  confirm?(request: { run: RunState; stepIndex: number; step: ManualStep | FlagStep }): Promise<{ done: boolean; by: string; note?: string }>;
  /** `fourEyes`: the step needs distinct approvers, never the one who started the run (the hook refuses them). */
  approve?(request: {
    run: RunState;
    stepIndex: number;
    step: ApprovalStep;
    role: string;
    fourEyes?: FourEyesTally;
  }): Promise<{ approved: boolean; by: string; note?: string }>;
  prompt?(request: {
    run: RunState;
    name: string;
    question: string;
    defaultValue: string | undefined;
    secret: boolean;
  }): Promise<{ value: string; by: string }>;
  /** Raw output (ANSI intact) as it arrives. */
  onOutput?(runId: string, stepIndex: number, chunk: Buffer | string): void;
  /** Countdown of a wait step. */
  onWaitTick?(runId: string, stepIndex: number, remainingMs: number): void;
  /** After every durable transition. */
  onState?(run: RunState): void;
}

export interface RunnerOptions {
  readonly playbook: Playbook;
  readonly runId: string;
  readonly mode: RunMode;
  /** Who hosts the run (the framework's actor for the journal). */
  readonly actor: string;
  readonly logFile: string;
  /** Journal + fsync the events; resolves when they are durable. */
  readonly record: (events: readonly DomainEvent[]) => Promise<void>;
  readonly hooks: RunnerHooks;
  readonly executor?: StepExecutor;
  /** Map a target name to where commands run; rehearsals map to rehearsal targets. */
  readonly resolveTarget?: (name: string | undefined, mode: RunMode) => TargetBinding;
  /** Environment the commands inherit (PATH...); defaults to this process's. */
  readonly inheritedEnv?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => string;
  /** Four-eyes for approval steps that do not say `approvers` (the release's setting); absent: one answer per role. */
  readonly defaultApprovers?: number | undefined;
}

export const RunnerTuning = {
  /** Countdown ticks of wait steps: once a second is what a person reads. */
  waitTickMs: 1_000,
  /** How often a decision hook may answer "skip" without a reason before the run stops asking. */
  maxInvalidDecisions: 5,
} as const;

/**
 * What the runner hands every step kind it delegates (approval, analysis, flag): the step's
 * place in the run, the run itself, and the ways to journal, show, wait and end the attempt.
 */
export interface StepContext {
  readonly index: number;
  readonly runId: string;
  readonly hooks: RunnerHooks;
  readonly run: () => RunState;
  readonly untilAborted: <T>(promise: Promise<T>) => Promise<T | undefined>;
  readonly commit: (events: readonly RunEvent[]) => Promise<void>;
  readonly emit: (text: string) => void;
  readonly signal: AbortSignal;
  readonly now: () => string;
  readonly done: (by?: string, note?: string) => StepAttemptResult;
  readonly fail: (reason: FailureReason, message: string) => StepAttemptResult;
}
