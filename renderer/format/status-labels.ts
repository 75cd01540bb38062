/** Words for our statuses and device kinds, so every view says the same thing. */
import { BACKUP_STATUSES } from '../../main/monitor/backup-status';
import type { BackupStatus, DeviceKind, OverallState, PollProblemKind } from '../../preload/contract';

/** Worst first, as the lists are sorted: the domain's own order. */
export const STATUS_ORDER: readonly BackupStatus[] = BACKUP_STATUSES;

export const STATUS_LABELS: Readonly<Record<BackupStatus, string>> = {
  failed: 'Failed',
  stale: 'Stale',
  warning: 'Warning',
  unknown: 'Unknown',
  never: 'No backup yet',
  running: 'Running',
  ok: 'OK',
};

/** "3 failed", "1 stale": how a count reads. */
export const COUNT_LABELS: Readonly<Record<BackupStatus, string>> = {
  failed: 'failed',
  stale: 'stale',
  warning: 'with warnings',
  unknown: 'unknown',
  never: 'never backed up',
  running: 'running',
  ok: 'OK',
};

export const PROBLEM_STATUSES: ReadonlySet<BackupStatus> = new Set<BackupStatus>(['failed', 'stale', 'warning', 'unknown', 'never']);

export function isProblem(status: BackupStatus): boolean {
  return PROBLEM_STATUSES.has(status);
}

export const KIND_LABELS: Readonly<Record<DeviceKind, string>> = {
  server: 'Server',
  workstation: 'Workstation',
  m365: 'Microsoft 365',
  unknown: 'Unknown type',
};

export const OVERALL_LABELS: Readonly<Record<OverallState, string>> = {
  unavailable: 'Data unavailable',
  failed: 'Backups failed',
  stale: 'Backups overdue',
  warning: 'Warnings',
  ok: 'All backups OK',
  empty: 'No devices',
};

/** The banner's headline per kind of poll problem. */
export const PROBLEM_TITLES: Readonly<Record<PollProblemKind, string>> = {
  credentials: 'Cove refused the login',
  permission: 'The API user is not allowed to read this data',
  unreachable: 'Cove cannot be reached',
  protocol: 'Cove sent an answer we could not read',
  rpc: 'Cove returned an error',
  storage: 'The local cache could not be written',
  configuration: 'Setup is not finished',
  keychain: 'No OS keychain is available',
};

/** Problems the user fixes in Settings rather than by waiting. */
export const SETTINGS_PROBLEMS: ReadonlySet<PollProblemKind> = new Set<PollProblemKind>(['credentials', 'permission', 'configuration', 'keychain']);
