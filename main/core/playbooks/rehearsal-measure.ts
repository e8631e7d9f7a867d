/**
 * Which rehearsals measure how long a playbook takes.
 *
 * Why so strict: the rollback's duration decides the point of no return and the ETA of a
 * live rollback at 2 a.m. A rehearsal that was interrupted and resumed, started part-way,
 * had a step skipped or marked done without being observed, did not measure the whole
 * procedure: trusting it shows "ROLLBACK 00:00:00" or "ETA 13 ms left". Only a complete
 * rehearsal (every step ran and succeeded, in one go) is a measurement; otherwise the
 * views say "no rehearsal yet".
 */
import type { RunState } from './run-state';

/** A complete rehearsal and the sum of its steps' measured durations. */
export interface RehearsalMeasure {
  readonly run: RunState;
  readonly ms: number;
}

/** True when `run` is a rehearsal that ran every step, in one go, and succeeded. */
export function isCompleteRehearsal(run: RunState): boolean {
  return (
    run.mode === 'rehearsal' &&
    run.status === 'succeeded' &&
    run.startAt === 0 &&
    !run.interruptions &&
    run.steps.length > 0 &&
    run.steps.every((step) => ranToItsEnd(step) && !step.markedDone && step.durationMs !== undefined)
  );
}

/** A step that succeeded, or failed and the run went on by its own rule (on_failure: continue): both ran to their end. */
function ranToItsEnd(step: RunState['steps'][number]): boolean {
  return step.status === 'succeeded' || (step.status === 'failed' && step.decisions.some((decision) => decision.decision === 'continue'));
}

/** What a complete rehearsal measured: the sum of its steps' durations. */
export function measureRehearsal(run: RunState): RehearsalMeasure | undefined {
  if (!isCompleteRehearsal(run)) return undefined;
  const ms = run.steps.reduce((sum, step) => sum + (step.durationMs ?? 0), 0);
  return { run, ms };
}

/** Complete rehearsals of the same playbook (same name and file) as `playbook`, oldest first. */
export function completeRehearsalsOf(runs: readonly RunState[], playbook: { readonly name: string; readonly file: string }): RunState[] {
  return runs.filter((run) => run.playbook.name === playbook.name && run.playbook.file === playbook.file && isCompleteRehearsal(run));
}

/** The last complete rehearsal of a rollback playbook (its name or file says "rollback"), or undefined. */
export function lastRollbackRehearsal(runs: readonly RunState[]): RehearsalMeasure | undefined {
  for (const run of [...runs].reverse()) {
    if (!/roll-?back/i.test(`${run.playbook.name} ${run.playbook.file}`)) continue;
    const measure = measureRehearsal(run);
    if (measure) return measure;
  }
  return undefined;
}
