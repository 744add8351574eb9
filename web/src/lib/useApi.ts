// useApi: load something from the API for a component, with loading and error state, a
// reload, and cancellation when the inputs change or the component goes away.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  // Replace the data locally (after a change, or a live update), without a request.
  setData: (update: T | ((old: T | undefined) => T | undefined)) => void;
}

export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): ApiState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    loadRef
      .current(ctl.signal)
      .then((d) => {
        if (!ctl.signal.aborted) {
          setDataState(d);
          setLoading(false);
        }
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        setError(e);
        setLoading(false);
      });
    return () => ctl.abort();
    // `load` is read through a ref: the caller lists what it depends on in `deps`.
  }, [...deps, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const setData = useCallback((update: T | ((old: T | undefined) => T | undefined)) => {
    setDataState((old) => (typeof update === 'function' ? (update as (o: T | undefined) => T | undefined)(old) : update));
  }, []);
  return { data, error, loading, reload, setData };
}
