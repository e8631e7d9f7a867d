/**
 * Drive one run of a playbook: every transition journaled (awaited) before the next.
 *
 * Why the order matters: `record` journals and fsyncs; the runner awaits it before it
 * starts a process, asks a person, or moves on, so after a crash the journal never
 * claims less than what happened (at worst a step is "started, outcome unknown").
 * The runner keeps its own copy of the `runs` slice, built with the same reducer the
 * framework uses, and builds decision events with the same pure commands the contract
 * uses, so both paths share one set of rules.
 */
import { DateTime } from 'luxon';
import { skippedSteps } from '../../../contract/run-outcome';
import { WarRoomError } from '../../../contract/domain/errors';
import type { Playbook, PlaybookStep, ManualStep, ApprovalStep, PromptStep, AnalysisStep } from '../../../contract/domain/playbooks/playbook-model';
import { runAnalysis } from '../telemetry/analysis';
import type { Measurement } from '../../../contract/domain/telemetry/analysis-model';
import { prometheusSource, sandboxSource } from '../telemetry/sources';
import type { MetricSource, PrometheusAuth } from '../telemetry/sources';
import { decideStepFailure } from './run-commands';
import { RunEventTypes } from '../../../contract/domain/playbooks/run-events';
import type {
  DomainEvent,
  RunEvent,
  RunFinishedData,
  RunMode,
  RunPolicyOverriddenData,
  RunStartedData,
  RunStepFailedData,
  RunStepFinishedData,
  RunStepStartedData,
  RunVariableSetData,
  RunApprovalData,
  RunDecisionData,
  RunMeasurementData,
} from '../../../contract/domain/playbooks/run-events';
import { personOf, type FourEyesTally } from '../approvals/four-eyes';
import { RunLog } from './run-log';
import { findRun, initialRunsState, reduceRuns } from './run-state';
import type { RunState, RunsState } from './run-state';
import { describeCommand, resolveCommand } from './step-environment';
import type { ResolvedCommand, TargetBinding } from './step-environment';
import { executeCheckStep, executeRunStep, processExecutor, sleep } from './step-execution';
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
  confirm?(request: { run: RunState; stepIndex: number; step: ManualStep }): Promise<{ done: boolean; by: string; note?: string }>;
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

const secretMask = '(secret)';

/** One run of one playbook. */
export class PlaybookRunner {
  private slice: RunsState;
  private seq = 0;
  private readonly options: RunnerOptions;
  private readonly executor: StepExecutor;
  private readonly controller = new AbortController();
  private abortedBy: { by: string; reason: string | undefined } | undefined;
  private readonly values = new Map<string, string>();
  private log: RunLog | undefined;
  /**
   * A step's successful end, journaled together with the next transition (the next
   * step's start, a decision, the run's end), which always follows at once: one fsync per
   * step instead of two, and the end is still durable before anything else happens.
   */
  private deferred: RunEvent[] = [];
  /** The log's data sync of the last step, awaited with the next journal write. */
  private logSynced: Promise<void> = Promise.resolve();

  constructor(options: RunnerOptions, state: RunsState = initialRunsState()) {
    this.options = options;
    this.executor = options.executor ?? processExecutor;
    this.slice = state;
  }

  /** The run as the runner last recorded it. */
  get run(): RunState | undefined {
    return findRun(this.slice, this.options.runId);
  }

  /** Start at step `startAt` (0-based) with the given variable values. */
  async start(
    input: {
      startAt?: number;
      variables?: readonly { name: string; value: string }[];
      /** A live run held by the schedule policy and started anyway: the written reason and what it overrides. */
      policyOverride?: { readonly reason: string; readonly findings: RunPolicyOverriddenData['findings'] };
    } = {},
  ): Promise<RunState> {
    const { playbook, runId, mode } = this.options;
    const startAt = input.startAt ?? 0;
    if (this.run) throw new WarRoomError('conflict', `Run ${runId} has already started.`);
    if (!Number.isInteger(startAt) || startAt < 0 || startAt >= playbook.steps.length) {
      throw new WarRoomError('invalid-input', `Cannot start at step ${startAt + 1}: playbook "${playbook.name}" has ${playbook.steps.length} steps.`, [
        { field: 'startAt' },
      ]);
    }
    const given = new Map((input.variables ?? []).map((variable) => [variable.name, variable.value]));
    const missing = playbook.variables.filter(
      (variable) =>
        !given.has(variable.name) && variable.defaultValue === undefined && (variable.prompt === undefined || !this.options.hooks.prompt) && mode !== 'dry-run',
    );
    if (missing.length > 0) {
      throw new WarRoomError(
        'refused',
        `Playbook "${playbook.name}" needs a value for ${missing.map((variable) => variable.name).join(', ')} before it can run.`,
        missing.map((variable) => ({ file: playbook.source.file, line: variable.position.line, column: variable.position.column, field: variable.name })),
      );
    }
    this.log = new RunLog(this.options.logFile);
    const started: RunStartedData = {
      runId,
      playbook: { name: playbook.name, file: playbook.source.file, format: playbook.source.format, sha256: playbook.source.sha256 },
      mode,
      steps: playbook.steps.map((step) => ({
        id: step.id,
        name: step.name,
        kind: step.kind,
        plannedMs:
          step.kind === 'wait'
            ? step.durationMs
            : step.kind === 'run' || step.kind === 'check'
              ? step.timeoutMs
              : step.kind === 'analysis'
                ? step.initialDelayMs + step.intervalMs * (step.count - 1)
                : undefined,
      })),
      startAt,
      logFile: this.options.logFile,
      by: this.options.actor,
    };
    const override: RunPolicyOverriddenData | undefined = input.policyOverride
      ? { runId, reason: input.policyOverride.reason, by: this.options.actor, findings: input.policyOverride.findings }
      : undefined;
    await this.commit([{ type: RunEventTypes.started, data: started }, ...(override ? [{ type: RunEventTypes.policyOverridden, data: override }] : [])]);
    for (const variable of playbook.variables) {
      let value = given.get(variable.name);
      let by = this.options.actor;
      if (value === undefined && variable.prompt !== undefined && this.options.hooks.prompt && mode !== 'dry-run') {
        const answer = await this.untilAborted(
          this.options.hooks.prompt({
            run: this.requireRun(),
            name: variable.name,
            question: variable.prompt,
            defaultValue: variable.defaultValue,
            secret: variable.secret,
          }),
        );
        if (answer === undefined)
          return this.finish('aborted', this.abortedBy?.reason ?? 'aborted before the first step', this.abortedBy?.by ?? this.options.actor);
        value = answer.value;
        by = answer.by;
      }
      await this.setVariable(variable.name, value ?? variable.defaultValue ?? `<${variable.name}>`, variable.secret, by);
    }
    return this.loop();
  }

  /**
   * Continue a run from a replayed state (after an interruption was resolved with rerun
   * or mark-done). Secret values are never journaled: pass them again in `secrets`.
   */
  async resume(secrets: readonly { name: string; value: string }[] = []): Promise<RunState> {
    const run = this.requireRun();
    if (run.status !== 'running') throw new WarRoomError('conflict', `Run ${run.id} cannot resume: it is ${run.status}.`);
    for (const variable of run.variables) this.values.set(variable.name, variable.value);
    for (const secret of secrets) this.values.set(secret.name, secret.value);
    this.log = new RunLog(this.options.logFile);
    return this.loop();
  }

  /** Stop the run: the current step's process tree is ended, the run is recorded aborted. */
  abort(by: string, reason?: string): void {
    if (this.abortedBy) return;
    this.abortedBy = { by, reason };
    this.controller.abort();
  }

  private async loop(): Promise<RunState> {
    const steps = this.options.playbook.steps;
    let index = this.nextIndex(0);
    while (index < steps.length) {
      const step = steps[index] as PlaybookStep;
      if (this.abortedBy) return this.finish('aborted', this.abortedBy.reason ?? `aborted before step ${index + 1}`, this.abortedBy.by);
      if (step.when === 'rollback' && this.rollbackReason() === undefined) {
        await this.commit([
          {
            type: RunEventTypes.decision,
            data: decision(this.options.runId, index, 'not-needed', 'runs only on a rollback; nothing rolled back', this.options.actor),
          },
        ]);
        index = this.nextIndex(index + 1);
        continue;
      }
      const result = await this.attempt(index, step);
      if (result.ok) {
        index = this.nextIndex(index + 1);
        continue;
      }
      const aborted = this.abortInfo();
      if (aborted) return this.finish('aborted', aborted.reason ?? `aborted during step ${index + 1}`, aborted.by);
      if (this.requireRun().steps[index]?.failure?.reason === 'inconclusive') {
        // Inconclusive never promotes and never fails on its own, whatever on_failure says: a person decides.
        const events = await this.askDecision(index, step);
        if (events === undefined)
          return this.finish('aborted', this.abortInfo()?.reason ?? `aborted at step ${index + 1}`, this.abortInfo()?.by ?? this.options.actor);
        const data = events[0]?.data as RunDecisionData;
        if (data.decision === 'abort') {
          await this.commit(events.slice(0, 1));
          return this.finish('aborted', data.reason ?? `aborted at step ${index + 1}`, data.by);
        }
        await this.commit(events);
        if (data.decision === 'accept' || data.decision === 'skip') index = this.nextIndex(index + 1);
        if (data.decision !== 'fail') continue;
        if (step.onFailure !== 'rollback')
          return this.finish('failed', `step ${index + 1} (${step.name}) judged failed by ${data.by}${data.reason ? `: ${data.reason}` : ''}`, data.by);
      }
      if (step.onFailure === 'rollback') {
        index = await this.rollBack(index, step);
        continue;
      }
      if (step.onFailure === 'continue') {
        await this.commit([
          { type: RunEventTypes.decision, data: decision(this.options.runId, index, 'continue', 'on_failure: continue', this.options.actor) },
        ]);
        index = this.nextIndex(index + 1);
        continue;
      }
      if (step.onFailure === 'abort') {
        await this.commit([{ type: RunEventTypes.decision, data: decision(this.options.runId, index, 'abort', 'on_failure: abort', this.options.actor) }]);
        return this.finish('failed', `step ${index + 1} (${step.name}) failed${step.failureHint ? `: ${step.failureHint}` : ''}`, this.options.actor);
      }
      const events = await this.askDecision(index, step);
      if (events === undefined)
        return this.finish('aborted', this.abortInfo()?.reason ?? `aborted at step ${index + 1}`, this.abortInfo()?.by ?? this.options.actor);
      const first = events[0];
      if (first?.type !== RunEventTypes.decision) throw new WarRoomError('internal', `The decision on step ${index + 1} produced no run.decision event.`);
      const chosen = first.data.decision;
      if (chosen === 'abort') {
        await this.commit(events.slice(0, 1));
        return this.finish('aborted', first.data.reason ?? `aborted at step ${index + 1}`, first.data.by);
      }
      await this.commit(events);
      if (chosen === 'skip') index = this.nextIndex(index + 1);
    }
    const rolledBack = this.rollbackReason();
    if (rolledBack !== undefined) return this.finish('failed', `rolled back: ${rolledBack}`, this.options.actor);
    const skipped = skippedSteps(this.requireRun());
    const reason =
      skipped.length === 0 ? undefined : skipped.map((step) => `step ${step.index + 1} (${step.name}) skipped by ${step.by}: ${step.reason}`).join('; ');
    return this.finish('succeeded', reason, this.options.actor, skipped.length);
  }

  /**
   * on_failure: rollback: journal the turn, pass over the rest of the forward steps, and
   * return the index of the first `when: rollback` step (the loop runs them; the run then
   * ends failed, "rolled back").
   */
  private async rollBack(index: number, step: PlaybookStep): Promise<number> {
    const failure = this.requireRun().steps[index]?.failure;
    const why = `step ${index + 1} (${step.name}) failed${failure ? `: ${failure.message}` : ''}`;
    const events: RunEvent[] = [{ type: RunEventTypes.decision, data: decision(this.options.runId, index, 'rollback', why, this.options.actor) }];
    this.options.playbook.steps.forEach((candidate, position) => {
      if (position > index && candidate.when !== 'rollback' && this.requireRun().steps[position]?.status === 'pending') {
        events.push({
          type: RunEventTypes.decision,
          data: decision(this.options.runId, position, 'not-needed', `not run: the run rolled back after step ${index + 1} failed`, this.options.actor),
        });
      }
    });
    await this.commit(events);
    this.emit(index, `\r\n[warroom] rolling back: ${why}\r\n`);
    return this.nextIndex(index + 1);
  }

  /** Why the run is rolling back (journaled with the turn); undefined while it goes forward. */
  private rollbackReason(): string | undefined {
    for (const step of this.requireRun().steps) {
      const turn = step.decisions.find((entry) => entry.decision === 'rollback');
      if (turn) return turn.reason ?? 'a step failed';
    }
    return undefined;
  }

  private async askDecision(index: number, step: PlaybookStep): Promise<RunEvent[] | undefined> {
    let problem: string | undefined;
    for (let tries = 0; tries < RunnerTuning.maxInvalidDecisions; tries += 1) {
      const answer = await this.untilAborted(this.options.hooks.decide({ run: this.requireRun(), stepIndex: index, step, ...(problem ? { problem } : {}) }));
      if (answer === undefined) return undefined;
      try {
        return decideStepFailure(
          this.slice,
          { runId: this.options.runId, stepIndex: index, decision: answer.decision, reason: answer.reason },
          { actor: answer.by, now: this.now() },
        );
      } catch (error) {
        if (!(error instanceof WarRoomError) || error.code !== 'invalid-input') throw error;
        problem = error.message;
      }
    }
    throw new WarRoomError('invalid-input', problem ?? 'No valid decision was given.');
  }

  private async attempt(index: number, step: PlaybookStep): Promise<{ ok: boolean }> {
    const runId = this.options.runId;
    const attempt = (this.requireRun().steps[index]?.attempts ?? 0) + 1;
    const resolved = step.kind === 'run' || (step.kind === 'check' && step.command !== undefined) ? this.resolve(step, step.command ?? '') : undefined;
    const description = resolved
      ? describeCommand(this.masked(resolved))
      : step.kind === 'check'
        ? `GET ${step.url}`
        : step.kind === 'analysis'
          ? `${this.fill(step, step.query)} on ${this.fill(step, step.source)}`
          : undefined;
    const startedData: RunStepStartedData = { runId, stepIndex: index, attempt, description };
    await this.commit([{ type: RunEventTypes.stepStarted, data: startedData }]);
    this.emit(
      index,
      `\r\n=== step ${index + 1}/${this.options.playbook.steps.length}: ${step.name} (attempt ${attempt}${this.options.mode === 'dry-run' ? ', dry run' : ''}) ===\r\n`,
    );
    const began = performance.now();
    const outcome = await this.execute(index, step, resolved, description);
    const durationMs = Math.round(performance.now() - began);
    if (this.log) this.logSynced = this.log.syncAsync();
    if (outcome.ok) {
      const data: RunStepFinishedData = {
        runId,
        stepIndex: index,
        attempt,
        exitCode: outcome.exitCode,
        httpStatus: outcome.httpStatus,
        durationMs,
        log: outcome.log,
        by: outcome.by,
        note: outcome.note,
        dryRun: this.options.mode === 'dry-run',
      };
      this.deferred.push({ type: RunEventTypes.stepFinished, data });
      this.apply(this.deferred.slice(-1), false);
      return { ok: true };
    }
    this.emit(index, `\r\n[warroom] step failed: ${outcome.message}${step.failureHint ? `\r\n[warroom] ${step.failureHint}` : ''}\r\n`);
    const failed: RunStepFailedData = {
      runId,
      stepIndex: index,
      attempt,
      exitCode: outcome.exitCode,
      httpStatus: outcome.httpStatus,
      reason: outcome.reason ?? 'exit-code',
      message: outcome.message,
      durationMs,
      log: outcome.log,
      hint: step.failureHint,
    };
    await this.commit([{ type: RunEventTypes.stepFailed, data: failed }]);
    return { ok: false };
  }

  private async execute(
    index: number,
    step: PlaybookStep,
    resolved: ResolvedCommand | undefined,
    description: string | undefined,
  ): Promise<StepAttemptResult & { by?: string; note?: string }> {
    const dryRun = this.options.mode === 'dry-run';
    const log = this.requireLog();
    const start = log.offset;
    const done = (by?: string, note?: string): StepAttemptResult & { by?: string; note?: string } => ({
      ok: true,
      exitCode: null,
      httpStatus: undefined,
      reason: undefined,
      message: 'done',
      log: { offset: start, length: log.offset - start },
      tries: 1,
      by,
      note,
    });
    const fail = (reason: FailureReason, message: string): StepAttemptResult => ({
      ok: false,
      exitCode: null,
      httpStatus: undefined,
      reason,
      message,
      log: { offset: start, length: log.offset - start },
      tries: 1,
    });
    if (dryRun) {
      this.emit(index, `[dry run] ${description ?? `${step.kind}: ${step.name}`}\r\n`);
      if (step.kind === 'prompt' && !this.values.has(step.variable))
        await this.setVariable(step.variable, step.defaultValue ?? `<${step.variable}>`, step.secret, this.options.actor);
      return done(undefined, 'dry run: not executed');
    }
    const context = {
      executor: this.executor,
      log,
      signal: this.controller.signal,
      onOutput: (chunk: Buffer | string) => this.options.hooks.onOutput?.(this.options.runId, index, chunk),
    };
    switch (step.kind) {
      case 'run':
        return executeRunStep(step, resolved as ResolvedCommand, context);
      case 'check':
        return executeCheckStep(step, resolved, context);
      case 'manual': {
        if (!this.options.hooks.confirm) return fail('rejected', 'nobody can confirm manual steps in this run');
        this.emit(index, `[manual] ${step.instructions || step.name}\r\n`);
        const answer = await this.untilAborted(this.options.hooks.confirm({ run: this.requireRun(), stepIndex: index, step }));
        if (answer === undefined) return fail('aborted', 'aborted by the operator');
        this.emit(index, `[manual] ${answer.done ? 'confirmed' : 'not done'} by ${answer.by}${answer.note ? `: ${answer.note}` : ''}\r\n`);
        return answer.done ? done(answer.by, answer.note) : fail('rejected', `${answer.by} reported it not done${answer.note ? `: ${answer.note}` : ''}`);
      }
      case 'approval':
        return this.approvals(index, step, done, fail);
      case 'wait': {
        for (let remaining = step.durationMs; remaining > 0; remaining -= RunnerTuning.waitTickMs) {
          this.options.hooks.onWaitTick?.(this.options.runId, index, remaining);
          if (!(await sleep(Math.min(remaining, RunnerTuning.waitTickMs), this.controller.signal))) return fail('aborted', 'aborted by the operator');
        }
        this.options.hooks.onWaitTick?.(this.options.runId, index, 0);
        return done();
      }
      case 'prompt':
        return this.promptStep(step, done, fail);
      case 'analysis':
        return this.analysis(index, step, done, fail);
    }
  }

  /** Fill ${NAME} with the run's variables, then the target's environment (WARROOM_SANDBOX...). */
  private fill(step: AnalysisStep, text: string): string {
    const target = this.targetOf(step);
    return text.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
      (whole, name: string) => this.values.get(name) ?? (Object.hasOwn(target.env, name) ? target.env[name] : undefined) ?? whole,
    );
  }

  private targetOf(step: PlaybookStep): TargetBinding {
    const targetName = step.target ?? this.options.playbook.target;
    return (
      this.options.resolveTarget?.(targetName, this.options.mode) ?? { name: targetName ?? 'local', environmentClass: 'local', env: {}, cwd: process.cwd() }
    );
  }

  /**
   * Measure until the analysis decides; every measurement is journaled (awaited) as taken.
   * A run resumed after a crash ("rerun") goes on from the measurements its interrupted
   * attempt journaled: they count, as they would have.
   */
  private async analysis(
    index: number,
    step: AnalysisStep,
    done: (by?: string, note?: string) => StepAttemptResult,
    fail: (reason: FailureReason, message: string) => StepAttemptResult,
  ): Promise<StepAttemptResult> {
    const where = `step ${index + 1} (${step.name})`;
    const sourceText = this.fill(step, step.source).trim();
    let source: MetricSource;
    if (sourceText === 'sandbox') {
      const dir = this.targetOf(step).env.WARROOM_SANDBOX;
      if (!dir) return fail('check-failed', `${where}: the source is the sandbox, but target ${this.targetOf(step).name} is not War Room's local sandbox`);
      source = sandboxSource(dir, step.timeoutMs);
    } else if (/^https?:\/\//.test(sourceText)) {
      let auth: PrometheusAuth = { kind: 'none' };
      const value = (name: string): string | undefined => this.values.get(name);
      if (step.auth && 'bearer' in step.auth) {
        const token = value(step.auth.bearer);
        if (token === undefined) return fail('check-failed', `${where}: auth.bearer names ${step.auth.bearer}, which has no value in this run`);
        auth = { kind: 'bearer', token };
      } else if (step.auth) {
        const username = value(step.auth.username);
        const password = value(step.auth.password);
        if (username === undefined || password === undefined)
          return fail('check-failed', `${where}: auth names ${step.auth.username} and ${step.auth.password}; give both a value`);
        auth = { kind: 'basic', username, password };
      }
      source = prometheusSource({
        address: sourceText,
        auth,
        ...(step.caFile ? { caFile: this.fill(step, step.caFile) } : {}),
        timeoutMs: step.timeoutMs,
      });
    } else {
      return fail('check-failed', `${where}: the source "${sourceText}" is neither sandbox nor an http(s) address of Prometheus`);
    }
    const state = this.requireRun().steps[index];
    const attempt = state?.attempts ?? 1;
    const lastDecision = state?.decisions[state.decisions.length - 1]?.decision;
    const prior: Measurement[] = lastDecision === 'rerun' ? (state?.measurements ?? []).filter((measurement) => measurement.attempt === attempt - 1) : [];
    const spec = {
      ...step,
      query: this.fill(step, step.query),
      baseline: step.baseline === undefined ? undefined : this.fill(step, step.baseline),
    };
    this.emit(
      index,
      `[analysis] ${spec.query}${spec.baseline ? ` against ${spec.baseline}` : ''} on ${source.label}: ${step.count} measurement${step.count === 1 ? '' : 's'} every ${step.intervalMs / 1000} s\r\n`,
    );
    if (prior.length > 0) this.emit(index, `[analysis] resuming after ${prior.length} journaled measurement${prior.length === 1 ? '' : 's'}\r\n`);
    const outcome = await runAnalysis({
      source,
      spec,
      prior,
      record: async (measurement) => {
        const data: RunMeasurementData = { runId: this.options.runId, stepIndex: index, attempt, measurement };
        await this.commit([{ type: RunEventTypes.measurement, data }]);
        const values = measurement.values.map((value) => Number(value.toPrecision(4))).join(', ') || 'no value';
        const baseline = measurement.baselineValues
          ? ` (baseline ${measurement.baselineValues.map((value) => Number(value.toPrecision(4))).join(', ') || 'no value'})`
          : '';
        this.emit(index, `[analysis] #${measurement.index} = ${values}${baseline}: ${measurement.phase} (${measurement.message})\r\n`);
      },
      sleep: (ms) => sleep(ms, this.controller.signal),
      now: () => this.now(),
      signal: this.controller.signal,
    });
    if (!outcome) return fail('aborted', 'aborted by the operator');
    this.emit(index, `[analysis] ${outcome.verdict}: ${outcome.message}\r\n`);
    if (outcome.verdict === 'successful') return done(undefined, `analysis successful: ${outcome.message}`);
    if (outcome.verdict === 'failed') return fail('check-failed', `${where}: analysis failed: ${outcome.message}`);
    return fail('inconclusive', `${where}: analysis inconclusive: ${outcome.message}`);
  }

  private async approvals(
    index: number,
    step: ApprovalStep,
    done: (by?: string, note?: string) => StepAttemptResult,
    fail: (reason: FailureReason, message: string) => StepAttemptResult,
  ): Promise<StepAttemptResult> {
    if (!this.options.hooks.approve) return fail('rejected', 'nobody can approve in this run');
    const approvers: string[] = [];
    const required = step.approvers ?? this.options.defaultApprovers;
    for (const role of step.roles) {
      const approvedBy: string[] = [];
      do {
        const run = this.requireRun();
        const fourEyes: FourEyesTally | undefined = required === undefined ? undefined : { requester: run.startedBy, required, approvedBy: [...approvedBy] };
        const answer = await this.untilAborted(this.options.hooks.approve({ run, stepIndex: index, step, role, ...(fourEyes ? { fourEyes } : {}) }));
        if (answer === undefined) return fail('aborted', 'aborted by the operator');
        // The hook refuses the requester and repeat approvers; an answer that slips through still never counts.
        if (fourEyes && answer.approved && personOf(answer.by) === personOf(fourEyes.requester)) continue;
        if (fourEyes && answer.approved && approvedBy.some((earlier) => personOf(earlier) === personOf(answer.by))) continue;
        const data: RunApprovalData = { runId: this.options.runId, stepIndex: index, role, approved: answer.approved, by: answer.by, note: answer.note };
        await this.commit([{ type: RunEventTypes.approval, data }]);
        this.emit(
          index,
          `[approval] ${role}: ${answer.approved ? 'approved' : 'refused'} by ${answer.by}${required === undefined ? '' : ` (${approvedBy.length + (answer.approved ? 1 : 0)} of ${required})`}\r\n`,
        );
        if (!answer.approved) return fail('rejected', `${role} (${answer.by}) did not approve${answer.note ? `: ${answer.note}` : ''}`);
        approvedBy.push(answer.by);
      } while (required !== undefined && approvedBy.length < required);
      approvers.push(`${role}: ${approvedBy.join(' + ')}`);
    }
    return done(approvers.join(', '));
  }

  private async promptStep(
    step: PromptStep,
    done: (by?: string, note?: string) => StepAttemptResult,
    fail: (reason: FailureReason, message: string) => StepAttemptResult,
  ): Promise<StepAttemptResult> {
    if (!this.options.hooks.prompt) {
      if (step.defaultValue === undefined) return fail('rejected', `nobody can answer "${step.question}" in this run`);
      await this.setVariable(step.variable, step.defaultValue, step.secret, this.options.actor);
      return done();
    }
    const answer = await this.untilAborted(
      this.options.hooks.prompt({ run: this.requireRun(), name: step.variable, question: step.question, defaultValue: step.defaultValue, secret: step.secret }),
    );
    if (answer === undefined) return fail('aborted', 'aborted by the operator');
    await this.setVariable(step.variable, answer.value, step.secret, answer.by);
    return done(answer.by);
  }

  private resolve(step: PlaybookStep & { kind: 'run' | 'check' }, command: string): ResolvedCommand {
    const targetName = step.target ?? this.options.playbook.target;
    const target = this.options.resolveTarget?.(targetName, this.options.mode) ?? {
      name: targetName ?? 'local',
      environmentClass: 'local',
      env: {},
      cwd: process.cwd(),
    };
    return resolveCommand(step, command, this.options.playbook, this.values, target, this.options.inheritedEnv ?? process.env);
  }

  private masked(resolved: ResolvedCommand): ResolvedCommand {
    const secrets = new Set(
      this.requireRun()
        .variables.filter((variable) => variable.secret)
        .map((variable) => variable.name),
    );
    const env = Object.create(null) as Record<string, string>;
    for (const [name, value] of Object.entries(resolved.env))
      Object.defineProperty(env, name, { value: secrets.has(name) ? secretMask : value, enumerable: true });
    return { ...resolved, env };
  }

  private async setVariable(name: string, value: string, secret: boolean, by: string): Promise<void> {
    this.values.set(name, value);
    const data: RunVariableSetData = { runId: this.options.runId, name, value: secret ? secretMask : value, secret, by };
    await this.commit([{ type: RunEventTypes.variableSet, data }]);
  }

  private async finish(status: RunFinishedData['status'], reason: string | undefined, by: string, skipped = 0): Promise<RunState> {
    const logSha256 = this.log ? await this.log.close() : undefined;
    this.log = undefined;
    const data: RunFinishedData = { runId: this.options.runId, status, reason, by, logSha256, ...(skipped > 0 ? { skippedSteps: skipped } : {}) };
    await this.commit([{ type: RunEventTypes.finished, data }]);
    return this.requireRun();
  }

  /** Journal first (awaited, with any deferred step end and the log's sync), then apply locally and show. */
  private async commit(events: readonly RunEvent[]): Promise<void> {
    const deferred = this.deferred;
    this.deferred = [];
    await Promise.all([this.options.record([...deferred, ...events]), this.logSynced]);
    this.apply(events, true);
  }

  /** Apply events to the runner's own copy of the slice; tell the UI only of durable ones. */
  private apply(events: readonly RunEvent[], durable: boolean): void {
    const ts = this.now();
    for (const event of events) this.slice = reduceRuns(this.slice, { ...event, actor: this.options.actor, ts, seq: (this.seq += 1) });
    const run = this.run;
    if (run && durable) this.options.hooks.onState?.(run);
  }

  private nextIndex(from: number): number {
    const steps = this.requireRun().steps;
    let index = from;
    while (index < steps.length && steps[index]?.status !== 'pending') index += 1;
    return index;
  }

  private abortInfo(): { by: string; reason: string | undefined } | undefined {
    return this.abortedBy;
  }

  private untilAborted<T>(promise: Promise<T>): Promise<T | undefined> {
    const signal = this.controller.signal;
    if (signal.aborted) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => resolve(undefined);
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private emit(index: number, text: string): void {
    this.log?.append(text);
    this.options.hooks.onOutput?.(this.options.runId, index, text);
  }

  private requireRun(): RunState {
    const run = this.run;
    if (!run) throw new WarRoomError('not-found', `Run ${this.options.runId} has not started.`);
    return run;
  }

  private requireLog(): RunLog {
    if (!this.log) throw new WarRoomError('conflict', `Run ${this.options.runId} has no open log.`);
    return this.log;
  }

  private now(): string {
    return this.options.now?.() ?? DateTime.utc().toISO();
  }
}

function decision(runId: string, stepIndex: number, chosen: RunDecisionData['decision'], reason: string, by: string): RunDecisionData {
  return { runId, stepIndex, decision: chosen, reason, by };
}
