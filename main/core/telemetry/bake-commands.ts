/**
 * The bake's commands (pure): start one on the poll's metric gates, record a round of
 * readings, end it (verified, failed with an incident, inconclusive, stopped), and a
 * person's decision on an inconclusive one.
 *
 * The rules: a round in which any gate fails ends the bake as failed at once and opens an
 * incident whose summary is the evidence (every reading of the round: query, values,
 * threshold, source, time). At the end of the period the release is verified when the
 * last round passed on every gate and the gates were watched until the end; a gate that
 * could not be read at the end, or a stretch in which nobody watched (War Room was not
 * running), makes it inconclusive: never verified on its own, a person accepts it with a
 * reason or fails it.
 */
import { WarRoomError } from '../../../contract/domain/errors';
import type { CommandContext, DomainEvent } from '../../../contract/domain/release/domain-event';
import type { Criterion, MetricGateReading } from '../../../contract/domain/go-no-go/poll-model';
import { INCIDENT_EVENTS } from '../../../contract/domain/incidents/incident-model';
import type { IncidentsState } from '../../../contract/domain/incidents/incident-model';
import { BAKE_EVENTS, type Bake, type BakeGate, type BakeState } from '../../../contract/domain/telemetry/bake-model';

export const BakeTuning = {
  /** A stretch without a round longer than this many intervals means the gates were not watched. */
  unwatchedIntervals: 3,
  /** ... and never less than this: a restart of the app is not a gap in the watch. */
  unwatchedMinMs: 60_000,
} as const;

/** The bake in progress, if any. */
export function activeBake(state: BakeState): Bake | undefined {
  return state.bakes.find((bake) => bake.status === 'baking');
}

export function startBake(
  state: BakeState,
  criteria: readonly Criterion[],
  input: { durationMs: number; intervalMs: number; criterionIds?: readonly string[] | undefined },
  context: CommandContext,
): DomainEvent[] {
  const running = activeBake(state);
  if (running) throw new WarRoomError('conflict', `A bake is already running (${running.id}, until ${running.endsAt}): stop it first.`);
  if (input.intervalMs > input.durationMs)
    throw new WarRoomError('invalid-input', 'The interval between measurements must not be longer than the bake.', [{ field: 'intervalMs' }]);
  const metered = criteria.filter((criterion) => criterion.metric !== undefined);
  let chosen = metered;
  if (input.criterionIds !== undefined) {
    const unknown = input.criterionIds.filter((id) => !metered.some((criterion) => criterion.id === id));
    if (unknown.length > 0)
      throw new WarRoomError(
        'not-found',
        `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a metric gate' : 'are not metric gates'} of the go/no-go poll.`,
        [{ field: 'criterionIds' }],
      );
    chosen = metered.filter((criterion) => input.criterionIds?.includes(criterion.id));
  }
  if (chosen.length === 0)
    throw new WarRoomError(
      'refused',
      'No metric gates to watch: add a metric gate to the go/no-go criteria (Checklist, Participants & criteria), then start the bake.',
      [{ field: 'criterionIds' }],
    );
  const gates: BakeGate[] = chosen.map((criterion) => ({ id: criterion.id, title: criterion.title, metric: criterion.metric! }));
  const endsAt = new Date(Date.parse(context.now) + input.durationMs).toISOString();
  return [
    {
      type: BAKE_EVENTS.started,
      data: { bakeId: `bake-${state.bakes.length + 1}`, durationMs: input.durationMs, intervalMs: input.intervalMs, endsAt, gates },
    },
  ];
}

/** "45 s", "30 min", "2 h 5 min": how long a bake is, as a person says it. */
export function spanOf(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

function shown(values: readonly number[] | null): string {
  return values === null || values.length === 0 ? 'no value' : values.map((value) => Number(value.toPrecision(4))).join(', ');
}

/** One reading as evidence: a line a post-mortem can quote. */
export function evidenceLine(reading: MetricGateReading): string {
  const baseline = reading.baselineQuery ? ` against ${reading.baselineQuery} = ${shown(reading.baselineValues)}` : '';
  const threshold = reading.threshold === null ? '' : `, threshold ${shown([reading.threshold])}`;
  return `- ${reading.at} ${reading.title}: ${reading.phase.toUpperCase()} — ${reading.query} = ${shown(reading.values)}${baseline}${threshold} on ${reading.source} (${reading.message})`;
}

function incidentFor(
  bake: Bake,
  incidents: IncidentsState,
  title: string,
  evidence: readonly MetricGateReading[],
  why: string,
  owner: string,
): { id: string; event: DomainEvent } {
  const id = `INC-${incidents.nextIncident}`;
  const watched = bake.rounds.length;
  const summary = [
    `${why}`,
    '',
    `Bake ${bake.id}: ${spanOf(bake.durationMs)} from ${bake.startedAt}, measured every ${bake.intervalMs / 1000} s; ${watched} round${watched === 1 ? '' : 's'} journaled.`,
    '',
    'Evidence (the readings that decided):',
    ...evidence.map(evidenceLine),
  ].join('\n');
  return {
    id,
    event: { type: INCIDENT_EVENTS.opened, data: { id, title, severity: 'sev2', owner, summary, startedAt: evidence[0]?.at ?? bake.startedAt } },
  };
}

/** Journal a round of readings; a failed gate ends the bake as failed and opens an incident with the evidence. */
export function recordBakeRound(
  state: BakeState,
  incidents: IncidentsState,
  bakeId: string,
  readings: readonly MetricGateReading[],
  context: CommandContext,
): DomainEvent[] {
  const bake = state.bakes.find((candidate) => candidate.id === bakeId);
  if (!bake || bake.status !== 'baking') return [];
  const events: DomainEvent[] = [{ type: BAKE_EVENTS.measured, data: { bakeId, round: bake.rounds.length + 1, readings } }];
  const failed = readings.filter((reading) => reading.phase === 'failed');
  if (failed.length > 0) {
    const names = failed.map((reading) => `'${reading.title}'`).join(', ');
    const message = `gate ${names} failed: ${failed.map((reading) => `${reading.query} = ${shown(reading.values)} (${reading.message})`).join('; ')}`;
    const incident = incidentFor(
      bake,
      incidents,
      `Bake failed: ${failed.map((reading) => reading.title).join(', ')}`,
      readings,
      `The bake after go-live failed: ${message}.`,
      bake.startedBy,
    );
    events.push(incident.event, {
      type: BAKE_EVENTS.ended,
      data: { bakeId, status: 'failed', message, incidentId: incident.id, by: context.actor, reason: null },
    });
  }
  return events;
}

/** At the end of the period: verified, or inconclusive (never verified on its own). */
export function finishBake(state: BakeState, bakeId: string, context: CommandContext): DomainEvent[] {
  const bake = state.bakes.find((candidate) => candidate.id === bakeId);
  if (!bake || bake.status !== 'baking' || Date.parse(context.now) < Date.parse(bake.endsAt)) return [];
  const last = bake.rounds[bake.rounds.length - 1];
  const gapLimit = Math.max(BakeTuning.unwatchedIntervals * bake.intervalMs, BakeTuning.unwatchedMinMs);
  const times = [Date.parse(bake.startedAt), ...bake.rounds.map((round) => Date.parse(round.at)), Date.parse(bake.endsAt)];
  let longest = { from: 0, to: 0 };
  for (let index = 1; index < times.length; index += 1) {
    if ((times[index] as number) - (times[index - 1] as number) > longest.to - longest.from)
      longest = { from: times[index - 1] as number, to: times[index] as number };
  }
  const unread = last?.readings.filter((reading) => reading.phase !== 'successful') ?? [];
  const errors = bake.rounds.reduce((total, round) => total + round.readings.filter((reading) => reading.phase !== 'successful').length, 0);
  let status: 'verified' | 'inconclusive' = 'verified';
  let message = `${bake.rounds.length} rounds over ${spanOf(bake.durationMs)}: every gate passed${errors > 0 ? ` (${errors} reading${errors === 1 ? '' : 's'} could not be made)` : ''}`;
  if (!last) {
    status = 'inconclusive';
    message = 'no measurement was made during the bake';
  } else if (longest.to - longest.from > gapLimit) {
    status = 'inconclusive';
    message = `the gates were not watched from ${new Date(longest.from).toISOString()} to ${new Date(longest.to).toISOString()} (War Room was not running)`;
  } else if (unread.length > 0) {
    status = 'inconclusive';
    message = `at the end ${unread.map((reading) => `'${reading.title}' could not be read: ${reading.message}`).join('; ')}`;
  }
  return [{ type: BAKE_EVENTS.ended, data: { bakeId, status, message, incidentId: null, by: context.actor, reason: null } }];
}

export function stopBake(state: BakeState, reason: string, context: CommandContext): DomainEvent[] {
  const bake = activeBake(state);
  if (!bake) throw new WarRoomError('conflict', 'No bake is running.');
  return [
    {
      type: BAKE_EVENTS.ended,
      data: { bakeId: bake.id, status: 'stopped', message: `stopped by ${context.actor}: ${reason}`, incidentId: null, by: context.actor, reason },
    },
  ];
}

/** A person's word on an inconclusive bake: accept (the release is verified, the reason journaled) or fail (an incident opens). */
export function decideBake(
  state: BakeState,
  incidents: IncidentsState,
  input: { bakeId: string; decision: 'accept' | 'fail'; reason: string },
  context: CommandContext,
): DomainEvent[] {
  const bake = state.bakes.find((candidate) => candidate.id === input.bakeId);
  if (!bake) throw new WarRoomError('not-found', `There is no bake ${input.bakeId} in this release.`, [{ field: 'bakeId' }]);
  if (bake.status !== 'inconclusive')
    throw new WarRoomError('conflict', `Bake ${bake.id} is ${bake.status}: only an inconclusive bake is accepted or failed by a person.`, [
      { field: 'bakeId' },
    ]);
  if (input.decision === 'accept') {
    return [{ type: BAKE_EVENTS.decided, data: { bakeId: bake.id, decision: 'accept', reason: input.reason, by: context.actor, incidentId: null } }];
  }
  const evidence = bake.rounds[bake.rounds.length - 1]?.readings ?? [];
  const incident = incidentFor(
    bake,
    incidents,
    `Bake judged failed: ${bake.gates.map((gate) => gate.title).join(', ')}`,
    evidence,
    `${context.actor} judged the inconclusive bake failed: ${input.reason}. (${bake.message ?? ''})`,
    context.actor,
  );
  return [
    incident.event,
    { type: BAKE_EVENTS.decided, data: { bakeId: bake.id, decision: 'fail', reason: input.reason, by: context.actor, incidentId: incident.id } },
  ];
}
