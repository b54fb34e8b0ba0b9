import { useCallback, useEffect, useState } from 'react';
import type { Result } from '../../contract';
import { beacon } from './beacon';

export interface Loaded<T> {
  /** The latest answer; null until the first one arrives. */
  result: Result<T> | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` on mount, on `reload()` and whenever the backend reports changed data. An answer
 * that arrives after a newer request started is dropped. Pass a stable (module-level) function.
 */
export function useLoad<T>(load: () => Promise<Result<T>>): Loaded<T> {
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{ result: Result<T> | null; loading: boolean }>({
    result: null,
    loading: true,
  });
  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    setGeneration((g) => g + 1);
  }, []);

  useEffect(() => beacon.on('dataChanged', reload), [reload]);

  useEffect(() => {
    let current = true;
    load().then(
      (result) => {
        if (current) setState({ result, loading: false });
      },
      () => {
        if (!current) return;
        const message = 'Beacon could not reach its database process. Restart the app.';
        setState({ result: { ok: false, code: 'INTERNAL', message }, loading: false });
      },
    );
    return () => {
      current = false;
    };
  }, [load, generation]);

  return { ...state, reload };
}
