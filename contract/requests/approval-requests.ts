import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';

import type { ApprovalActionKind } from '../domain/release/approval-events';
export type { ApprovalActionKind };

/**
 * A policy override waiting for four-eyes approval: the release asks for `required`
 * people, never the one who asked, before it happens.
 */
export interface PendingApproval {
  readonly id: string;
  readonly slug: string;
  readonly action: ApprovalActionKind;
  /** One line: what happens once approved. */
  readonly summary: string;
  /** The requester's written reason for the override. */
  readonly reason: string;
  /** The journal actor who asked. */
  readonly requester: string;
  readonly requestedAt: string;
  readonly required: number;
  /** Actors whose approval counted, with their note. */
  readonly approvals: readonly { readonly by: string; readonly at: string; readonly note: string }[];
  readonly status: 'pending' | 'carried-out' | 'refused' | 'failed';
  /** Why it was refused or failed. */
  readonly outcome: string | null;
}

const note = z.string().trim().max(2000).default('');

/** Four-eyes approvals of policy overrides (playbook approval steps are answered with run.approve). */
export const approvalRequests = {
  /** Overrides of the release waiting for approvers (and those decided in this session). */
  'approval.list': request<readonly PendingApproval[]>()(z.object({ slug: slugSchema }).strict()),
  /**
   * Approve or refuse one: the requester never counts, the same person counts once; a
   * refusal needs a reason and ends the request. The last approval carries the action out.
   */
  'approval.decide': request<PendingApproval>()(
    z
      .object({ slug: slugSchema, id: z.string().regex(/^[a-f0-9]{8}$/, 'must be an approval id'), approved: z.boolean(), note })
      .strict()
      .refine((input) => input.approved || input.note.length >= 3, { message: 'a refusal needs a reason', path: ['note'] }),
  ),
};
