/**
 * The status vocabulary shared by the poller, the cache, the CLI and the window.
 * Everything here is plain data: no I/O, no clocks.
 */

export const BACKUP_STATUSES = ['failed', 'stale', 'warning', 'unknown', 'never', 'running', 'ok'] as const;
/** Our verdict on a device or data source. `BACKUP_STATUSES` lists them worst first. */
export type BackupStatus = (typeof BACKUP_STATUSES)[number];

export const DEVICE_KINDS = ['server', 'workstation', 'm365', 'unknown'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export type StatusCounts = Record<BackupStatus, number>;

export function emptyCounts(): StatusCounts {
  return { ok: 0, warning: 0, failed: 0, stale: 0, running: 0, never: 0, unknown: 0 };
}

/** Hours without a successful backup after which a device of that kind counts as stale. */
export type StaleThresholds = Record<DeviceKind, number>;

export const DEFAULT_STALE_THRESHOLDS: StaleThresholds = {
  server: 24,
  workstation: 72,
  m365: 24,
  // Unknown kinds are usually agents that never installed; judge them as strictly as servers.
  unknown: 24,
};
