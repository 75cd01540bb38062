import type { BackupStatus, StatusCounts } from '../../preload/contract';
import { COUNT_LABELS, STATUS_ORDER } from '../format/status-labels';
import { formatCount } from '../format/time-format';
import { StatusIcon } from './StatusIcon';

/** "✕ 3 failed  ◷ 1 stale  ✓ 42 OK": only the statuses that occur, worst first. */
export function CountsSummary({ counts, include = STATUS_ORDER, compact = false }: { counts: StatusCounts; include?: readonly BackupStatus[]; compact?: boolean }) {
  const present = include.filter((status) => counts[status] > 0);
  if (present.length === 0) return null;
  return (
    <span className={`counts${compact ? ' counts-compact' : ''}`}>
      {present.map((status) => (
        <span key={status} className={`count count-${status}`} data-status={status} title={compact ? `${formatCount(counts[status])} ${COUNT_LABELS[status]}` : undefined}>
          <StatusIcon status={status} />
          <span className="count-n">{formatCount(counts[status])}</span>
          <span className={compact ? 'visually-hidden' : 'count-label'}> {COUNT_LABELS[status]}</span>
        </span>
      ))}
    </span>
  );
}
