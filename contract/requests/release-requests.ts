import { z } from 'zod';
import { request } from '../define';
import { SLUG_PATTERN } from '../domain/workspace/slug';
import { noteInputSchema, releaseDefinitionSchema, targetSchema } from '../domain/release/release-meta';
import type { ReleaseState } from '../domain/release/release-state-model';
import type { JournalEvent, JournalVerification } from '../domain/journal/journal-event';
import type { ReleaseListing } from '../domain/workspace/release-listing';
import { EVENT_KINDS } from '../event-kinds';
import type { TimelinePage } from '../timeline-query';

export const slugSchema = z.string().regex(SLUG_PATTERN, 'must be the folder name of a release (lower-case letters, digits, dashes)');

export interface ReleaseView {
  readonly slug: string;
  readonly dir: string;
  readonly state: ReleaseState;
  readonly head: { readonly seq: number; readonly hash: string };
  /** Files repaired or moved aside when the release opened. */
  readonly warnings: readonly { readonly message: string; readonly file: string }[];
}

/** Releases, their journal and the timeline notes. */
export const releaseRequests = {
  'release.list': request<readonly ReleaseListing[]>()(z.object({}).strict()),
  'release.get': request<ReleaseView>()(z.object({ slug: slugSchema }).strict()),
  'release.create': request<ReleaseListing>()(
    z
      .object({
        definition: releaseDefinitionSchema,
        targets: z.array(targetSchema).max(50).default([]),
        /** A built-in checklist template to start from (its id, e.g. go-live); none: an empty checklist. */
        template: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,60}$/, 'must be the id of a built-in template, like go-live')
          .optional(),
      })
      .strict(),
  ),
  'release.update': request<ReleaseView>()(z.object({ slug: slugSchema, changes: releaseDefinitionSchema.partial().strict() }).strict()),
  'journal.list': request<readonly JournalEvent[]>()(
    z.object({ slug: slugSchema, afterSeq: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(10_000).default(2000) }).strict(),
  ),
  /** The timeline, a page at a time, newest first, filtered in main: the page never holds the whole journal. */
  'journal.page': request<TimelinePage<JournalEvent>>()(
    z
      .object({
        slug: slugSchema,
        beforeSeq: z.number().int().min(1).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        filter: z
          .object({
            kinds: z.array(z.enum(EVENT_KINDS)).max(EVENT_KINDS.length).readonly().optional(),
            actor: z.string().max(200).optional(),
            fromMs: z.number().finite().optional(),
            toMs: z.number().finite().optional(),
            text: z.string().max(200).optional(),
          })
          .strict()
          .default({}),
      })
      .strict(),
  ),
  'journal.verify': request<JournalVerification & { readonly file: string }>()(z.object({ slug: slugSchema }).strict()),
  'note.add': request<JournalEvent>()(z.object({ slug: slugSchema }).extend(noteInputSchema.shape).strict()),
};
