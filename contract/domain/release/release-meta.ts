import { z } from 'zod';
import { isValidZone } from '../schedule/local-time';
import { WarRoomError } from '../errors';
import type { AppliedEvent } from './domain-event';
import { eventParser, type AppliedUnion, type EventUnion } from '../journal/typed-events';
import { RELEASE_EVENTS } from './release-event-types';

/** How a release is executed: for real, or a rehearsal against rehearsal targets. */
export const releaseModes = ['live', 'rehearsal'] as const;
export type ReleaseMode = (typeof releaseModes)[number];

export const environmentClasses = ['production', 'staging', 'sandbox'] as const;
export type EnvironmentClass = (typeof environmentClasses)[number];

const zoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => isValidZone(zone), { message: 'must be an IANA time zone such as Europe/Berlin' });

/** Who a release is for and when it goes live. Free text is shown escaped, never as markup. */
export const releaseDefinitionSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  version: z.string().trim().max(100).default(''),
  mode: z.enum(releaseModes),
  description: z.string().max(20_000).default(''),
  /** The planned go-live moment (T-0), ISO 8601 with offset or Z. */
  goLive: z.iso.datetime({ offset: true }),
  /** The zone the release is planned in (its window is expressed in it). */
  zone: zoneSchema,
  /**
   * Four-eyes: how many people, never the one who asked, approve a policy override
   * (schedule, live run, production terminal) and a playbook approval step that does not
   * say `approvers`. Absent or 0: overrides need only their written reason.
   */
  approvers: z.int().min(0).max(9).optional(),
});
export type ReleaseDefinition = z.output<typeof releaseDefinitionSchema>;

export const targetSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(120),
  environment: z.enum(environmentClasses),
  /** Program that opens the target: a shell, ssh, kubectl... */
  command: z.string().min(1).max(500),
  args: z.array(z.string().max(2000)).max(50).default([]),
  cwd: z.string().max(1000).optional(),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(10_000)).default({}),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  /** Ask before the first keystroke (defaults to true for production). */
  confirmFirstKeystroke: z.boolean().optional(),
});
export type Target = z.output<typeof targetSchema>;

export interface ReleaseMetaState extends ReleaseDefinition {
  readonly createdAt: string;
  readonly createdBy: string;
  readonly targets: readonly Target[];
}

export interface Note {
  readonly seq: number;
  readonly ts: string;
  readonly actor: string;
  readonly kind: 'note' | 'decision';
  readonly text: string;
}

export const noteInputSchema = z.object({
  kind: z.enum(['note', 'decision']).default('note'),
  text: z.string().trim().min(1, 'must not be empty').max(20_000),
});

/*
 * The release's own events as journaled: shapes, not the input rules (lengths, trimming,
 * the target id pattern): those were checked when the command ran, and a journal written
 * under other limits still reads. Fields added later (approvers, confirmFirstKeystroke) are
 * optional; version, description, args, env and a note's kind have defaults, as journals
 * written before them (or by the first tests, notes without a kind) still open.
 */
const journaledZone = z.string().refine((zone) => isValidZone(zone), { message: 'must be an IANA time zone such as Europe/Berlin' });
const definitionFields = {
  name: z.string(),
  version: z.string(),
  mode: z.enum(releaseModes),
  description: z.string(),
  goLive: z.iso.datetime({ offset: true }),
  zone: journaledZone,
  approvers: z.number().int().optional(),
};
const journaledTargetSchema = z.object({
  id: z.string(),
  name: z.string(),
  environment: z.enum(environmentClasses),
  command: z.string(),
  args: z.array(z.string()).default([]),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).default({}),
  color: z.string().optional(),
  confirmFirstKeystroke: z.boolean().optional(),
}) satisfies z.ZodType<Target>;
const definitionChangeSchema = z.object(definitionFields).partial() satisfies z.ZodType<Partial<ReleaseDefinition>>;

/** The event types of the release itself (its definition, targets, notes, journal repairs). */
export { RELEASE_EVENTS };

/** The data of each release event, as journaled: the one description of its shape. */
export const releaseEventDataSchemas = {
  [RELEASE_EVENTS.created]: z.object({
    ...definitionFields,
    version: z.string().default(''),
    description: z.string().default(''),
    targets: z.array(journaledTargetSchema).default([]),
  }),
  /** The changed fields, with their values before (a field that was absent is absent in before). */
  [RELEASE_EVENTS.updated]: z.object({ before: definitionChangeSchema, after: definitionChangeSchema }),
  [RELEASE_EVENTS.targetSaved]: journaledTargetSchema,
  [RELEASE_EVENTS.noteAdded]: z.object({ kind: z.enum(['note', 'decision']).default('note'), text: z.string() }),
  /** Written by `warroom repair`: what broke, what was moved aside, and the release.json anchor before. */
  [RELEASE_EVENTS.journalRepaired]: z.object({
    text: z.string(),
    breakSeq: z.number().int().optional(),
    reason: z.string().optional(),
    movedBytes: z.number().int().optional(),
    cutFile: z.string().nullable().optional(),
    keptEvents: z.number().int().optional(),
    anchorBefore: z.object({ seq: z.number().int(), hash: z.string() }).nullable().optional(),
  }),
} as const;

/** A release event as a command produces it: narrow on `type` to get its data. */
export type ReleaseMetaEvent = EventUnion<typeof releaseEventDataSchemas>;
export type AppliedReleaseMetaEvent = AppliedUnion<ReleaseMetaEvent>;

/** The typed release event of a journal event: null for another area's or an unknown type; throws (corrupt) when the data does not fit. */
export const parseReleaseMetaEvent = eventParser(releaseEventDataSchemas);

/** The first event of every release: its definition and targets. */
export function createReleaseEvents(definition: ReleaseDefinition, targets: readonly Target[]): ReleaseMetaEvent[] {
  return [{ type: RELEASE_EVENTS.created, data: { ...definition, targets: [...targets] } }];
}

/** The fields of a definition, for walking a change without casts. */
const DEFINITION_KEYS = ['name', 'version', 'mode', 'description', 'goLive', 'zone', 'approvers'] as const satisfies readonly (keyof ReleaseDefinition &
  keyof typeof definitionFields)[];

export function updateReleaseEvents(current: ReleaseMetaState | null, changes: Partial<ReleaseDefinition>): ReleaseMetaEvent[] {
  if (!current) throw new WarRoomError('conflict', 'The release has not been created yet.');
  const keys = DEFINITION_KEYS.filter((key) => changes[key] !== undefined && current[key] !== changes[key]);
  if (keys.length === 0) return [];
  const pick = (from: Partial<ReleaseDefinition>): Partial<ReleaseDefinition> => Object.fromEntries(keys.map((key) => [key, from[key]]));
  return [{ type: RELEASE_EVENTS.updated, data: { before: pick(current), after: pick(changes) } }];
}

/**
 * Apply one journal event to the release's definition and targets. Each event is read
 * through its schema: data that does not fit is refused as corrupt with its seq and field.
 */
export function reduceReleaseMeta(state: ReleaseMetaState | null, journalEvent: AppliedEvent): ReleaseMetaState | null {
  const event = parseReleaseMetaEvent(journalEvent);
  if (event === null) return state;
  switch (event.type) {
    case RELEASE_EVENTS.created:
      return { ...event.data, createdAt: event.ts, createdBy: event.actor };
    case RELEASE_EVENTS.updated:
      return state ? { ...state, ...event.data.after } : state;
    case RELEASE_EVENTS.targetSaved: {
      if (!state) return state;
      const target = event.data;
      const others = state.targets.filter((existing) => existing.id !== target.id);
      const index = state.targets.findIndex((existing) => existing.id === target.id);
      const targets = index === -1 ? [...others, target] : [...others.slice(0, index), target, ...others.slice(index)];
      return { ...state, targets };
    }
    default:
      return state;
  }
}

export function reduceNotes(state: readonly Note[], journalEvent: AppliedEvent): readonly Note[] {
  if (journalEvent.type !== RELEASE_EVENTS.noteAdded) return state;
  const event = parseReleaseMetaEvent(journalEvent);
  if (event?.type !== RELEASE_EVENTS.noteAdded) return state;
  return [...state, { seq: event.seq, ts: event.ts, actor: event.actor, kind: event.data.kind, text: event.data.text }];
}
