/**
 * Estimated remaining time of a run, from the durations of earlier rehearsals.
 *
 * Why rehearsals: a rollback's duration is only known from having done it; the median
 * of rehearsed durations per step is robust against one slow outlier. When the estimate
 * exceeds the time left in the release window, the run view warns.
 */
import { DateTime } from 'luxon';
import { formatDuration } from './duration';
import { completeRehearsalsOf } from './rehearsal-measure';
import type { RunState } from './run-state';

export interface StepEstimate {
  readonly stepIndex: number;
  readonly estimateMs: number;
  readonly basis: 'rehearsal' | 'planned' | 'unknown';
}

export interface RunEstimate {
  readonly remainingMs: number;
  readonly steps: readonly StepEstimate[];
  /** Steps with neither a rehearsal nor a planned duration (counted as 0). */
  readonly unknownSteps: number;
  /** The complete rehearsals the estimate comes from (none: there is no estimate to show). */
  readonly rehearsals: number;
  /** When the last of them ended (ISO UTC). */
  readonly lastRehearsalAt: string | undefined;
}

/**
 * Estimate what is left of `run` at `now`, from earlier complete rehearsals of the same
 * playbook in `history` (an interrupted, resumed or partial rehearsal measures nothing).
 */
export function estimateRemaining(run: RunState, history: readonly RunState[], now: string): RunEstimate {
  const rehearsals = completeRehearsalsOf(
    history.filter((candidate) => candidate.id !== run.id),
    run.playbook,
  );
  const nowMs = DateTime.fromISO(now).toMillis();
  const steps: StepEstimate[] = [];
  run.steps.forEach((step, stepIndex) => {
    if (step.status !== 'pending' && step.status !== 'running' && step.status !== 'interrupted' && step.status !== 'failed') return;
    const durations = rehearsals.flatMap((candidate) =>
      candidate.steps
        .filter((other) => other.id === step.id && other.status === 'succeeded' && other.durationMs !== undefined && !other.markedDone)
        .map((other) => other.durationMs as number),
    );
    const measured = median(durations);
    let estimate: StepEstimate =
      measured !== undefined
        ? { stepIndex, estimateMs: measured, basis: 'rehearsal' }
        : step.kind === 'wait' && step.plannedMs !== undefined
          ? { stepIndex, estimateMs: step.plannedMs, basis: 'planned' }
          : { stepIndex, estimateMs: 0, basis: 'unknown' };
    if (step.status === 'running' && step.startedAt !== undefined) {
      const elapsed = Math.max(0, nowMs - DateTime.fromISO(step.startedAt).toMillis());
      estimate = { ...estimate, estimateMs: Math.max(0, estimate.estimateMs - elapsed) };
    }
    steps.push(estimate);
  });
  return {
    remainingMs: steps.reduce((total, step) => total + step.estimateMs, 0),
    steps,
    unknownSteps: steps.filter((step) => step.basis === 'unknown').length,
    rehearsals: rehearsals.length,
    lastRehearsalAt: rehearsals.at(-1)?.endedAt,
  };
}

/** A warning when the estimated remaining time does not fit in what is left of the window. */
export function windowWarning(estimate: RunEstimate, now: string, windowEnd: string): string | undefined {
  if (estimate.rehearsals === 0) return undefined;
  const left = DateTime.fromISO(windowEnd).toMillis() - DateTime.fromISO(now).toMillis();
  if (estimate.remainingMs <= left) return undefined;
  const leftText = left <= 0 ? 'the release window has already ended' : `only ${formatDuration(left)} left in the release window`;
  return `The rollback needs about ${formatDuration(estimate.remainingMs)} more (from rehearsals), but ${leftText}.`;
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
