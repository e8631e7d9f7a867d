/**
 * The health board of a release, from its state: every metric gate (analysis step) of
 * every run with its measurements, latest value, threshold and verdict; the moments that
 * explain the curves (go-live, canary steps, rollbacks, incidents, remedies); and the
 * remedies chosen. Pure and shared: the renderer draws it, the report can list it.
 */
import type { ReleaseState } from './models';

export const REMEDIES = [
  { id: 'flag-off', label: 'Switch the feature off', help: 'flip its feature flag off; the code stays deployed' },
  { id: 'fix-forward', label: 'Fix forward', help: 'ship a fix on top of the release' },
  { id: 'roll-back', label: 'Roll back', help: 'bring the last good version back' },
] as const;

export type RemedyId = (typeof REMEDIES)[number]['id'];

/** How a remedy is written in the journal: a decision note, so that the timeline and the report carry it. */
export const REMEDY_NOTE_PREFIX = 'Remedy: ';

export interface BoardPoint {
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly value: number | null;
  readonly baseline: number | null;
  readonly threshold: number | null;
  readonly phase: 'successful' | 'failed' | 'inconclusive' | 'error';
}

export interface BoardGate {
  readonly key: string;
  readonly runId: string;
  readonly playbook: string;
  readonly stepIndex: number;
  readonly name: string;
  readonly query: string;
  readonly baselineQuery: string | null;
  readonly source: string;
  /** The step's status: running, succeeded, failed... */
  readonly status: string;
  /** The last measurement's verdict, and the step's outcome when it ended inconclusive. */
  readonly verdict: 'successful' | 'failed' | 'inconclusive' | 'accepted' | 'error' | 'pending';
  readonly latest: BoardPoint | null;
  readonly points: readonly BoardPoint[];
  readonly message: string | null;
}

export interface BoardMarker {
  readonly at: number;
  readonly kind: 'go-live' | 'canary' | 'rollback' | 'incident' | 'remedy' | 'bake';
  readonly label: string;
}

export interface BoardRemedy {
  readonly at: number;
  readonly by: string;
  readonly text: string;
}

export interface HealthBoardModel {
  readonly gates: readonly BoardGate[];
  readonly markers: readonly BoardMarker[];
  readonly remedies: readonly BoardRemedy[];
  /** The time axis every chart shares. */
  readonly window: { readonly start: number; readonly end: number } | null;
}

const canaryStep = /(\d{1,3})\s*%/;

export function healthBoard(state: ReleaseState): HealthBoardModel {
  const gates: BoardGate[] = [];
  const markers: BoardMarker[] = [];
  for (const run of state.runs.runs) {
    run.steps.forEach((step, stepIndex) => {
      const share = canaryStep.exec(step.name)?.[1];
      if (step.kind === 'run' && step.startedAt && step.status === 'succeeded' && share && /traffic|canary/i.test(`${step.id} ${step.name}`)) {
        markers.push({ at: Date.parse(step.startedAt), kind: 'canary', label: `canary ${share}%` });
      }
      for (const decision of step.decisions) {
        if (decision.decision === 'rollback') markers.push({ at: Date.parse(decision.at), kind: 'rollback', label: `rollback: ${step.name}` });
      }
      if (step.kind !== 'analysis') return;
      const measurements = step.measurements ?? [];
      // A gate that never measured (skipped by a rollback, or not reached) has nothing to show.
      if (measurements.length === 0 && step.status !== 'running') return;
      const points: BoardPoint[] = measurements.map((measurement) => ({
        at: Date.parse(measurement.at),
        value: measurement.values[0] ?? null,
        baseline: measurement.baselineValues?.[0] ?? null,
        threshold: measurement.threshold ?? null,
        phase: measurement.phase,
      }));
      const last = measurements[measurements.length - 1];
      const accepted = step.status === 'succeeded' ? [...step.decisions].reverse().find((decision) => decision.decision === 'accept') : undefined;
      const verdict: BoardGate['verdict'] = accepted
        ? 'accepted'
        : step.failure?.reason === 'inconclusive' && step.status === 'failed'
          ? 'inconclusive'
          : step.status === 'failed'
            ? 'failed'
            : step.status === 'succeeded' && last === undefined
              ? 'pending'
              : (last?.phase ?? 'pending');
      gates.push({
        key: `${run.id}:${stepIndex}`,
        runId: run.id,
        playbook: run.playbook.name,
        stepIndex,
        name: step.name,
        query: last?.query ?? step.description ?? '',
        baselineQuery: last?.baselineQuery ?? null,
        source: last?.source ?? '',
        status: step.status,
        verdict,
        latest: [...points].reverse().find((point) => point.value !== null) ?? points[points.length - 1] ?? null,
        points,
        message: accepted
          ? `accepted by ${accepted.by}: ${accepted.reason ?? ''} (${step.failure?.message ?? 'inconclusive'})`
          : step.status === 'failed'
            ? (step.failure?.message ?? null)
            : null,
      });
    });
  }
  // The bakes after go-live: each watched gate is a series of its own, the start and the end are moments.
  for (const bake of state.bake?.bakes ?? []) {
    markers.push({ at: Date.parse(bake.startedAt), kind: 'bake', label: `${bake.id} starts` });
    if (bake.endedAt) markers.push({ at: Date.parse(bake.endedAt), kind: 'bake', label: `${bake.id} ${bake.status}` });
    for (const gate of bake.gates) {
      const readings = bake.rounds.flatMap((round) => round.readings.filter((reading) => reading.criterionId === gate.id));
      if (readings.length === 0) continue;
      const points: BoardPoint[] = readings.map((reading) => ({
        at: Date.parse(reading.at),
        value: reading.values[0] ?? null,
        baseline: reading.baselineValues?.[0] ?? null,
        threshold: reading.threshold,
        phase: reading.phase,
      }));
      const last = readings[readings.length - 1]!;
      gates.push({
        key: `${bake.id}:${gate.id}`,
        runId: bake.id,
        playbook: 'bake after go-live',
        stepIndex: -1,
        name: `${bake.id}: ${gate.title}`,
        query: last.query,
        baselineQuery: last.baselineQuery,
        source: last.source,
        status: bake.status,
        verdict: bake.status === 'verified' && bake.decidedBy ? 'accepted' : last.phase,
        latest: [...points].reverse().find((point) => point.value !== null) ?? points[points.length - 1] ?? null,
        points,
        message: last.phase === 'successful' ? null : last.message,
      });
    }
  }
  const goLive = state.meta?.goLive ? Date.parse(state.meta.goLive) : NaN;
  for (const incident of state.incidents.incidents) {
    const at = Date.parse(incident.openedAt);
    if (Number.isFinite(at)) markers.push({ at, kind: 'incident', label: `incident ${incident.id}: ${incident.title}` });
  }
  const remedies: BoardRemedy[] = state.notes
    .filter((note) => note.kind === 'decision' && note.text.startsWith(REMEDY_NOTE_PREFIX))
    .map((note) => ({ at: Date.parse(note.ts), by: note.actor, text: note.text.slice(REMEDY_NOTE_PREFIX.length) }));
  for (const remedy of remedies) markers.push({ at: remedy.at, kind: 'remedy', label: remedy.text.split(':')[0] ?? 'remedy' });
  const times = gates.flatMap((gate) => gate.points.map((point) => point.at));
  const window = times.length === 0 ? null : { start: Math.min(...times), end: Math.max(...times) };
  if (Number.isFinite(goLive) && window && goLive >= window.start - 3_600_000 && goLive <= window.end + 3_600_000)
    markers.push({ at: goLive, kind: 'go-live', label: 'go-live' });
  markers.sort((a, b) => a.at - b.at);
  return { gates, markers, remedies, window };
}
