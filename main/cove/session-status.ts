/**
 * Cove's own names for session status codes (F00, F16, F17). Pure data with no imports: the
 * window uses it as it is (see test/unit/architecture.test.ts).
 */

/** Cove's own names for session status codes (F00, F16, F17). */
export const SESSION_STATUS_NAMES: Readonly<Record<number, string>> = {
  0: 'No backup',
  1: 'In process',
  2: 'Failed',
  3: 'Aborted',
  5: 'Completed',
  6: 'Interrupted',
  7: 'Not started',
  8: 'Completed with errors',
  9: 'In progress with faults',
  10: 'Over quota',
  11: 'No selection',
  12: 'Restarted',
};

export function sessionStatusName(code: number | null): string {
  if (code === null) return 'No backup';
  return SESSION_STATUS_NAMES[code] ?? `Unknown status ${code}`;
}
