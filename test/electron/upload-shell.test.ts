/**
 * Confirm and upload (issue 5) in the Electron shell, through the fake electron module and a
 * fake AppService: the tray's "Upload N confirmed runs" item and the upload IPC channels.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { type RunningShell, startTrayApp } from '../../main/electron/app-shell';
import { SnoozeState } from './fake-snooze';
import { FakeAppService, NOW, UPLOAD_SUMMARY, makeState } from './fake-app-service';
import { type FakeMenu, Tray, ipcMain, resetFakeElectron } from './fake-electron';
import { TRAY_DIR, useStubRenderer } from './stub-renderer';

const renderer = useStubRenderer();

beforeEach(() => {
  resetFakeElectron();
});

async function launch(): Promise<{ shell: RunningShell; service: FakeAppService; errors: unknown[] }> {
  const service = new FakeAppService();
  service.current = makeState({ upload: { ...UPLOAD_SUMMARY } });
  const errors: unknown[] = [];
  const shell = await startTrayApp({
    appId: 'com.covetraymonitor.app',
    paths: { preload: '/app/out/preload/index.cjs', rendererDir: renderer.dir, trayDir: TRAY_DIR },
    createService: () => service,
    notifications: new SnoozeState(() => NOW),
    loginItem: { supported: true, isEnabled: () => false, setEnabled: () => undefined },
    platform: 'linux',
    argv: [],
    now: () => NOW,
    onError: (error) => errors.push(error),
  });
  if (!shell) throw new Error('expected the shell to start');
  await shell.started;
  return { shell, service, errors };
}

const menu = () => Tray.instances[0].menu as FakeMenu;

describe('tray: Upload N confirmed runs', () => {
  it('is disabled while nothing confirmed waits, and counts what does', async () => {
    const { service } = await launch();
    expect(menu().find('upload-now')).toMatchObject({ label: 'Upload confirmed runs', enabled: false });

    service.emit(makeState({ upload: { ...UPLOAD_SUMMARY, pending: 1, waitingForUpload: 1 } }));
    expect(menu().find('upload-now')).toMatchObject({ label: 'Upload 1 confirmed run', enabled: true });

    service.emit(makeState({ upload: { ...UPLOAD_SUMMARY, pending: 12, waitingForUpload: 12 } }));
    expect(menu().find('upload-now')).toMatchObject({ label: 'Upload 12 confirmed runs', enabled: true });
    expect(() => menu().click('upload-now')).not.toThrow();
    expect(service.uploadNow).toHaveBeenCalledTimes(1);

    service.emit(makeState({ upload: { ...UPLOAD_SUMMARY, pending: 0 } }));
    expect(menu().find('upload-now')?.enabled).toBe(false);
    expect(() => menu().click('upload-now')).toThrow(/disabled/);
  });

  it('sits right under Poll now', async () => {
    await launch();
    const ids = menu().items.map((i) => i.id).filter(Boolean);
    expect(ids.indexOf('upload-now')).toBe(ids.indexOf('poll-now') + 1);
  });

  it('reports a failed upload instead of crashing the tray', async () => {
    const { service, errors } = await launch();
    service.uploadNow.mockRejectedValueOnce(new Error('disk full'));
    service.emit(makeState({ upload: { ...UPLOAD_SUMMARY, pending: 2 } }));
    menu().click('upload-now');
    await vi.waitFor(() => expect(errors).toEqual([expect.objectContaining({ message: 'disk full' })]));
  });
});

describe('IPC: confirm and upload channels', () => {
  it('routes valid requests to the service', async () => {
    const { service } = await launch();
    const confirm = { selection: { kind: 'runs', runIds: [3, 4] }, note: 'ok', outcome: 'reviewed' };
    await expect(ipcMain.invoke('app:confirm-runs', confirm)).resolves.toMatchObject({ ok: true });
    expect(service.confirmRuns).toHaveBeenCalledWith(confirm);

    const day = { kind: 'customer', customerId: 5, filter: { statuses: ['Success'], localDay: 'today' } };
    await ipcMain.invoke('app:preview-confirm', day);
    expect(service.previewConfirm).toHaveBeenCalledWith(day);

    await ipcMain.invoke('app:unconfirm-run', { runId: 3 });
    expect(service.unconfirmRun).toHaveBeenCalledWith(3);
    await ipcMain.invoke('app:upload-now');
    expect(service.uploadNow).toHaveBeenCalledTimes(1);
    await ipcMain.invoke('app:get-outbox', { limit: 50 });
    expect(service.outbox).toHaveBeenCalledWith({ limit: 50 });
    await ipcMain.invoke('app:get-upload-attempts', { externalId: 'cove:1:D01:1772331300' });
    expect(service.uploadAttempts).toHaveBeenCalledWith('cove:1:D01:1772331300');
  });

  it.each([
    ['app:confirm-runs', { selection: { kind: 'runs', runIds: [] } }],
    ['app:confirm-runs', { selection: { kind: 'everything' } }],
    ['app:confirm-runs', { selection: { kind: 'runs', runIds: [1] }, outcome: 'approve' }],
    ['app:confirm-runs', { selection: { kind: 'runs', runIds: [1] }, by: 'someone else' }],
    ['app:unconfirm-run', { runId: '3' }],
    ['app:upload-now', { all: true }],
    ['app:get-upload-attempts', { externalId: 'x'.repeat(65) }],
  ])('refuses %s %j before the service sees it', async (channel, payload) => {
    const { service } = await launch();
    await expect(ipcMain.invoke(channel, payload)).rejects.toThrow(/Invalid request/);
    expect(service.confirmRuns).not.toHaveBeenCalled();
    expect(service.unconfirmRun).not.toHaveBeenCalled();
    expect(service.uploadNow).not.toHaveBeenCalled();
    expect(service.uploadAttempts).not.toHaveBeenCalled();
  });
});
