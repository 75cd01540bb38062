/**
 * jsdom has no layout: give elements a size so the virtual lists render their rows, and stub
 * the scrolling calls jsdom lacks. Call from beforeEach in jsdom test files.
 */
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

export function installDomStubs(): void {
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({
    x: 0,
    y: 0,
    top: 0,
    left: 0,
    right: 1000,
    bottom: 700,
    width: 1000,
    height: 700,
    toJSON: () => ({}),
  } as DOMRect);
  for (const [prop, value] of [
    ['offsetHeight', 700],
    ['offsetWidth', 1000],
    ['clientHeight', 700],
    ['clientWidth', 1000],
  ] as const) {
    Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => value });
  }
  Element.prototype.scrollTo = function scrollTo() {} as Element['scrollTo'];
  Element.prototype.scrollIntoView = function scrollIntoView() {};
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
}

/** Every window test starts at the same instant with a clean DOM and storage, and tidies up after. */
export function useWindowTestEnvironment(now = '2026-12-03T14:05:00Z'): void {
  beforeEach(() => {
    installDomStubs();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(now));
    window.localStorage.clear();
  });

  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
}
