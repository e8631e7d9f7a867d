import { useEffect, useRef, useState } from 'react';
import type { PlaybookListing, RunEstimateView, RunQuestion } from '../../../../contract/models';
import { overlap } from './output-overlap';
import { client } from '../../client/warroom-client';
import { AnsiDocument } from '../../format/ansi';

/** The playbooks of a release, reloaded when `version` changes (after an import...). */
export function usePlaybooks(slug: string, version: number): { playbooks: readonly PlaybookListing[] | null; error: string | null } {
  const [playbooks, setPlaybooks] = useState<readonly PlaybookListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    client.call('playbook.list', { slug }).then(
      (listed) => {
        if (cancelled) return;
        setPlaybooks(listed);
        setError(null);
      },
      (failure: Error) => !cancelled && setError(failure.message),
    );
    return () => {
      cancelled = true;
    };
  }, [slug, version]);
  return { playbooks, error };
}

/** What the runs hosted by the app wait for, by run id, followed live. */
export function useQuestions(slug: string): { questions: ReadonlyMap<string, RunQuestion>; hosted: ReadonlySet<string> } {
  const [questions, setQuestions] = useState<ReadonlyMap<string, RunQuestion>>(new Map());
  const [hosted, setHosted] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let cancelled = false;
    const off = client.on('run.question', (payload) => {
      if (payload.slug !== slug) return;
      setQuestions((current) => {
        const next = new Map(current);
        if (payload.question) next.set(payload.runId, payload.question);
        else next.delete(payload.runId);
        return next;
      });
    });
    const offAppended = client.on('journal.appended', (payload) => {
      if (
        payload.slug !== slug ||
        !payload.events.some((event) => event.type === 'run.started' || event.type === 'run.finished' || event.type === 'run.decision')
      )
        return;
      void client.call('run.active', { slug }).then((active) => !cancelled && setHosted(new Set(active.runIds)));
    });
    client.call('run.active', { slug }).then(
      (active) => {
        if (cancelled) return;
        setHosted(new Set(active.runIds));
        setQuestions(new Map(active.questions.map((question) => [question.runId, question])));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
      off();
      offAppended();
    };
  }, [slug]);
  return { questions, hosted };
}

/** The output of a run: what the log holds, then live chunks; `version` changes on each. */
export function useRunOutput(slug: string, runId: string): { document: AnsiDocument; version: number; truncated: boolean } {
  const documentRef = useRef(new AnsiDocument());
  const [version, setVersion] = useState(0);
  const [truncated, setTruncated] = useState(false);
  useEffect(() => {
    let cancelled = false;
    let loaded = false;
    const early: string[] = [];
    documentRef.current = new AnsiDocument();
    setVersion((value) => value + 1);
    const off = client.on('run.output', (payload) => {
      if (payload.slug !== slug || payload.runId !== runId) return;
      if (!loaded) {
        early.push(payload.data);
        return;
      }
      documentRef.current.write(payload.data);
      setVersion((value) => value + 1);
    });
    client.call('run.log', { slug, runId }).then(
      (log) => {
        if (cancelled) return;
        loaded = true;
        documentRef.current.write(log.text);
        // Chunks that arrived while the log was read may already be in it (some, all or none):
        // the log ends with a prefix of what arrived; write only what follows that prefix.
        // (Chunk by chunk, a second chunk made the first not the log's end: it was shown twice.)
        const arrived = early.join('');
        documentRef.current.write(arrived.slice(overlap(log.text, arrived)));
        setTruncated(log.truncated);
        setVersion((value) => value + 1);
      },
      () => {
        loaded = true;
      },
    );
    return () => {
      cancelled = true;
      off();
    };
  }, [slug, runId]);
  return { document: documentRef.current, version, truncated };
}

/** Remaining time and the window warning, refreshed with the run's state and every 15 s. */
export function useEstimate(slug: string, runId: string, stateSeq: number): RunEstimateView | null {
  const [estimate, setEstimate] = useState<RunEstimateView | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((value) => value + 1), 15_000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    let cancelled = false;
    client.call('run.estimate', { slug, runId }).then(
      (loaded) => !cancelled && setEstimate(loaded),
      () => !cancelled && setEstimate(null),
    );
    return () => {
      cancelled = true;
    };
  }, [slug, runId, stateSeq, tick]);
  return estimate;
}

/** Countdown of the wait step in progress, if any. */
export function useWaitTick(slug: string, runId: string): { stepIndex: number; remainingMs: number } | null {
  const [tick, setTick] = useState<{ stepIndex: number; remainingMs: number } | null>(null);
  useEffect(() => {
    setTick(null);
    return client.on('run.wait-tick', (payload) => {
      if (payload.slug === slug && payload.runId === runId) setTick({ stepIndex: payload.stepIndex, remainingMs: payload.remainingMs });
    });
  }, [slug, runId]);
  return tick;
}
