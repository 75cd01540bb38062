/**
 * Cove's session status codes as the window shows them: Cove's own names, and our verdict for
 * each code. Mirrors main/cove/column-codes.ts and main/monitor/status-rules.ts, which the
 * renderer may not import (a test keeps the copies equal).
 */
import type { BackupStatus } from '../../preload/contract';

export const COVE_STATUS_NAMES: Readonly<Record<number, string>> = {
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

export function coveStatusName(code: number | null): string {
  if (code === null) return 'No backup';
  return COVE_STATUS_NAMES[code] ?? `Unknown status ${code}`;
}

export function statusOfCoveCode(code: number | null): BackupStatus {
  switch (code) {
    case 5:
      return 'ok';
    case 8:
    case 12:
      return 'warning';
    case 2:
    case 3:
    case 6:
    case 7:
    case 10:
    case 11:
      return 'failed';
    case 1:
    case 9:
      return 'running';
    case 0:
    case null:
      return 'never';
    default:
      return 'unknown';
  }
}
