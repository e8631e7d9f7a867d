import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReleaseView } from '../../../contract/models';
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
