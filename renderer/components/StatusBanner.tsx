import type { AppState } from '../../preload/contract';
import { PROBLEM_TITLES, SETTINGS_PROBLEMS } from '../format/status-labels';
import { formatAge, formatIn, formatTime } from '../format/time-format';
import { StatusIcon } from './StatusIcon';

export interface StatusBannerProps {
  state: AppState;
  now: number;
  onPollNow(): void;
  onOpenSettings(): void;
}

/** When the next attempt is, in words. */
function nextTry(state: AppState, now: number): string {
  const { poll } = state;
  if (poll.state === 'polling') return 'Trying again now…';
  if (poll.state === 'paused') return 'Polling is paused until the settings are corrected.';
  if (poll.nextPollAt) return `Next try at ${formatTime(poll.nextPollAt, now)} (${formatIn(poll.nextPollAt, now)}).`;
  return '';
}

/**
 * What is wrong with the data itself, above everything else: the last poll failed (why, what
 * to do, when we try again), or the data is simply old. Never silent, never green.
 */
export function StatusBanner({ state, now, onPollNow, onOpenSettings }: StatusBannerProps) {
  const problem = state.poll.problem;
  const dataAge = state.asOf ? `Showing data as of ${formatTime(state.asOf, now)} (${formatAge(state.asOf, now)}).` : 'No data has been read from Cove yet.';

  if (problem) {
    const failures = state.poll.consecutiveFailures;
    return (
      <div className="banner banner-error" role="alert" data-testid="poll-banner" data-kind={problem.kind}>
        <StatusIcon status="unavailable" className="banner-icon" />
        <div className="banner-body">
          <p className="banner-title">
            {PROBLEM_TITLES[problem.kind]}
            {failures > 1 && <span className="banner-count"> · {failures} failed attempts</span>}
          </p>
          <p>{problem.message}</p>
          <p className="banner-fix">{problem.fix}</p>
          <p className="banner-meta">
            {dataAge} {nextTry(state, now)}
          </p>
        </div>
        <div className="banner-actions">
          {SETTINGS_PROBLEMS.has(problem.kind) && (
            <button type="button" className="button button-primary" onClick={onOpenSettings}>
              Open settings
            </button>
          )}
          <button type="button" className="button" onClick={onPollNow} disabled={state.poll.state === 'polling'}>
            Try now
          </button>
        </div>
      </div>
    );
  }

  if (state.dataUnavailable && state.asOf) {
    return (
      <div className="banner banner-warning" role="status" data-testid="stale-banner">
        <StatusIcon status="stale" className="banner-icon" />
        <div className="banner-body">
          <p className="banner-title">This data is out of date</p>
          <p className="banner-meta">
            {dataAge} It is older than two poll intervals, so it may no longer be true. {nextTry(state, now)}
          </p>
        </div>
        <div className="banner-actions">
          <button type="button" className="button" onClick={onPollNow} disabled={state.poll.state === 'polling'}>
            Refresh now
          </button>
        </div>
      </div>
    );
  }

  if (!state.asOf && state.poll.state === 'polling') {
    return (
      <div className="banner banner-info" role="status" data-testid="loading-banner">
        <StatusIcon status="running" className="banner-icon" />
        <div className="banner-body">
          <p className="banner-title">Reading your fleet from Cove…</p>
        </div>
      </div>
    );
  }

  return null;
}
