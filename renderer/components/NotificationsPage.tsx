import { useEffect, useMemo, useState } from 'react';
import type { AppState, NotificationTargetView, NotificationView } from '../../preload/contract';
import { NOTIFICATION_KIND_LABELS } from '../format/notification-labels';
import { formatFull, formatTime } from '../format/time-format';
import { useApi } from '../api';
import { useInvoke } from '../hooks/useInvoke';
import { useMutes } from '../hooks/useMutes';
import { PageHeading } from './PageHeading';
import { SnoozeControl } from './SnoozeControl';
import { StatusPill } from './StatusPill';

export interface NotificationsPageProps {
  state: AppState;
  now: number;
  muteVersion: string;
  onOpenTarget(target: NotificationTargetView): void;
  onOpenDevice(customerId: number, deviceId: number): void;
  onOpenSettings(): void;
  onBack(): void;
}

const LOG_LIMIT = 200;

/**
 * The notifications panel: everything the app showed (or would have shown: the browser bridge
 * has no OS notifications), newest first and live; what is muted right now (snoozes, quiet
 * hours, acknowledgements), and snoozing everything.
 */
export function NotificationsPage({ state, now, muteVersion, onOpenTarget, onOpenDevice, onOpenSettings, onBack }: NotificationsPageProps) {
  const api = useApi();
  const account = `${state.source}\u0000${state.accountLabel}`;
  const logged = useInvoke(`log\u0000${account}`, (a) => a.invoke('app:get-notifications', { limit: LOG_LIMIT }));
  const [live, setLive] = useState<NotificationView[]>([]);
  const mutes = useMutes(muteVersion);

  useEffect(() => {
    setLive([]);
    return api.on('app:notification', (n) => setLive((list) => [n, ...list]));
  }, [api, account]);

  const log = useMemo(() => {
    const seen = new Set<string>();
    return [...live, ...(logged.data ?? [])].filter((n) => !seen.has(n.id) && seen.add(n.id)).slice(0, LOG_LIMIT);
  }, [live, logged.data]);

  const otherSnoozes = mutes.snoozes.filter((s) => s.scope.kind !== 'all');
  const summary = state.notifications;

  return (
    <section className="page page-notifications scroll" aria-label="Notifications">
      <PageHeading crumbs={[{ label: 'Customers', onClick: onBack }]} title="Notifications" />

      <div className="notify-status">
        <SnoozeControl scope={{ kind: 'all' }} label="everything" snoozes={mutes.snoozes} now={now} onChanged={mutes.reload} />
        {summary?.quietHoursNow && (
          <p className="muted" data-testid="quiet-hours-now">
            Quiet hours: notifications are held and summed up when they end.{' '}
            <button type="button" className="link-button" onClick={onOpenSettings}>
              Change in Settings
            </button>
          </p>
        )}
      </div>

      {(otherSnoozes.length > 0 || mutes.acknowledgements.length > 0) && (
        <div className="notify-mutes">
          {otherSnoozes.length > 0 && (
            <div>
              <h2 className="section-title">Snoozed</h2>
              <ul className="plain-list" aria-label="Snoozed">
                {otherSnoozes.map((s) => (
                  <li key={JSON.stringify(s.scope)}>
                    <strong>{s.label}</strong> <span className="muted">until <span title={formatFull(s.until)}>{formatTime(s.until, now)}</span></span>{' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        api.invoke('app:unsnooze', { scope: s.scope }).then(mutes.reload, () => undefined);
                      }}
                    >
                      Resume
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {mutes.acknowledgements.length > 0 && (
            <div>
              <h2 className="section-title">Acknowledged</h2>
              <ul className="plain-list" aria-label="Acknowledged">
                {mutes.acknowledgements.map((a) => (
                  <li key={a.deviceId}>
                    {a.customerId !== null ? (
                      <button type="button" className="link-button" onClick={() => onOpenDevice(a.customerId!, a.deviceId)}>
                        {a.deviceName ?? `Device ${a.deviceId}`}
                      </button>
                    ) : (
                      <strong>{a.deviceName ?? `Device ${a.deviceId}`}</strong>
                    )}{' '}
                    <span className="muted">
                      “{a.reason}” · {a.by} · expires <span title={formatFull(a.expiresAt)}>{formatTime(a.expiresAt, now)}</span>
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}

      <h2 className="section-title">Shown</h2>
      {logged.error && <p className="inline-error">The notifications could not be read: {logged.error}</p>}
      {log.length === 0 ? (
        <p className="empty muted" data-testid="notifications-empty">
          {logged.loading ? 'Loading…' : 'No notifications yet. You are told when a backup fails, keeps failing, goes stale or recovers.'}
        </p>
      ) : (
        <ol className="notify-log" aria-label="Notifications, newest first">
          {log.map((n) => {
            const kind = NOTIFICATION_KIND_LABELS[n.kind];
            return (
              <li key={n.id} className={`notify-item${n.urgency === 'critical' ? ' is-critical' : ''}`} data-kind={n.kind}>
                <button type="button" className="notify-open" onClick={() => onOpenTarget(n.target)} title="Open">
                  <span className="notify-meta">
                    <StatusPill status={kind.status} label={kind.label} />
                    <time dateTime={n.createdAt} title={formatFull(n.createdAt)} className="muted small">
                      {formatTime(n.createdAt, now)}
                    </time>
                  </span>
                  <span className="notify-title">{n.title}</span>
                  {n.body && <span className="notify-body">{n.body}</span>}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
