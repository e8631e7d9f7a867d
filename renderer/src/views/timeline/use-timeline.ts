import { useCallback, useEffect, useRef, useState } from 'react';
import type { JournalEvent } from '../../../../contract/models';
import { matchesTimelineFilter, type TimelineFilter } from '../../../../contract/timeline-query';
import { client } from '../../client/warroom-client';

const TIMELINE_PAGING = {
  /** Events asked for at a time: a few screens of rows. */
  pageSize: 200,
} as const;

/** What the timeline view holds: the loaded rows (newest first), not the journal. */
export interface TimelineRows {
  readonly events: readonly JournalEvent[];
  readonly matched: number | null;
  readonly total: number;
  readonly actors: readonly string[];
  /** True while no page has arrived for the current filter. */
  readonly loading: boolean;
  /** True when older matching events exist that are not loaded yet. */
  readonly hasMore: boolean;
  readonly error: string | null;
  /** Ask for the next older page (no-op while one is on its way or none is left). */
  readonly loadMore: () => void;
}

interface Loaded {
  readonly events: readonly JournalEvent[];
  readonly matched: number | null;
  readonly total: number;
  readonly actors: readonly string[];
  readonly nextBeforeSeq: number | null;
}

const EMPTY: Loaded = { events: [], matched: 0, total: 0, actors: [], nextBeforeSeq: null };

/**
 * The timeline of a release, a page at a time from main's journal index, newest first.
 *
 * Live events that match the filter are put on top as they arrive; events that arrived
 * before the first page are kept and merged by seq, so none is shown twice or lost. The
 * page holds only the rows loaded so far: a night of a million events costs one page.
 */
export function useTimeline(slug: string, filter: TimelineFilter): TimelineRows {
  const [loaded, setLoaded] = useState<Loaded>(EMPTY);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const fetching = useRef(false);
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    const current = ++generation.current;
    const activeFilter = JSON.parse(filterKey) as TimelineFilter;
    let early: JournalEvent[] = [];
    let firstPageIn = false;
    setLoaded(EMPTY);
    setLoading(true);
    setError(null);
    fetching.current = true;
    const off = client.on('journal.appended', (payload) => {
      if (payload.slug !== slug || generation.current !== current) return;
      const matching = payload.events.filter((event) => matchesTimelineFilter(event, activeFilter));
      if (!firstPageIn) {
        early = [...early, ...matching];
        return;
      }
      const last = payload.events[payload.events.length - 1];
      setLoaded((state) => prependNewer(state, matching, last ? last.seq : state.total));
    });
    client.call('journal.page', { slug, limit: TIMELINE_PAGING.pageSize, filter: activeFilter }).then(
      (page) => {
        if (generation.current !== current) return;
        firstPageIn = true;
        fetching.current = false;
        const newest = page.events[0]?.seq ?? 0;
        const newer = early.filter((event) => event.seq > Math.max(newest, page.total));
        setLoaded(prependNewer({ ...page, events: page.events }, newer, Math.max(page.total, early[early.length - 1]?.seq ?? 0)));
        setLoading(false);
      },
      (failure: Error) => {
        if (generation.current !== current) return;
        fetching.current = false;
        setError(failure.message);
        setLoading(false);
      },
    );
    return () => {
      off();
    };
  }, [slug, filterKey]);

  const loadMore = useCallback(() => {
    const before = loaded.nextBeforeSeq;
    if (before === null || fetching.current) return;
    const current = generation.current;
    fetching.current = true;
    client.call('journal.page', { slug, beforeSeq: before, limit: TIMELINE_PAGING.pageSize, filter: JSON.parse(filterKey) as TimelineFilter }).then(
      (page) => {
        fetching.current = false;
        if (generation.current !== current) return;
        setLoaded((state) => {
          const oldest = state.events[state.events.length - 1]?.seq ?? Number.POSITIVE_INFINITY;
          return {
            ...state,
            events: [...state.events, ...page.events.filter((event) => event.seq < oldest)],
            actors: page.actors,
            nextBeforeSeq: page.nextBeforeSeq,
          };
        });
      },
      (failure: Error) => {
        fetching.current = false;
        if (generation.current === current) setError(failure.message);
      },
    );
  }, [slug, filterKey, loaded.nextBeforeSeq]);

  return { ...loaded, loading, hasMore: loaded.nextBeforeSeq !== null, error, loadMore };
}

/** Put newer matching events on top; the head moves to `head` whether or not they match. */
function prependNewer(state: Loaded, newer: readonly JournalEvent[], head: number): Loaded {
  const newest = state.events[0]?.seq ?? 0;
  const fresh = newer.filter((event) => event.seq > newest).reverse();
  const actors = fresh.some((event) => !state.actors.includes(event.actor))
    ? [...new Set([...state.actors, ...fresh.map((event) => event.actor)])].sort()
    : state.actors;
  return {
    ...state,
    events: fresh.length === 0 ? state.events : [...fresh, ...state.events],
    matched: state.matched === null ? null : state.matched + fresh.length,
    total: Math.max(state.total, head),
    actors,
  };
}
