/**
 * A flag step of a run: read the flag, (live runs) ask for confirmation and, under the
 * release's four-eyes rule, a second approver, switch it, read it again, and journal the
 * state before and after (run.flag-flipped) before the step ends.
 *
 * Why a confirmation in live runs: a flag flip changes production at once and has no
 * dry output to look at first; the operator sees the flag's current state in the question.
 */
import type { ApprovalStep, FlagStep } from '../../../contract/domain/playbooks/playbook-model';
import { RunEventTypes, type RunFlagFlippedData, type RunMode } from '../../../contract/domain/playbooks/run-events';
import { WarRoomError } from '../../../contract/domain/errors';
import { readFlag, sandboxFlagEndpoint, writeFlag, type FlagEndpoint } from '../telemetry/sandbox-flags';
import { fillVariables } from './analysis-step';
import type { StepContext } from './runner-options';
import type { ResolvedCommand, TargetBinding } from './step-environment';
import type { StepAttemptResult, StepExecutor } from './step-execution';

export interface FlagStepContext extends StepContext {
  readonly step: FlagStep;
  readonly mode: RunMode;
  readonly actor: string;
  readonly target: TargetBinding;
  readonly values: ReadonlyMap<string, string>;
  /** The release's four-eyes rule: distinct approvers, never the one who started the run; undefined: none. */
  readonly approvers: number | undefined;
  readonly executor: StepExecutor;
  /** A command of the step, resolved as a run step's would be (environment, cwd, timeout). */
  readonly resolve: (command: string) => ResolvedCommand;
  /** The command as shown and journaled (secret variables masked). */
  readonly describe: (resolved: ResolvedCommand) => string;
  /** Four-eyes approvals, with the approval step's rules (approval-step.ts). */
  readonly approve: (step: ApprovalStep, required: number) => Promise<StepAttemptResult>;
}

const onOff = (state: boolean | null): string => (state === null ? 'unknown' : state ? 'on' : 'off');

/** Read "on", "true", "1", "enabled" (and their opposites) from a command's output; null when it says neither. */
export function parseFlagState(output: string): boolean | null {
  const word = /\b(on|off|true|false|enabled|disabled|1|0)\b/i.exec(output.trim().split(/\r?\n/).pop() ?? '')?.[1]?.toLowerCase();
  if (word === undefined) return null;
  return ['on', 'true', 'enabled', '1'].includes(word);
}

/** How the step reaches its flag: HTTP (sandbox or an address) or commands. */
type Channel =
  | { readonly kind: 'http'; readonly endpoint: FlagEndpoint }
  | { readonly kind: 'command'; readonly set: ResolvedCommand; readonly read: ResolvedCommand | undefined };

async function channelOf(context: FlagStepContext, where: string): Promise<Channel | string> {
  const { step, target, values } = context;
  if (step.command !== undefined) {
    return { kind: 'command', set: context.resolve(step.command), read: step.readCommand === undefined ? undefined : context.resolve(step.readCommand) };
  }
  const service = fillVariables(step.service ?? '', values, target.env).trim();
  if (service === 'sandbox') {
    const dir = target.env.WARROOM_SANDBOX;
    if (!dir) return `${where}: the flag service is the sandbox, but target ${target.name} is not War Room's local sandbox`;
    try {
      return { kind: 'http', endpoint: { ...(await sandboxFlagEndpoint(dir, step.flag, 'flag')), timeoutMs: step.timeoutMs } };
    } catch (error) {
      return `${where}: ${(error as Error).message}`;
    }
  }
  if (!/^https?:\/\/\S+$/.test(service)) return `${where}: the flag service "${service}" is neither sandbox nor an http(s) address`;
  let bearer: string | undefined;
  if (step.auth) {
    bearer = values.get(step.auth.bearer);
    if (bearer === undefined) return `${where}: auth.bearer names ${step.auth.bearer}, which has no value in this run`;
  }
  return { kind: 'http', endpoint: { url: service, label: service, bearer, timeoutMs: step.timeoutMs } };
}

/** Run a command of the step; its output goes to the run's log and screen. */
async function runCommand(context: FlagStepContext, resolved: ResolvedCommand): Promise<{ ok: boolean; output: string; message: string }> {
  let output = '';
  const outcome = await context.executor.runProcess(
    { command: resolved.command, env: resolved.fullEnv, cwd: resolved.cwd, timeoutMs: resolved.timeoutMs },
    (chunk) => {
      output += chunk.toString('utf8');
      context.emit(chunk.toString('utf8'));
    },
    context.signal,
  );
  if (outcome.spawnError) return { ok: false, output, message: `could not start: ${outcome.spawnError}` };
  if (outcome.timedOut) return { ok: false, output, message: `timed out after ${resolved.timeoutMs} ms` };
  if (outcome.aborted) return { ok: false, output, message: 'aborted by the operator' };
  return { ok: outcome.exitCode === 0, output, message: `exited with ${outcome.exitCode ?? outcome.signal}` };
}

async function readState(context: FlagStepContext, channel: Channel): Promise<boolean | null> {
  if (channel.kind === 'http') return readFlag(channel.endpoint, context.step.flag, context.signal);
  if (!channel.read) return null;
  const result = await runCommand(context, channel.read);
  if (!result.ok) throw new WarRoomError('io', `reading flag ${context.step.flag} (${context.describe(channel.read)}) ${result.message}`);
  const state = parseFlagState(result.output);
  if (state === null) throw new WarRoomError('io', `reading flag ${context.step.flag}: the read command printed neither on nor off`);
  return state;
}

export async function runFlagStep(context: FlagStepContext): Promise<StepAttemptResult> {
  const { index, step, fail, done, emit } = context;
  const where = `step ${index + 1} (${step.name})`;
  const wanted = step.enabled;
  const channel = await channelOf(context, where);
  if (typeof channel === 'string') return fail('check-failed', channel);
  const via = channel.kind === 'http' ? channel.endpoint.label : context.describe(channel.set);
  try {
    const before = await readState(context, channel);
    emit(`[flag] ${step.flag} is ${onOff(before)} (${via}); switching it ${onOff(wanted)}\r\n`);
    let by = context.actor;
    if (context.mode === 'live') {
      if (!context.hooks.confirm) return fail('rejected', `${where}: a live flag flip needs a person to confirm it, and nobody can in this run`);
      const question = `Switch feature flag ${step.flag} ${onOff(wanted)} (it is ${onOff(before)} now) through ${via}?${step.instructions ? `\n\n${step.instructions}` : ''}`;
      const answer = await context.untilAborted(context.hooks.confirm({ run: context.run(), stepIndex: index, step: { ...step, instructions: question } }));
      if (answer === undefined) return fail('aborted', 'aborted by the operator');
      emit(`[flag] ${answer.done ? 'confirmed' : 'refused'} by ${answer.by}${answer.note ? `: ${answer.note}` : ''}\r\n`);
      if (!answer.done) return fail('rejected', `${answer.by} did not confirm the flip of ${step.flag}${answer.note ? `: ${answer.note}` : ''}`);
      by = answer.by;
      if (context.approvers !== undefined) {
        // Four-eyes: someone other than the one who started the run approves too (approval-step.ts refuses the requester).
        const second: ApprovalStep = { ...step, kind: 'approval', roles: ['flag flip'], approvers: context.approvers, instructions: question };
        const approved = await context.approve(second, context.approvers);
        if (!approved.ok) return approved;
      }
    }
    let after: boolean | null;
    if (channel.kind === 'http') {
      const answered = await writeFlag(channel.endpoint, step.flag, wanted, context.signal);
      after = await readFlag(channel.endpoint, step.flag, context.signal).catch(() => answered);
    } else {
      const result = await runCommand(context, channel.set);
      if (!result.ok) return fail('exit-code', `${where}: switching flag ${step.flag} (${via}) ${result.message}`);
      after = await readState(context, channel);
    }
    const data: RunFlagFlippedData = {
      runId: context.runId,
      stepIndex: index,
      attempt: context.run().steps[index]?.attempts ?? 1,
      flag: step.flag,
      via,
      before,
      after,
      by,
    };
    await context.commit([{ type: RunEventTypes.flagFlipped, data }]);
    emit(`[flag] ${step.flag}: ${onOff(before)} -> ${onOff(after)}\r\n`);
    if (after !== null && after !== wanted)
      return fail('check-failed', `${where}: flag ${step.flag} is still ${onOff(after)} after switching it ${onOff(wanted)}`);
    return done(by, `flag ${step.flag}: ${onOff(before)} -> ${onOff(after)}`);
  } catch (error) {
    if (!(error instanceof WarRoomError)) throw error;
    return fail('check-failed', `${where}: ${error.message}`);
  }
}
