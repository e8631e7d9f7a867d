import type { approvalRequests } from '../../../contract/requests/approval-requests';
import type { HandlerGroup } from '../handler-types';

/** Four-eyes approvals of held policy overrides (approvals.ts). */
export const approvalHandlers: HandlerGroup<keyof typeof approvalRequests> = {
  'approval.list': async (input, services) => {
    await services.release(input.slug);
    return services.approvals.list(input.slug);
  },
  'approval.decide': async ({ slug, ...input }, services, context) => services.approvals.decide(await services.release(slug), context, input),
};
