import { useCallback, useEffect, useState } from 'react';
import type { AppState } from '../../preload/contract';
import { useApi } from '../api';
import { peekState, takeOver } from '../prefetch';
import { mark } from '../timing';

export interface AppStateHandle {
  state: AppState | null;
  error: string | null;
  /** Applies a state a call returned (poll now, use demo) without waiting for the push. */
  apply(state: AppState): void;
}

/**
 * The app state: the one prefetched before React started (renderer/prefetch.ts) or fetched
 * now, then kept current by `app:state-changed` pushes.
 */
export function useAppState(): AppStateHandle {
  const api = useApi();
  const [state, setState] = useState<AppState | null>(() => {
    const early = peekState(api);
    if (early) mark('cove:state-received');
    return early;
  });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let pushed = false;
    const off = api.on('app:state-changed', (next) => {
      pushed = true;
      if (live) setState(next);
    });
    const early = takeOver(api);
    if (early.latest) {
      // Newer than what the first render used, if a push arrived in between.
      setState((current) => (pushed ? current : early.latest));
    } else {
      (early.request ?? api.invoke('app:get-state')).then(
        (initial) => {
          mark('cove:state-received');
          // A push that arrived while we waited is newer than this answer.
          if (live && !pushed) setState(initial);
        },
        (err: unknown) => live && setError((err as Error).message),
      );
    }
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const apply = useCallback((next: AppState) => setState(next), []);
  return { state, error, apply };
}
