/**
 * Four-eyes approval events: a held policy override asked for, approved, refused, carried
 * out or failed. Main rebuilds the held requests from them when a release opens again; the
 * timeline shows them as decisions.
 */
import { z } from 'zod';
import { eventParser, type AppliedUnion, type EventUnion } from '../journal/typed-events';
import { APPROVAL_EVENTS } from './approval-event-types';

/** What a held override would do once approved. */
export const APPROVAL_ACTIONS = ['schedule.override', 'run.start', 'terminal.open', 'release.update'] as const;
export type ApprovalActionKind = (typeof APPROVAL_ACTIONS)[number];

export { APPROVAL_EVENTS };

/** The data of each approval event, as journaled (shapes, not input limits). */
export const approvalEventDataSchemas = {
  [APPROVAL_EVENTS.requested]: z.object({
    id: z.string(),
    action: z.enum(APPROVAL_ACTIONS),
    summary: z.string(),
    reason: z.string(),
    required: z.number().int(),
  }),
  [APPROVAL_EVENTS.approved]: z.object({ id: z.string(), note: z.string(), count: z.number().int(), required: z.number().int() }),
  [APPROVAL_EVENTS.refused]: z.object({ id: z.string(), note: z.string() }),
  [APPROVAL_EVENTS.carriedOut]: z.object({ id: z.string(), approvedBy: z.array(z.string()) }),
  [APPROVAL_EVENTS.failed]: z.object({ id: z.string(), error: z.string() }),
} as const;

/** An approval event as main produces it: narrow on `type` to get its data. */
export type ApprovalEvent = EventUnion<typeof approvalEventDataSchemas>;
export type AppliedApprovalEvent = AppliedUnion<ApprovalEvent>;

/** The typed approval event of a journal event: null for another area's or an unknown type; throws (corrupt) when the data does not fit. */
export const parseApprovalEvent = eventParser(approvalEventDataSchemas);
