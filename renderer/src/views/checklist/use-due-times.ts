import { useEffect, useMemo, useState } from 'react';
import type { ChecklistDueTimes, ChecklistState, ReleaseMetaState } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { dueSignature } from './checklist-rows';

/**
 * Absolute due times of the checklist's items, computed on the main side (calendar days
 * in the release zone, exact hours: one rule, in one place) and asked again only when
 * the go-live, the zone or an item's due offset changes, not on every tick of a box.
 */
export function useDueTimes(slug: string, meta: ReleaseMetaState, checklist: ChecklistState): { dueTimes: ChecklistDueTimes | null; error: string | null } {
  const signature = useMemo(() => dueSignature(checklist, meta.goLive, meta.zone), [checklist, meta.goLive, meta.zone]);
  const [dueTimes, setDueTimes] = useState<ChecklistDueTimes | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    client.call('checklist.due-times', { slug }).then(
      (times) => {
        if (cancelled) return;
        setDueTimes(times);
        setError(null);
      },
      (failure: Error) => {
        if (!cancelled) setError(failure.message);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [slug, signature]);
  return { dueTimes, error };
}
