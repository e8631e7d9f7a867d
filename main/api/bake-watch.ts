/**
 * The bake watch: while a bake runs, measure its gates every interval and journal each
 * round; end it when a gate fails or the period is over (bake-commands.ts decides).
 *
 * Why a timer that reads the journal's state rather than one per bake: the bake lives in
 * the journal, so a bake started before a restart goes on after it (and a stretch nobody
 * watched makes it inconclusive, never verified).
 */
import type { Release } from '../core/release/release';
import { activeBake, finishBake, recordBakeRound } from '../core/telemetry/bake-commands';
import type { Criterion } from '../../contract/domain/go-no-go/poll-model';
import { readMetricGates } from './metric-gates';

export const BakeWatchTuning = {
  /** How often the clock is looked at: the countdown's resolution for ending a bake and taking a round. */
  tickMs: 1_000,
} as const;

/** Watch one release's bakes; returns the function that stops watching. */
export function watchBakes(release: Release, actor: string, tickMs: number = BakeWatchTuning.tickMs): () => void {
  let busy = false;
  let stopped = false;
  const tick = async () => {
    const bake = activeBake(release.state.bake);
    if (busy || stopped || !bake) return;
    const now = Date.now();
    const last = bake.rounds[bake.rounds.length - 1];
    const due = last === undefined ? Date.parse(bake.startedAt) : Date.parse(last.at) + bake.intervalMs;
    const ends = Date.parse(bake.endsAt);
    if (now < due && now < ends) return;
    busy = true;
    try {
      if (now >= ends) {
        await release.execute(actor, (state, context) => finishBake(state.bake, bake.id, context));
        return;
      }
      const criteria: Criterion[] = bake.gates.map((gate) => ({ id: gate.id, title: gate.title, description: '', metric: gate.metric }));
      const readings = await readMetricGates(release.state, criteria);
      if (stopped) return;
      await release.execute(actor, (state, context) => recordBakeRound(state.bake, state.incidents, bake.id, readings, context));
    } catch (error) {
      console.error(`warroom: the bake of ${release.slug} could not journal its round`, error);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref?.();
  const off = release.onChange(() => void tick());
  void tick();
  return () => {
    stopped = true;
    off();
    clearInterval(timer);
  };
}
