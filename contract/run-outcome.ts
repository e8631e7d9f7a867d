/**
 * How a run ended, in the words every view uses: "succeeded with 1 skipped step".
 *
 * Why one function: the run list, the run view, the timeline and the report (Markdown
 * and HTML) must never disagree. A run whose failing step was skipped did not simply
 * succeed; the reader must see that something was left out, and why. Steps before the
 * chosen start step are not counted: nobody skipped them after a failure.
 */

/** The few facts of a step the outcome needs (a structural slice of the run state). */
export interface OutcomeStep {
  readonly name: string;
  readonly status: string;
  readonly note?: string | undefined;
  readonly decisions: readonly { readonly decision: string; readonly reason?: string | undefined; readonly by: string }[];
}

/** The few facts of a run the outcome needs. */
export interface OutcomeRun {
  readonly status: string;
  readonly steps: readonly OutcomeStep[];
}

/** A step skipped by a person after it failed, with the reason they gave. */
export interface SkippedStep {
  readonly index: number;
  readonly name: string;
  readonly reason: string;
  readonly by: string;
}

/** The steps skipped after a failure (not those before the chosen start step). */
export function skippedSteps(run: OutcomeRun): SkippedStep[] {
  const skipped: SkippedStep[] = [];
  run.steps.forEach((step, index) => {
    if (step.status !== 'skipped') return;
    const decision = [...step.decisions].reverse().find((entry) => entry.decision === 'skip');
    if (!decision) return;
    skipped.push({ index, name: step.name, reason: decision.reason ?? step.note ?? '', by: decision.by });
  });
  return skipped;
}

/** "succeeded", "succeeded with 2 skipped steps", "failed", ...: the run's status as a reader needs it. */
export function runOutcomeText(run: OutcomeRun): string {
  if (run.status !== 'succeeded') return run.status;
  const count = skippedSteps(run).length;
  if (count === 0) return 'succeeded';
  return `succeeded with ${count} skipped step${count === 1 ? '' : 's'}`;
}
