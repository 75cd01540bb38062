// @vitest-environment jsdom
/**
 * Confirm and upload (issue 5) in the window, against a fake `window.coveTray`: selecting runs
 * with checkboxes and the keyboard, the confirm dialog (note, outcome for failed and warning
 * runs), confirmed runs and un-confirming, "Confirm all successful runs today", "Upload
 * confirmed", the uploads page with its audit, and the Backupchecks settings.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ConfirmPreview, OutboxView, RunView, UploadSummaryView } from '../../preload/contract';
import { App } from '../../renderer/App';
import { ApiContext } from '../../renderer/api';
import { DevicePage } from '../../renderer/components/DevicePage';
import { OutboxPage } from '../../renderer/components/OutboxPage';
import { formatDay } from '../../renderer/format/time-format';
import { type FakeCoveTray, appState, defaultHandlers, fakeCoveTray, iso, settingsView } from './fake-cove-tray';
import { useWindowTestEnvironment } from './setup-dom';

const SUMMARY: UploadSummaryView = { destination: 'demo-stub', url: 'http://127.0.0.1:40123', mode: 'run', autoUpload: false, pending: 0, waitingForUpload: 0, sender: 'idle', problem: null };

function run(id: number, extra: Partial<RunView>, upload: Partial<NonNullable<RunView['upload']>> = {}): RunView {
  return {
    id,
    dataSource: 'D01',
    dataSourceName: 'Files and Folders',
    sessionAt: iso(id),
    precision: 'exact',
    coveStatus: 5,
    coveStatusName: 'Completed',
    status: 'ok',
    errors: 0,
    selectedSize: 1e9,
    sentSize: 1e7,
    durationSeconds: 60,
    ...extra,
    upload: { status: 'Success', blocker: null, confirmation: null, ...upload },
  };
}

const confirmation = (extra: Partial<NonNullable<NonNullable<RunView['upload']>['confirmation']>> = {}) => ({
  confirmedBy: 'J. Jansen',
  confirmedAt: iso(0.5),
  note: 'morning round',
  outcome: 'reviewed' as const,
  reason: null,
  externalId: 'cove:101:D01:1',
  uploadState: 'queued' as const,
  waitingForUpload: true,
  receiptId: null,
  detail: 'Confirmed; waiting for "Upload confirmed".',
  canUnconfirm: true,
  ...extra,
});

/** Newest first, as app:get-runs answers. */
const RUNS: RunView[] = [
  run(1, {}),
  run(2, { dataSource: 'D02', dataSourceName: 'System State', coveStatus: 2, coveStatusName: 'Failed', status: 'failed', errors: 3 }, { status: 'Failed' }),
  run(3, { precision: 'day' }, { blocker: 'It was read from Cove’s 28-day colour bar, which gives only the day.' }),
  run(4, {}, { confirmation: confirmation() }),
  run(5, { dataSource: 'D02', dataSourceName: 'System State' }, { confirmation: confirmation({ uploadState: 'sent', waitingForUpload: false, receiptId: '812', canUnconfirm: false, detail: 'Delivered: Backupchecks run 812 (created).' }) }),
];

function outbox(summary: Partial<UploadSummaryView> = {}): OutboxView {
  return {
    summary: { ...SUMMARY, ...summary },
    counts: { queued: 1, sending: 0, retrying: 1, sent: 1, staged: 0, conflict: 0, rejected: 1 },
    total: 4,
    items: [
      item(1, 'queued', { waitingForUpload: true, reason: 'Confirmed; waiting for "Upload confirmed".' }),
      item(2, 'retrying', { attempts: 2, nextAttemptAt: new Date(Date.now() + 60_000).toISOString(), reason: 'Backupchecks could not take the upload now (HTTP 503). Retrying automatically.' }),
      item(3, 'sent', { attempts: 1, receiptId: '812', reason: 'Delivered: Backupchecks run 812 (created).', sentAt: iso(0.2) }),
      item(4, 'rejected', { attempts: 1, reason: 'Backupchecks refused it: run.status is invalid.' }),
    ],
  };
}

function item(id: number, state: OutboxView['items'][number]['state'], extra: Partial<OutboxView['items'][number]>): OutboxView['items'][number] {
  return {
    id,
    runId: id,
    externalId: `cove:101:D01:${1_790_000_000 + id}`,
    deviceId: 101,
    deviceName: 'ACME-SRV01',
    dataSource: 'D01',
    dataSourceName: 'Files and Folders',
    sessionAt: iso(id),
    mode: 'run',
    state,
    waitingForUpload: false,
    attempts: 0,
    nextAttemptAt: null,
    receiptId: null,
    reason: null,
    lastError: null,
    lastHttpStatus: null,
    updatedAt: iso(0.1),
    sentAt: null,
    ...extra,
  };
}

const PREVIEW: ConfirmPreview = { localDay: '2026-12-03', timeZone: 'Europe/Amsterdam', total: 3, confirmable: 2, needOutcome: 0, alreadyConfirmed: 1, blocked: 0, runs: [] };

function fake(summary: Partial<UploadSummaryView> = {}): FakeCoveTray {
  const tray = fakeCoveTray({
    ...defaultHandlers(appState({ upload: { ...SUMMARY, ...summary } })),
    'app:get-runs': () => RUNS,
    'app:get-outbox': () => outbox(summary),
    'app:preview-confirm': () => PREVIEW,
    'app:confirm-runs': (request) => ({
      ok: true,
      confirmed: request.selection.kind === 'runs' ? request.selection.runIds.map((runId) => ({ runId, externalId: `cove:101:D01:${runId}`, status: 'Success' as const, outcome: 'reviewed' as const })) : [{ runId: 1, externalId: 'x', status: 'Success' as const, outcome: 'reviewed' as const }],
      skipped: [],
      uploading: false,
    }),
    'app:unconfirm-run': () => ({ ok: true }),
    'app:upload-now': () => ({ attempted: 2, outcomes: { sent: 2 }, problem: null, summary: { ...SUMMARY, pending: 0 } }),
    'app:get-upload-attempts': () => [
      { attemptedAt: iso(0.3), requestId: 'r1', httpStatus: null, networkError: 'connection refused', resultState: 'retrying' as const, durationMs: 4 },
      { attemptedAt: iso(0.2), requestId: 'r2', httpStatus: 201, networkError: null, resultState: 'sent' as const, durationMs: 38 },
    ],
  });
  return tray;
}

function renderDevice(tray: FakeCoveTray, onBack = vi.fn()) {
  render(
    <ApiContext.Provider value={tray.api}>
      <DevicePage
        customerId={1}
        deviceId={101}
        dataVersion="v1"
        now={Date.now()}
        dataSource={null}
        onDataSource={() => undefined}
        selectedSource={null}
        onSelectSource={() => undefined}
        onBack={onBack}
        onHome={() => undefined}
      />
    </ApiContext.Provider>,
  );
  return onBack;
}

async function runRows(): Promise<HTMLTableRowElement[]> {
  const table = await screen.findByRole('table', { name: 'Run history, newest first' });
  return [...table.querySelectorAll<HTMLTableRowElement>('tbody tr')];
}

const checkbox = (row: HTMLElement) => within(row).getByRole('checkbox') as HTMLInputElement;
const lastRequest = (tray: FakeCoveTray, channel: string) => tray.calls.filter((c) => c.channel === channel).at(-1)?.request;

useWindowTestEnvironment();

describe('confirming runs in a device’s run history', () => {
  it('selects runs with checkboxes and confirms them with a note', async () => {
    const tray = fake();
    renderDevice(tray);
    const rows = await runRows();
    expect(rows.map((r) => checkbox(r).disabled)).toEqual([false, false, true, true, true]);
    expect(checkbox(rows[2]).title).toMatch(/colour bar/);
    expect(within(rows[2]).getByText('Not uploadable')).toBeTruthy();

    const confirmButton = screen.getByRole('button', { name: 'Confirm selected…' }) as HTMLButtonElement;
    expect(confirmButton.disabled).toBe(true);
    fireEvent.click(checkbox(rows[0]));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm 1 run…' }));

    const dialog = await screen.findByRole('dialog', { name: 'Confirm 1 run' });
    // A successful run needs no outcome.
    expect(within(dialog).queryByRole('radio')).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('Note (optional)'), { target: { value: '  looked fine  ' } });
    const runsBefore = tray.calls.filter((c) => c.channel === 'app:get-runs').length;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm 1 run' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(lastRequest(tray, 'app:confirm-runs')).toEqual({ selection: { kind: 'runs', runIds: [1] }, note: 'looked fine' });
    expect(screen.getByRole('status').textContent).toBe('Confirmed 1 run. They wait for “Upload confirmed”.');
    await waitFor(() => expect(tray.calls.filter((c) => c.channel === 'app:get-runs').length).toBeGreaterThan(runsBefore));
  });

  it('selects every confirmable run from the header checkbox', async () => {
    const tray = fake();
    renderDevice(tray);
    await runRows();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all runs that can be confirmed' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm 2 runs…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getAllByRole('listitem')).toHaveLength(2);
  });

  it('asks a failed run for an outcome; marking it a success needs a reason', async () => {
    const tray = fake();
    renderDevice(tray);
    const rows = await runRows();
    fireEvent.click(checkbox(rows[1]));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm 1 run…' }));
    const dialog = await screen.findByRole('dialog');
    const submit = within(dialog).getByRole('button', { name: 'Confirm 1 run' });

    fireEvent.click(submit);
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/failed or had warnings/);
    expect(tray.calls.some((c) => c.channel === 'app:confirm-runs')).toBe(false);

    fireEvent.click(within(dialog).getByRole('radio', { name: /Mark as success/ }));
    fireEvent.click(submit);
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toMatch(/needs a reason/));
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByLabelText('Reason (required)')));

    fireEvent.change(within(dialog).getByLabelText('Reason (required)'), { target: { value: 'Locked PST, user informed' } });
    fireEvent.click(submit);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(lastRequest(tray, 'app:confirm-runs')).toEqual({ selection: { kind: 'runs', runIds: [2] }, outcome: 'mark_success', reason: 'Locked PST, user informed' });
  });

  it('shows what the app refused, with the fix, and keeps the dialog open', async () => {
    const tray = fake();
    tray.handlers['app:confirm-runs'] = () => ({ ok: false, code: 'not-confirmable', message: 'Run cove:101:D01:1 cannot be confirmed.', fix: 'Leave it out of the selection.' });
    renderDevice(tray);
    const rows = await runRows();
    fireEvent.click(checkbox(rows[0]));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm 1 run…' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm 1 run' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Run cove:101:D01:1 cannot be confirmed. Leave it out of the selection.');
  });

  it('works from the keyboard: Space selects, the dialog keeps the keys, Esc cancels without leaving the page', async () => {
    const tray = fake();
    const onBack = renderDevice(tray);
    const rows = await runRows();
    const box = checkbox(rows[0]);
    box.focus();
    // Space on a focused checkbox is a click.
    fireEvent.click(box);
    expect(box.checked).toBe(true);
    const open = screen.getByRole('button', { name: 'Confirm 1 run…' });
    open.focus();
    fireEvent.click(open);
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));

    const windowKeys = vi.fn();
    window.addEventListener('keydown', windowKeys);
    fireEvent.keyDown(document.activeElement as Element, { key: 'j' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    window.removeEventListener('keydown', windowKeys);
    expect(windowKeys).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(onBack).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(open);
    expect(box.checked).toBe(true);
  });

  it('marks confirmed runs with who and where the upload stands, and un-confirms until uploaded', async () => {
    const tray = fake();
    renderDevice(tray);
    const rows = await runRows();
    expect(rows[3].textContent).toContain('Confirmed · Waiting for upload');
    expect(rows[3].textContent).toContain('J. Jansen');
    expect(rows[3].querySelector('.cell-upload')?.getAttribute('title')).toContain('Note: morning round');
    expect(rows[4].textContent).toContain('Confirmed · Sent');
    expect(rows[4].textContent).toContain('run 812');
    expect(within(rows[4]).queryByRole('button', { name: /Un-confirm/ })).toBeNull();

    fireEvent.click(within(rows[3]).getByRole('button', { name: /Un-confirm/ }));
    await waitFor(() => expect(lastRequest(tray, 'app:unconfirm-run')).toEqual({ runId: 4 }));
    expect(await screen.findByText('Confirmation withdrawn.')).toBeTruthy();
  });

  it('confirms all successful runs of the device today after showing how many', async () => {
    const tray = fake();
    renderDevice(tray);
    await runRows();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm all successful runs today' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm today’s successful runs of ACME-SRV01' });
    expect(lastRequest(tray, 'app:preview-confirm')).toEqual({ kind: 'device', deviceId: 101, filter: { statuses: ['Success'], localDay: 'today' } });
    // The day in the same words as the run history's ("Thu, Dec 3"), not ISO.
    expect(dialog.textContent).toContain(`2 successful runs of ACME-SRV01 on ${formatDay('2026-12-03T12:00:00Z', Date.now())} will`);
    expect(dialog.textContent).not.toContain('2026-12-03');
    expect(dialog.textContent).toContain('1 confirmed already');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm 2 runs' }));
    await waitFor(() => expect(lastRequest(tray, 'app:confirm-runs')).toEqual({ selection: { kind: 'device', deviceId: 101, filter: { statuses: ['Success'], localDay: 'today' } } }));

    tray.handlers['app:preview-confirm'] = () => ({ ...PREVIEW, confirmable: 0, alreadyConfirmed: 3 });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm all successful runs today' }));
    expect(await screen.findByText('All 3 successful runs of ACME-SRV01 today are confirmed already.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('uploads what is confirmed in one click and says how it went', async () => {
    const tray = fake({ pending: 2, waitingForUpload: 2 });
    renderDevice(tray);
    await runRows();
    const upload = await screen.findByRole('button', { name: 'Upload 2 confirmed' });
    fireEvent.click(upload);
    expect(await screen.findByText('Uploaded 2 runs: 2 sent.')).toBeTruthy();
    expect(tray.calls.filter((c) => c.channel === 'app:upload-now')).toHaveLength(1);

    // The pushed state keeps the count current (and the run history reloads: let it finish inside act).
    await act(async () => tray.emit('app:state-changed', appState({ upload: { ...SUMMARY, pending: 0 } })));
    expect((screen.getByRole('button', { name: 'Upload confirmed' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('a notification\'s "Confirm & upload"', () => {
  /** Newest first: an unfinished session, the newest finished one (two data sources, one failed), an older one. */
  const SESSION_RUNS: RunView[] = [
    run(11, { sessionAt: iso(0.5), coveStatus: 1, coveStatusName: 'In process', status: 'running' }, { status: null, blocker: 'The session has not finished yet.' }),
    run(12, { sessionAt: iso(2), coveStatus: 2, coveStatusName: 'Failed', status: 'failed', errors: 3 }, { status: 'Failed' }),
    run(13, { sessionAt: iso(2), dataSource: 'D02', dataSourceName: 'System State' }),
    run(14, { sessionAt: iso(26) }),
  ];

  function sessionFake(summary: Partial<UploadSummaryView> = {}): FakeCoveTray {
    const tray = fake(summary);
    tray.handlers['app:get-runs'] = () => SESSION_RUNS;
    return tray;
  }

  const channels = (tray: FakeCoveTray) => tray.calls.map((c) => c.channel).filter((c) => c === 'app:confirm-runs' || c === 'app:upload-now');

  it('opens the device with the dialog on its newest finished session; confirming confirms, then uploads', async () => {
    const tray = sessionFake();
    render(
      <ApiContext.Provider value={tray.api}>
        <App />
      </ApiContext.Provider>,
    );
    await screen.findByText('Acme Ltd (it@acme.example)');
    act(() => tray.emit('app:navigate', { customerId: 1, deviceId: 101, confirm: true }));

    const dialog = await screen.findByRole('dialog', { name: 'Confirm & upload ACME-SRV01’s newest runs' });
    expect(screen.getByRole('heading', { name: 'ACME-SRV01' })).toBeTruthy();
    expect(within(dialog).getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringMatching(/^Files and Folders · .* · Failed$/), expect.stringMatching(/^System State · .* · Success$/)]);
    // The newest session's runs are the selection in the history behind the dialog.
    const rows = await runRows();
    expect(rows.map((r) => checkbox(r).checked)).toEqual([false, true, true, false]);
    expect(channels(tray)).toEqual([]);

    // The failed run needs an outcome, as always: nothing is confirmed without the technician.
    const submit = within(dialog).getByRole('button', { name: 'Confirm & upload 2 runs' });
    fireEvent.click(submit);
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/failed or had warnings/);
    expect(channels(tray)).toEqual([]);

    fireEvent.click(within(dialog).getByRole('radio', { name: /Reviewed/ }));
    fireEvent.click(submit);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(channels(tray)).toEqual(['app:confirm-runs', 'app:upload-now']));
    expect(lastRequest(tray, 'app:confirm-runs')).toEqual({ selection: { kind: 'runs', runIds: [12, 13] }, outcome: 'reviewed' });
    expect(await screen.findByText('Confirmed 2 runs. Uploaded 2 runs: 2 sent.')).toBeTruthy();
  });

  it('the window the action opened takes it from the pending navigation; Cancel confirms and uploads nothing', async () => {
    const tray = sessionFake();
    tray.handlers['app:pending-navigation'] = () => ({ customerId: 1, deviceId: 101, confirm: true });
    render(
      <ApiContext.Provider value={tray.api}>
        <App />
      </ApiContext.Provider>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Confirm & upload ACME-SRV01’s newest runs' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(channels(tray)).toEqual([]);
    expect(screen.getByRole('heading', { name: 'ACME-SRV01' })).toBeTruthy();
  });

  it('says so when the device has nothing finished left to confirm', async () => {
    const tray = sessionFake();
    tray.handlers['app:get-runs'] = () => RUNS.filter((r) => r.upload?.confirmation || r.upload?.blocker);
    render(
      <ApiContext.Provider value={tray.api}>
        <App />
      </ApiContext.Provider>,
    );
    await screen.findByText('Acme Ltd (it@acme.example)');
    act(() => tray.emit('app:navigate', { customerId: 1, deviceId: 101, confirm: true }));
    expect(await screen.findByText('ACME-SRV01 has no finished run left to confirm.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(channels(tray)).toEqual([]);
  });
});

describe('the uploads page', () => {
  it('lists every upload with its state, next attempt, receipt or reason, and the audit of one', async () => {
    const tray = fake({ pending: 2, waitingForUpload: 1 });
    render(
      <ApiContext.Provider value={tray.api}>
        <OutboxPage now={Date.now()} onBack={() => undefined} onOpenSettings={() => undefined} />
      </ApiContext.Provider>,
    );
    const list = await screen.findByRole('list', { name: 'Uploads, unfinished first' });
    const items = within(list).getAllByRole('listitem');
    expect(screen.getByTestId('upload-destination').textContent).toBe('The built-in Backupchecks stub (demo mode) at http://127.0.0.1:40123');
    expect(items[0].textContent).toContain('Waiting for “Upload confirmed”');
    expect(items[1].textContent).toMatch(/Retrying.*Next attempt in 60 s/);
    expect(items[1].textContent).toContain('HTTP 503');
    expect(items[2].textContent).toContain('Receipt: run 812');
    expect(items[3].textContent).toContain('Rejected');
    expect(items[3].textContent).toContain('Backupchecks refused it: run.status is invalid.');

    const summary = items[2].querySelector('summary') as HTMLElement;
    (items[2].querySelector('details') as HTMLDetailsElement).open = true;
    fireEvent(items[2].querySelector('details') as HTMLElement, new Event('toggle'));
    const audit = await within(items[2]).findByRole('table');
    expect(lastRequest(tray, 'app:get-upload-attempts')).toEqual({ externalId: 'cove:101:D01:1790000003' });
    expect(audit.textContent).toContain('connection refused');
    expect(audit.textContent).toContain('HTTP 201');
    expect(summary).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Upload 2 confirmed' }));
    expect(await screen.findByText('Uploaded 2 runs: 2 sent.')).toBeTruthy();
  });

  it('explains a refused key and sends the technician to Settings', async () => {
    const tray = fake({ destination: 'server', url: 'https://bc.example.com', sender: 'credentials', pending: 3, problem: { message: 'Backupchecks rejected the API key (HTTP 401).', fix: 'Enter the current key in Settings → Backupchecks.' } });
    const openSettings = vi.fn();
    render(
      <ApiContext.Provider value={tray.api}>
        <OutboxPage now={Date.now()} onBack={() => undefined} onOpenSettings={openSettings} />
      </ApiContext.Provider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Backupchecks rejected the API key (HTTP 401).');
    fireEvent.click(within(alert).getByRole('button', { name: 'Open Settings' }));
    expect(openSettings).toHaveBeenCalled();
  });

  it('opens from the header, which shows how many confirmed runs wait', async () => {
    const tray = fake({ pending: 3, waitingForUpload: 3 });
    render(
      <ApiContext.Provider value={tray.api}>
        <App />
      </ApiContext.Provider>,
    );
    const button = await screen.findByRole('button', { name: 'Uploads to Backupchecks: 3 confirmed runs waiting' });
    fireEvent.click(button);
    expect(await screen.findByRole('heading', { name: 'Uploads to Backupchecks' })).toBeTruthy();
    fireEvent.keyDown(window, { key: 'Escape' });
    await screen.findByRole('listbox', { name: /Customers/ });
  });
});

describe('Backupchecks settings', () => {
  async function openSettings(tray: FakeCoveTray) {
    render(
      <ApiContext.Provider value={tray.api}>
        <App />
      </ApiContext.Provider>,
    );
    await screen.findByRole('listbox');
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    return screen.findByTestId('backupchecks-settings');
  }

  it('never pre-fills the key, shows it as saved, and sends URL, mode, automatic upload and a new key', async () => {
    const tray = fake();
    tray.handlers['app:get-settings'] = () => settingsView({ backupchecks: { url: 'https://bc.example.com', mode: 'run', autoUpload: false }, backupchecksKeySaved: true });
    const section = await openSettings(tray);
    const key = within(section).getByLabelText('Backupchecks API key') as HTMLInputElement;
    expect(key.type).toBe('password');
    expect(key.value).toBe('');
    expect(within(section).getByTestId('backupchecks-key-saved').textContent).toBe('Saved in keychain');
    expect((within(section).getByLabelText('Backupchecks address') as HTMLInputElement).value).toBe('https://bc.example.com');

    fireEvent.click(within(section).getByRole('radio', { name: /Reviews only/ }));
    fireEvent.click(within(section).getByRole('switch', { name: /Upload as soon as a run is confirmed/ }));
    fireEvent.change(key, { target: { value: ' new-key ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(lastRequest(tray, 'app:save-settings')).toMatchObject({ backupchecks: { url: 'https://bc.example.com', mode: 'review', autoUpload: true }, backupchecksKey: 'new-key' }));
  });

  it('shows a refused key at its field and keeps the rest', async () => {
    const tray = fake();
    tray.handlers['app:save-settings'] = (input) =>
      input.backupchecksKey ? { ok: false, field: 'backupchecksKey', message: 'Backupchecks rejected the API key (HTTP 401).' } : { ok: true, settings: settingsView() };
    const section = await openSettings(tray);
    fireEvent.change(within(section).getByLabelText('Backupchecks address'), { target: { value: 'https://bc.example.com' } });
    const key = within(section).getByLabelText('Backupchecks API key');
    fireEvent.change(key, { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByText('Backupchecks rejected the API key (HTTP 401).');
    expect(error.closest('.field')?.querySelector('input')).toBe(key);
    await waitFor(() => expect(document.activeElement).toBe(key));

    // Without a key, nothing secret is sent.
    fireEvent.change(key, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('listbox', { name: /Customers/ });
    const sent = lastRequest(tray, 'app:save-settings') as Record<string, unknown>;
    expect('backupchecksKey' in sent).toBe(false);
    expect(sent.backupchecks).toEqual({ url: 'https://bc.example.com', mode: 'run', autoUpload: false });
  });
});

describe('a customer page', () => {
  it('confirms all successful runs of the customer today', async () => {
    const tray = fake();
    render(
      <ApiContext.Provider value={tray.api}>
        <App />
      </ApiContext.Provider>,
    );
    fireEvent.click(await screen.findByText('Acme Ltd (it@acme.example)'));
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm all successful runs today' }));
    const dialog = await screen.findByRole('dialog');
    expect(lastRequest(tray, 'app:preview-confirm')).toEqual({ kind: 'customer', customerId: 1, filter: { statuses: ['Success'], localDay: 'today' } });
    expect(dialog.textContent).toContain(`2 successful runs of Acme Ltd (it@acme.example) on ${formatDay('2026-12-03T12:00:00Z', Date.now())} will`);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm 2 runs' }));
    expect(await screen.findByText(/^Confirmed 1 run\./)).toBeTruthy();
  });
});
