import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PlanView } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { reuseUnchangedRows } from '../../../../contract/domain/plan/plan-view-reuse';

const REFRESH = {
  /** The forecast moves with the clock while a step runs; main journals the warnings itself, this only keeps the chart current. */
  intervalMs: 5_000,
} as const;

/** The last plan seen per release: coming back to the tab shows it at once while the fresh one loads (a 2,000-row plan is a request away). */
const lastPlans = new Map<string, PlanView>();

/** The plan of a release: fetched when its journal grows (`seq`) and every few seconds. */
export function usePlan(slug: string, seq: number): { plan: PlanView | null; error: string | null; reload: () => void } {
  const [plan, setPlan] = useState<PlanView | null>(() => lastPlans.get(slug) ?? null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    client.call('plan.get', { slug }).then(
      (fetched) => {
        // Rows equal to the last fetch keep their identity: the chart redraws only what moved.
        const loaded = reuseUnchangedRows(lastPlans.get(slug) ?? null, fetched);
        lastPlans.set(slug, loaded);
        setPlan(loaded);
        setError(null);
      },
      (failure: Error) => setError(failure.message),
    );
  }, [slug]);
  useEffect(() => {
    setPlan(lastPlans.get(slug) ?? null);
  }, [slug]);
  useEffect(() => {
    reload();
  }, [reload, seq]);
  useEffect(() => {
    const timer = setInterval(reload, REFRESH.intervalMs);
    return () => clearInterval(timer);
  }, [reload]);
  return { plan, error, reload };
}

/**
 * The checklist items on the plan's critical path (their ids), for the checklist view.
 * Fetched when the journal grows, not on the plan view's clock: the checklist marks which
 * items decide the finish; the minute-by-minute forecast lives in the plan view.
 */
export function useCriticalItems(slug: string, seq: number): ReadonlySet<string> {
  const [path, setPath] = useState<readonly string[]>(() => lastPlans.get(slug)?.criticalPath ?? []);
  useEffect(() => {
    let current = true;
    client.call('plan.get', { slug }).then(
      (loaded) => {
        if (!current) return;
        lastPlans.set(slug, reuseUnchangedRows(lastPlans.get(slug) ?? null, loaded));
        setPath(loaded.criticalPath);
      },
      // The checklist works without the plan; the plan view shows why it failed.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [slug, seq]);
  return useMemo(() => new Set(path.filter((id) => id.startsWith('item:')).map((id) => id.slice('item:'.length))), [path]);
}
