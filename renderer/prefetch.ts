/**
 * Evaluated first (main.tsx imports it before React): listens for state pushes and asks main
 * for the app state while the rest of the bundle is still initialising, so the window's first
 * render can already show the customers. `useAppState` takes over from here. Imports nothing
 * but types.
 */
import type { AppState, CoveTrayApi } from '../preload/contract';

interface Early {
  api: CoveTrayApi;
  /** The newest state seen: a push, or else the answer to the request. */
  latest: AppState | null;
  request: Promise<AppState>;
  stopListening: () => void;
}

let early: Early | null = null;

const api = (window as unknown as { coveTray?: CoveTrayApi }).coveTray;
if (api) {
  let pushed = false;
  // Listen before asking, so no push can fall between the answer and React's own listener.
  const stopListening = api.on('app:state-changed', (state) => {
    pushed = true;
    if (early) early.latest = state;
  });
  const request = api.invoke('app:get-state');
  early = { api, latest: null, request, stopListening };
  request.then(
    (state) => {
      if (early && !pushed) early.latest = state;
    },
    () => undefined,
  );
}

/** Resolves when the first state is here, or after `ms`, whichever comes first. */
export function firstState(ms: number): Promise<void> {
  if (!early) return Promise.resolve();
  const request = early.request;
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    request.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

/** The newest state seen so far, without taking over. */
export function peekState(forApi: CoveTrayApi): AppState | null {
  return early?.api === forApi ? early.latest : null;
}

/**
 * Called once the caller listens itself: stops the early listener and hands over what it has,
 * the newest state or the request still on its way. Later callers get nothing.
 */
export function takeOver(forApi: CoveTrayApi): { latest: AppState | null; request: Promise<AppState> | null } {
  if (early?.api !== forApi) return { latest: null, request: null };
  const { latest, request, stopListening } = early;
  early = null;
  stopListening();
  return { latest, request: latest ? null : request };
}
