import type { BackupStatus } from '../../preload/contract';
import { STATUS_LABELS } from '../format/status-labels';
import { StatusIcon } from './StatusIcon';

/** Icon and word together; the colour only repeats what they already say. */
export function StatusPill({ status, label }: { status: BackupStatus; label?: string }) {
  return (
    <span className={`pill pill-${status}`} data-status={status}>
      <StatusIcon status={status} />
      <span className="pill-text">{label ?? STATUS_LABELS[status]}</span>
    </span>
  );
}
