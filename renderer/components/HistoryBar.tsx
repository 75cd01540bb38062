import { memo } from 'react';
import type { BackupStatus } from '../../preload/contract';
import { sessionStatusName as coveStatusName } from '../../main/cove/session-status';
import { statusFromCoveCode as statusOfCoveCode } from '../../main/monitor/status-rules';
import { formatHistoryDay, historyDay } from '../format/time-format';

/**
 * Cove's 28-day colour bar: one cell per day, oldest left, today right. A cell's height says as
 * much as its colour (no backup is a flat line, failures stand tallest); each has a tooltip,
 * and the whole bar a text summary for screen readers.
 */
let cachedLabels: { key: string; labels: string[] } | null = null;

/** The 28 day names, computed once per day rather than once per cell. */
function dayLabels(days: number, now: number): string[] {
  const key = `${days}:${new Date(now).toDateString()}`;
  if (cachedLabels?.key !== key) {
    cachedLabels = { key, labels: Array.from({ length: days }, (_, i) => formatHistoryDay(historyDay(i, days, now))) };
  }
  return cachedLabels.labels;
}

interface HistoryBarProps {
  history: readonly number[];
  /** Only its local day matters (for the day names); a new minute does not redraw the bar. */
  now: number;
}

const sameBar = (a: HistoryBarProps, b: HistoryBarProps) => a.history === b.history && new Date(a.now).toDateString() === new Date(b.now).toDateString();

export const HistoryBar = memo(function HistoryBar({ history, now }: HistoryBarProps) {
  const days = history.length;
  const tally = new Map<string, number>();
  for (const code of history) tally.set(coveStatusName(code), (tally.get(coveStatusName(code)) ?? 0) + 1);
  const labels = dayLabels(days, now);
  const summary = [...tally].map(([name, n]) => `${n} ${name.toLowerCase()}`).join(', ');
  return (
    <span className="hbar" role="img" aria-label={`Last ${days} days: ${summary}`}>
      {history.map((code, index) => {
        const status: BackupStatus | 'none' = code === 0 ? 'none' : statusOfCoveCode(code);
        return <span key={index} className={`hcell h-${status}`} title={`${labels[index]}: ${coveStatusName(code)}`} />;
      })}
    </span>
  );
}, sameBar);
