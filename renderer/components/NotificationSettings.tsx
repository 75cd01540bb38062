import { type FormEvent, useId, useMemo, useState } from 'react';
import type { NotificationSettingsInput, NotificationSettingsView } from '../../preload/contract';
import { useApi } from '../api';
import { useInvoke } from '../hooks/useInvoke';
import { Field } from './Field';

type FieldName = keyof NotificationSettingsInput | 'general';

interface Values {
  flapControl: boolean;
  escalateAfterFailures: string;
  onboardingGraceHours: string;
  acknowledgementHours: string;
  maxCustomerNotifications: string;
  timeZone: string;
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
}

function valuesOf(view: NotificationSettingsView): Values {
  return {
    flapControl: view.flapControl,
    escalateAfterFailures: String(view.escalateAfterFailures),
    onboardingGraceHours: String(view.onboardingGraceHours),
    acknowledgementHours: String(view.acknowledgementHours),
    maxCustomerNotifications: String(view.maxCustomerNotifications),
    timeZone: view.timeZone,
    quietEnabled: view.quietHours.enabled,
    quietStart: view.quietHours.start,
    quietEnd: view.quietHours.end,
  };
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** Settings → Notifications: quiet hours and the rules (saved on their own, into the same settings file). */
export function NotificationSettings() {
  const loaded = useInvoke('notification-settings', (api) => api.invoke('app:get-notification-settings'));
  if (!loaded.data) {
    return (
      <section className="settings notify-settings" aria-label="Notifications" aria-busy={loaded.loading}>
        <h2 className="section-heading">Notifications</h2>
        <p className="muted">{loaded.error ? `The notification settings could not be read: ${loaded.error}` : 'Loading…'}</p>
      </section>
    );
  }
  return <NotificationSettingsForm view={loaded.data} />;
}

function NotificationSettingsForm({ view }: { view: NotificationSettingsView }) {
  const api = useApi();
  const [values, setValues] = useState(() => valuesOf(view));
  const [error, setError] = useState<{ field: FieldName; message: string } | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const zonesId = useId();
  const zones = useMemo(timeZones, []);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setStatus('');
  };
  const errorFor = (field: FieldName) => (error?.field === field ? error.message : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const input: NotificationSettingsInput = {
      flapControl: values.flapControl,
      escalateAfterFailures: Number(values.escalateAfterFailures),
      onboardingGraceHours: Number(values.onboardingGraceHours),
      acknowledgementHours: Number(values.acknowledgementHours),
      maxCustomerNotifications: Number(values.maxCustomerNotifications),
      timeZone: values.timeZone.trim(),
      quietHours: { enabled: values.quietEnabled, start: values.quietStart, end: values.quietEnd },
    };
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const result = await api.invoke('app:save-notification-settings', input);
      if (result.ok) {
        setValues(valuesOf(result.settings));
        setStatus('Notification settings saved.');
      } else {
        setError({ field: result.field ?? 'general', message: result.message });
      }
    } catch (err) {
      setError({ field: 'general', message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="settings notify-settings" aria-label="Notification settings" onSubmit={submit} noValidate>
      <h2 className="section-heading">Notifications</h2>
      <p className="hint">Quiet hours and rules are saved on their own, with the button at the end of this section.</p>
      {error?.field === 'general' && (
        <div className="callout callout-error" role="alert">
          {error.message}
        </div>
      )}

      <fieldset className="section">
        <legend>Quiet hours</legend>
        <p className="hint section-hint">While quiet, nothing is shown; when quiet hours end, one notification sums up what changed.</p>
        <label className="check">
          <input type="checkbox" checked={values.quietEnabled} onChange={(e) => set('quietEnabled', e.target.checked)} />
          Quiet hours
        </label>
        <div className="grid-4">
          <Field label="From" error={errorFor('quietHours')} narrow>
            {(ids) => <input {...ids} type="time" value={values.quietStart} onChange={(e) => set('quietStart', e.target.value)} disabled={!values.quietEnabled} />}
          </Field>
          <Field label="Until" error={null} narrow>
            {(ids) => <input {...ids} type="time" value={values.quietEnd} onChange={(e) => set('quietEnd', e.target.value)} disabled={!values.quietEnabled} />}
          </Field>
        </div>
        <Field label="Time zone" hint={`For quiet hours and “until tomorrow 08:00”. This computer: ${view.systemTimeZone}.`} error={errorFor('timeZone')}>
          {(ids) => <input {...ids} type="text" list={zonesId} value={values.timeZone} onChange={(e) => set('timeZone', e.target.value)} spellCheck={false} autoComplete="off" />}
        </Field>
        <datalist id={zonesId}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </fieldset>

      <fieldset className="section">
        <legend>Rules</legend>
        <label className="check">
          <input type="checkbox" checked={values.flapControl} onChange={(e) => set('flapControl', e.target.checked)} />
          Only notify a problem seen on two polls in a row (flap control)
        </label>
        <div className="grid-2">
          <Field label="Escalate after" suffix="failed sessions" error={errorFor('escalateAfterFailures')} narrow>
            {(ids) => <input {...ids} type="number" min={1} max={100} step={1} value={values.escalateAfterFailures} onChange={(e) => set('escalateAfterFailures', e.target.value)} />}
          </Field>
          <Field label="New devices: grace" suffix="hours" error={errorFor('onboardingGraceHours')} narrow>
            {(ids) => <input {...ids} type="number" min={0} step={1} value={values.onboardingGraceHours} onChange={(e) => set('onboardingGraceHours', e.target.value)} />}
          </Field>
          <Field label="Acknowledgements last" suffix="hours" error={errorFor('acknowledgementHours')} narrow>
            {(ids) => <input {...ids} type="number" min={1} step={1} value={values.acknowledgementHours} onChange={(e) => set('acknowledgementHours', e.target.value)} />}
          </Field>
          <Field label="Summary above" suffix="customers" error={errorFor('maxCustomerNotifications')} narrow>
            {(ids) => <input {...ids} type="number" min={1} max={50} step={1} value={values.maxCustomerNotifications} onChange={(e) => set('maxCustomerNotifications', e.target.value)} />}
          </Field>
        </div>
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save notification settings'}
        </button>
        <span className="muted small" role="status">
          {status}
        </span>
      </div>
    </form>
  );
}
