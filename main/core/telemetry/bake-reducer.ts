/** The bake slice: a projection of bake.* events (contract/domain/telemetry/bake-model.ts). */
import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
import { BAKE_EVENTS, parseBakeEvent, type Bake, type BakeState } from '../../../contract/domain/telemetry/bake-model';

function withBake(state: BakeState, bakeId: string, change: (bake: Bake) => Bake): BakeState {
  const index = state.bakes.findIndex((bake) => bake.id === bakeId);
  if (index < 0) return state;
  const bakes = [...state.bakes];
  bakes[index] = change(bakes[index] as Bake);
  return { bakes };
}

export function reduceBake(state: BakeState, applied: AppliedEvent): BakeState {
  const event = parseBakeEvent(applied);
  if (event === null) return state;
  switch (event.type) {
    case BAKE_EVENTS.started: {
      const data = event.data;
      const bake: Bake = {
        id: data.bakeId,
        startedBy: event.actor,
        startedAt: event.ts,
        durationMs: data.durationMs,
        intervalMs: data.intervalMs,
        endsAt: data.endsAt,
        gates: data.gates,
        rounds: [],
        status: 'baking',
        endedAt: null,
        message: null,
        incidentId: null,
        decidedBy: null,
        reason: null,
      };
      return { bakes: [...state.bakes, bake] };
    }
    case BAKE_EVENTS.measured: {
      const data = event.data;
      return withBake(state, data.bakeId, (bake) => ({ ...bake, rounds: [...bake.rounds, { round: data.round, at: event.ts, readings: data.readings }] }));
    }
    case BAKE_EVENTS.ended: {
      const data = event.data;
      return withBake(state, data.bakeId, (bake) => ({
        ...bake,
        status: data.status,
        endedAt: event.ts,
        message: data.message,
        incidentId: data.incidentId,
        ...(data.status === 'stopped' ? { decidedBy: data.by, reason: data.reason } : {}),
      }));
    }
    case BAKE_EVENTS.decided: {
      const data = event.data;
      return withBake(state, data.bakeId, (bake) => ({
        ...bake,
        status: data.decision === 'accept' ? 'verified' : 'failed',
        decidedBy: data.by,
        reason: data.reason,
        incidentId: data.incidentId ?? bake.incidentId,
      }));
    }
  }
}
