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
import type { PlaybookStep, ApprovalStep, AnalysisStep, FlagStep } from '../../../contract/domain/playbooks/playbook-model';
import { fillVariables, runAnalysisStep } from './analysis-step';
import { runApprovalStep } from './approval-step';
import { runFlagStep } from './flag-step';
import { runPromptStep } from './prompt-step';
import { decideStepFailure } from './run-commands';
import { RunEventTypes } from '../../../contract/domain/playbooks/run-events';
import type {
  RunEvent,
  RunFinishedData,
  RunPolicyOverriddenData,
  RunStartedData,
  RunStepFailedData,
  RunStepFinishedData,
  RunStepStartedData,
  RunVariableSetData,
  RunDecisionData,
} from '../../../contract/domain/playbooks/run-events';
import { RunLog } from './run-log';
import { findRun, initialRunsState, reduceRuns } from './run-state';
import type { RunState, RunsState } from './run-state';
import { describeCommand, resolveCommand } from './step-environment';
import type { ResolvedCommand, TargetBinding } from './step-environment';
import { executeCheckStep, executeRunStep, processExecutor, sleep } from './step-execution';
import type { FailureReason, StepAttemptResult, StepExecutor } from './step-execution';

export type { RunnerHooks, RunnerOptions } from './runner-options';
export { RunnerTuning } from './runner-options';
import { RunnerTuning, type RunnerOptions, type StepContext } from './runner-options';

const secretMask = '(secret)';

/** How a step attempt ends: done (by whom, with a note) or failed (why). */
type Done = StepContext['done'];
type Fail = StepContext['fail'];

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
        await this.commit([this.decided(index, 'not-needed', 'runs only on a rollback; nothing rolled back')]);
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
        await this.commit([this.decided(index, 'continue', 'on_failure: continue')]);
        index = this.nextIndex(index + 1);
        continue;
      }
      if (step.onFailure === 'abort') {
        await this.commit([this.decided(index, 'abort', 'on_failure: abort')]);
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
    const events: RunEvent[] = [this.decided(index, 'rollback', why)];
    this.options.playbook.steps.forEach((candidate, position) => {
      if (position > index && candidate.when !== 'rollback' && this.requireRun().steps[position]?.status === 'pending') {
        events.push(this.decided(position, 'not-needed', `not run: the run rolled back after step ${index + 1} failed`));
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
          : step.kind === 'flag'
            ? `flag ${step.flag} ${step.enabled ? 'on' : 'off'} via ${step.command !== undefined ? describeCommand(this.masked(this.resolve({ ...step, kind: 'run', command: step.command, acceptedExitCodes: [0] }, step.command))) : this.fill(step, step.service ?? '')}`
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
        return runPromptStep({
          ...this.stepContext(index, done, fail),
          step,
          actor: this.options.actor,
          setVariable: (name, value, secret, by) => this.setVariable(name, value, secret, by),
        });
      case 'analysis':
        return this.analysis(index, step, done, fail);
      case 'flag':
        return this.flag(index, step, done, fail);
    }
  }

  /** Switch a feature flag (flag-step.ts): before and after journaled; confirmed (and four-eyes approved) in live runs. */
  private flag(index: number, step: FlagStep, done: Done, fail: Fail): Promise<StepAttemptResult> {
    return runFlagStep({
      ...this.stepContext(index, done, fail),
      step,
      mode: this.options.mode,
      actor: this.options.actor,
      target: this.targetOf(step),
      values: this.values,
      approvers: this.options.defaultApprovers,
      executor: this.executor,
      resolve: (command) => this.resolve({ ...step, kind: 'run', command, acceptedExitCodes: [0] }, command),
      describe: (resolved) => describeCommand(this.masked(resolved)),
      approve: (approval, required) => runApprovalStep({ ...this.stepContext(index, done, fail), step: approval, required }),
    });
  }

  /** What every delegated step kind gets from the run (runner-options.ts StepContext). */
  private stepContext(index: number, done: Done, fail: Fail): StepContext {
    return {
      index,
      runId: this.options.runId,
      hooks: this.options.hooks,
      run: () => this.requireRun(),
      untilAborted: (promise) => this.untilAborted(promise),
      commit: (events) => this.commit(events),
      emit: (text) => this.emit(index, text),
      signal: this.controller.signal,
      now: () => this.now(),
      done,
      fail,
    };
  }

  /** Fill ${NAME} with the run's variables, then the target's environment (WARROOM_SANDBOX...). */
  private fill(step: AnalysisStep | FlagStep, text: string): string {
    return fillVariables(text, this.values, this.targetOf(step).env);
  }

  private targetOf(step: PlaybookStep): TargetBinding {
    const targetName = step.target ?? this.options.playbook.target;
    return (
      this.options.resolveTarget?.(targetName, this.options.mode) ?? { name: targetName ?? 'local', environmentClass: 'local', env: {}, cwd: process.cwd() }
    );
  }

  /** Measure until the analysis decides (analysis-step.ts); every measurement journaled as taken. */
  private analysis(index: number, step: AnalysisStep, done: Done, fail: Fail): Promise<StepAttemptResult> {
    return runAnalysisStep({
      ...this.stepContext(index, done, fail),
      step,
      target: this.targetOf(step),
      values: this.values,
      state: this.requireRun().steps[index],
    });
  }

  /** Each role of an approval step answers (four-eyes: N distinct people, never the one who started the run). */
  private approvals(index: number, step: ApprovalStep, done: Done, fail: Fail): Promise<StepAttemptResult> {
    return runApprovalStep({ ...this.stepContext(index, done, fail), step, required: step.approvers ?? this.options.defaultApprovers });
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

  /** A decision event of this run, taken by its host (on_failure policies, rollbacks). */
  private decided(stepIndex: number, chosen: RunDecisionData['decision'], reason: string): RunEvent {
    return { type: RunEventTypes.decision, data: { runId: this.options.runId, stepIndex, decision: chosen, reason, by: this.options.actor } };
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
