import type { ReleaseView } from '../../../contract/requests/release-requests';
import type { Release } from '../../core/release/release';
import { RELEASE_EVENTS, createReleaseEvents, updateReleaseEvents, type ReleaseMetaEvent } from '../../../contract/domain/release/release-meta';
import { WarRoomError } from '../../../contract/domain/errors';
import { verifyJournalFile } from '../../core/journal/journal';
import { readBuiltinTemplate } from '../../core/checklist/builtin-templates';
import { applyTemplate } from '../../core/checklist/checklist-commands';
import type { HandlerGroup } from '../handler-types';

export function releaseView(release: Release): ReleaseView {
  return { slug: release.slug, dir: release.dir, state: release.state, head: release.head, warnings: release.warnings };
}

type ReleaseRequestNames =
  'release.list' | 'release.get' | 'release.create' | 'release.update' | 'journal.list' | 'journal.page' | 'journal.verify' | 'note.add';

export const releaseHandlers: HandlerGroup<ReleaseRequestNames> = {
  // A participant sees only the release of their invite.
  'release.list': async (_input, services, context) => {
    const listings = await services.workspace.list();
    const only = context.participant?.release;
    return only === undefined ? listings : listings.filter((listing) => listing.slug === only);
  },
  'release.get': async (input, services) => releaseView(await services.release(input.slug)),
  'release.create': async (input, services, context) => {
    // The template is read and checked first: a bad one refuses the request before a release exists.
    const template = input.template === undefined ? null : await readBuiltinTemplate(services.assetsDir, input.template);
    const release = await services.workspace.create(input.definition.name, context.actor, createReleaseEvents(input.definition, input.targets));
    if (template) {
      await release.execute(context.actor, (state, ctx) =>
        applyTemplate(state.checklist, { file: template.file, source: template.source, mode: 'append' }, ctx),
      );
    }
    services.events.publish({ type: 'releases.changed', payload: {} });
    const listing = (await services.workspace.list()).find((candidate) => candidate.slug === release.slug);
    if (!listing) throw new Error(`release ${release.slug} was created but is not listed`);
    return listing;
  },
  'release.update': async (input, services, context) => {
    const release = await services.release(input.slug);
    // Four-eyes cannot be lowered by one person: fewer approvers waits for the current number of others.
    const current = release.state.meta?.approvers ?? 0;
    if (input.changes.approvers !== undefined && input.changes.approvers < current) {
      await services.approvals.hold(release, context, {
        action: 'release.update',
        input,
        summary: `four-eyes lowered from ${current} to ${input.changes.approvers} approver(s)`,
        reason: `change of the release's four-eyes setting`,
        carryOut: (approved) => releaseHandlers['release.update'](input, services, approved),
      });
    }
    await release.execute(context.actor, (state) => updateReleaseEvents(state.meta, input.changes));
    services.events.publish({ type: 'releases.changed', payload: {} });
    return releaseView(release);
  },
  'journal.list': async (input, services) => (await services.release(input.slug)).events(input.afterSeq, input.limit),
  'journal.page': async (input, services) => (await services.release(input.slug)).timelinePage(input),
  'journal.verify': async (input, services) => {
    const release = await services.release(input.slug);
    return { ...(await verifyJournalFile(release.paths.journal)), file: release.paths.journal };
  },
  'note.add': async (input, services, context) => {
    const release = await services.release(input.slug);
    const [event] = await release.execute(context.actor, (): ReleaseMetaEvent[] => [
      { type: RELEASE_EVENTS.noteAdded, data: { kind: input.kind, text: input.text } },
    ]);
    if (event === undefined) throw new WarRoomError('internal', 'The note was not journaled.');
    return event;
  },
};
