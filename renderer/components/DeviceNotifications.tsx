import { useEffect, useState } from 'react';
import type { DeviceView } from '../../preload/contract';
import { formatAge, formatFull, formatIn, formatTime, plural } from '../format/time-format';
import { useApi } from '../api';
import { useInvoke } from '../hooks/useInvoke';
import { useMutes } from '../hooks/useMutes';
import { AcknowledgeDialog } from './AcknowledgeDialog';
import { SnoozeControl } from './SnoozeControl';

export interface DeviceNotificationsProps {
  device: DeviceView;
  now: number;
  /** Changes when acknowledgements or snoozes may have changed elsewhere (the tray, a notification). */
  muteVersion: string;
  /** Opened from a notification's Acknowledge action: show the dialog right away. */
  acknowledgeRequested?: boolean;
  onAcknowledgeHandled?(): void;
}

const PROBLEMS = new Set(['failed', 'stale', 'never']);

/** Failed, stale or never backed up, itself or one of its data sources: what notifications are about. */
export function isFailingDevice(device: DeviceView): boolean {
  return PROBLEMS.has(device.status) || device.dataSources.some((s) => s.status === 'failed' || s.status === 'stale');
}

/** What is wrong with a failing device, in the words of its status. */
export function problemText(device: DeviceView, now: number): string {
  if (device.status === 'failed') return 'The last backup of this device failed.';
  if (device.status === 'never') return 'This device has no successful backup yet.';
  if (device.status === 'stale') {
    return device.lastSuccessAt ? `This device is stale: its last successful backup was ${formatAge(device.lastSuccessAt, now)}.` : 'This device is stale: it has no recent successful backup.';
  }
  const failed = device.dataSources.filter((s) => s.status === 'failed').length;
  const stale = device.dataSources.filter((s) => s.status === 'stale').length;
  const parts = [failed > 0 ? `${plural(failed, 'data source')} failed` : '', stale > 0 ? `${plural(stale, 'data source')} ${stale === 1 ? 'is' : 'are'} stale` : ''];
  return `On this device, ${parts.filter(Boolean).join(' and ')}.`;
}

/** The device page's notification block: its acknowledgement (or the Acknowledge action) and its snooze. */
export function DeviceNotifications({ device, now, muteVersion, acknowledgeRequested = false, onAcknowledgeHandled }: DeviceNotificationsProps) {
  const api = useApi();
  const mutes = useMutes(muteVersion);
  const settings = useInvoke('notification-settings', (a) => a.invoke('app:get-notification-settings'));
  const [dialog, setDialog] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ack = mutes.acknowledgements.find((a) => a.deviceId === device.id) ?? null;
  const failing = isFailingDevice(device);

  useEffect(() => {
    if (!acknowledgeRequested) return;
    if (failing) setDialog(true);
    onAcknowledgeHandled?.();
  }, [acknowledgeRequested, failing, onAcknowledgeHandled]);

  const remove = async () => {
    setError(null);
    try {
      await api.invoke('app:unacknowledge', { deviceId: device.id });
      mutes.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="notify-device" aria-label="Notifications for this device">
      <h2 className="section-title">Notifications</h2>
      {ack ? (
        <div className="callout callout-ack" data-testid="acknowledgement">
          <p className="callout-title">
            Acknowledged by {ack.by} <span className="muted small" title={formatFull(ack.at)}>{formatTime(ack.at, now)}</span>
          </p>
          <p className="ack-reason">“{ack.reason}”</p>
          <p className="muted small" data-testid="acknowledgement-expiry">
            Expires <span title={formatFull(ack.expiresAt)}>{formatTime(ack.expiresAt, now)}</span> ({formatIn(ack.expiresAt, now)}), or earlier when the device
            recovers.
          </p>
          <div className="callout-actions">
            <button type="button" className="button" onClick={remove}>
              Remove acknowledgement
            </button>
          </div>
        </div>
      ) : failing ? (
        <div className="notify-row">
          <p className="muted">
            {problemText(device, now)} Acknowledge it when someone is on it: it then stops notifying and the tray stops counting it.
          </p>
          <button type="button" className="button" onClick={() => setDialog(true)}>
            Acknowledge…
          </button>
        </div>
      ) : (
        <p className="muted notify-row">Nothing to acknowledge: this device is not failing.</p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <SnoozeControl scope={{ kind: 'device', deviceId: device.id }} label="this device" snoozes={mutes.snoozes} now={now} onChanged={mutes.reload} />
      {dialog && (
        <AcknowledgeDialog
          deviceId={device.id}
          deviceName={device.name}
          defaultHours={settings.data?.acknowledgementHours}
          onCancel={() => setDialog(false)}
          onDone={() => {
            setDialog(false);
            mutes.reload();
          }}
        />
      )}
    </section>
  );
}
