/**
 * The playbook model: plain readonly data that both formats (YAML and Markdown) parse into.
 *
 * Why one model: the runner, the dry run and the UI never care which format a playbook
 * came from; they need steps with resolved durations (milliseconds) and the source
 * position of each step, so a failure can point back at the line that defined it.
 */
export type StepKind = 'run' | 'check' | 'manual' | 'approval' | 'wait' | 'prompt' | 'analysis' | 'flag';

/**
 * What happens when a step fails: ask the operator (default), abort the run, go on, or
 * roll back (run the playbook's `when: rollback` steps, then end the run as failed).
 */
export type OnFailure = 'ask' | 'abort' | 'continue' | 'rollback';

/** Where a step (or variable) was defined. Lines and columns are 1-based. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** One environment variable given to a command (kept as a list: names such as __proto__ never become object keys). */
export interface EnvEntry {
  readonly name: string;
  readonly value: string;
}

interface StepBase {
  readonly id: string;
  readonly name: string;
  /** Prose for the operator (Markdown). */
  readonly instructions: string;
  readonly onFailure: OnFailure;
  /** Shown when the step fails, e.g. "Run the rollback playbook demo-rollback". */
  readonly failureHint: string | undefined;
  /** Target name; undefined means the playbook's default target. */
  readonly target: string | undefined;
  readonly position: SourcePosition;
  /** `rollback`: runs only when a failed step with on_failure: rollback rolls the run back; absent means always. */
  readonly when?: 'always' | 'rollback';
}

/** A shell command on a target. */
export interface RunStep extends StepBase {
  readonly kind: 'run';
  readonly command: string;
  readonly timeoutMs: number;
  readonly acceptedExitCodes: readonly number[];
  readonly env: readonly EnvEntry[];
  readonly cwd: string | undefined;
  /** What the runbook shows the command printing (a console transcript's output lines); shown, never checked. */
  readonly expectedOutput?: string | undefined;
}

/** How a check decides it passed. */
export interface CheckExpectation {
  readonly exitCodes: readonly number[];
  /** HTTP status codes that pass; empty means any 2xx. */
  readonly statusCodes: readonly number[];
  /** Regular expression source the output (or body) must match. */
  readonly outputPattern: string | undefined;
}

/** A command or an HTTP GET that must pass, retried with an interval. */
export interface CheckStep extends StepBase {
  readonly kind: 'check';
  readonly command: string | undefined;
  readonly url: string | undefined;
  readonly retries: number;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly expect: CheckExpectation;
  readonly env: readonly EnvEntry[];
  readonly cwd: string | undefined;
  /** What the runbook shows the command printing; shown, never checked (the check's `expect` decides). */
  readonly expectedOutput?: string | undefined;
}

/** Something a person does; the operator confirms with a note. */
export interface ManualStep extends StepBase {
  readonly kind: 'manual';
}

/** Named roles must approve before the run goes on. */
export interface ApprovalStep extends StepBase {
  readonly kind: 'approval';
  readonly roles: readonly string[];
  /** Four-eyes: distinct approvers per role, never the person who started the run (absent: the release's setting, else one answer). */
  readonly approvers?: number | undefined;
}

/** A pause with a countdown (let caches drain, let metrics settle). */
export interface WaitStep extends StepBase {
  readonly kind: 'wait';
  readonly durationMs: number;
}

/** Ask the operator for a variable's value. */
export interface PromptStep extends StepBase {
  readonly kind: 'prompt';
  readonly variable: string;
  readonly question: string;
  readonly defaultValue: string | undefined;
  readonly secret: boolean;
}

/** Variables (by name) whose values authenticate to a metric source; secret variables are never journaled. */
export type AnalysisAuth = { readonly bearer: string } | { readonly username: string; readonly password: string };

/**
 * Metric gate with Argo Rollouts' analysis semantics (main/core/telemetry/analysis.ts):
 * the query is measured `count` times, `intervalMs` apart, each measurement judged by
 * the conditions; failures over failureLimit fail the step, inconclusive ones over
 * inconclusiveLimit (or a source that cannot be read) pause it for a person.
 */
export interface AnalysisStep extends StepBase {
  readonly kind: 'analysis';
  /** `sandbox` (the demo sandbox's own /metrics) or a Prometheus address; ${VARIABLES} are filled in at run time. */
  readonly source: string;
  readonly query: string;
  readonly baseline: string | undefined;
  readonly successCondition: string | undefined;
  readonly failureCondition: string | undefined;
  readonly intervalMs: number;
  readonly count: number;
  readonly failureLimit: number;
  readonly inconclusiveLimit: number;
  readonly consecutiveErrorLimit: number;
  readonly initialDelayMs: number;
  readonly auth: AnalysisAuth | undefined;
  readonly caFile: string | undefined;
  readonly timeoutMs: number;
}

/**
 * Turn a feature flag on or off: the fastest of the three remedies. Through the flag's
 * HTTP resource (`service`: `sandbox`, or the address of the flag, GET answering
 * {"enabled": true|false}, PUT {"enabled": ...}) or through a command (`command` sets it,
 * `read` prints its state). The state before and after is journaled; a live run asks for
 * confirmation first (and a second approver under the release's four-eyes rule).
 */
export interface FlagStep extends StepBase {
  readonly kind: 'flag';
  readonly flag: string;
  /** The state the step sets. */
  readonly enabled: boolean;
  /** `sandbox` or the flag's http(s) address (${VARIABLES} filled in); undefined when a command sets it. */
  readonly service: string | undefined;
  readonly command: string | undefined;
  /** Prints the flag's state (on/off, true/false, 1/0, enabled/disabled) for the before and after. */
  readonly readCommand: string | undefined;
  /** A secret variable whose value is sent as a bearer token to the flag service. */
  readonly auth: { readonly bearer: string } | undefined;
  readonly timeoutMs: number;
  readonly env: readonly EnvEntry[];
  readonly cwd: string | undefined;
}

/**
 * Every kind of step. A new kind is one more interface extending StepBase with its own
 * `kind`: the union is discriminated on `kind`, so every switch over it that must handle
 * the new kind fails to type-check until it does.
 */
export type PlaybookStep = RunStep | CheckStep | ManualStep | ApprovalStep | WaitStep | PromptStep | AnalysisStep | FlagStep;

/**
 * Something the parser noticed that does not stop the playbook from being used, but that
 * its author should see (a file cut off mid-paragraph, a code block never closed).
 */
export interface PlaybookWarning {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** A value of front matter (YAML or TOML), as plain JSON: dates become ISO text. */
export type MetadataValue = string | number | boolean | null | readonly MetadataValue[] | { readonly [key: string]: MetadataValue };

/** A variable of the playbook: reaches commands only as an environment variable. */
export interface PlaybookVariable {
  readonly name: string;
  readonly defaultValue: string | undefined;
  /** When set, the operator is asked at the start of a run (the default pre-filled). */
  readonly prompt: string | undefined;
  readonly secret: boolean;
  readonly position: SourcePosition;
}

/** Something a playbook needs from the release: a target (War Room's local sandbox when `sandbox`). */
export interface PlaybookRequirement {
  readonly target: string;
  readonly sandbox: boolean;
}

export interface Playbook {
  readonly name: string;
  readonly description: string;
  /** What the release must have for it to run (the `requires:` of a YAML playbook); absent means nothing declared. */
  readonly requires?: readonly PlaybookRequirement[];
  /** Default target of the steps. */
  readonly target: string | undefined;
  readonly variables: readonly PlaybookVariable[];
  readonly steps: readonly PlaybookStep[];
  /** Front matter of a Markdown runbook (title, description, weight, tags, anything else), as written; empty when none. */
  readonly metadata: Readonly<Record<string, MetadataValue>>;
  /** What the author should look at; the playbook is usable as parsed. */
  readonly warnings: readonly PlaybookWarning[];
  readonly source: {
    readonly file: string;
    readonly format: 'yaml' | 'markdown';
    /** sha256 of the source text: the report says exactly which playbook ran. */
    readonly sha256: string;
  };
}

/** Tuning constants shared by both parsers. */
export const PlaybookDefaults = {
  /** A command that hangs must not block a rollback forever; 10 minutes covers slow rollouts. */
  runTimeoutMs: 10 * 60_000,
  /** A single check attempt should answer quickly; health endpoints answer in seconds. */
  checkTimeoutMs: 30_000,
  /** Pause between check attempts: long enough for a restart to settle a little. */
  checkIntervalMs: 5_000,
  /** Retries of a check when none are given: none (a check that must retry says so). */
  checkRetries: 0,
  /** Above this many aliases a YAML document is an alias bomb, not a playbook. */
  maxAliasCount: 100,
  /** A flag service answers in a second; a flag flip is the fast remedy and must not hang. */
  flagTimeoutMs: 15_000,
  /** Playbooks are written by people; anything bigger is a mistake (or an attack). */
  maxSourceBytes: 1_000_000,
} as const;
