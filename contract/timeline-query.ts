import { EVENT_KINDS, eventKindOf, type EventKind } from './event-kinds';

/** A filter of the timeline: every part that is set must match. Times are epoch milliseconds. */
export interface TimelineFilter {
  readonly kinds?: readonly EventKind[];
  readonly actor?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Case-insensitive, matched against the event's type, actor and data. */
  readonly text?: string;
}

/** The fields of a journal event the filter reads. */
export interface FilterableEvent {
  readonly seq: number;
  readonly ts: string;
  readonly actor: string;
  readonly type: string;
  readonly data: unknown;
}

/** One page of the timeline, newest first. */
export interface TimelinePage<Event> {
  readonly events: readonly Event[];
  /** Events that match the filter in the whole journal; null when counting would mean a full text scan. */
  readonly matched: number | null;
  /** Events in the journal (its head seq). */
  readonly total: number;
  /** Everyone who appears in the journal, sorted, for the "who" filter. */
  readonly actors: readonly string[];
  /** Ask for the next (older) page with this; null when the page reached the first event. */
  readonly nextBeforeSeq: number | null;
}

/** True when a filter has no part set. */
export function isEmptyFilter(filter: TimelineFilter): boolean {
  return (filter.kinds?.length ?? 0) === 0 && !filter.actor && filter.fromMs === undefined && filter.toMs === undefined && !filter.text;
}

/** Does one event match the filter? The renderer uses it for live events, main for text search. */
export function matchesTimelineFilter(event: FilterableEvent, filter: TimelineFilter): boolean {
  if (filter.kinds && filter.kinds.length > 0 && !filter.kinds.includes(eventKindOf(event.type, event.data))) return false;
  if (filter.actor && event.actor !== filter.actor) return false;
  if (filter.fromMs !== undefined || filter.toMs !== undefined) {
    const at = Date.parse(event.ts);
    if (filter.fromMs !== undefined && at < filter.fromMs) return false;
    if (filter.toMs !== undefined && at > filter.toMs) return false;
  }
  if (filter.text) {
    const needle = filter.text.toLowerCase();
    if (!event.type.toLowerCase().includes(needle) && !event.actor.toLowerCase().includes(needle) && !searchableText(event.data).includes(needle)) return false;
  }
  return true;
}

/** The data of an event as lower-case text, for the text filter. */
export function searchableText(data: unknown): string {
  return JSON.stringify(data ?? null).toLowerCase();
}

export { EVENT_KINDS };
