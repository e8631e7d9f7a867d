/**
 * Four-eyes on policy overrides: a release that asks for N approvers holds every override
 * (a schedule finding, a live run or a production terminal outside the policy) until N
 * people, never the one who asked, have approved it; then it is carried out as the
 * requester's, once.
 *
 * Every step (requested, approved, refused, carried out) is journaled with the
 * authenticated participant; the request to carry out is kept beside the release
 * (core/approvals/held-requests.ts, never journaled: a run's variables may be secrets).
 * After a restart the pending set is rebuilt from the journal and that file (`restore`),
 * so a request held before a crash is shown again and completed by the approvals still missing.
 */
import { randomBytes } from 'node:crypto';
import type { ApprovalActionKind, PendingApproval } from '../../contract/requests/approval-requests';
import { APPROVAL_EVENTS, parseApprovalEvent, type ApprovalEvent } from '../../contract/domain/release/approval-events';
import { parseActor } from '../../contract/participants';
import { checkApprover, isApproved } from '../core/approvals/four-eyes';
import type { Release } from '../core/release/release';
import { WarRoomError } from '../../contract/domain/errors';
import type { CallContext } from './call-context';
import { HeldRequests, type HeldRequest } from '../core/approvals/held-requests';

interface Held {
  view: PendingApproval;
  /** Does the action, as the requester, past the hold. */
  readonly carryOut: (context: CallContext) => Promise<unknown>;
  /** Set once the last approval arrived: nobody else decides it. */
  closing: boolean;
}

export interface HoldRequest {
  readonly action: ApprovalActionKind;
  /** The request's validated input, kept (not journaled) to carry it out after a restart. */
  readonly input: Record<string, unknown>;
  readonly summary: string;
  readonly reason: string;
  readonly carryOut: (context: CallContext) => Promise<unknown>;
}

/** How many decided approvals a release keeps listed (the journal keeps them all). */
const KEEP_DECIDED = 20;

/** Rebuilds what a held request does from its kept input (approval-handlers.ts); throws when the input is no longer valid. */
export type CarryOutFor = (request: HeldRequest) => (context: CallContext) => Promise<unknown>;

export class Approvals {
  private readonly held = new Map<string, Held>();
  /** Each release's kept requests, opened once. */
  private readonly stores = new Map<Release, Promise<HeldRequests>>();
  /** Releases whose journal was read back into `held` (once per process). */
  private readonly restored = new Map<Release, Promise<void>>();

  /**
   * Rebuild the release's held requests from its journal and the kept requests, once per
   * release and process: every approval.requested without a later refusal, carrying out or
   * failure is pending again, with the approvals journaled since. A request whose last
   * approval was journaled but whose carrying out was not (the host stopped in between)
   * is not carried out a second time: it is shown failed, to be checked and asked again.
   */
  restore(release: Release, carryOutFor: CarryOutFor): Promise<void> {
    let restoring = this.restored.get(release);
    if (!restoring) {
      restoring = this.rebuild(release, carryOutFor);
      this.restored.set(release, restoring);
      restoring.catch(() => this.restored.delete(release));
    }
    return restoring;
  }

  private storeOf(release: Release): Promise<HeldRequests> {
    let store = this.stores.get(release);
    if (!store) {
      store = HeldRequests.open(release.dir);
      this.stores.set(release, store);
      store.catch(() => this.stores.delete(release));
    }
    return store;
  }

  private async rebuild(release: Release, carryOutFor: CarryOutFor): Promise<void> {
    const store = await this.storeOf(release);
    const found = new Map<string, PendingApproval>();
    for (const journalEvent of release.eventsOfKinds(['decision'])) {
      const event = parseApprovalEvent(journalEvent);
      if (event === null) continue;
      const { id } = event.data;
      if (event.type === APPROVAL_EVENTS.requested) {
        const { action, summary, reason, required } = event.data;
        found.set(id, {
          id,
          slug: release.slug,
          action,
          summary,
          reason,
          requester: event.actor,
          requestedAt: event.ts,
          required,
          approvals: [],
          status: 'pending',
          outcome: null,
        });
        continue;
      }
      const view = found.get(id);
      if (!view) continue;
      switch (event.type) {
        case APPROVAL_EVENTS.approved:
          found.set(id, { ...view, approvals: [...view.approvals, { by: event.actor, at: event.ts, note: event.data.note }] });
          break;
        case APPROVAL_EVENTS.refused:
          found.set(id, { ...view, status: 'refused', outcome: `refused by ${event.actor}: ${event.data.note}` });
          break;
        case APPROVAL_EVENTS.carriedOut:
          found.set(id, { ...view, status: 'carried-out' });
          break;
        case APPROVAL_EVENTS.failed:
          found.set(id, { ...view, status: 'failed', outcome: event.data.error });
          break;
      }
    }
    const pending = new Set<string>();
    for (const [id, view] of found) {
      if (this.held.has(id)) continue; // held by this process already
      let restored = view;
      let carryOut: Held['carryOut'] = () => Promise.reject(new WarRoomError('refused', `Override ${id} was decided before this start.`));
      if (view.status === 'pending') {
        const kept = store.get(id);
        const complete = isApproved({ requester: view.requester, required: view.required, approvedBy: view.approvals.map((approval) => approval.by) });
        if (complete) {
          restored = { ...view, status: 'failed', outcome: 'the host stopped while carrying it out: check the timeline, and ask again if it did not happen' };
        } else if (!kept) {
          restored = {
            ...view,
            status: 'failed',
            outcome: `its request was not kept in ${store.file} (asked before an upgrade, or the file was lost): ask again`,
          };
        } else {
          try {
            carryOut = carryOutFor(kept);
            pending.add(id);
          } catch (error) {
            restored = {
              ...view,
              status: 'failed',
              outcome: `its kept request in ${store.file} is not valid: ${error instanceof Error ? error.message : String(error)}`,
            };
          }
        }
      }
      this.held.set(id, { view: restored, carryOut, closing: false });
    }
    await store.keepOnly(new Set([...pending, ...[...this.held.values()].filter((item) => item.view.status === 'pending').map((item) => item.view.id)]));
    this.prune(release.slug);
  }

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
    // Kept before it is journaled: a crash between the two leaves an entry no event names (ignored), never a request that cannot be carried out.
    const store = await this.storeOf(release);
    await store.put({ id, action: request.action, input: request.input });
    await release.execute(context.actor, (): ApprovalEvent[] => [
      { type: APPROVAL_EVENTS.requested, data: { id, action: request.action, summary: request.summary, reason: request.reason, required } },
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
      await release.execute(context.actor, (): ApprovalEvent[] => [{ type: APPROVAL_EVENTS.refused, data: { id: input.id, note: input.note } }]);
      item.view = { ...item.view, status: 'refused', outcome: `refused by ${context.actor}: ${input.note}` };
      await this.forget(release, input.id);
      return item.view;
    }
    const approvals = [...item.view.approvals, { by: context.actor, at: now, note: input.note }];
    const approvedBy = approvals.map((approval) => approval.by);
    const complete = isApproved({ ...tally, approvedBy });
    // Claimed before the first await: two approvers at the same instant are counted in order, never twice.
    item.view = { ...item.view, approvals };
    if (complete) item.closing = true;
    try {
      await release.execute(context.actor, (): ApprovalEvent[] => [
        { type: APPROVAL_EVENTS.approved, data: { id: input.id, note: input.note, count: approvals.length, required: item.view.required } },
      ]);
    } catch (error) {
      item.view = { ...item.view, approvals: item.view.approvals.filter((approval) => approval.by !== context.actor) };
      item.closing = false;
      throw error;
    }
    if (!complete) return item.view;
    try {
      await item.carryOut({ actor: item.view.requester, transport: context.transport, fourEyes: { id: input.id, approvedBy } });
      await release.execute(context.actor, (): ApprovalEvent[] => [{ type: APPROVAL_EVENTS.carriedOut, data: { id: input.id, approvedBy } }]);
      item.view = { ...item.view, status: 'carried-out' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await release
        .execute(context.actor, (): ApprovalEvent[] => [{ type: APPROVAL_EVENTS.failed, data: { id: input.id, error: message } }])
        .catch(() => undefined);
      item.view = { ...item.view, status: 'failed', outcome: message };
    }
    await this.forget(release, input.id);
    return item.view;
  }

  /** A decided request's kept input goes (the journal keeps how it ended). */
  private async forget(release: Release, id: string): Promise<void> {
    const store = await this.storeOf(release).catch(() => null);
    await store?.remove(id).catch((error: unknown) => console.error(`warroom: could not remove the kept request of ${id}`, error));
  }

  private prune(slug: string): void {
    const decided = [...this.held.values()].filter((item) => item.view.slug === slug && item.view.status !== 'pending');
    for (const item of decided.slice(0, Math.max(0, decided.length - KEEP_DECIDED))) this.held.delete(item.view.id);
  }
}
