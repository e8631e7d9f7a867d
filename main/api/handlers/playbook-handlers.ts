import type { playbookRequests } from '../../../contract/requests/playbook-requests';
import type { HandlerGroup } from '../handler-types';
import { liveActionFindings } from '../schedule-context';

const ok = { ok: true } as const;

/** Playbooks of a release and their runs: the run service hosts the runs, these pass the requests on. */
export const playbookHandlers: HandlerGroup<keyof typeof playbookRequests> = {
  'playbook.list': async (input, services) => services.runs.list(await services.release(input.slug)),
  'playbook.import': async (input, services, context) => services.runs.import(await services.release(input.slug), context.actor, input),
  'run.preflight': async ({ slug, ...input }, services) => {
    const release = await services.release(slug);
    const findings = input.mode === 'live' ? await liveActionFindings(services, release, 'A live run') : [];
    return services.runs.preflight(release, input, findings);
  },
  'playbook.add-sandbox': async (input, services, context) => services.runs.addSandbox(await services.release(input.slug), context.actor),
  'run.start': async ({ slug, ...input }, services, context) => {
    const release = await services.release(slug);
    // The schedule at this instant: a live run outside the window, in a freeze or in the Friday rule is held.
    const findings = input.mode === 'live' ? await liveActionFindings(services, release, 'A live run') : [];
    return services.runs.start(release, context.actor, input, findings, (reason) =>
      services.approvals.hold(release, context, {
        action: 'run.start',
        input: { slug, ...input },
        summary: `a live run of ${input.playbookFile} outside the schedule policy`,
        reason,
        carryOut: (approved) => playbookHandlers['run.start']({ slug, ...input }, services, approved),
      }),
    );
  },
  'run.active': async (input, services) => {
    await services.release(input.slug);
    return services.runs.activeRuns(input.slug);
  },
  'run.decide': async ({ slug, ...input }, services, context) => {
    services.runs.decide(slug, context.actor, input);
    return ok;
  },
  'run.confirm': async ({ slug, ...input }, services, context) => {
    services.runs.confirm(slug, context.actor, input);
    return ok;
  },
  'run.approve': async ({ slug, ...input }, services, context) => {
    services.runs.approve(slug, context.actor, input);
    return ok;
  },
  'run.answer': async ({ slug, ...input }, services, context) => {
    services.runs.answerPrompt(slug, context.actor, input);
    return ok;
  },
  'run.abort': async (input, services, context) => {
    await services.runs.abort(await services.release(input.slug), context.actor, input.runId, input.reason);
    return ok;
  },
  'run.resolve-interruption': async ({ slug, ...input }, services, context) => {
    await services.runs.resolveInterruption(await services.release(slug), context.actor, input);
    return ok;
  },
  'run.estimate': async (input, services) => services.runs.estimate(await services.release(input.slug), input.runId),
  'run.log': async (input, services) => services.runs.log(await services.release(input.slug), input.runId, input.maxBytes),
};
