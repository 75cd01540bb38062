import type { NotificationSummary } from '../../preload/contract';
import { formatTime } from '../format/time-format';

export interface NotificationsButtonProps {
  /** Notifications shown since the panel was last open. */
  unread: number;
  summary: NotificationSummary | undefined;
  now: number;
  open: boolean;
  onOpen(): void;
}

/** The header's bell: opens the notifications panel; says how many arrived and whether they are muted. */
export function NotificationsButton({ unread, summary, now, open, onOpen }: NotificationsButtonProps) {
  const muted = summary?.snoozedUntil ? `paused until ${formatTime(summary.snoozedUntil, now)}` : summary?.quietHoursNow ? 'quiet hours' : null;
  const label = ['Notifications', unread > 0 ? `${unread} new` : null, muted].filter(Boolean).join(', ');
  return (
    <button type="button" className={`icon-button notify-button${open ? ' is-active' : ''}${muted ? ' is-muted' : ''}`} onClick={onOpen} aria-label={label} title={label}>
      <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <path d="M4 11.5V7.2a4 4 0 0 1 8 0v4.3l1 1H3z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
        <path d="M6.6 14h2.8" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        {muted && <path d="M2.5 2.5l11 11" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />}
      </svg>
      {unread > 0 && (
        <span className="notify-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
