import { useState } from 'react';
import type { SnoozeDurationView, SnoozeScopeView, SnoozeView } from '../../preload/contract';
import { useApi } from '../api';
import { SNOOZE_CHOICES } from '../format/notification-labels';
import { formatFull, formatTime } from '../format/time-format';
import { sameScope } from '../hooks/useMutes';

export interface SnoozeControlProps {
  scope: SnoozeScopeView;
  /** What is snoozed, in words: "this device", "Contoso", "everything". */
  label: string;
  snoozes: SnoozeView[];
  now: number;
  onChanged(): void;
}

/** Snooze a device, a customer or everything for 1 h, 4 h or until tomorrow 08:00; or resume. */
export function SnoozeControl({ scope, label, snoozes, now, onChanged }: SnoozeControlProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = snoozes.find((s) => sameScope(s.scope, scope)) ?? null;

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    try {
      setError(await action());
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const snooze = (duration: SnoozeDurationView) =>
    run(async () => {
      const result = await api.invoke('app:snooze', { scope, duration });
      return result.ok ? null : result.message;
    });
  const resume = () =>
    run(async () => {
      await api.invoke('app:unsnooze', { scope });
      return null;
    });

  return (
    <div className={`snooze${current ? ' is-snoozed' : ''}`} role="group" aria-label={`Snooze notifications for ${label}`} data-testid={`snooze-${scope.kind}`}>
      {current ? (
        <>
          <span className="snooze-text" title={formatFull(current.until)}>
            Notifications for {label} snoozed until <strong>{formatTime(current.until, now)}</strong>
          </span>
          <button type="button" className="button" onClick={resume} disabled={busy}>
            Resume now
          </button>
        </>
      ) : (
        <>
          <span className="snooze-text muted">Snooze {label}:</span>
          {SNOOZE_CHOICES.map((choice) => (
            <button key={choice.duration} type="button" className="button" onClick={() => snooze(choice.duration)} disabled={busy}>
              {choice.label(now)}
            </button>
          ))}
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
