/** Hand-made plans for the plan tests: a release state built by real events through the real reducers. */
import { initialReleaseState, reduceRelease } from '../../../main/core/release/release-state';
import type { ReleaseState } from '../../../main/core/release/release-state';
import type { DomainEvent } from '../../../contract/domain/release/domain-event';
import { PLAN_EVENTS } from '../../../main/core/plan/plan-events';

export const T0 = '2026-06-02T20:00:00.000Z';
export const MIN = 60_000;

/** ISO instant `minutes` after T0 (or after `from`). */
export function at(minutes: number, from = T0): string {
  return new Date(Date.parse(from) + minutes * MIN).toISOString();
}

export class PlanBuilder {
  private state: ReleaseState = initialReleaseState();
  private seq = 0;

  constructor() {
    this.apply({ type: 'checklist.phase-added', data: { phase: { id: 'cutover', title: 'Cutover' }, position: 0 } }, T0);
  }

  apply(event: DomainEvent, ts: string, actor = 'ana'): this {
    this.seq += 1;
    this.state = reduceRelease(this.state, { ...event, seq: this.seq, ts, actor });
    return this;
  }

  /** An item with a planned duration (minutes) waiting for `dependsOn` (item ids). */
  item(id: string, minutes: number | null, dependsOn: readonly string[] = []): this {
    this.apply(
      {
        type: 'checklist.item-added',
        data: { item: { id, phaseId: 'cutover', title: id.toUpperCase(), detail: '', owner: {}, due: null, required: false }, position: 999 },
      },
      T0,
    );
    if (minutes !== null) this.apply({ type: PLAN_EVENTS.durationSet, data: { nodeId: `item:${id}`, plannedMs: minutes * MIN, before: null } }, T0);
    if (dependsOn.length > 0)
      this.apply({ type: PLAN_EVENTS.dependenciesSet, data: { nodeId: `item:${id}`, dependsOn: dependsOn.map((dep) => `item:${dep}`), before: [] } }, T0);
    return this;
  }

  status(id: string, from: string, to: string, ts: string): this {
    return this.apply({ type: 'checklist.item-status-changed', data: { itemId: id, from, to, reason: null, evidence: [] } }, ts);
  }

  /** A playbook in the plan with steps (id, planned minutes or null). */
  playbook(file: string, steps: readonly (readonly [string, number | null])[]): this {
    return this.apply(
      {
        type: PLAN_EVENTS.playbookAdded,
        data: {
          file,
          name: file.replace(/\.ya?ml$/, ''),
          steps: steps.map(([id, minutes]) => ({ id, name: id, plannedMs: minutes === null ? null : minutes * MIN })),
        },
      },
      T0,
    );
  }

  /** A run of `file` whose steps took `minutes` each, starting at `start`; `running` leaves the last step running. */
  run(runId: string, file: string, mode: 'rehearsal' | 'live', stepIds: readonly string[], minutes: readonly number[], start: string, running = false): this {
    this.apply(
      {
        type: 'run.started',
        data: {
          runId,
          playbook: { name: file.replace(/\.ya?ml$/, ''), file, format: 'yaml', sha256: 'x' },
          mode,
          steps: stepIds.map((id) => ({ id, name: id, kind: 'run', plannedMs: undefined })),
          startAt: 0,
          logFile: `runs/${runId}.log`,
          by: 'ana',
        },
      },
      start,
    );
    let clock = start;
    minutes.forEach((length, stepIndex) => {
      this.apply({ type: 'run.step-started', data: { runId, stepIndex, attempt: 1, description: undefined } }, clock);
      const last = stepIndex === minutes.length - 1;
      if (last && running) return;
      clock = at(length, clock);
      this.apply(
        {
          type: 'run.step-finished',
          data: {
            runId,
            stepIndex,
            attempt: 1,
            exitCode: 0,
            httpStatus: undefined,
            durationMs: length * MIN,
            log: undefined,
            by: undefined,
            note: undefined,
            dryRun: false,
          },
        },
        clock,
      );
    });
    if (!running && minutes.length === stepIds.length)
      this.apply({ type: 'run.finished', data: { runId, status: 'succeeded', reason: undefined, by: 'ana', logSha256: undefined } }, clock);
    return this;
  }

  get(): ReleaseState {
    return this.state;
  }
}
