/**
 * The renderer's only door to the rest of the app: `window.coveTray`, put there by the Electron
 * preload bridge (or, in a plain browser, by the bridge client the browser bridge serves).
 * Components get it from context so tests can hand in a fake.
 */
import { createContext, useContext } from 'react';
import type { CoveTrayApi } from '../preload/contract';

export function windowApi(): CoveTrayApi | null {
  return (window as unknown as { coveTray?: CoveTrayApi }).coveTray ?? null;
}

export const ApiContext = createContext<CoveTrayApi | null>(null);

export function useApi(): CoveTrayApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('window.coveTray is missing: the window was opened without its bridge.');
  return api;
}
