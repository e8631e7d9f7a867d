import type { hypercareRequests } from '../../../contract/requests/hypercare-requests';
import { findIssue, logIssue, moveIssue, triageIssue } from '../../core/hypercare/hypercare-commands';
import { HYPERCARE_EVENTS } from '../../../contract/domain/hypercare/hypercare-model';
import { buildLaneView } from '../../core/hypercare/lane-view';
import type { HandlerGroup } from '../handler-types';

export const hypercareHandlers: HandlerGroup<keyof typeof hypercareRequests> = {
  'hypercare.lane': async ({ slug, first }, services) => {
    const release = await services.release(slug);
    await services.hypercare.load();
    const { hypercare, schedule } = release.state;
    return buildLaneView({ hypercare, pods: schedule.pods }, services.hypercare.settings(), Date.now(), first);
  },
  'hypercare.issue-log': async ({ slug, ...input }, services, context) => {
    const release = await services.release(slug);
    const events = await release.execute(context.actor, (state, ctx) => logIssue(state, input, ctx));
    const logged = events.find((event) => event.type === HYPERCARE_EVENTS.logged)!;
    return findIssue(release.state.hypercare, (logged.data as { id: string }).id);
  },
  'hypercare.issue-triage': async ({ slug, ...input }, services, context) => {
    const release = await services.release(slug);
    await release.execute(context.actor, (state, ctx) => triageIssue(state, input, services.hypercare.settings(), ctx));
    return findIssue(release.state.hypercare, input.id);
  },
  'hypercare.issue-move': async ({ slug, ...input }, services, context) => {
    const release = await services.release(slug);
    await release.execute(context.actor, (state, ctx) => moveIssue(state, input, services.hypercare.settings(), ctx));
    return findIssue(release.state.hypercare, input.id);
  },
  'hypercare.sla-get': async (_input, services) => {
    await services.hypercare.load();
    return services.hypercare.settings();
  },
  'hypercare.sla-save': async ({ settings }, services) => services.hypercare.save(settings),
};
