import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { ConfirmResponse, ConfirmSelection, ReviewOutcomeView } from '../../preload/contract';
import { useApi } from '../api';
import { plural } from '../format/time-format';

export type ConfirmDone = Extract<ConfirmResponse, { ok: true }>;

export interface ConfirmDialogProps {
  /** e.g. "Confirm 3 runs". */
  title: string;
  /** What is about to be confirmed, in words. */
  summary: ReactNode;
  selection: ConfirmSelection;
  /** How many runs will be confirmed. */
  count: number;
  /** Failed or warning runs among them: the confirmation needs an outcome. */
  needOutcome: number;
  onDone(result: ConfirmDone): void;
  onCancel(): void;
  /** The submit button's verb, default "Confirm" ("Confirm & upload" from a notification). */
  verb?: string;
}

/**
 * Confirms runs for Backupchecks with an optional note; failed and warning runs also need an
 * outcome (reviewed, or marked as a success with a reason). Modal: focus stays inside, Esc
 * cancels, and keys typed here never reach the lists behind it.
 */
export function ConfirmDialog({ title, summary, selection, count, needOutcome, onDone, onCancel, verb = 'Confirm' }: ConfirmDialogProps) {
  const api = useApi();
  const id = useId();
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<ReviewOutcomeView | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ message: string; fix: string; field: 'outcome' | 'reason' | 'general' } | null>(null);
  const [busy, setBusy] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    returnFocus.current = document.activeElement;
    dialogRef.current?.querySelector<HTMLElement>('input, textarea, button')?.focus();
    return () => {
      if (returnFocus.current instanceof HTMLElement && returnFocus.current.isConnected) returnFocus.current.focus();
    };
  }, []);

  useEffect(() => {
    if (!error) return;
    const target = error.field === 'general' ? null : dialogRef.current?.querySelector<HTMLElement>(`[data-field="${error.field}"]`);
    target?.focus();
  }, [error]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // The lists behind the dialog listen on window: nothing typed here is theirs.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      if (!busy) onCancel();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>('input:not(:disabled), textarea:not(:disabled), button:not(:disabled)') ?? [])];
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (needOutcome > 0 && outcome === null) {
      setError({ field: 'outcome', message: `${plural(needOutcome, 'run')} failed or had warnings.`, fix: 'Choose how Backupchecks should record them.' });
      return;
    }
    if (outcome === 'mark_success' && reason.trim() === '') {
      setError({ field: 'reason', message: 'Marking a failed or warning run as a success needs a reason.', fix: 'Say why it counts as a success.' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await api.invoke('app:confirm-runs', {
        selection,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(needOutcome > 0 && outcome ? { outcome } : {}),
        ...(needOutcome > 0 && outcome === 'mark_success' ? { reason: reason.trim() } : {}),
      });
      if (result.ok) {
        onDone(result);
        return;
      }
      setError({ field: result.code === 'outcome-required' ? 'outcome' : 'general', message: result.message, fix: result.fix });
    } catch (err) {
      setError({ field: 'general', message: (err as Error).message, fix: '' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop">
      <div ref={dialogRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} onKeyDown={onKeyDown}>
        <form onSubmit={submit} noValidate>
          <h2 id={`${id}-title`} className="dialog-title">
            {title}
          </h2>
          <div id={`${id}-summary`} className="dialog-summary">
            {summary}
          </div>

          {needOutcome > 0 && (
            <fieldset className={`dialog-outcome${error?.field === 'outcome' ? ' has-error' : ''}`}>
              <legend>
                {needOutcome === count ? (count === 1 ? 'This run' : 'These runs') : plural(needOutcome, 'of them', 'of them')} failed or had warnings: how should Backupchecks record{' '}
                {needOutcome === 1 ? 'it' : 'them'}?
              </legend>
              <label className="choice">
                <input type="radio" name={`${id}-outcome`} data-field="outcome" checked={outcome === 'reviewed'} onChange={() => setOutcome('reviewed')} />
                <span>
                  <span className="choice-title">Reviewed</span>
                  <span className="hint">Looked at and accepted as it is; the run keeps its status.</span>
                </span>
              </label>
              <label className="choice">
                <input type="radio" name={`${id}-outcome`} checked={outcome === 'mark_success'} onChange={() => setOutcome('mark_success')} />
                <span>
                  <span className="choice-title">Mark as success</span>
                  <span className="hint">Backupchecks records it as a success, with your reason.</span>
                </span>
              </label>
              {outcome === 'mark_success' && (
                <label className="dialog-field">
                  <span className="field-label">Reason (required)</span>
                  <textarea
                    data-field="reason"
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    rows={2}
                    maxLength={4000}
                    aria-invalid={error?.field === 'reason'}
                    placeholder="e.g. Locked PST, user informed"
                  />
                </label>
              )}
            </fieldset>
          )}

          <label className="dialog-field">
            <span className="field-label">Note (optional)</span>
            <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={4000} placeholder="Shown with the review in Backupchecks" />
          </label>

          {error && (
            <div className="callout callout-error" role="alert">
              {error.message} {error.fix}
            </div>
          )}

          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy || count === 0}>
              {busy ? 'Confirming…' : count === 1 ? `${verb} 1 run` : `${verb} ${plural(count, 'run')}`}
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
