import type { approvalRequests } from '../../../contract/requests/approval-requests';
import { requestDefinitions } from '../../../contract/requests';
import { WarRoomError } from '../../../contract/domain/errors';
import type { HandlerGroup } from '../handler-types';
import type { CarryOutFor } from '../approvals';
import type { Services } from '../services';
import { scheduleHandlers } from './schedule-handlers';
import { releaseHandlers } from './release-handlers';
import { playbookHandlers } from './playbook-handlers';
import { terminalHandlers } from './terminal-handlers';

/**
 * What a request held before a restart does once approved: its handler, as the requester,
 * on its kept input validated again by the request's schema (the file is on disk: untrusted).
 */
function carryOutFor(services: Services): CarryOutFor {
  return (held) => {
    const parsed = requestDefinitions[held.action].input.safeParse(held.input);
    if (!parsed.success)
      throw new WarRoomError(
        'corrupt',
        `${held.action}: '${parsed.error.issues[0]?.path.join('.') ?? ''}' ${parsed.error.issues[0]?.message ?? 'is not valid'}`,
      );
    const input = parsed.data as never;
    switch (held.action) {
      case 'schedule.override':
        return (context) => scheduleHandlers['schedule.override'](input, services, context);
      case 'release.update':
        return (context) => releaseHandlers['release.update'](input, services, context);
      case 'run.start':
        return (context) => playbookHandlers['run.start'](input, services, context);
      case 'terminal.open':
        return (context) => terminalHandlers['terminal.open'](input, services, context);
    }
  };
}

/** Four-eyes approvals of held policy overrides (approvals.ts); those held before a restart are read back first. */
export const approvalHandlers: HandlerGroup<keyof typeof approvalRequests> = {
  'approval.list': async (input, services) => {
    const release = await services.release(input.slug);
    await services.approvals.restore(release, carryOutFor(services));
    return services.approvals.list(input.slug);
  },
  'approval.decide': async ({ slug, ...input }, services, context) => {
    const release = await services.release(slug);
    await services.approvals.restore(release, carryOutFor(services));
    return services.approvals.decide(release, context, input);
  },
};
