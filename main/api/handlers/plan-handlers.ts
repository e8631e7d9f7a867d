import type { planRequests } from '../../../contract/requests/plan-requests';
import type { HandlerGroup } from '../handler-types';
import type { CallContext, Services } from '../services';
import type { Command } from '../../../contract/domain/release/domain-event';
import type { ReleaseState } from '../../core/release/release-state';
import { WarRoomError } from '../../../contract/domain/errors';
import { parseDuration } from '../../core/playbooks/duration';
import { addPlaybookToPlan, adoptRehearsalDurations, setDependencies, setPlannedDuration } from '../../core/plan/plan-commands';
import { compareRuns } from '../../core/plan/run-comparison';
import { loadPlaybook } from '../playbooks/playbook-files';
import { planViewOf } from '../plan-context';
import { setReleaseDependencies } from '../../core/plan/release-trains';
import { releaseTrains, trainMembers } from '../release-trains';

async function change(services: Services, slug: string, context: CallContext, command: Command<ReleaseState>): Promise<number> {
  const release = await services.release(slug);
  const events = await release.execute(context.actor, command);
  return events.length;
}

export const planHandlers: HandlerGroup<keyof typeof planRequests> = {
  'plan.get': async (input, services) => {
    const release = await services.release(input.slug);
    return planViewOf(release, release.state, new Date().toISOString());
  },
  'plan.set-dependencies': async (input, services, context) => {
    await change(services, input.slug, context, (state, ctx) => setDependencies(state, input, ctx));
    return { ok: true };
  },
  'plan.set-duration': async (input, services, context) => {
    const plannedMs = input.duration === null || input.duration.trim() === '' ? null : parseDuration(input.duration);
    if (plannedMs === undefined) {
      throw new WarRoomError('invalid-input', `duration: ${JSON.stringify(input.duration)} must be a duration like 30m, 1h30m or 45s`, [{ field: 'duration' }]);
    }
    await change(services, input.slug, context, (state, ctx) => setPlannedDuration(state, { nodeId: input.nodeId, plannedMs }, ctx));
    return { ok: true };
  },
  'plan.add-playbook': async (input, services, context) => {
    const release = await services.release(input.slug);
    const playbook = await loadPlaybook(release.paths.playbooks, input.playbookFile);
    await release.execute(context.actor, (state, ctx) => addPlaybookToPlan(state, playbook, ctx));
    return { ok: true };
  },
  'plan.adopt-rehearsal': async (input, services, context) => {
    let changed = 0;
    await change(services, input.slug, context, (state, ctx) => {
      const events = adoptRehearsalDurations(state, input, ctx);
      changed = events.reduce((sum, event) => sum + (event.data as { changes: unknown[] }).changes.length, 0);
      return events;
    });
    return { ok: true, changed };
  },
  'plan.trains': async (input, services, context) => {
    await services.release(input.slug);
    return releaseTrains(services, context);
  },
  'plan.set-release-dependencies': async (input, services, context) => {
    const release = await services.release(input.slug);
    const others = await trainMembers(services);
    const self = { slug: release.slug, name: release.state.meta?.name ?? release.slug, afterReleases: input.afterReleases };
    await release.execute(context.actor, (state, ctx) => setReleaseDependencies(state, { self, afterReleases: input.afterReleases, others }, ctx));
    return { ok: true };
  },
  'plan.compare-runs': async (input, services) => {
    const release = await services.release(input.slug);
    return compareRuns(release.state.runs.runs, input.baseRunId, input.otherRunId);
  },
};
