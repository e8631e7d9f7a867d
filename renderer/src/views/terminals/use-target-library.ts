import { useCallback, useEffect, useState } from 'react';
import type { LibraryTarget } from '../../../../contract/models';
import { client } from '../../client/warroom-client';

/** The workspace's target library, kept current (another window may change it). */
export function useTargetLibrary(): { readonly targets: readonly LibraryTarget[]; readonly error: string | null } {
  const [targets, setTargets] = useState<readonly LibraryTarget[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    client.call('targetLibrary.list', {}).then(
      (list) => {
        setTargets(list);
        setError(null);
      },
      (failure: Error) => setError(failure.message),
    );
  }, []);
  useEffect(() => {
    load();
    return client.on('targets.changed', load);
  }, [load]);
  return { targets, error };
}
