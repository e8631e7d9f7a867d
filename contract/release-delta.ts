import type { ReleaseState } from './domain/release/release-state-model';
import type { ReleaseView } from './requests/release-requests';

/**
 * The live release protocol: a snapshot (`release.get`) and then deltas.
 *
 * Main keeps the release's committed state; after each durable append it publishes the
 * slices of the state that changed (reducers return the same object for a slice an
 * event does not touch, so a reference check finds them) and, for the notes, only the
 * ones added. A client applies a delta when it starts where its view ends (`fromSeq`)
 * and asks for a new snapshot otherwise: after a gap, a reconnect, or a replaced state.
 * The page never re-reads the whole release per event.
 */
export interface ReleaseDelta {
  readonly slug: string;
  /** The state's seq the delta applies to. */
  readonly fromSeq: number;
  readonly head: { readonly seq: number; readonly hash: string };
  /** Slices that changed, whole (notes excepted). */
  readonly changed: Partial<Omit<ReleaseState, 'seq' | 'notes'>>;
  /** Notes added at the end (the usual case); `notes` instead when the list changed otherwise. */
  readonly notesAppended?: ReleaseState['notes'];
  readonly notes?: ReleaseState['notes'];
  /** The state was replaced without new events (the open's audit found the snapshot wrong): fetch again. */
  readonly replaced?: true;
}

const SLICES = [
  'meta',
  'checklist',
  'poll',
  'risks',
  'schedule',
  'runs',
  'incidents',
  'report',
  'hypercare',
  'comms',
  'plan',
  'bake',
] as const satisfies readonly (keyof ReleaseState)[];
/** Every slice but seq and notes is in SLICES: a slice added to the state and not here fails to compile. */
const everySlice: Exclude<keyof ReleaseState, 'seq' | 'notes' | (typeof SLICES)[number]> extends never ? true : never = true;
void everySlice;

/** What changed from `before` to `after`: one reference check per slice. */
export function releaseDelta(slug: string, before: ReleaseState, after: ReleaseState, head: ReleaseDelta['head'], replaced = false): ReleaseDelta {
  const changed: Record<string, unknown> = {};
  for (const slice of SLICES) if (before[slice] !== after[slice]) changed[slice] = after[slice];
  const delta: { -readonly [Key in keyof ReleaseDelta]: ReleaseDelta[Key] } = {
    slug,
    fromSeq: before.seq,
    head,
    changed: changed as ReleaseDelta['changed'],
  };
  if (before.notes !== after.notes) {
    const count = before.notes.length;
    const extends_ = after.notes.length > count && (count === 0 || after.notes[count - 1] === before.notes[count - 1]);
    if (extends_) delta.notesAppended = after.notes.slice(count);
    else delta.notes = after.notes;
  }
  if (replaced) delta.replaced = true;
  return delta;
}

/** The view with the delta applied, or null when it does not start where the view ends (fetch a snapshot). */
export function applyReleaseDelta(view: ReleaseView, delta: ReleaseDelta): ReleaseView | null {
  if (delta.slug !== view.slug || delta.replaced || delta.fromSeq !== view.state.seq) return null;
  const notes = delta.notes ?? (delta.notesAppended ? [...view.state.notes, ...delta.notesAppended] : view.state.notes);
  return { ...view, head: delta.head, state: { ...view.state, ...delta.changed, notes, seq: delta.head.seq } };
}
