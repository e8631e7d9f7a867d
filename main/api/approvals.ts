/**
 * Four-eyes on policy overrides: a release that asks for N approvers holds every override
 * (a schedule finding, a live run or a production terminal outside the policy) until N
 * people, never the one who asked, have approved it; then it is carried out as the
 * requester's, once.
 *
 * Why in memory and journaled: like a playbook's pending question, a held override lives
 * in the host that was asked; every step (requested, approved, refused, carried out) is
 * journaled with the authenticated participant, so the record survives, the request does
 * not (after a restart it is asked again).
 */
import { randomBytes } from 'node:crypto';
import type { ApprovalActionKind, PendingApproval } from '../../contract/requests/approval-requests';
import { parseActor } from '../../contract/participants';
import { checkApprover, isApproved } from '../core/approvals/four-eyes';
import type { Release } from '../core/release/release';
import { WarRoomError } from '../../contract/domain/errors';
import type { CallContext } from './call-context';

interface Held {
  view: PendingApproval;
  /** Does the action, as the requester, past the hold. */
  readonly carryOut: (context: CallContext) => Promise<unknown>;
  /** Set once the last approval arrived: nobody else decides it. */
  closing: boolean;
}

export interface HoldRequest {
  readonly action: ApprovalActionKind;
  readonly summary: string;
  readonly reason: string;
  readonly carryOut: (context: CallContext) => Promise<unknown>;
}

/** How many decided approvals a release keeps listed (the journal keeps them all). */
const KEEP_DECIDED = 20;

export class Approvals {
  private readonly held = new Map<string, Held>();

  list(slug: string): PendingApproval[] {
    return [...this.held.values()].filter((item) => item.view.slug === slug).map((item) => item.view);
  }

  /**
   * Hold an override when the release asks for approvers and this call is not the
   * approved one carried out; throws `refused` naming the request people must approve.
   */
  async hold(release: Release, context: CallContext, request: HoldRequest): Promise<void> {
    const required = release.state.meta?.approvers;
    if (!required || context.fourEyes !== undefined) return;
    const id = randomBytes(4).toString('hex');
    const view: PendingApproval = {
      id,
      slug: release.slug,
      action: request.action,
      summary: request.summary,
      reason: request.reason,
      requester: context.actor,
      requestedAt: new Date().toISOString(),
      required,
      approvals: [],
      status: 'pending',
      outcome: null,
    };
    await release.execute(context.actor, () => [
      { type: 'approval.requested', data: { id, action: request.action, summary: request.summary, reason: request.reason, required } },
    ]);
    this.held.set(id, { view, carryOut: request.carryOut, closing: false });
    this.prune(release.slug);
    throw new WarRoomError(
      'refused',
      `Held for four-eyes: ${request.summary} needs ${required} approver${required === 1 ? '' : 's'} other than ${parseActor(context.actor).name}; request ${id} waits in Approvals.`,
      [{ field: 'approval' }],
    );
  }

  /** Approve or refuse a held override; the last approval carries it out. */
  async decide(release: Release, context: CallContext, input: { id: string; approved: boolean; note: string }): Promise<PendingApproval> {
    const item = this.held.get(input.id);
    if (!item || item.view.slug !== release.slug) {
      throw new WarRoomError('not-found', `No override ${input.id} waits for approval in ${release.slug}.`, [{ field: 'id' }]);
    }
    if (item.view.status !== 'pending' || item.closing) {
      throw new WarRoomError('conflict', `Override ${input.id} was already ${item.closing ? 'approved' : item.view.status}.`, [{ field: 'id' }]);
    }
    const what = `override ${input.id} (${item.view.summary})`;
    const tally = { requester: item.view.requester, required: item.view.required, approvedBy: item.view.approvals.map((approval) => approval.by) };
    // A refusal by the requester withdraws it; an approval by the requester never counts.
    if (input.approved) checkApprover(tally, context.actor, what);
    const now = new Date().toISOString();
    if (!input.approved) {
      item.closing = true;
      await release.execute(context.actor, () => [{ type: 'approval.refused', data: { id: input.id, note: input.note } }]);
      item.view = { ...item.view, status: 'refused', outcome: `refused by ${context.actor}: ${input.note}` };
      return item.view;
    }
    const approvals = [...item.view.approvals, { by: context.actor, at: now, note: input.note }];
    const approvedBy = approvals.map((approval) => approval.by);
    const complete = isApproved({ ...tally, approvedBy });
    // Claimed before the first await: two approvers at the same instant are counted in order, never twice.
    item.view = { ...item.view, approvals };
    if (complete) item.closing = true;
    try {
      await release.execute(context.actor, () => [
        { type: 'approval.approved', data: { id: input.id, note: input.note, count: approvals.length, required: item.view.required } },
      ]);
    } catch (error) {
      item.view = { ...item.view, approvals: item.view.approvals.filter((approval) => approval.by !== context.actor) };
      item.closing = false;
      throw error;
    }
    if (!complete) return item.view;
    try {
      await item.carryOut({ actor: item.view.requester, transport: context.transport, fourEyes: { id: input.id, approvedBy } });
      await release.execute(context.actor, () => [{ type: 'approval.carried-out', data: { id: input.id, approvedBy } }]);
      item.view = { ...item.view, status: 'carried-out' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await release.execute(context.actor, () => [{ type: 'approval.failed', data: { id: input.id, error: message } }]).catch(() => undefined);
      item.view = { ...item.view, status: 'failed', outcome: message };
    }
    return item.view;
  }

  private prune(slug: string): void {
    const decided = [...this.held.values()].filter((item) => item.view.slug === slug && item.view.status !== 'pending');
    for (const item of decided.slice(0, Math.max(0, decided.length - KEEP_DECIDED))) this.held.delete(item.view.id);
  }
}
