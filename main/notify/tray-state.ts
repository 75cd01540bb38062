/**
 * What the tray icon shows: the worst state nobody has acknowledged, how many devices fail, and
 * whether everything failing is acknowledged (a distinct, calmer icon). Never green while the
 * monitor cannot see. Pure.
 */
import type { BackupStatus } from '../monitor/backup-status';
import type { FleetReport } from '../monitor/fleet-report';
import type { PollResult } from '../monitor/poll-cycle';
import { worstStatus } from '../monitor/status-rules';
import { DEFAULT_RULE_SETTINGS, classifyStatus } from './notification-rules';
import type { PollProblemKind } from './notification-types';

export interface TrayState {
  /** Worst status over devices that are not acknowledged (a device's own status or any of its data sources). */
  status: BackupStatus;
  /** Devices failed, stale, or never backed up after their onboarding grace. */
  failing: number;
  /** Of those, acknowledged. */
  acknowledged: number;
  /** Something fails and all of it is acknowledged: show the muted icon. */
  allAcknowledged: boolean;
  /** The last poll could not get data: show the "cannot see" icon whatever the rest says. */
  pollProblem: PollProblemKind | null;
}

export interface TrayStateOptions {
  now: number;
  /** Device id → first seen (Unix seconds); missing means long ago. */
  deviceFirstSeen?: ReadonlyMap<number, number>;
  onboardingGraceHours?: number;
  lastPoll?: PollResult | null;
}

export function trayState(report: FleetReport, isAcknowledged: (deviceId: number) => boolean, options: TrayStateOptions): TrayState {
  const grace = options.onboardingGraceHours ?? DEFAULT_RULE_SETTINGS.onboardingGraceHours;
  let failing = 0;
  let acknowledged = 0;
  const unacknowledged: BackupStatus[] = [];
  for (const customer of report.customers) {
    for (const device of customer.devices) {
      const statuses = [device.status, ...device.dataSources.map((d) => d.status)];
      const firstSeen = options.deviceFirstSeen?.get(device.id) ?? Number.NEGATIVE_INFINITY;
      const isFailing = statuses.some((s) => {
        const verdict = classifyStatus(s, firstSeen, options.now, grace);
        return verdict === 'failed' || verdict === 'stale' || verdict === 'never';
      });
      const acked = isFailing && isAcknowledged(device.id);
      if (isFailing) failing++;
      if (acked) acknowledged++;
      else unacknowledged.push(worstStatus(statuses, device.status));
    }
  }
  const lastPoll = options.lastPoll ?? null;
  return {
    status: worstStatus(unacknowledged, 'ok'),
    failing,
    acknowledged,
    allAcknowledged: failing > 0 && acknowledged === failing,
    pollProblem: lastPoll && !lastPoll.ok ? lastPoll.kind : null,
  };
}
