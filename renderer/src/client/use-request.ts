import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestInput, RequestName, RequestOutput } from '../../../contract/requests';
import { client } from './warroom-client';

export interface RequestState<Name extends RequestName> {
  /** Send the request; resolves with its value, or undefined after a failure (then shown in `error`). Never rejects. */
  readonly run: (input: RequestInput<Name>) => Promise<RequestOutput<Name> | undefined>;
  /** A request of this hook is on its way: buttons that would send another one wait. */
  readonly busy: boolean;
  /** The main side's message for the last failure, until the next run or `clear`. */
  readonly error: string | null;
  readonly clear: () => void;
}

/**
 * One request of the contract with its busy flag and error, the way every form and button
 * of the renderer needs it. A second run while one is on its way is refused (undefined),
 * so a double click never sends a change twice; an unmounted component is not updated.
 */
export function useRequest<Name extends RequestName>(name: Name): RequestState<Name> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(
    async (input: RequestInput<Name>): Promise<RequestOutput<Name> | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setBusy(true);
      setError(null);
      try {
        return await client.call(name, input);
      } catch (failure) {
        if (mounted.current) setError(failure instanceof Error ? failure.message : String(failure));
        return undefined;
      } finally {
        inFlight.current = false;
        if (mounted.current) setBusy(false);
      }
    },
    [name],
  );
  const clear = useCallback(() => setError(null), []);
  return { run, busy, error, clear };
}
