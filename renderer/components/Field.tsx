/**
 * One labelled form field with its hint and error, wired for assistive technology: the control
 * (a render prop) gets the ids, the name and the error state to spread onto itself.
 */
import { type ReactNode, useId } from 'react';

export interface FieldIds {
  id: string;
  name: string | undefined;
  'data-field': string | undefined;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  label: string;
  /** The settings path (`cove.partner`); its first part marks the field for error focus. */
  name?: string;
  hint?: ReactNode;
  error: string | null;
  badge?: ReactNode;
  suffix?: string;
  narrow?: boolean;
  children(ids: FieldIds): ReactNode;
}

export function Field({ label, name, hint, error, badge, suffix, narrow, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}${narrow ? ' field-narrow' : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {badge}
      </div>
      <div className="field-control">
        {children({ id, name, 'data-field': name?.split('.')[0], 'aria-invalid': error !== null, 'aria-describedby': describedBy })}
        {suffix && <span className="field-suffix">{suffix}</span>}
      </div>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
