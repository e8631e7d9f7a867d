import { z } from 'zod';
import { isValidZone } from '../schedule/local-time';
import { WarRoomError } from '../errors';
import type { AppliedEvent, DomainEvent } from './domain-event';

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

/** The first event of every release: its definition and targets. */
export function createReleaseEvents(definition: ReleaseDefinition, targets: readonly Target[]): DomainEvent[] {
  return [{ type: 'release.created', data: { ...definition, targets } }];
}

export function updateReleaseEvents(current: ReleaseMetaState | null, changes: Partial<ReleaseDefinition>): DomainEvent[] {
  if (!current) throw new WarRoomError('conflict', 'The release has not been created yet.');
  const changed = Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => value !== undefined && current[key as keyof ReleaseDefinition] !== value),
  );
  if (Object.keys(changed).length === 0) return [];
  const before = Object.fromEntries(Object.keys(changed).map((key) => [key, current[key as keyof ReleaseDefinition]]));
  return [{ type: 'release.updated', data: { before, after: changed } }];
}

export function reduceReleaseMeta(state: ReleaseMetaState | null, event: AppliedEvent): ReleaseMetaState | null {
  switch (event.type) {
    case 'release.created': {
      const data = event.data as ReleaseDefinition & { targets: Target[] };
      return { ...data, createdAt: event.ts, createdBy: event.actor };
    }
    case 'release.updated':
      return state ? { ...state, ...(event.data as { after: Partial<ReleaseDefinition> }).after } : state;
    case 'target.saved': {
      if (!state) return state;
      const target = event.data as Target;
      const others = state.targets.filter((existing) => existing.id !== target.id);
      const index = state.targets.findIndex((existing) => existing.id === target.id);
      const targets = index === -1 ? [...others, target] : [...others.slice(0, index), target, ...others.slice(index)];
      return { ...state, targets };
    }
    default:
      return state;
  }
}

export function reduceNotes(state: readonly Note[], event: AppliedEvent): readonly Note[] {
  if (event.type !== 'note.added') return state;
  const data = event.data as { kind: Note['kind']; text: string };
  return [...state, { seq: event.seq, ts: event.ts, actor: event.actor, kind: data.kind, text: data.text }];
}
