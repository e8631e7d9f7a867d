/**
 * Execute one run or check step: the process tree or HTTP GET, the log, the verdict.
 *
 * Why separate from the runner: the runner decides what happens next (journal, retry,
 * skip); this file only answers "did this step pass, with which exit code, and where in
 * the log is its output". Executors are injectable so the runner can be driven by other
 * transports (a pty, a remote agent) later.
 */
import { httpGet } from './http-check';
import type { HttpOutcome } from './http-check';
import type { CheckStep, RunStep } from '../../../contract/domain/playbooks/playbook-model';
import { runProcessTree } from './process-tree';
import type { ProcessOutcome, ProcessSpec } from './process-tree';
import type { LogRange, RunLog } from './run-log';
import type { ResolvedCommand } from './step-environment';
import type { FailureReason } from '../../../contract/domain/playbooks/run-events';

/** What actually runs things; the default uses real processes and node:http. */
export interface StepExecutor {
  runProcess(spec: ProcessSpec, onOutput: (chunk: Buffer, stream: 'stdout' | 'stderr') => void, signal?: AbortSignal): Promise<ProcessOutcome>;
  httpGet(url: string, timeoutMs: number, signal?: AbortSignal): Promise<HttpOutcome>;
}

/** The real executor. */
export const processExecutor: StepExecutor = {
  runProcess: (spec, onOutput, signal) => runProcessTree(spec, onOutput, signal),
  httpGet,
};

export type { FailureReason };

/** Outcome of one attempt of a step. */
export interface StepAttemptResult {
  readonly ok: boolean;
  readonly exitCode: number | null;
  readonly httpStatus: number | undefined;
  readonly reason: FailureReason | undefined;
  /** A sentence for the operator ("exited with 3; accepted: 0"). */
  readonly message: string;
  /** Where this attempt's output sits in the run log. */
  readonly log: LogRange;
  /** Tries made (checks retry inside one attempt). */
  readonly tries: number;
}

export interface ExecutionContext {
  readonly executor: StepExecutor;
  readonly log: RunLog;
  readonly onOutput: (chunk: Buffer | string) => void;
  readonly signal: AbortSignal;
}

const limits = {
  /** Output kept in memory for a check's regex; the log file keeps everything. */
  outputForMatchBytes: 256 * 1024,
} as const;

/** Run a `run` step once. */
export async function executeRunStep(step: RunStep, resolved: ResolvedCommand, context: ExecutionContext): Promise<StepAttemptResult> {
  const start = context.log.offset;
  const outcome = await runOnce(resolved, context);
  const ok =
    outcome.process.exitCode !== null && step.acceptedExitCodes.includes(outcome.process.exitCode) && !outcome.process.timedOut && !outcome.process.aborted;
  return { ...verdict(outcome.process, ok, step.acceptedExitCodes, resolved.timeoutMs), httpStatus: undefined, log: range(context.log, start), tries: 1 };
}

/** Run a `check` step: up to 1 + retries tries, `intervalMs` apart, until one passes. */
export async function executeCheckStep(step: CheckStep, resolved: ResolvedCommand | undefined, context: ExecutionContext): Promise<StepAttemptResult> {
  const start = context.log.offset;
  let last: Omit<StepAttemptResult, 'log' | 'tries'> = { ok: false, exitCode: null, httpStatus: undefined, reason: 'check-failed', message: 'not run' };
  let tries = 0;
  const pattern = step.expect.outputPattern === undefined ? undefined : new RegExp(step.expect.outputPattern, 'm');
  for (let attempt = 0; attempt <= step.retries; attempt += 1) {
    if (attempt > 0) {
      emit(context, `\r\n[warroom] check failed (${last.message}); try ${attempt + 1} of ${step.retries + 1} in ${step.intervalMs} ms\r\n`);
      if (!(await sleep(step.intervalMs, context.signal))) break;
    }
    if (context.signal.aborted) break;
    tries += 1;
    if (step.url !== undefined) {
      emit(context, `[warroom] GET ${step.url}\r\n`);
      const response = await context.executor.httpGet(step.url, step.timeoutMs, context.signal);
      emit(context, response.error ? `[warroom] ${response.error}\r\n` : `[warroom] HTTP ${response.status}\r\n${response.body}\r\n`);
      const statusOk =
        response.status !== undefined &&
        (step.expect.statusCodes.length === 0 ? response.status >= 200 && response.status < 300 : step.expect.statusCodes.includes(response.status));
      const bodyOk = pattern === undefined || pattern.test(response.body);
      const ok = response.error === undefined && statusOk && bodyOk;
      last = {
        ok,
        exitCode: null,
        httpStatus: response.status,
        reason: ok ? undefined : 'check-failed',
        message:
          response.error ??
          (ok
            ? `HTTP ${response.status}`
            : !statusOk
              ? `HTTP ${response.status}; expected ${step.expect.statusCodes.join(', ') || '2xx'}`
              : `the body does not match /${step.expect.outputPattern}/`),
      };
    } else if (resolved !== undefined) {
      const outcome = await runOnce(resolved, context);
      const exitOk = outcome.process.exitCode !== null && step.expect.exitCodes.includes(outcome.process.exitCode) && !outcome.process.timedOut;
      const outputOk = pattern === undefined || pattern.test(outcome.output);
      const base = verdict(outcome.process, exitOk && outputOk, step.expect.exitCodes, resolved.timeoutMs);
      last = {
        ...base,
        httpStatus: undefined,
        reason: base.ok ? undefined : base.reason === 'exit-code' ? 'check-failed' : base.reason,
        message: exitOk && !outputOk ? `the output does not match /${step.expect.outputPattern}/` : base.message,
      };
    }
    if (last.ok || context.signal.aborted) break;
  }
  if (context.signal.aborted && !last.ok) last = { ...last, reason: 'aborted', message: 'aborted by the operator' };
  return { ...last, log: range(context.log, start), tries };
}

async function runOnce(resolved: ResolvedCommand, context: ExecutionContext): Promise<{ process: ProcessOutcome; output: string }> {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  const process = await context.executor.runProcess(
    { command: resolved.command, env: resolved.fullEnv, cwd: resolved.cwd, timeoutMs: resolved.timeoutMs },
    (chunk) => {
      if (keptBytes < limits.outputForMatchBytes) {
        kept.push(chunk);
        keptBytes += chunk.byteLength;
      }
      emit(context, chunk);
    },
    context.signal,
  );
  if (process.spawnError) emit(context, `[warroom] could not start: ${process.spawnError}\r\n`);
  return { process, output: Buffer.concat(kept).toString('utf8') };
}

function verdict(
  process: ProcessOutcome,
  ok: boolean,
  accepted: readonly number[],
  timeoutMs: number,
): Omit<StepAttemptResult, 'log' | 'tries' | 'httpStatus'> {
  if (process.spawnError) return { ok: false, exitCode: null, reason: 'spawn-error', message: `could not start the command: ${process.spawnError}` };
  if (process.aborted)
    return { ok: false, exitCode: process.exitCode, reason: 'aborted', message: 'aborted by the operator; the command and its children were stopped' };
  if (process.timedOut)
    return { ok: false, exitCode: process.exitCode, reason: 'timeout', message: `timed out after ${timeoutMs} ms; the command and its children were stopped` };
  if (ok) return { ok: true, exitCode: process.exitCode, reason: undefined, message: `exited with ${process.exitCode}` };
  const how = process.exitCode === null ? `was killed by ${process.signal ?? 'a signal'}` : `exited with ${process.exitCode}`;
  return { ok: false, exitCode: process.exitCode, reason: 'exit-code', message: `${how}; accepted: ${accepted.join(', ')}` };
}

function emit(context: ExecutionContext, chunk: Buffer | string): void {
  context.log.append(chunk);
  context.onOutput(chunk);
}

function range(log: RunLog, start: number): LogRange {
  return { offset: start, length: log.offset - start };
}

/** Sleep that ends early on abort; resolves false when aborted. */
export function sleep(milliseconds: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, milliseconds);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
