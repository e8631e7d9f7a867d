/**
 * The long-lived host of playbook runs: starts them, holds their pending questions,
 * streams their output, resolves interruptions after a crash.
 *
 * Why a service and not a handler: a run outlives the request that started it; the
 * questions it asks (retry, skip or abort? approve? confirm?) are answered by later
 * requests, possibly from another window. Every transition goes through
 * `release.execute` (journaled, fsync'd) before the runner moves on, so the UI only
 * ever shows what is on disk.
 */
import { randomBytes } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { ActiveRuns, PlaybookListing, RunEstimateView, RunLogView, RunPreflight, RunQuestion } from '../../../contract/requests/playbook-requests';
import { checkApprover } from '../../core/approvals/four-eyes';
import { addSandboxTarget } from '../../core/demo/sandbox-target';
import { blockingFindings, type PolicyFinding } from '../../core/schedule/policy-checks';
import type { Playbook } from '../../../contract/domain/playbooks/playbook-model';
import { PlaybookRunner, type RunnerHooks } from '../../core/playbooks/playbook-runner';
import { markInterruptedRuns, resolveInterruption } from '../../core/playbooks/run-commands';
import { estimateRemaining, windowWarning } from '../../core/playbooks/run-eta';
import type { DomainEvent, RunMode } from '../../../contract/domain/playbooks/run-events';
import { findRun, type RunState } from '../../core/playbooks/run-state';
import type { InterruptionResolutionInput, StartRunInput, StepDecisionInput } from '../../../contract/domain/playbooks/playbooks-schemas';
import type { Release } from '../../core/release/release';
import { WarRoomError, ioError } from '../../../contract/domain/errors';
import type { EventBus } from '../event-bus';
import { importPlaybook, listPlaybooks, loadPlaybook } from './playbook-files';
import { RunOutputBatcher } from './run-output';
import { checkTargets, targetResolver } from './run-targets';
import { checkRequirements, unmetRequirements } from './playbook-requirements';

export interface RunServiceOptions {
  readonly events: EventBus;
  readonly assetsDir: string;
  /** How steps run Node scripts ($WARROOM_NODE) and the environment steps inherit. */
  readonly node: { readonly execPath: string; readonly env: NodeJS.ProcessEnv };
}

interface Pending {
  readonly question: RunQuestion;
  readonly answer: (value: unknown) => void;
}

interface ActiveRun {
  readonly slug: string;
  readonly runId: string;
  readonly playbookFile: string;
  readonly runner: PlaybookRunner;
  readonly output: RunOutputBatcher;
  pending: Pending | undefined;
  done: Promise<unknown>;
}

const TUNING = {
  /** On shutdown, how long aborted runs get to end their process trees and journal it. */
  disposeWaitMs: 5_000,
} as const;

/** Hosts every playbook run of the app. */
export class RunService {
  private readonly active = new Map<string, ActiveRun>();

  constructor(private readonly options: RunServiceOptions) {}

  /** On release open: runs the journal still calls "running" were cut off by a crash. */
  async recover(release: Release, actor: string): Promise<void> {
    const hosted = new Set([...this.active.values()].filter((run) => run.slug === release.slug).map((run) => run.runId));
    await release.execute(actor, (state, context) => markInterruptedRuns({ runs: state.runs.runs.filter((run) => !hosted.has(run.id)) }, context));
  }

  /** The playbooks of the release, each with what it needs that the release lacks (for a run in the release's mode). */
  async list(release: Release): Promise<PlaybookListing[]> {
    return (await listPlaybooks(release.paths.playbooks)).map((listing) => this.withNeeds(release, listing));
  }

  /** What would hold a run now: what the playbook needs, and (live runs) the schedule findings `held` computed by the caller. */
  async preflight(release: Release, input: { playbookFile: string; mode: RunMode }, findings: readonly PolicyFinding[]): Promise<RunPreflight> {
    const playbook = await loadPlaybook(release.paths.playbooks, input.playbookFile);
    const live = input.mode === 'live';
    return {
      needs: unmetRequirements(playbook, input.mode, this.targetContext(release)),
      held: live ? blockingFindings(findings) : [],
      overridden: live ? findings.filter((finding) => finding.override !== undefined) : [],
    };
  }

  /** Add War Room's local sandbox (target and service files) to the release: what the shipped rollback needs. */
  async addSandbox(release: Release, actor: string): Promise<{ targetId: string; sandboxDir: string }> {
    const added = await addSandboxTarget(release, { assetsDir: this.options.assetsDir, node: this.options.node, actor });
    return { targetId: added.target.id, sandboxDir: added.sandboxDir };
  }

  /** Validate and write a playbook into the release; journal which one it was. */
  async import(release: Release, actor: string, input: { fileName: string; text: string; overwrite: boolean }): Promise<PlaybookListing> {
    const listing = this.withNeeds(release, await importPlaybook(release.paths.playbooks, input.fileName, input.text, input.overwrite));
    await release.execute(actor, () => [
      {
        type: 'playbook.imported',
        data: {
          file: input.fileName,
          name: listing.playbook?.name,
          format: listing.format,
          sha256: listing.playbook?.source.sha256,
          replaced: input.overwrite,
        },
      },
    ]);
    return listing;
  }

  /**
   * Start a run; resolves once `run.started` is durable (or rejects with why it cannot start).
   * A live run that `findings` (the schedule at this instant) hold needs `input.override`
   * with a written reason, journaled with the start; rehearsals and dry runs are not held.
   */
  async start(
    release: Release,
    actor: string,
    input: StartRunInput,
    findings: readonly PolicyFinding[] = [],
    /** Four-eyes: may hold a needed override for approvers (throws) once everything else is checked. */
    holdOverride?: (reason: string) => Promise<void>,
  ): Promise<{ runId: string }> {
    const playbook = await loadPlaybook(release.paths.playbooks, input.playbookFile);
    checkRequirements(playbook, input.mode, this.targetContext(release));
    checkTargets(playbook, input.mode, this.targetContext(release));
    const held = input.mode === 'live' ? blockingFindings(findings) : [];
    if (held.length > 0 && !input.override) {
      throw new WarRoomError(
        'refused',
        `Live run of "${playbook.name}" held by the release schedule: ${held.map((finding) => finding.message).join('; ')}. Start it with a written override (journaled, as at the go/no-go), or run a rehearsal or a dry run.`,
        [{ field: 'override' }],
      );
    }
    const policyOverride =
      held.length > 0 && input.override
        ? { reason: input.override.reason, findings: held.map((finding) => ({ id: finding.id, rule: finding.rule, message: finding.message })) }
        : undefined;
    const busy = [...this.active.values()].find((run) => run.slug === release.slug && run.playbookFile === input.playbookFile);
    if (busy)
      throw new WarRoomError('conflict', `Playbook ${input.playbookFile} is already running (run ${busy.runId}); finish or abort it first.`, [
        { field: 'playbookFile' },
      ]);
    const interrupted = release.state.runs.runs.find((run) => run.status === 'interrupted' && run.playbook.file === input.playbookFile);
    if (interrupted)
      throw new WarRoomError(
        'conflict',
        `Run ${interrupted.id} of ${input.playbookFile} was interrupted; re-run its step, mark it done or abort it before starting another.`,
        [{ field: 'playbookFile' }],
      );
    if (policyOverride) await holdOverride?.(policyOverride.reason);
    const runId = `${DateTime.utc().toFormat('yyyyLLdd-HHmmss')}-${randomBytes(3).toString('hex')}`;
    const active = this.host(release, actor, playbook, runId, input.mode);
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    active.onFirstState = started;
    active.done = this.watch(
      release,
      actor,
      active,
      active.runner.start({ startAt: input.startAt, variables: input.variables, ...(policyOverride ? { policyOverride } : {}) }),
    );
    await Promise.race([isStarted, active.done.then(() => undefined)]);
    if (!findRun(release.state.runs, runId)) {
      await active.done;
      throw new WarRoomError('internal', `Run ${runId} did not start.`);
    }
    return { runId };
  }

  /** The runs this app hosts in a release and what they wait for. */
  activeRuns(slug: string): ActiveRuns {
    const runs = [...this.active.values()].filter((run) => run.slug === slug);
    return { runIds: runs.map((run) => run.runId), questions: runs.flatMap((run) => (run.pending ? [run.pending.question] : [])) };
  }

  /** Retry, skip (with a reason) or abort a failed step. */
  decide(slug: string, actor: string, input: StepDecisionInput): void {
    if (input.decision === 'skip' && !input.reason?.trim()) {
      throw new WarRoomError('invalid-input', `Skipping step ${input.stepIndex + 1} needs a reason: the report will show it.`, [{ field: 'reason' }]);
    }
    if (input.decision === 'accept' && !input.reason?.trim()) {
      throw new WarRoomError('invalid-input', `Accepting the inconclusive analysis of step ${input.stepIndex + 1} needs a reason: the report will show it.`, [
        { field: 'reason' },
      ]);
    }
    this.answer(slug, input.runId, (question) => question.kind === 'decision' && question.stepIndex === input.stepIndex, {
      decision: input.decision,
      reason: input.reason,
      by: actor,
    });
  }

  confirm(slug: string, actor: string, input: { runId: string; stepIndex: number; done: boolean; note?: string | undefined }): void {
    this.answer(slug, input.runId, (question) => question.kind === 'confirm' && question.stepIndex === input.stepIndex, {
      done: input.done,
      note: input.note,
      by: actor,
    });
  }

  approve(slug: string, actor: string, input: { runId: string; stepIndex: number; role: string; approved: boolean; note?: string | undefined }): void {
    const question = this.active.get(input.runId)?.pending?.question;
    // Four-eyes: the person who started the run never approves it, and nobody counts twice.
    if (question?.kind === 'approve' && question.stepIndex === input.stepIndex && question.role === input.role && question.fourEyes && input.approved) {
      checkApprover(question.fourEyes, actor, `step ${input.stepIndex + 1} (${question.stepName}) of run ${input.runId}`);
    }
    this.answer(slug, input.runId, (question) => question.kind === 'approve' && question.stepIndex === input.stepIndex && question.role === input.role, {
      approved: input.approved,
      note: input.note,
      by: actor,
    });
  }

  answerPrompt(slug: string, actor: string, input: { runId: string; name: string; value: string }): void {
    this.answer(slug, input.runId, (question) => question.kind === 'prompt' && question.name === input.name, { value: input.value, by: actor });
  }

  /** Abort a run: the running step's process tree is ended; an interrupted run is closed. */
  async abort(release: Release, actor: string, runId: string, reason: string | undefined): Promise<void> {
    const active = this.active.get(runId);
    if (active && active.slug === release.slug) {
      active.runner.abort(actor, reason?.trim() || `aborted by ${actor}`);
      await active.done;
      return;
    }
    const run = findRun(release.state.runs, runId);
    if (run?.status === 'interrupted') {
      await release.execute(actor, (state, context) => resolveInterruption(state.runs, { runId, action: 'abort', note: reason }, context));
      return;
    }
    throw new WarRoomError('conflict', `Run ${runId} is not running here (it is ${run?.status ?? 'unknown'}).`, [{ field: 'runId' }]);
  }

  /** After a crash: re-run the interrupted step, mark it done (note required), or abort. */
  async resolveInterruption(release: Release, actor: string, input: InterruptionResolutionInput): Promise<void> {
    const run = findRun(release.state.runs, input.runId);
    let playbook: Playbook | undefined;
    const secrets = run?.variables.filter((variable) => variable.secret).map((variable) => variable.name) ?? [];
    if (run && input.action !== 'abort' && secrets.length > 0) {
      // Secret values are never written to disk, so after a crash they are gone: resuming
      // would run the remaining steps with a placeholder instead of the secret.
      throw new WarRoomError(
        'refused',
        `Run ${run.id} used the secret variable${secrets.length > 1 ? 's' : ''} ${secrets.join(', ')}, which ${secrets.length > 1 ? 'are' : 'is'} never written to disk and did not survive the interruption. Abort this run and start a new one at step ${(run.currentStep ?? 0) + 1}: you will be asked for ${secrets.length > 1 ? 'them' : 'it'} again.`,
        [{ field: 'action' }],
      );
    }
    if (run && input.action !== 'abort') {
      playbook = await loadPlaybook(release.paths.playbooks, run.playbook.file);
      if (playbook.source.sha256 !== run.playbook.sha256) {
        throw new WarRoomError(
          'conflict',
          `Playbook ${run.playbook.file} changed since run ${run.id} started; it cannot resume with different steps. Abort this run and start a new one at the step you need.`,
          [{ file: run.playbook.file }],
        );
      }
    }
    await release.execute(actor, (state, context) => resolveInterruption(state.runs, input, context));
    if (!run || !playbook) return;
    const active = this.host(release, actor, playbook, run.id, run.mode);
    active.done = this.watch(release, actor, active, active.runner.resume());
  }

  /** Remaining time of a run from earlier rehearsals, and the release window warning. */
  estimate(release: Release, runId: string): RunEstimateView {
    const state = release.state;
    const run = requireRun(state.runs.runs, runId);
    const now = DateTime.utc().toISO();
    const estimate = estimateRemaining(run, state.runs.runs, now);
    const window = state.schedule.window;
    const windowEnd = window ? (DateTime.fromISO(window.end, { zone: window.zone }).toUTC().toISO() ?? undefined) : undefined;
    const open = run.status === 'running' || run.status === 'interrupted';
    return {
      remainingMs: estimate.remainingMs,
      unknownSteps: estimate.unknownSteps,
      rehearsedSteps: estimate.steps.filter((step) => step.basis === 'rehearsal').length,
      rehearsals: estimate.rehearsals,
      lastRehearsalAt: estimate.lastRehearsalAt,
      windowEnd,
      warning: open && windowEnd ? windowWarning(estimate, now, windowEnd) : undefined,
    };
  }

  /** The run's log (the tail when longer than `maxBytes`), ANSI intact. */
  async log(release: Release, runId: string, maxBytes: number): Promise<RunLogView> {
    const run = requireRun(release.state.runs.runs, runId);
    const file = run.logFile.startsWith(release.dir) ? run.logFile : join(release.paths.runs, `${run.id}.log`);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      return { text: '', truncated: false, bytes: 0 };
    }
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    try {
      const handle = await open(file, 'r');
      try {
        await handle.read(buffer, 0, length, size - length);
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw ioError('read the run log', file, error);
    }
    return { text: buffer.toString('utf8'), truncated: length < size, bytes: size };
  }

  /** Abort every hosted run (the app is closing) and wait a little for them to record it. */
  async dispose(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) run.runner.abort('War Room', 'the app was closed during the run');
    await Promise.race([Promise.allSettled(runs.map((run) => run.done)), new Promise((resolve) => setTimeout(resolve, TUNING.disposeWaitMs).unref())]);
  }

  private host(release: Release, actor: string, playbook: Playbook, runId: string, mode: RunMode): ActiveRun & { onFirstState?: () => void } {
    const slug = release.slug;
    const events = this.options.events;
    const output = new RunOutputBatcher((stepIndex, data) => events.publish({ type: 'run.output', payload: { slug, runId, stepIndex, data } }));
    const active: ActiveRun & { onFirstState?: () => void } = {
      slug,
      runId,
      playbookFile: playbook.source.file,
      output,
      pending: undefined,
      done: Promise.resolve(),
      runner: undefined as unknown as PlaybookRunner,
    };
    const ask = <T>(question: RunQuestion): Promise<T> =>
      new Promise<T>((resolve) => {
        active.pending = { question, answer: (value) => resolve(value as T) };
        output.flush();
        events.publish({ type: 'run.question', payload: { slug, runId, question } });
      });
    const hooks: RunnerHooks = {
      decide: ({ stepIndex, step, run, problem }) => {
        const failure = run.steps[stepIndex]?.failure;
        return ask({
          kind: 'decision',
          runId,
          stepIndex,
          stepName: step.name,
          message: failure?.message ?? 'the step failed',
          hint: failure?.hint,
          problem,
          ...(failure?.reason === 'inconclusive' ? { inconclusive: true } : {}),
        });
      },
      confirm: ({ stepIndex, step }) =>
        ask({
          kind: 'confirm',
          runId,
          stepIndex,
          stepName: step.name,
          instructions: step.instructions,
          ...(step.kind === 'flag' ? { flag: true as const } : {}),
        }),
      approve: ({ stepIndex, step, role, fourEyes }) =>
        ask({ kind: 'approve', runId, stepIndex, stepName: step.name, role, instructions: step.instructions, ...(fourEyes ? { fourEyes } : {}) }),
      prompt: ({ run, name, question, defaultValue, secret }) =>
        ask({ kind: 'prompt', runId, stepIndex: run.currentStep, name, question, defaultValue, secret }),
      onOutput: (_runId, stepIndex, chunk) => output.push(stepIndex, chunk),
      onWaitTick: (_runId, stepIndex, remainingMs) => events.publish({ type: 'run.wait-tick', payload: { slug, runId, stepIndex, remainingMs } }),
      onState: () => {
        active.onFirstState?.();
        active.onFirstState = undefined;
      },
    };
    const runner = new PlaybookRunner(
      {
        playbook,
        runId,
        mode,
        actor,
        logFile: join(release.paths.runs, `${runId}.log`),
        record: (batch) => recordAs(release, actor, batch),
        hooks,
        resolveTarget: targetResolver(this.targetContext(release)),
        inheritedEnv: this.options.node.env,
        defaultApprovers: release.state.meta?.approvers || undefined,
      },
      release.state.runs,
    );
    (active as { runner: PlaybookRunner }).runner = runner;
    this.active.set(runId, active);
    return active;
  }

  private watch(release: Release, actor: string, active: ActiveRun, running: Promise<RunState>): Promise<unknown> {
    const clear = (): void => {
      active.output.flush();
      if (active.pending) this.options.events.publish({ type: 'run.question', payload: { slug: active.slug, runId: active.runId, question: null } });
      active.pending = undefined;
      this.active.delete(active.runId);
    };
    return running.then(clear, async (error: unknown) => {
      clear();
      if (!findRun(release.state.runs, active.runId)) throw error;
      // The run started but its host failed (a full disk...): say so in the journal, as a crash would.
      console.error(`warroom: run ${active.runId} stopped unexpectedly`, error);
      await release
        .execute(actor, (state, context) => markInterruptedRuns({ runs: state.runs.runs.filter((run) => run.id === active.runId) }, context))
        .catch(() => undefined);
    });
  }

  private answer(slug: string, runId: string, matches: (question: RunQuestion) => boolean, value: unknown): void {
    const active = this.active.get(runId);
    if (!active || active.slug !== slug) throw new WarRoomError('conflict', `Run ${runId} is not running in this app.`, [{ field: 'runId' }]);
    const pending = active.pending;
    if (!pending || !matches(pending.question))
      throw new WarRoomError('conflict', `Run ${runId} is not waiting for that answer (it may have been answered from another window).`, [{ field: 'runId' }]);
    active.pending = undefined;
    this.options.events.publish({ type: 'run.question', payload: { slug, runId, question: null } });
    pending.answer(value);
  }

  private withNeeds(release: Release, listing: PlaybookListing): PlaybookListing {
    if (!listing.playbook) return listing;
    const mode: RunMode = release.state.meta?.mode === 'live' ? 'live' : 'rehearsal';
    return { ...listing, needs: unmetRequirements(listing.playbook, mode, this.targetContext(release)) };
  }

  private targetContext(release: Release) {
    return { targets: release.state.meta?.targets ?? [], releaseDir: release.dir, assetsDir: this.options.assetsDir, nodeExecPath: this.options.node.execPath };
  }
}

/**
 * Journal the runner's events with the person who acted as the journal's actor: a
 * decision, approval or confirmation is recorded as theirs, the rest as the host's.
 */
async function recordAs(release: Release, host: string, events: readonly DomainEvent[]): Promise<void> {
  let index = 0;
  while (index < events.length) {
    const actor = actorOf(events[index]!, host);
    let end = index + 1;
    while (end < events.length && actorOf(events[end]!, host) === actor) end += 1;
    const batch = events.slice(index, end);
    await release.execute(actor, () => batch);
    index = end;
  }
}

/** Events whose `by` is the person who acted (a step's `by` may list several approvers). */
const PERSONAL_EVENTS: ReadonlySet<string> = new Set(['run.decision', 'run.approval', 'run.variable-set', 'run.finished']);

function actorOf(event: DomainEvent, host: string): string {
  if (!PERSONAL_EVENTS.has(event.type)) return host;
  const by = (event.data as { by?: unknown } | null)?.by;
  return typeof by === 'string' && by.length > 0 ? by : host;
}

function requireRun(runs: readonly RunState[], runId: string): RunState {
  const run = runs.find((candidate) => candidate.id === runId);
  if (!run) throw new WarRoomError('not-found', `No playbook run ${runId} in this release.`, [{ field: 'runId' }]);
  return run;
}
