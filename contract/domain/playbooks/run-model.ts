/** The `runs` slice of a release's state: where every playbook run stands (its reducer is main/core/playbooks/run-state.ts). */
import type { LogRange, RunDecision, RunMode, RunPolicyOverriddenData, RunStartedData } from './run-events';
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
  /** Flag steps: the last flip, its state before and after (null: could not be read). */
  readonly flag?: {
    readonly name: string;
    readonly via: string;
    readonly before: boolean | null;
    readonly after: boolean | null;
    readonly by: string;
    readonly at: string;
  };
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
