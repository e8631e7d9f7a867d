import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReleaseView } from '../../../contract/models';
import { applyReleaseDelta, type ReleaseDelta } from '../../../contract/release-delta';
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

/**
 * A release's live view: one snapshot, then the deltas main publishes after each durable
 * append (contract/release-delta.ts). A snapshot is fetched again only when a delta does
 * not start where the view ends (a gap, a replaced state) and after a reconnect: never
 * once per event, so a long night costs what a short one does.
 */
export function useRelease(slug: string | null): { view: ReleaseView | null; error: string | null; reload: () => void } {
  const [view, setView] = useState<ReleaseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<ReleaseView | null>(null);
  /** Deltas that arrive while a snapshot is on its way: applied to it when it lands. */
  const waiting = useRef<ReleaseDelta[] | null>(null);

  const show = useCallback((next: ReleaseView | null) => {
    current.current = next;
    setView(next);
  }, []);

  const load = useCallback(() => {
    if (!slug) return;
    if (waiting.current) return; // one snapshot at a time; its deltas are kept meanwhile
    waiting.current = [];
    client.call('release.get', { slug }).then(
      (loaded) => {
        let next: ReleaseView = loaded;
        const queued = waiting.current ?? [];
        waiting.current = null;
        for (const delta of queued) {
          if (delta.fromSeq < next.state.seq) continue; // already in the snapshot
          const applied = applyReleaseDelta(next, delta);
          if (!applied) return void (show(next), load());
          next = applied;
        }
        show(next);
        setError(null);
      },
      (failure: Error) => {
        waiting.current = null;
        setError(failure.message);
      },
    );
  }, [slug, show]);

  useEffect(() => {
    show(null);
    setError(null);
    waiting.current = null;
    load();
    const offChanged = client.on('release.changed', (delta) => {
      if (delta.slug !== slug) return;
      if (waiting.current) return void waiting.current.push(delta);
      const shown = current.current;
      const next = shown ? applyReleaseDelta(shown, delta) : null;
      if (next) show(next);
      else load();
    });
    let wasConnected = true;
    const offConnection = client.onConnection((state) => {
      // Events sent while the link was down are gone: resume from a fresh snapshot.
      if (state.connected && !wasConnected) load();
      wasConnected = state.connected;
    });
    return () => {
      offChanged();
      offConnection();
    };
  }, [slug, load, show]);

  return { view, error, reload: load };
}
