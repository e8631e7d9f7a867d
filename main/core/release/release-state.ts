import type { AppliedEvent } from './domain-event';
import { reduceNotes, reduceReleaseMeta, type Note, type ReleaseMetaState } from './release-meta';

/**
 * The state of a release: a projection of its journal.
 *
 * Each area owns one slice and one pure reducer; this file is the one place that
 * composes them. release.json holds a snapshot of this object, and can always be
 * rebuilt by replaying the journal through `reduceRelease`.
 */
export interface ReleaseState {
  /** Sequence number of the last event applied. */
  readonly seq: number;
  readonly meta: ReleaseMetaState | null;
  readonly notes: readonly Note[];
}

export function initialReleaseState(): ReleaseState {
  return { seq: 0, meta: null, notes: [] };
}

/** Apply one event to every slice. Pure: returns a new state, never mutates. */
export function reduceRelease(state: ReleaseState, event: AppliedEvent): ReleaseState {
  return {
    seq: event.seq,
    meta: reduceReleaseMeta(state.meta, event),
    notes: reduceNotes(state.notes, event),
  };
}

export function replayRelease(events: Iterable<AppliedEvent>, from: ReleaseState = initialReleaseState()): ReleaseState {
  let state = from;
  for (const event of events) state = reduceRelease(state, event);
  return state;
}
