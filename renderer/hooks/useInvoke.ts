import { useEffect, useState } from 'react';
import type { CoveTrayApi } from '../../preload/contract';
import { useApi } from '../api';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
}

/**
 * Runs `load` whenever `key` changes and keeps the last answer on screen while the next one
 * loads, so a refresh does not flash an empty view. Answers to superseded keys are dropped.
 */
export function useInvoke<T>(key: string | null, load: (api: CoveTrayApi) => Promise<T>, delayMs = 0): Loaded<T> {
  const api = useApi();
  const [result, setResult] = useState<Loaded<T>>({ data: null, loading: key !== null, error: null });

  useEffect(() => {
    if (key === null) {
      setResult({ data: null, loading: false, error: null });
      return;
    }
    let live = true;
    setResult((previous) => ({ ...previous, loading: true }));
    const run = () =>
      load(api).then(
        (data) => live && setResult({ data, loading: false, error: null }),
        (error: unknown) => live && setResult((previous) => ({ ...previous, loading: false, error: (error as Error).message })),
      );
    const timer = delayMs > 0 ? setTimeout(run, delayMs) : (void run(), null);
    return () => {
      live = false;
      if (timer !== null) clearTimeout(timer);
    };
    // `load` is re-created each render; `key` names everything it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, delayMs]);

  return result;
}
