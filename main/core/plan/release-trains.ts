/**
 * Dependencies between releases ("Payments 7.3 starts after Identity 2.1 is verified"):
 * what verified means, setting them with cycles refused by name, and what they hold at
 * the go/no-go gate.
 */
import type { ChecklistState } from '../../../contract/domain/checklist/checklist-model';
import type { PollState } from '../../../contract/domain/go-no-go/poll-model';
import type { CommandContext, DomainEvent } from '../../../contract/domain/release/domain-event';
import type { PlanState } from '../../../contract/domain/plan/plan-model';
import type { ReleaseVerification } from '../../../contract/domain/plan/trains-views';
import { WarRoomError } from '../../../contract/domain/errors';
import { PLAN_EVENTS } from './plan-events';
import type { PlanEventData } from './plan-events';
import { findCycle, toGraph } from './plan-graph';

/** A release as the train rules see it. */
export interface TrainMember {
  readonly slug: string;
  readonly name: string;
  readonly afterReleases: readonly string[];
}

/**
 * A release is verified when its go/no-go decided GO and every checklist item is done or
 * not applicable: the verification steps of its checklist included. Why both: a GO alone
 * says it may start, not that it worked; a finished checklist without a GO is a rehearsal.
 */
export function releaseVerification(state: { readonly poll: PollState; readonly checklist: ChecklistState }): ReleaseVerification {
  const items = Object.values(state.checklist.items);
  const open = items.filter((item) => item.status !== 'done' && item.status !== 'not-applicable');
  const outcome = state.poll.decision?.outcome ?? null;
  const decided = outcome === 'GO' ? 'GO decided' : outcome === null ? 'no GO decided yet' : `the go/no-go decided ${outcome}`;
  const checklist =
    items.length === 0
      ? 'no checklist items'
      : open.length === 0
        ? `all ${items.length} checklist items done`
        : `${open.length} of ${items.length} checklist items open`;
  return { verified: outcome === 'GO' && open.length === 0, why: `${decided}; ${checklist}` };
}

/** The releases a release starts after (none before trains existed). */
export function afterReleasesOf(plan: PlanState): readonly string[] {
  return plan.afterReleases ?? [];
}

/**
 * Set the releases `self` starts after (replacing the list). Unknown releases, itself and
 * a cycle through the workspace ("Payments 7.3 -> Identity 2.1 -> Payments 7.3") are refused.
 */
export function setReleaseDependencies(
  state: { readonly plan: PlanState },
  input: { readonly self: TrainMember; readonly afterReleases: readonly string[]; readonly others: readonly TrainMember[] },
  _context: CommandContext,
): DomainEvent[] {
  const { self } = input;
  const known = new Map(input.others.filter((other) => other.slug !== self.slug).map((other) => [other.slug, other]));
  const afterReleases = [...new Set(input.afterReleases)];
  afterReleases.forEach((slug, index) => {
    if (slug === self.slug) throw new WarRoomError('refused', `${self.name} cannot start after itself`, [{ field: `afterReleases.${index}` }]);
    if (!known.has(slug))
      throw new WarRoomError('not-found', `afterReleases.${index}: no release '${slug}' in this workspace`, [{ field: `afterReleases.${index}` }]);
  });
  const before = [...afterReleasesOf(state.plan)];
  if (before.length === afterReleases.length && before.every((slug, index) => slug === afterReleases[index])) return [];
  const members = [...known.values(), { ...self, afterReleases }];
  const names = new Map(members.map((member) => [member.slug, member.name]));
  // Edges run from what is waited for to what waits, as in the plan's own graph.
  const graph = toGraph(
    members.map((member) => ({ id: member.slug })),
    members.flatMap((member) => member.afterReleases.filter((slug) => names.has(slug)).map((slug) => [slug, member.slug] as const)),
  );
  const cycle = findCycle(graph);
  if (cycle) {
    const path = cycle.map((slug) => names.get(slug) ?? slug).join(' -> ');
    throw new WarRoomError('refused', `Cannot make ${self.name} start after that: it would make a cycle, ${path} (each starts after the next)`, [
      { field: 'afterReleases' },
    ]);
  }
  const data: PlanEventData<typeof PLAN_EVENTS.releaseDependenciesSet> = {
    afterReleases,
    before,
    names: Object.fromEntries([...afterReleases, ...before].map((slug) => [slug, names.get(slug) ?? slug])),
  };
  return [{ type: PLAN_EVENTS.releaseDependenciesSet, data }];
}

/** The message of a GO held by a release not yet verified. */
export function releaseDependencyMessage(self: string, other: string, verification: ReleaseVerification): string {
  return `${self} starts after ${other} is verified: ${verification.why}`;
}
