import type { RefObject } from 'react';
import type { AppState } from '../../preload/contract';
import { OVERALL_LABELS } from '../format/status-labels';
import { formatFull, formatTime } from '../format/time-format';
import { Icon } from './Icon';
import { NotificationsButton } from './NotificationsButton';
import { StatusIcon } from './StatusIcon';

export interface HeaderProps {
  state: AppState;
  now: number;
  query: string;
  onQuery(query: string): void;
  searchRef: RefObject<HTMLInputElement | null>;
  onPollNow(): void;
  onOpenSettings(): void;
  settingsOpen: boolean;
  /** Confirm and upload (issue 5): the uploads page, with the count of confirmed runs waiting. */
  onOpenOutbox?(): void;
  outboxOpen?: boolean;
  /** First-run setup: nothing to search or refresh yet. */
  minimal?: boolean;
  /** Notifications (issue 4): the bell that opens the notifications panel. */
  notifications?: { unread: number; open: boolean; onOpen(): void };
}

const OVERALL_ICON = {
  unavailable: 'unavailable',
  failed: 'failed',
  stale: 'stale',
  warning: 'warning',
  ok: 'ok',
  empty: 'never',
} as const;

/** Account, search, data age and the two actions everyone needs: refresh and settings. */
export function Header({ state, now, query, onQuery, searchRef, onPollNow, onOpenSettings, settingsOpen, minimal = false, notifications, onOpenOutbox, outboxOpen = false }: HeaderProps) {
  const polling = state.poll.state === 'polling';
  if (minimal) {
    return (
      <header className="topbar">
        <div className="account">
          <span className="account-name">Cove Tray Monitor</span>
        </div>
      </header>
    );
  }
  return (
    <header className="topbar">
      <div className={`overall overall-${state.overall}`} title={OVERALL_LABELS[state.overall]}>
        <StatusIcon status={OVERALL_ICON[state.overall]} />
        <span className="visually-hidden">{OVERALL_LABELS[state.overall]}</span>
      </div>
      <div className="account">
        <span className="account-name" title={state.accountLabel}>
          {state.source === 'demo' ? 'Cove Tray Monitor' : state.accountLabel}
        </span>
        {state.source === 'demo' && (
          <span className="badge badge-demo" data-testid="demo-label" title="Generated customers and devices; no Cove account is connected.">
            Demo data
          </span>
        )}
      </div>
      <label className="search">
        <Icon name="search" />
        <span className="visually-hidden">Search customers and devices</span>
        <input
          ref={searchRef}
          type="search"
          placeholder="Search customers and devices"
          value={query}
          onChange={(event) => onQuery(event.target.value)}
          data-list-keys="true"
          autoComplete="off"
          spellCheck={false}
        />
        {!query && <kbd className="search-hint" aria-hidden="true">/</kbd>}
      </label>
      <div className="topbar-actions">
        <span className={`asof${state.dataUnavailable ? ' asof-old' : ''}`} title={state.asOf ? `Read from Cove ${formatFull(state.asOf)}` : 'Nothing has been read from Cove yet'} data-testid="as-of">
          {state.asOf ? `as of ${formatTime(state.asOf, now)}` : 'no data yet'}
        </span>
        <button type="button" className="icon-button" onClick={onPollNow} disabled={polling} aria-label={polling ? 'Refreshing from Cove' : 'Refresh from Cove now'} title="Refresh from Cove now">
          <Icon name="refresh" className={polling ? 'spin' : ''} />
        </button>
        {notifications && <NotificationsButton {...notifications} summary={state.notifications} now={now} />}
        {onOpenOutbox && <UploadsButton pending={state.upload?.pending ?? 0} open={outboxOpen} onOpen={onOpenOutbox} />}
        <button type="button" className={`icon-button${settingsOpen ? ' is-active' : ''}`} onClick={onOpenSettings} aria-label="Settings" title="Settings">
          <Icon name="settings" />
        </button>
      </div>
    </header>
  );
}

/** Confirm and upload (issue 5): opens the uploads page; shows how many confirmed runs wait. */
function UploadsButton({ pending, open, onOpen }: { pending: number; open: boolean; onOpen(): void }) {
  const label = pending > 0 ? `Uploads to Backupchecks: ${pending} confirmed run${pending === 1 ? '' : 's'} waiting` : 'Uploads to Backupchecks';
  return (
    <button type="button" className={`button button-uploads${open ? ' is-active' : ''}`} onClick={onOpen} aria-label={label} title={label} data-testid="open-outbox">
      Uploads
      {pending > 0 && (
        <span className="upload-count" aria-hidden="true">
          {pending}
        </span>
      )}
    </button>
  );
}
