/**
 * Two runs of the same playbook side by side: per-step duration deltas, what slipped and
 * by how much, and the step that took longest in each (where the time went).
 */
import { WarRoomError } from '../../../contract/domain/errors';
import type { RunState } from '../playbooks/run-state';
export type { StepComparison, RunComparison } from '../../../contract/domain/plan/plan-views';
import type { StepComparison, RunComparison } from '../../../contract/domain/plan/plan-views';

export function compareRuns(runs: readonly RunState[], baseRunId: string, otherRunId: string): RunComparison {
  const base = runs.find((run) => run.id === baseRunId);
  const other = runs.find((run) => run.id === otherRunId);
  if (!base) throw new WarRoomError('not-found', `There is no run ${baseRunId}`, [{ field: 'baseRunId' }]);
  if (!other) throw new WarRoomError('not-found', `There is no run ${otherRunId}`, [{ field: 'otherRunId' }]);
  if (base.playbook.file !== other.playbook.file) {
    throw new WarRoomError('invalid-input', `Runs ${baseRunId} (${base.playbook.file}) and ${otherRunId} (${other.playbook.file}) are of different playbooks`, [
      { field: 'otherRunId' },
    ]);
  }
  const ids = [...new Set([...base.steps.map((step) => step.id), ...other.steps.map((step) => step.id)])];
  const steps = ids.map((stepId): StepComparison => {
    const a = base.steps.find((step) => step.id === stepId);
    const b = other.steps.find((step) => step.id === stepId);
    const baseMs = a?.durationMs ?? null;
    const otherMs = b?.durationMs ?? null;
    return { stepId, name: (b ?? a)!.name, baseMs, otherMs, deltaMs: baseMs === null || otherMs === null ? null : otherMs - baseMs };
  });
  const summary = (run: RunState) => ({
    runId: run.id,
    mode: run.mode,
    startedAt: run.startedAt,
    totalMs: run.steps.reduce((sum, step) => sum + (step.durationMs ?? 0), 0),
  });
  const longest = (pick: (step: StepComparison) => number | null) =>
    steps.reduce<StepComparison | null>((best, step) => ((pick(step) ?? -1) > (best === null ? -1 : (pick(best) ?? -1)) ? step : best), null)?.stepId ?? null;
  return {
    base: summary(base),
    other: summary(other),
    steps,
    slipped: steps.filter((step) => (step.deltaMs ?? 0) > 0).sort((a, b) => (b.deltaMs ?? 0) - (a.deltaMs ?? 0)),
    longestStep: { base: longest((step) => step.baseMs), other: longest((step) => step.otherMs) },
  };
}
