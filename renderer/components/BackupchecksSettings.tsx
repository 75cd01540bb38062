import type { SettingsInput, SettingsView, UploadModeView } from '../../preload/contract';
import { Field } from './Field';

/** The Backupchecks part of the settings form; the key is write-only and always starts empty. */
export interface BackupchecksFormValues {
  url: string;
  mode: UploadModeView;
  autoUpload: boolean;
  key: string;
}

export function backupchecksValues(view: SettingsView): BackupchecksFormValues {
  return { url: view.backupchecks?.url ?? '', mode: view.backupchecks?.mode ?? 'run', autoUpload: view.backupchecks?.autoUpload ?? false, key: '' };
}

export function backupchecksInput(values: BackupchecksFormValues): Pick<SettingsInput, 'backupchecks' | 'backupchecksKey'> {
  return {
    backupchecks: { url: values.url.trim(), mode: values.mode, autoUpload: values.autoUpload },
    ...(values.key.trim() ? { backupchecksKey: values.key.trim() } : {}),
  };
}

export interface BackupchecksFieldsProps {
  values: BackupchecksFormValues;
  onChange(values: BackupchecksFormValues): void;
  keySaved: boolean;
  /** The demo uploads to its built-in stub whatever is set here. */
  demo: boolean;
  errorFor(field: 'backupchecks' | 'backupchecksKey'): string | null;
}

/** Settings → Backupchecks: where confirmed runs go, how, and the API key (kept in the OS keychain). */
export function BackupchecksFields({ values, onChange, keySaved, demo, errorFor }: BackupchecksFieldsProps) {
  const set = <K extends keyof BackupchecksFormValues>(key: K, value: BackupchecksFormValues[K]) => onChange({ ...values, [key]: value });
  return (
    <fieldset className="section" data-testid="backupchecks-settings">
      <legend>Backupchecks</legend>
      <p className="hint section-hint">
        Runs you confirm are uploaded to Backupchecks, where they show as reviewed by you.
        {demo && ' In demo mode they go to a built-in Backupchecks stub on this computer instead; these settings apply once a Cove account is connected.'}
      </p>
      <Field
        label="Backupchecks address"
        name="backupchecks.url"
        hint="The address of the Backupchecks web app, e.g. https://backupchecks.example.com (without /api/v1). Empty: not set up."
        error={errorFor('backupchecks')}
      >
        {(ids) => <input {...ids} type="url" value={values.url} onChange={(e) => set('url', e.target.value)} placeholder="https://backupchecks.example.com" spellCheck={false} autoComplete="off" />}
      </Field>
      <Field
        label="Backupchecks API key"
        name="backupchecksKey"
        badge={
          keySaved ? (
            <span className="badge badge-ok" data-testid="backupchecks-key-saved">
              Saved in keychain
            </span>
          ) : null
        }
        hint={
          keySaved
            ? 'Leave empty to keep the saved key. A new key is checked with Backupchecks before it replaces the old one.'
            : 'Created in Backupchecks. It is checked with the server, then kept in the OS keychain only; this window never sees it again.'
        }
        error={errorFor('backupchecksKey')}
      >
        {(ids) => (
          <input
            {...ids}
            type="password"
            value={values.key}
            onChange={(e) => set('key', e.target.value)}
            placeholder={keySaved ? '•••••••• (saved)' : 'Paste the API key'}
            autoComplete="new-password"
            spellCheck={false}
          />
        )}
      </Field>
      <div className="field" role="radiogroup" aria-label="What to upload">
        <div className="field-label">What to upload</div>
        <label className="choice">
          <input type="radio" name="backupchecks-mode" checked={values.mode === 'run'} onChange={() => set('mode', 'run')} />
          <span>
            <span className="choice-title">Whole runs (recommended)</span>
            <span className="hint">Each confirmed run with its status and data sources, reviewed by you. For installs where Backupchecks does not import Cove itself.</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="backupchecks-mode" checked={values.mode === 'review'} onChange={() => set('mode', 'review')} />
          <span>
            <span className="choice-title">Reviews only</span>
            <span className="hint">Only your confirmation, for runs Backupchecks imported from Cove itself. Applies to runs confirmed from now on.</span>
          </span>
        </label>
      </div>
      <div className="field">
        <label className="switch">
          <input type="checkbox" role="switch" checked={values.autoUpload} onChange={(e) => set('autoUpload', e.target.checked)} />
          <span className="switch-track" aria-hidden="true" />
          Upload as soon as a run is confirmed
        </label>
        <p className="hint">Off: confirmed runs wait for “Upload confirmed” (in the window or the tray menu).</p>
      </div>
    </fieldset>
  );
}
