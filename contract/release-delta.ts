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
  /** Slices that changed, as patches of what changed in them (notes excepted). */
  readonly changed: Partial<Record<Exclude<keyof ReleaseState, 'seq' | 'notes'>, StatePatch>>;
  /** Notes added at the end (the usual case); `notes` instead when the list changed otherwise. */
  readonly notesAppended?: ReleaseState['notes'];
  readonly notes?: ReleaseState['notes'];
  /** The state was replaced without new events (the open's audit found the snapshot wrong): fetch again. */
  readonly replaced?: true;
}

/**
 * What changed in a value of the state, found by reference checks: reducers return the
 * same object for what an event does not touch, so a bake's new round is one item
 * appended to one list, not the whole slice again (a slice of 1,920 rounds was 6 MB per
 * round). `set`: the new value; `keys`: an object's changed and removed keys; `keep` and
 * `items`: a list whose first `keep` items are unchanged, then one entry per item after
 * them (null: unchanged, else the patch of the item at that place, or `set` for a new one).
 */
export type StatePatch =
  | { readonly set: unknown }
  | { readonly keys: Readonly<Record<string, StatePatch>>; readonly removed?: readonly string[] }
  | { readonly keep: number; readonly items: readonly (StatePatch | null)[] };

/** Below this depth a changed value is sent whole: the state's lists and records sit well above it. */
const PATCH_DEPTH = 8;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The patch from `before` to `after`, or null when they are the same object. Cost: the changed paths and their siblings' references. */
export function statePatch(before: unknown, after: unknown, depth = 0): StatePatch | null {
  if (before === after) return null;
  if (depth >= PATCH_DEPTH) return { set: after };
  if (Array.isArray(before) && Array.isArray(after)) {
    const shortest = Math.min(before.length, after.length);
    let keep = 0;
    while (keep < shortest && before[keep] === after[keep]) keep += 1;
    const items: (StatePatch | null)[] = [];
    for (let index = keep; index < after.length; index += 1) {
      items.push(index < before.length ? statePatch(before[index], after[index], depth + 1) : { set: after[index] });
    }
    return { keep, items };
  }
  if (isRecord(before) && isRecord(after)) {
    const keys: Record<string, StatePatch> = {};
    for (const key of Object.keys(after)) {
      // A key set to undefined is gone on the wire (JSON drops it): it is removed, not set.
      if (after[key] === undefined) continue;
      const patch = statePatch(before[key], after[key], depth + 1);
      if (patch !== null) define(keys, key, patch);
    }
    const removed = Object.keys(before).filter((key) => before[key] !== undefined && (!Object.hasOwn(after, key) || after[key] === undefined));
    return removed.length > 0 ? { keys, removed } : { keys };
  }
  return { set: after };
}

/** The value with the patch applied; what it did not touch is shared with `value`. */
export function applyStatePatch(value: unknown, patch: StatePatch): unknown {
  if ('set' in patch) return patch.set;
  // `{ set: undefined }` arrives as `{}` (JSON drops undefined): the value is undefined.
  if (!('keys' in patch) && !('keep' in patch)) return undefined;
  if ('keys' in patch) {
    const base = isRecord(value) ? value : {};
    const next: Record<string, unknown> = {};
    for (const key of Object.keys(base)) if (!patch.removed?.includes(key)) define(next, key, base[key]);
    for (const [key, change] of Object.entries(patch.keys)) define(next, key, applyStatePatch(base[key], change));
    return next;
  }
  const base: readonly unknown[] = Array.isArray(value) ? value : [];
  const next = base.slice(0, patch.keep);
  patch.items.forEach((change, offset) => {
    const old = base[patch.keep + offset];
    next.push(change === null ? old : applyStatePatch(old, change));
  });
  return next;
}

/** An own, plain property even for a key like `__proto__` (keys are ids people typed). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
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
  const changed: Partial<Record<(typeof SLICES)[number], StatePatch>> = {};
  for (const slice of SLICES) {
    const patch = statePatch(before[slice], after[slice]);
    if (patch !== null) changed[slice] = patch;
  }
  const delta: { -readonly [Key in keyof ReleaseDelta]: ReleaseDelta[Key] } = {
    slug,
    fromSeq: before.seq,
    head,
    changed,
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
  const state: Record<string, unknown> = { ...view.state };
  for (const slice of SLICES) {
    const patch = delta.changed[slice];
    if (patch !== undefined) state[slice] = applyStatePatch(view.state[slice], patch);
  }
  // Each slice is the one main sent, rebuilt from its patch: the state's shape is main's.
  return { ...view, head: delta.head, state: { ...(state as unknown as ReleaseState), notes, seq: delta.head.seq } };
}
