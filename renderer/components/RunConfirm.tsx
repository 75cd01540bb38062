/**
 * Confirming runs for Backupchecks where the technician already looks (issue 5): selection
 * checkboxes and the confirmation state in a device's run history, "Confirm today's successful
 * runs" for a device or a customer, and "Upload confirmed".
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConfirmPreview, ConfirmSelection, RunView, UploadNowResult, UploadSummaryView } from '../../preload/contract';
import { useApi } from '../api';
import { OUTCOME_LABELS, UPLOAD_STATE_LABELS, UPLOAD_STATE_TONE, receiptLabel, uploadResultLine } from '../format/upload-labels';
import { formatCalendarDay, formatFull, formatTime, plural } from '../format/time-format';
import { ConfirmDialog, type ConfirmDone } from './ConfirmDialog';

/** The uploader as the window last heard of it: read once, then kept current by state pushes. */
export function useUploadSummary(): UploadSummaryView | null {
  const api = useApi();
  const [summary, setSummary] = useState<UploadSummaryView | null>(null);
  useEffect(() => {
    let live = true;
    let pushed = false;
    const off = api.on('app:state-changed', (state) => {
      if (!state.upload) return;
      pushed = true;
      if (live) setSummary(state.upload);
    });
    api.invoke('app:get-outbox', { limit: 1 }).then(
      (outbox) => live && !pushed && setSummary(outbox.summary),
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return summary;
}

/** Changes whenever uploads move on, so views of confirmations reload. */
export function uploadVersion(summary: UploadSummaryView | null): string {
  return summary ? `${summary.pending}:${summary.waitingForUpload}:${summary.sender}` : '';
}

/** A run that can be confirmed now: finished, with its session time, not yet confirmed. */
export function isConfirmable(run: RunView): boolean {
  return run.upload !== undefined && run.upload.blocker === null && run.upload.confirmation === null;
}

export interface RunConfirmState {
  selected: ReadonlySet<number>;
  toggle(runId: number): void;
  setAll(runIds: number[], on: boolean): void;
  clear(): void;
  message: string | null;
  say(message: string | null): void;
  /** Bumped after anything here changed confirmations: reload the runs. */
  revision: number;
  changed(): void;
}

/**
 * Selection, the last message and a reload counter for one run history. Ids of runs that left
 * the list or got confirmed meanwhile may linger in `selected`; `chosenRuns` ignores them.
 */
export function useRunConfirmState(): RunConfirmState {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [message, say] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const toggle = useCallback((runId: number) => {
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(runId)) next.add(runId);
      return next;
    });
  }, []);
  const setAll = useCallback((runIds: number[], on: boolean) => setSelected(on ? new Set(runIds) : new Set()), []);
  const clear = useCallback(() => setSelected(new Set()), []);
  const changed = useCallback(() => setRevision((r) => r + 1), []);
  return { selected, toggle, setAll, clear, message, say, revision, changed };
}

function skippedNote(result: ConfirmDone): string {
  return result.skipped.length > 0 ? ` ${plural(result.skipped.length, 'run')} skipped (${result.skipped[0].explanation.replace(/\.$/, '')}).` : '';
}

function confirmedLine(result: ConfirmDone, autoUpload: boolean): string {
  const n = result.confirmed.length;
  if (n === 0) return result.skipped.length > 0 ? `Nothing new to confirm: ${result.skipped[0].explanation}` : 'Nothing to confirm.';
  const skipped = skippedNote(result);
  const next = result.uploading ? ' Uploading to Backupchecks now.' : autoUpload ? ' They go to Backupchecks once it is set up.' : ' They wait for “Upload confirmed”.';
  return `Confirmed ${plural(n, 'run')}.${next}${skipped}`;
}

/** The selected runs that can still be confirmed. */
export function chosenRuns(runs: readonly RunView[], confirm: RunConfirmState): RunView[] {
  return runs.filter((r) => confirm.selected.has(r.id) && isConfirmable(r));
}

/**
 * A notification's "Confirm & upload": the confirmable runs of the newest session that has any
 * (a session's data sources share its time; unfinished and colour-bar runs are not confirmable).
 */
export function newestSessionRuns(runs: readonly RunView[]): RunView[] {
  const open = runs.filter(isConfirmable);
  if (open.length === 0) return [];
  const newest = Math.max(...open.map((r) => Date.parse(r.sessionAt)));
  return open.filter((r) => Date.parse(r.sessionAt) === newest);
}

/** The checkbox that puts a run in the selection (or says why it cannot be confirmed). */
export function RunSelectCell({ run, confirm }: { run: RunView; confirm: RunConfirmState }) {
  const selectable = isConfirmable(run);
  const why = run.upload?.confirmation ? 'Already confirmed' : (run.upload?.blocker ?? 'Cannot be confirmed');
  return (
    <td className="select">
      <input
        type="checkbox"
        checked={selectable && confirm.selected.has(run.id)}
        disabled={!selectable}
        onChange={() => confirm.toggle(run.id)}
        aria-label={`Select the ${run.dataSourceName} run of ${formatFull(run.sessionAt)}`}
        title={selectable ? 'Select to confirm' : why}
      />
    </td>
  );
}

/** "Select all" for the runs that can be confirmed. */
export function SelectAllCell({ runs, confirm }: { runs: readonly RunView[]; confirm: RunConfirmState }) {
  const open = runs.filter(isConfirmable).map((r) => r.id);
  const all = open.length > 0 && open.every((id) => confirm.selected.has(id));
  const some = open.some((id) => confirm.selected.has(id));
  return (
    <th scope="col" className="select">
      <input
        type="checkbox"
        checked={all}
        disabled={open.length === 0}
        ref={(el) => {
          if (el) el.indeterminate = !all && some;
        }}
        onChange={() => confirm.setAll(open, !all)}
        aria-label="Select all runs that can be confirmed"
        title={open.length === 0 ? 'No run here can be confirmed' : 'Select all runs that can be confirmed'}
      />
    </th>
  );
}

/** Whether a run is confirmed (by whom, when, how) and where its upload stands. */
export function RunUploadCell({ run, now, confirm }: { run: RunView; now: number; confirm: RunConfirmState }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const c = run.upload?.confirmation ?? null;
  if (!c) {
    return (
      <td className="cell-upload">
        <span className="muted small" title={run.upload?.blocker ?? undefined}>
          {run.upload?.blocker ? 'Not uploadable' : 'Not confirmed'}
        </span>
      </td>
    );
  }
  const unconfirm = async () => {
    setBusy(true);
    try {
      const result = await api.invoke('app:unconfirm-run', { runId: run.id });
      confirm.say(result.ok ? 'Confirmation withdrawn.' : `${result.message} ${result.fix}`);
      confirm.changed();
    } catch (err) {
      confirm.say((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const state = c.waitingForUpload ? 'Waiting for upload' : UPLOAD_STATE_LABELS[c.uploadState];
  const receipt = receiptLabel(c.receiptId);
  const details = [
    `Confirmed by ${c.confirmedBy}, ${formatFull(c.confirmedAt)}`,
    OUTCOME_LABELS[c.outcome] + (c.reason ? `: ${c.reason}` : ''),
    c.note ? `Note: ${c.note}` : null,
    c.detail,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <td className="cell-upload" title={details}>
      <span className={`upload-state tone-${c.waitingForUpload ? 'never' : UPLOAD_STATE_TONE[c.uploadState]}`} data-upload-state={c.uploadState}>
        <span className="upload-check" aria-hidden="true">
          ✓
        </span>
        Confirmed · {state}
        {receipt && <span className="muted"> · {receipt}</span>}
      </span>
      <span className="sub">
        {c.confirmedBy}, {formatTime(c.confirmedAt, now)}
        {c.outcome === 'mark_success' && ' · marked as success'}
      </span>
      {c.canUnconfirm && (
        <button type="button" className="link-button small" onClick={unconfirm} disabled={busy} aria-label={`Un-confirm the ${run.dataSourceName} run of ${formatFull(run.sessionAt)}`}>
          Un-confirm
        </button>
      )}
    </td>
  );
}

/** "Upload confirmed": sends what waits, and says how it went. */
export function UploadNowButton({ summary, onResult, className = 'button' }: { summary: UploadSummaryView | null; onResult(line: string, result: UploadNowResult | null): void; className?: string }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const pending = summary?.pending ?? 0;
  const upload = async () => {
    setBusy(true);
    try {
      const result = await api.invoke('app:upload-now');
      onResult(uploadResultLine(result), result);
    } catch (err) {
      onResult(`The upload could not start: ${(err as Error).message}`, null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className={className} onClick={upload} disabled={busy || pending === 0} title={pending === 0 ? 'Nothing confirmed is waiting to be uploaded' : 'Send the confirmed runs to Backupchecks now'}>
      {busy ? 'Uploading…' : pending > 0 ? `Upload ${pending} confirmed` : 'Upload confirmed'}
    </button>
  );
}

type ScopeSelection = Extract<ConfirmSelection, { kind: 'device' | 'customer' }>;

/** Runs read to find a device's newest session (as many as its run history shows). */
const QUICK_CONFIRM_LIMIT = 200;

/** "Confirm today's successful runs" of a device or a customer: previewed, then confirmed in a dialog. */
export function ConfirmTodayButton({ selection, what, autoUpload, onMessage, onConfirmed }: { selection: ScopeSelection; what: string; autoUpload: boolean; onMessage(line: string): void; onConfirmed(): void }) {
  const api = useApi();
  const [preview, setPreview] = useState<ConfirmPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const today: ScopeSelection = useMemo(() => ({ ...selection, filter: { statuses: ['Success'], localDay: 'today' } }), [selection]);
  const open = async () => {
    setBusy(true);
    try {
      const found = await api.invoke('app:preview-confirm', today);
      if (found.confirmable === 0) {
        onMessage(
          found.alreadyConfirmed > 0
            ? `All ${plural(found.alreadyConfirmed, 'successful run')} of ${what} today are confirmed already.`
            : `${what} has no successful runs today to confirm.`,
        );
      } else {
        setPreview(found);
      }
    } catch (err) {
      onMessage((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={open} disabled={busy}>
        Confirm all successful runs today
      </button>
      {preview && (
        <ConfirmDialog
          title={`Confirm today’s successful runs of ${what}`}
          summary={
            <p>
              {plural(preview.confirmable, 'successful run')} of {what} {preview.localDay ? `on ${formatCalendarDay(preview.localDay, Date.now())}` : 'today'} will be confirmed as reviewed by you
              {preview.alreadyConfirmed > 0 && <> ({preview.alreadyConfirmed} confirmed already)</>}
              {preview.blocked > 0 && <>; {plural(preview.blocked, 'run')} from Cove’s colour bar cannot be</>}.
            </p>
          }
          selection={today}
          count={preview.confirmable}
          needOutcome={preview.needOutcome}
          onCancel={() => setPreview(null)}
          onDone={(result) => {
            setPreview(null);
            onMessage(confirmedLine(result, autoUpload));
            onConfirmed();
          }}
        />
      )}
    </>
  );
}

export interface RunConfirmToolbarProps {
  deviceId: number;
  deviceName: string;
  runs: readonly RunView[];
  confirm: RunConfirmState;
  summary: UploadSummaryView | null;
  /** A notification's "Confirm & upload" opened this device: open the dialog on its newest session. */
  confirmRequested?: boolean;
  onConfirmHandled?(): void;
}

/** Above a device's run history: confirm the selection, confirm today's successes, upload. */
export function RunConfirmToolbar({ deviceId, deviceName, runs, confirm, summary, confirmRequested = false, onConfirmHandled }: RunConfirmToolbarProps) {
  const api = useApi();
  const [dialog, setDialog] = useState(false);
  const chosen = chosenRuns(runs, confirm);
  const needOutcome = chosen.filter((r) => r.upload?.status !== 'Success').length;
  const selection = useMemo<ScopeSelection>(() => ({ kind: 'device', deviceId }), [deviceId]);
  const autoUpload = summary?.autoUpload ?? false;

  // "Confirm & upload" from a notification: the newest session's runs (whatever the history is
  // filtered to), selected and in the dialog; nothing is confirmed until the technician says so.
  const [quick, setQuick] = useState<RunView[] | null>(null);
  const handled = useRef(onConfirmHandled);
  handled.current = onConfirmHandled;
  const currentDevice = useRef(deviceId);
  currentDevice.current = deviceId;
  const asking = useRef(false);
  const { setAll, say } = confirm;
  useEffect(() => {
    if (!confirmRequested || asking.current) return;
    asking.current = true;
    const asked = deviceId;
    const done = () => {
      asking.current = false;
      handled.current?.();
    };
    api.invoke('app:get-runs', { deviceId: asked, limit: QUICK_CONFIRM_LIMIT }).then(
      (all) => {
        if (currentDevice.current !== asked) return done();
        const newest = newestSessionRuns(all);
        if (newest.length === 0) {
          say(`${deviceName} has no finished run left to confirm.`);
        } else {
          setDialog(false);
          setAll(
            newest.map((r) => r.id),
            true,
          );
          setQuick(newest);
        }
        done();
      },
      (err: unknown) => {
        say(`The runs could not be read: ${(err as Error).message}`);
        done();
      },
    );
  }, [api, confirmRequested, deviceId, deviceName, setAll, say]);

  const confirmAndUpload = async (result: ConfirmDone) => {
    setQuick(null);
    confirm.clear();
    confirm.changed();
    const n = result.confirmed.length;
    if (n === 0) {
      say(confirmedLine(result, autoUpload));
      return;
    }
    const confirmed = `Confirmed ${plural(n, 'run')}.${skippedNote(result)}`;
    say(`${confirmed} Uploading to Backupchecks…`);
    try {
      const upload = await api.invoke('app:upload-now');
      say(`${confirmed} ${uploadResultLine(upload)}`);
    } catch (err) {
      say(`${confirmed} The upload could not start: ${(err as Error).message}`);
    }
    confirm.changed();
  };
  return (
    <div className="confirm-bar" role="group" aria-label="Confirm runs for Backupchecks">
      <button type="button" className="button button-primary" disabled={chosen.length === 0} onClick={() => setDialog(true)}>
        {chosen.length === 0 ? 'Confirm selected…' : `Confirm ${plural(chosen.length, 'run')}…`}
      </button>
      <ConfirmTodayButton selection={selection} what={deviceName} autoUpload={autoUpload} onMessage={confirm.say} onConfirmed={confirm.changed} />
      <UploadNowButton
        summary={summary}
        onResult={(line) => {
          confirm.say(line);
          confirm.changed();
        }}
      />
      <span className="confirm-message muted small" role="status">
        {confirm.message ?? ''}
      </span>
      {dialog && (
        <ConfirmDialog
          title={chosen.length === 1 ? 'Confirm 1 run' : `Confirm ${plural(chosen.length, 'run')}`}
          summary={
            <ul className="dialog-runs">
              {chosen.slice(0, 8).map((r) => (
                <li key={r.id}>
                  {r.dataSourceName} · {formatFull(r.sessionAt)} · {r.upload?.status ?? r.coveStatusName}
                </li>
              ))}
              {chosen.length > 8 && <li className="muted">and {chosen.length - 8} more</li>}
            </ul>
          }
          selection={{ kind: 'runs', runIds: chosen.map((r) => r.id) }}
          count={chosen.length}
          needOutcome={needOutcome}
          onCancel={() => setDialog(false)}
          onDone={(result) => {
            setDialog(false);
            confirm.clear();
            confirm.say(confirmedLine(result, autoUpload));
            confirm.changed();
          }}
        />
      )}
      {quick && !dialog && (
        <ConfirmDialog
          title={`Confirm & upload ${deviceName}’s newest runs`}
          verb="Confirm & upload"
          summary={
            <>
              <ul className="dialog-runs">
                {quick.slice(0, 8).map((r) => (
                  <li key={r.id}>
                    {r.dataSourceName} · {formatFull(r.sessionAt)} · {r.upload?.status ?? r.coveStatusName}
                  </li>
                ))}
                {quick.length > 8 && <li className="muted">and {quick.length - 8} more</li>}
              </ul>
              <p className="muted small">Once confirmed, they are uploaded to Backupchecks right away.</p>
            </>
          }
          selection={{ kind: 'runs', runIds: quick.map((r) => r.id) }}
          count={quick.length}
          needOutcome={quick.filter((r) => r.upload?.status !== 'Success').length}
          onCancel={() => setQuick(null)}
          onDone={(result) => void confirmAndUpload(result)}
        />
      )}
    </div>
  );
}

/** A customer page's "Confirm all successful runs today", with its own status line. */
export function CustomerConfirmToday({ customerId, customerName }: { customerId: number; customerName: string }) {
  const summary = useUploadSummary();
  const [message, setMessage] = useState<string | null>(null);
  const selection = useMemo<ScopeSelection>(() => ({ kind: 'customer', customerId }), [customerId]);
  return (
    <span className="confirm-bar confirm-bar-inline">
      <ConfirmTodayButton selection={selection} what={customerName} autoUpload={summary?.autoUpload ?? false} onMessage={setMessage} onConfirmed={() => undefined} />
      <UploadNowButton summary={summary} onResult={(line) => setMessage(line)} />
      <span className="confirm-message muted small" role="status">
        {message ?? ''}
      </span>
    </span>
  );
}
