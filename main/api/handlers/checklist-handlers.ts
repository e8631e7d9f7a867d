import type { ChecklistChange, checklistRequests } from '../../../contract/requests/checklist-requests';
import type { JournalEvent } from '../../core/journal/journal-format';
import type { Release } from '../../core/release/release';
import type { CommandContext, DomainEvent } from '../../../contract/domain/release/domain-event';
import type { ReleaseState } from '../../../contract/domain/release/release-state-model';
import { WarRoomError } from '../../../contract/domain/errors';
import { addEvidence, addItem, addPhase, applyTemplate, changeItemStatus, editItem, moveItem } from '../../core/checklist/checklist-commands';
import { checklistToTemplate, formatChecklistTemplate } from '../../core/checklist/checklist-template';
import { createDueResolver } from '../../../contract/domain/checklist/due-offset';
import { listBuiltinTemplates } from '../../core/checklist/builtin-templates';
import { castVote, decidePoll, openPoll, resetPoll, setCriteria, setParticipants } from '../../core/go-no-go/poll-commands';
import { uniqueSlug } from '../../core/checklist/parse-input';
import type { HandlerGroup } from '../handler-types';
import type { CallContext, Services } from '../services';
import { evaluateReleaseGoGates, policyGateBlockers } from '../go-gates';
import { stateGates } from '../../core/go-no-go/release-gates';
import { readMetricGates } from '../metric-gates';

/** The command's own input: the request without the release slug (commands validate strictly). */
function withoutSlug<Input extends { slug: string }>(input: Input): Omit<Input, 'slug'> {
  const { slug: _slug, ...rest } = input;
  return rest;
}

/** Run one command against a release and answer with the journal head once it is on disk. */
async function change(
  services: Services,
  slug: string,
  context: CallContext,
  command: (state: ReleaseState, ctx: CommandContext) => readonly DomainEvent[],
): Promise<ChecklistChange> {
  const release = await services.release(slug);
  const journaled: JournalEvent[] = await release.execute(context.actor, command);
  const last = journaled[journaled.length - 1];
  return { seq: last?.seq ?? release.head.seq, events: journaled.length };
}

function requireTiming(release: Release): { t0: string; zone: string } {
  const meta = release.state.meta;
  if (meta === null) throw new WarRoomError('conflict', `Release ${release.slug} has no go-live time yet.`);
  return { t0: meta.goLive, zone: meta.zone };
}

/** Handlers of the checklist and go/no-go requests. */
export const checklistHandlers: HandlerGroup<keyof typeof checklistRequests> = {
  'checklist.phase.add': (input, services, context) =>
    change(services, input.slug, context, (state, ctx) => addPhase(state.checklist, withoutSlug(input), ctx)),
  'checklist.item.add': (input, services, context) => change(services, input.slug, context, (state, ctx) => addItem(state.checklist, withoutSlug(input), ctx)),
  'checklist.item.edit': (input, services, context) =>
    change(services, input.slug, context, (state, ctx) => editItem(state.checklist, withoutSlug(input), ctx)),
  'checklist.item.move': (input, services, context) =>
    change(services, input.slug, context, (state, ctx) => moveItem(state.checklist, withoutSlug(input), ctx)),
  'checklist.item.status': (input, services, context) =>
    change(services, input.slug, context, (state, ctx) => changeItemStatus(state.checklist, withoutSlug(input), ctx)),
  'checklist.item.evidence': (input, services, context) =>
    change(services, input.slug, context, (state, ctx) => addEvidence(state.checklist, withoutSlug(input), ctx)),
  'checklist.template.import': (input, services, context) =>
    change(services, input.slug, context, (state, ctx) => applyTemplate(state.checklist, withoutSlug(input), ctx)),
  'checklist.templates.builtin': async (_input, services) => listBuiltinTemplates(services.assetsDir),
  'checklist.template.export': async (input, services) => {
    const release = await services.release(input.slug);
    const name = input.name ?? release.state.meta?.name ?? release.slug;
    const yaml = formatChecklistTemplate(checklistToTemplate(release.state.checklist, name));
    return { fileName: `${uniqueSlug(name, new Set(), 'checklist')}.checklist.yaml`, yaml };
  },
  'checklist.due-times': async (input, services) => {
    const release = await services.release(input.slug);
    const timing = requireTiming(release);
    const resolve = createDueResolver(timing);
    const items: Record<string, string> = {};
    for (const item of Object.values(release.state.checklist.items)) {
      if (item.due !== null) items[item.id] = new Date(resolve(item.due)).toISOString();
    }
    return { t0: timing.t0, zone: timing.zone, items };
  },
  'poll.open': (input, services, context) => change(services, input.slug, context, (state, ctx) => openPoll(state.poll, withoutSlug(input), ctx)),
  'poll.criteria.set': (input, services, context) => change(services, input.slug, context, (state, ctx) => setCriteria(state.poll, withoutSlug(input), ctx)),
  'poll.participants.set': (input, services, context) =>
    change(services, input.slug, context, (state, ctx) => setParticipants(state.poll, withoutSlug(input), ctx)),
  'poll.vote': (input, services, context) => change(services, input.slug, context, (state, ctx) => castVote(state.poll, withoutSlug(input), ctx)),
  'poll.decide': async (input, services, context) => {
    const release = await services.release(input.slug);
    // Policy gates are read first (they need the workspace calendar); the checklist and
    // risk gates come from the state the command sees, so a change queued just before counts.
    // The metric criteria are measured now, at the vote, and frozen into the decision's snapshot with their values.
    const [policy, metricGates] = await Promise.all([policyGateBlockers(services, release), readMetricGates(release.state, release.state.poll.criteria)]);
    return change(services, input.slug, context, (state, ctx) => decidePoll(state.poll, withoutSlug(input), ctx, stateGates(state, policy, metricGates)));
  },
  'poll.reset': (input, services, context) => change(services, input.slug, context, (state, ctx) => resetPoll(state.poll, withoutSlug(input), ctx)),
  'poll.gates': async (input, services) => evaluateReleaseGoGates(services, await services.release(input.slug)),
};
