import { useCallback, useEffect, useRef, useState } from 'react';
import type { JournalEvent, ReleaseView } from '../../../contract/models';
import { client } from '../client/warroom-client';

/** The current time, re-rendered every `intervalMs`. */
export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A release's view, refreshed whenever its journal grows. */
export function useRelease(slug: string | null): { view: ReleaseView | null; error: string | null; reload: () => void } {
  const [view, setView] = useState<ReleaseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(() => {
    if (!slug) return;
    client.call('release.get', { slug }).then(
      (loaded) => {
        setView(loaded);
        setError(null);
      },
      (failure: Error) => setError(failure.message),
    );
  }, [slug]);

  useEffect(() => {
    setView(null);
    setError(null);
    load();
    const off = client.on('journal.appended', (payload) => {
      if (payload.slug !== slug) return;
      // Coalesce bursts (a playbook run writes many events) into one reload.
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(load, 60);
    });
    return () => {
      off();
      if (pending.current) clearTimeout(pending.current);
    };
  }, [slug, load]);

  return { view, error, reload: load };
}

/** The whole journal of a release, followed live. */
export function useJournal(slug: string | null): { events: readonly JournalEvent[]; error: string | null } {
  const [events, setEvents] = useState<readonly JournalEvent[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!slug) return undefined;
    let cancelled = false;
    setEvents([]);
    const loadFrom = async (afterSeq: number): Promise<void> => {
      const page = await client.call('journal.list', { slug, afterSeq, limit: 5000 });
      if (cancelled) return;
      setEvents((current) => mergeEvents(current, page));
      if (page.length === 5000) await loadFrom(page[page.length - 1]!.seq);
    };
    loadFrom(0).catch((failure: Error) => setError(failure.message));
    const off = client.on('journal.appended', (payload) => {
      if (payload.slug === slug) setEvents((current) => mergeEvents(current, payload.events));
    });
    return () => {
      cancelled = true;
      off();
    };
  }, [slug]);
  return { events, error };
}

function mergeEvents(current: readonly JournalEvent[], incoming: readonly JournalEvent[]): readonly JournalEvent[] {
  const lastSeq = current.length > 0 ? current[current.length - 1]!.seq : 0;
  const fresh = incoming.filter((event) => event.seq > lastSeq);
  return fresh.length === 0 ? current : [...current, ...fresh];
}
