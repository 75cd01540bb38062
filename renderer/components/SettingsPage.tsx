import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { SettingsInput, SettingsView, StaleThresholdsView } from '../../preload/contract';
import { useApi } from '../api';
import { useInvoke } from '../hooks/useInvoke';
// Confirm and upload (issue 5)
import { Field } from './Field';
import { BackupchecksFields, backupchecksInput, backupchecksValues } from './BackupchecksSettings';
import { NotificationSettings } from './NotificationSettings';

export interface SettingsPageProps {
  firstRun: boolean;
  /** The account currently shown is the demo. */
  demo: boolean;
  onSaved(settings: SettingsView): void;
  onCancel(): void;
  onUseDemo(): void;
}

type FieldName = keyof SettingsInput | 'general';

interface FormValues {
  coveUrl: string;
  partner: string;
  username: string;
  coveToken: string;
  pollIntervalMinutes: string;
  stale: Record<keyof StaleThresholdsView, string>;
  displayName: string;
}

function valuesOf(view: SettingsView): FormValues {
  return {
    coveUrl: view.coveUrl,
    partner: view.partner,
    username: view.username,
    // Write-only: the token is never sent to the window, so the field always starts empty.
    coveToken: '',
    pollIntervalMinutes: String(view.pollIntervalMinutes),
    stale: {
      server: String(view.staleThresholdHours.server),
      workstation: String(view.staleThresholdHours.workstation),
      m365: String(view.staleThresholdHours.m365),
      unknown: String(view.staleThresholdHours.unknown),
    },
    displayName: view.displayName,
  };
}

/** The first-run setup and the settings: Cove account, polling, stale thresholds, your name. */
export function SettingsPage(props: SettingsPageProps) {
  const loaded = useInvoke('settings', (api) => api.invoke('app:get-settings'));
  if (!loaded.data) {
    return (
      <section className="page page-settings scroll" aria-busy={loaded.loading}>
        <div className="settings">
          <h1 className="heading-title">{props.firstRun ? 'Connect to Cove' : 'Settings'}</h1>
          <p className="muted">{loaded.error ? `The settings could not be read: ${loaded.error}` : 'Loading…'}</p>
        </div>
      </section>
    );
  }
  return <SettingsForm {...props} view={loaded.data} />;
}

function SettingsForm({ firstRun, demo, view, onSaved, onCancel, onUseDemo }: SettingsPageProps & { view: SettingsView }) {
  const api = useApi();
  const [values, setValues] = useState<FormValues>(() => valuesOf(view));
  const [backupchecks, setBackupchecks] = useState(() => backupchecksValues(view));
  const [saved, setSaved] = useState<SettingsView>(view);
  const [error, setError] = useState<{ field: FieldName; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const savesId = useId();
  const firstFieldRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    firstFieldRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!error) return;
    const field = formRef.current?.querySelector<HTMLElement>(`[data-field="${error.field}"]`);
    field?.focus();
  }, [error]);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const setStale = (kind: keyof StaleThresholdsView, value: string) => setValues((v) => ({ ...v, stale: { ...v.stale, [kind]: value } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const input: SettingsInput = {
      coveUrl: values.coveUrl.trim(),
      partner: values.partner,
      username: values.username,
      pollIntervalMinutes: Number(values.pollIntervalMinutes),
      staleThresholdHours: {
        server: Number(values.stale.server),
        workstation: Number(values.stale.workstation),
        m365: Number(values.stale.m365),
        unknown: Number(values.stale.unknown),
      },
      displayName: values.displayName,
      ...(values.coveToken ? { coveToken: values.coveToken } : {}),
      ...backupchecksInput(backupchecks),
    };
    setBusy(true);
    setError(null);
    try {
      const result = await api.invoke('app:save-settings', input);
      if (result.ok) {
        setSaved(result.settings);
        setValues((v) => ({ ...v, coveToken: '' }));
        setBackupchecks((b) => ({ ...b, key: '' }));
        onSaved(result.settings);
      } else {
        setError({ field: result.field ?? 'general', message: result.message });
      }
    } catch (err) {
      setError({ field: 'general', message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  // A first poll of a large account can take a while; say so rather than look stuck.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!busy) {
      setSlow(false);
      return;
    }
    const timer = setTimeout(() => setSlow(true), 2500);
    return () => clearTimeout(timer);
  }, [busy]);

  const errorFor = (field: FieldName) => (error?.field === field ? error.message : null);
  const checking = busy && values.coveToken !== '';

  return (
    <section className="page page-settings scroll" aria-label={firstRun ? 'Connect to Cove' : 'Settings'}>
      <form ref={formRef} className="settings" onSubmit={submit} noValidate>
        <h1 className="heading-title">{firstRun ? 'Connect to your Cove account' : 'Settings'}</h1>
        {firstRun && (
          <p className="lead">
            Cove Tray Monitor reads your customers’ backup status from Cove Data Protection with an API user, keeps a local copy, and tells you when
            backups fail. Nothing is sent anywhere else.
          </p>
        )}

        {!saved.keychainAvailable && (
          <div className="callout callout-error" role="alert" data-testid="keychain-unavailable">
            <p className="callout-title">No OS keychain is available</p>
            <p>The API token is only ever kept in the OS keychain, never in a file, so it cannot be saved on this computer right now.</p>
            {saved.keychainProblem && <p className="muted small">{saved.keychainProblem}</p>}
          </div>
        )}

        {error?.field === 'general' && (
          <div className="callout callout-error" role="alert">
            {error.message}
          </div>
        )}

        <fieldset className="section">
          <legend>Cove account</legend>
          <Field
            label="Partner name"
            name="partner"
            hint={
              <>
                Exactly as Cove shows it, including the e-mail in brackets, e.g. <code>Acme (admin@acme.example)</code>. A near match is refused.
              </>
            }
            error={errorFor('partner')}
          >
            {(ids) => (
              <input
                ref={firstFieldRef}
                {...ids}
                type="text"
                value={values.partner}
                onChange={(e) => set('partner', e.target.value)}
                placeholder="Acme (admin@acme.example)"
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          <Field label="API user’s login name" name="username" hint="The login name of the API user (Cove console → Users → API Users)." error={errorFor('username')}>
            {(ids) => <input {...ids} type="text" value={values.username} onChange={(e) => set('username', e.target.value)} autoComplete="off" spellCheck={false} />}
          </Field>
          <Field
            label="API token"
            name="coveToken"
            badge={saved.coveTokenSaved ? <span className="badge badge-ok" data-testid="token-saved">Saved in keychain</span> : null}
            hint={
              saved.coveTokenSaved
                ? 'Leave empty to keep the saved token. A new token is checked with a live login to Cove before it replaces the old one.'
                : 'Cove shows it once, when the API user is created. It is checked with a live login to Cove, then kept in the OS keychain only.'
            }
            error={errorFor('coveToken')}
          >
            {(ids) => (
              <input
                {...ids}
                type="password"
                value={values.coveToken}
                onChange={(e) => set('coveToken', e.target.value)}
                placeholder={saved.coveTokenSaved ? '•••••••• (saved)' : 'Paste the API token'}
                autoComplete="new-password"
                spellCheck={false}
              />
            )}
          </Field>
          <details className="advanced" open={errorFor('coveUrl') !== null || undefined}>
            <summary>Advanced</summary>
            <Field label="Cove API address" name="coveUrl" hint="Change only if N-able gave you another endpoint." error={errorFor('coveUrl')}>
              {(ids) => <input {...ids} type="url" value={values.coveUrl} onChange={(e) => set('coveUrl', e.target.value)} spellCheck={false} />}
            </Field>
          </details>
        </fieldset>

        {!firstRun && (
          <>
            <fieldset className="section">
              <legend>Polling</legend>
              <Field label="Check Cove every" name="pollIntervalMinutes" suffix="minutes" error={errorFor('pollIntervalMinutes')} narrow>
                {(ids) => <input {...ids} type="number" min={1} max={1440} step={1} value={values.pollIntervalMinutes} onChange={(e) => set('pollIntervalMinutes', e.target.value)} />}
              </Field>
            </fieldset>

            <fieldset className="section">
              <legend>Stale after</legend>
              <p className="hint section-hint">A device whose last successful backup is older than this counts as stale, even when its last session did not fail.</p>
              <div className="grid-4">
                {(
                  [
                    ['server', 'Servers'],
                    ['workstation', 'Workstations'],
                    ['m365', 'Microsoft 365'],
                    ['unknown', 'Unknown type'],
                  ] as const
                ).map(([kind, label]) => (
                  <Field key={kind} label={label} name={`staleThresholdHours.${kind}`} suffix="hours" error={kind === 'server' ? errorFor('staleThresholdHours') : null} narrow>
                    {(ids) => <input {...ids} type="number" min={1} step={1} value={values.stale[kind]} onChange={(e) => setStale(kind, e.target.value)} />}
                  </Field>
                ))}
              </div>
            </fieldset>

            <fieldset className="section">
              <legend>You</legend>
              <Field label="Display name" name="displayName" hint="Recorded as the person who confirmed a run." error={errorFor('displayName')}>
                {(ids) => <input {...ids} type="text" value={values.displayName} onChange={(e) => set('displayName', e.target.value)} maxLength={120} />}
              </Field>
            </fieldset>
            <BackupchecksFields values={backupchecks} onChange={setBackupchecks} keySaved={saved.backupchecksKeySaved ?? false} demo={demo} errorFor={errorFor} />
          </>
        )}
        {firstRun && <p className="hint">Polling, stale thresholds and your display name can be changed later in Settings.</p>}

        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy} aria-describedby={firstRun ? undefined : savesId}>
            {checking ? 'Checking with Cove…' : busy ? 'Saving…' : firstRun ? 'Connect' : 'Save'}
          </button>
          {firstRun ? (
            <button type="button" className="button" onClick={onCancel} disabled={busy}>
              Explore the demo data first
            </button>
          ) : (
            <button type="button" className="button" onClick={onCancel} disabled={busy}>
              Cancel
            </button>
          )}
          {!firstRun && !demo && (
            <button type="button" className="button button-quiet push-right" onClick={onUseDemo} disabled={busy}>
              Disconnect and show demo data
            </button>
          )}
          <span className={slow ? 'muted small' : 'visually-hidden'} role="status">
            {slow ? 'Still working: after the token is accepted, the first read of a large fleet can take a minute.' : checking ? 'Checking the token with Cove' : ''}
          </span>
        </div>
        {!firstRun && (
          <p id={savesId} className="hint form-actions-hint">
            Saves the sections above: Cove account, polling, stale thresholds, your name and Backupchecks. Notifications, below, have their own Save.
          </p>
        )}
      </form>
      {/* Notifications (issue 4): quiet hours and the rules, saved on their own. */}
      {!firstRun && <NotificationSettings />}
    </section>
  );
}

