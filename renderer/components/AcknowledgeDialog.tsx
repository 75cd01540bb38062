import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { AcknowledgementView } from '../../preload/contract';
import { useApi } from '../api';

export interface AcknowledgeDialogProps {
  deviceId: number;
  deviceName: string;
  /** The notification settings' acknowledgement hours (24 by default). */
  defaultHours?: number;
  onDone(acknowledgement: AcknowledgementView): void;
  onCancel(): void;
}

const HOUR_CHOICES = [4, 8, 24, 72, 168];

function hoursLabel(hours: number): string {
  if (hours % 24 === 0 && hours >= 48) return `${hours / 24} days`;
  return `${hours} hours`;
}

/**
 * "I'm on it": a reason is required (everyone who looks sees it). The failure and its escalation
 * are no longer notified until the device recovers or the acknowledgement expires; a new problem
 * on the device still is.
 */
export function AcknowledgeDialog({ deviceId, deviceName, defaultHours = 24, onDone, onCancel }: AcknowledgeDialogProps) {
  const api = useApi();
  const titleId = useId();
  const reasonId = useId();
  const errorId = useId();
  const hoursId = useId();
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState(defaultHours);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const choices = HOUR_CHOICES.includes(defaultHours) ? HOUR_CHOICES : [...HOUR_CHOICES, defaultHours].sort((a, b) => a - b);

  useEffect(() => {
    // Back to whatever opened the dialog when it closes.
    const opener = document.activeElement as HTMLElement | null;
    reasonRef.current?.focus();
    return () => opener?.focus?.();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (reason.trim() === '') {
      setError('Enter a reason, e.g. "replacing the disk": it is shown to everyone who looks at this device.');
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await api.invoke('app:acknowledge', { deviceId, reason: reason.trim(), hours });
      if (result.ok) onDone(result.acknowledgement);
      else setError(result.message);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      // Handled here: the window's Esc (go back a page) must not fire as well.
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <div className="dialog-backdrop" onKeyDown={onKeyDown}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <form onSubmit={submit} noValidate>
          <h2 id={titleId} className="dialog-title">
            Acknowledge {deviceName}
          </h2>
          <p className="hint">
            Its current failure is no longer notified, and the tray stops counting it as unacknowledged. The acknowledgement clears itself when the
            device recovers; a new problem is still notified.
          </p>
          <div className={`field${error ? ' has-error' : ''}`}>
            <div className="field-label">
              <label htmlFor={reasonId}>Reason (required)</label>
            </div>
            <textarea
              ref={reasonRef}
              id={reasonId}
              className="dialog-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={3}
              maxLength={500}
              placeholder="e.g. Replacing the disk, backup runs again tonight"
              aria-invalid={error !== null}
              aria-describedby={error ? errorId : undefined}
              required
            />
            {error && (
              <p id={errorId} className="field-error" role="alert">
                {error}
              </p>
            )}
          </div>
          <div className="field field-narrow">
            <div className="field-label">
              <label htmlFor={hoursId}>Expires after</label>
            </div>
            <div className="field-control">
              <select id={hoursId} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
                {choices.map((h) => (
                  <option key={h} value={h}>
                    {hoursLabel(h)}
                    {h === defaultHours ? ' (default)' : ''}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Acknowledging…' : 'Acknowledge'}
            </button>
            <button type="button" className="button" onClick={onCancel} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
