import { type CSSProperties, type MouseEvent, memo } from 'react';
import type { BackupStatus } from '../../preload/contract';
import { sessionStatusName as coveStatusName } from '../../main/cove/session-status';
import { statusFromCoveCode as statusOfCoveCode } from '../../main/monitor/status-rules';
import { formatHistoryDay, historyDay } from '../format/time-format';

/**
 * Cove's 28-day colour bar: one cell per day, oldest left, today right. A cell's height says as
 * much as its colour (no backup is a flat line, failures stand tallest). Hovering a day shows its
 * date and Cove's status name; the bar's text summary is for screen readers.
 *
 * The whole bar is one element whose background draws the cells, one gradient layer per day:
 * a list shows a bar in every row, and 28 elements per row were most of the window's first render.
 */
const CELL_WIDTH = 5;
/** Cell plus the 1px gap to the next. */
const CELL_STEP = 6;

type CellKind = BackupStatus | 'none';

/** Colour (a theme variable, so light and dark follow the OS) and height of a day's cell. */
const CELL: Record<CellKind, { color: string; height: number }> = {
  none: { color: 'var(--bar-none)', height: 3 },
  never: { color: 'var(--bar-none)', height: 3 },
  ok: { color: 'var(--bar-ok)', height: 10 },
  running: { color: 'var(--running)', height: 10 },
  warning: { color: 'var(--bar-warning)', height: 13 },
  unknown: { color: 'var(--unknown)', height: 13 },
  stale: { color: 'var(--stale)', height: 13 },
  failed: { color: 'var(--failed)', height: 16 },
};

const cellKind = (code: number): CellKind => (code === 0 ? 'none' : statusOfCoveCode(code));

export function historyBarStyle(history: readonly number[]): CSSProperties {
  const images: string[] = [];
  const sizes: string[] = [];
  const positions: string[] = [];
  history.forEach((code, index) => {
    const { color, height } = CELL[cellKind(code)];
    images.push(`linear-gradient(${color}, ${color})`);
    sizes.push(`${CELL_WIDTH}px ${height}px`);
    positions.push(`${index * CELL_STEP}px 100%`);
  });
  return {
    width: Math.max(0, history.length * CELL_STEP - 1),
    backgroundImage: images.join(', '),
    backgroundSize: sizes.join(', '),
    backgroundPosition: positions.join(', '),
  };
}

/** The day under the pointer and its status, e.g. "Thu, Dec 3: Failed" (in the reader's locale). */
export function historyDayTitle(history: readonly number[], index: number, now: number): string {
  return `${formatHistoryDay(historyDay(index, history.length, now))}: ${coveStatusName(history[index])}`;
}

interface HistoryBarProps {
  history: readonly number[];
  /** Only its UTC day matters (the bar's days are UTC days); a new minute does not redraw the bar. */
  now: number;
}

const DAY_MS = 86_400_000;
const sameBar = (a: HistoryBarProps, b: HistoryBarProps) => a.history === b.history && Math.floor(a.now / DAY_MS) === Math.floor(b.now / DAY_MS);

export const HistoryBar = memo(function HistoryBar({ history, now }: HistoryBarProps) {
  const tally = new Map<string, number>();
  for (const code of history) tally.set(coveStatusName(code), (tally.get(coveStatusName(code)) ?? 0) + 1);
  const summary = [...tally].map(([name, n]) => `${n} ${name.toLowerCase()}`).join(', ');

  // The tooltip follows the pointer from day to day; set on the element, so moving re-renders nothing.
  const showDay = (event: MouseEvent<HTMLSpanElement>) => {
    const bar = event.currentTarget;
    const x = event.clientX - bar.getBoundingClientRect().left;
    const index = Math.min(history.length - 1, Math.max(0, Math.floor(x / CELL_STEP)));
    if (history.length > 0) bar.title = historyDayTitle(history, index, now);
  };

  return <span className="hbar" role="img" aria-label={`Last ${history.length} days: ${summary}`} style={historyBarStyle(history)} onMouseMove={showDay} />;
}, sameBar);
