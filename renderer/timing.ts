/**
 * Performance marks the benchmark reads: `cove:customers-rendered` / `-painted` (first customer
 * list committed / on screen), `cove:open-customer`, `cove:customer-rendered` / `-painted`.
 * Harmless where the User Timing API is missing.
 */
export function mark(name: string, detail?: unknown): void {
  try {
    performance.mark(name, detail === undefined ? undefined : { detail });
  } catch {
    // No User Timing: nothing to measure.
  }
}

/** Marks `name` once the frame after now has been painted (rAF, then a task after it). */
export function markAfterPaint(name: string, detail?: unknown): void {
  if (typeof requestAnimationFrame !== 'function') return;
  requestAnimationFrame(() => setTimeout(() => mark(name, detail), 0));
}
