/**
 * The rules that turn Cove's facts into our verdicts. Pure functions: the poller, the CLI, the
 * window and the notification rules all call these, so a device is judged the same everywhere.
 */
import { BACKUP_STATUSES, type BackupStatus, type DeviceKind, type StaleThresholds } from './backup-status';

const HOUR_SECONDS = 3600;

/** Cove session status code (F00) → our status, before the stale rule. */
export function statusFromCoveCode(code: number | null): BackupStatus {
  switch (code) {
    case 5:
      return 'ok';
    case 8: // Completed with errors
    case 12: // Restarted
      return 'warning';
    case 2: // Failed
    case 3: // Aborted
    case 6: // Interrupted
    case 7: // Not started
    case 10: // Over quota
    case 11: // No selection
      return 'failed';
    case 1: // In process
    case 9: // In progress with faults
      return 'running';
    case 0:
    case null:
      return 'never';
    default:
      return 'unknown';
  }
}

/** What the rules need to know about one device or data source. Times are Unix seconds (UTC). */
export interface SessionFacts {
  coveStatus: number | null;
  lastSuccessAt: number | null;
}

/**
 * Stale: the last success is older than the kind's threshold while the last session did not fail.
 * A failure stays a failure (it is the more urgent fact); no success at all is `never`, not stale.
 */
export function isStale(facts: SessionFacts, kind: DeviceKind, nowSeconds: number, thresholds: StaleThresholds): boolean {
  if (facts.lastSuccessAt === null) return false;
  if (statusFromCoveCode(facts.coveStatus) === 'failed') return false;
  return nowSeconds - facts.lastSuccessAt > thresholds[kind] * HOUR_SECONDS;
}

/** The verdict for a device (its Total) or one of its data sources. */
export function judge(facts: SessionFacts, kind: DeviceKind, nowSeconds: number, thresholds: StaleThresholds): BackupStatus {
  return isStale(facts, kind, nowSeconds, thresholds) ? 'stale' : statusFromCoveCode(facts.coveStatus);
}

/** 0 is the worst. */
export function severityRank(status: BackupStatus): number {
  return BACKUP_STATUSES.indexOf(status);
}

/** Sort comparator: worst first. */
export function compareSeverity(a: BackupStatus, b: BackupStatus): number {
  return severityRank(a) - severityRank(b);
}

/** The worst of several statuses; `fallback` when there are none. */
export function worstStatus(statuses: Iterable<BackupStatus>, fallback: BackupStatus = 'never'): BackupStatus {
  let worst: BackupStatus | null = null;
  for (const status of statuses) {
    if (worst === null || severityRank(status) < severityRank(worst)) worst = status;
  }
  return worst ?? fallback;
}

/** Cove OS type (I32) and account type (I59) → device kind. */
export function deviceKind(osType: number | null, accountType: number | null, activeDataSources: readonly string[] = []): DeviceKind {
  if (accountType === 2) return 'm365';
  if (osType === 2) return 'server';
  if (osType === 1) return 'workstation';
  // Without the type columns, a device that only protects Microsoft 365 sources is still a tenant.
  const m365Sources = ['D05', 'D19', 'D20', 'D23'];
  if (accountType === null && activeDataSources.length > 0 && activeDataSources.every((c) => m365Sources.includes(c))) {
    return 'm365';
  }
  return 'unknown';
}
