import type { BackupStatus, NotificationKindView } from '../../preload/contract';

/** What each kind of notification is called in the log panel, and the status colour it borrows. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKindView, { label: string; status: BackupStatus }> = {
  failed: { label: 'Failed', status: 'failed' },
  escalated: { label: 'Keeps failing', status: 'failed' },
  stale: { label: 'No recent backup', status: 'stale' },
  never: { label: 'Never backed up', status: 'never' },
  reminder: { label: 'Still failing', status: 'failed' },
  recovered: { label: 'Recovered', status: 'ok' },
  'connection-lost': { label: 'Cannot see Cove', status: 'unknown' },
  'connection-restored': { label: 'Cove reachable', status: 'ok' },
  summary: { label: 'Summary', status: 'failed' },
  digest: { label: 'While muted', status: 'running' },
};

/** "Until tomorrow 08:00", or "Until 08:00" after midnight (the night has not ended yet). */
export function morningLabel(now: number): string {
  return new Date(now).getHours() < 4 ? 'Until 08:00' : 'Until tomorrow 08:00';
}

export const SNOOZE_CHOICES = [
  { duration: '1h', label: () => '1 hour' },
  { duration: '4h', label: () => '4 hours' },
  { duration: 'tomorrow', label: morningLabel },
] as const;
