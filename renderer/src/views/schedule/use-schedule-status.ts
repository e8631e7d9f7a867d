import { useCallback, useEffect, useState } from 'react';
import type { ScheduleStatus } from '../../../../contract/models';
import { client } from '../../client/warroom-client';

const REFRESH = {
  /** Pods' shifts are sent for three days around the moment they were computed; refreshing hourly keeps "on duty" exact. */
  intervalMs: 60 * 60_000,
} as const;

/**
 * A release's schedule status (window, pods, findings, follow-the-sun plan, rehearsed
 * rollback), reloaded when its journal grows (`seq`), when the workspace calendar
 * changes, and hourly.
 */
export function useScheduleStatus(slug: string, seq: number): { status: ScheduleStatus | null; error: string | null; reload: () => void } {
  const [status, setStatus] = useState<ScheduleStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    client.call('schedule.status', { slug }).then(
      (loaded) => {
        setStatus(loaded);
        setError(null);
      },
      (failure: Error) => setError(failure.message),
    );
  }, [slug]);
  useEffect(() => {
    setStatus(null);
  }, [slug]);
  useEffect(() => {
    reload();
  }, [reload, seq]);
  useEffect(() => {
    const off = client.on('calendar.changed', reload);
    const timer = setInterval(reload, REFRESH.intervalMs);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [reload]);
  return { status, error, reload };
}
