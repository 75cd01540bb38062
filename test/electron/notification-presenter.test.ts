/**
 * The Electron notification adapter (issue 4) with a fake `electron` module: what each platform
 * is shown (urgency, sound, actions, tag), the log panel push, and click routing — window open,
 * window closed (hidden, or never created), still loading, macOS actions, Windows activations
 * (a toast in Action Center, and the click that started the app). Also the tray's muted icon,
 * failing count and "Pause notifications" over the engine's snooze.
 */
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import type { Notifier } from '../../main/app/notification-service';
import { type RunningShell, type ShellOptions, startTrayApp } from '../../main/electron/app-shell';
import { engineControls } from '../../main/electron/notification-controls';
import { nativeOptions, notificationTag, parseNotificationTag, tagFromActivation } from '../../main/electron/notification-presenter';
import type { NotificationSummary } from '../../preload/notification-contract';
import { FakeAppService, NOW, makeState } from './fake-app-service';
import { BrowserWindow, type FakeMenu, Notification, Tray, app, ipcMain, resetFakeElectron } from './fake-electron';
import { TRAY_DIR, useStubRenderer } from './stub-renderer';
import { makeNotification } from './fake-notifications';

const renderer = useStubRenderer();

beforeEach(() => {
  resetFakeElectron();
});

interface Launched {
  shell: RunningShell;
  service: FakeAppService;
  notifier: Notifier;
  errors: unknown[];
}

async function launch(overrides: Partial<ShellOptions> = {}, service = new FakeAppService()): Promise<Launched> {
  let notifier: Notifier | null = null;
  const errors: unknown[] = [];
  const shell = await startTrayApp({
    appId: 'com.covetraymonitor.app',
    paths: { preload: '/app/out/preload/index.cjs', rendererDir: renderer.dir, trayDir: TRAY_DIR, windowIcon: '/app/resources/icon.png' },
    createService: (context) => {
      notifier = context.notifier;
      return service;
    },
    notifications: (s) => engineControls(s.notifications),
    loginItem: { supported: false, isEnabled: () => false, setEnabled: () => undefined },
    platform: 'linux',
    argv: [],
    now: () => NOW,
    onError: (error) => errors.push(error),
    ...overrides,
  });
  if (!shell || !notifier) throw new Error('expected the shell to start');
  await shell.started;
  return { shell, service, notifier, errors };
}

const sentOf = (window: BrowserWindow, channel: string) => window.webContents.sent.filter(([c]) => c === channel).map(([, payload]) => payload);
const lastNotification = () => Notification.instances[Notification.instances.length - 1];

const DEVICE = makeNotification();
const BATCH = makeNotification({ id: '8', kind: 'failed', title: 'Contoso: 3 devices failed', target: { kind: 'customer', customerId: 5 }, actions: [] });
const SUMMARY = makeNotification({ id: '9', kind: 'summary', title: 'Backup problems at 12 customers', urgency: 'critical', target: { kind: 'problems' }, actions: [] });
/** One device's failure and recovery as the batcher makes them: with "Confirm & upload". */
const FAILED = makeNotification({ id: '10', actions: ['open', 'acknowledge', 'confirm'] });
const RECOVERED = makeNotification({ id: '11', kind: 'recovered', title: 'Contoso: SRV-01 recovered', actions: ['open', 'confirm'] });

describe('what each platform shows', () => {
  it('Linux: libnotify urgency, a sound only for critical, no actions, the window icon', () => {
    expect(nativeOptions(DEVICE, 'linux', '/icon.png')).toEqual({ title: DEVICE.title, body: DEVICE.body, silent: true, urgency: 'normal', icon: '/icon.png' });
    expect(nativeOptions(SUMMARY, 'linux')).toMatchObject({ silent: false, urgency: 'critical' });
  });

  it('macOS: Open and Acknowledge buttons on a device notification, an identifier, no urgency', () => {
    const options = nativeOptions(DEVICE, 'darwin', '/icon.png');
    expect(options).toEqual({
      title: DEVICE.title,
      body: DEVICE.body,
      silent: true,
      id: notificationTag(DEVICE),
      actions: [
        { type: 'button', text: 'Open' },
        { type: 'button', text: 'Acknowledge' },
      ],
    });
    expect(nativeOptions(BATCH, 'darwin').actions).toBeUndefined();
  });

  it('macOS: "Confirm & upload" on one device\'s failure and recovery; Windows and Linux show no buttons', () => {
    expect(nativeOptions(FAILED, 'darwin').actions).toEqual([
      { type: 'button', text: 'Open' },
      { type: 'button', text: 'Acknowledge' },
      { type: 'button', text: 'Confirm & upload' },
    ]);
    expect(nativeOptions(RECOVERED, 'darwin').actions).toEqual([
      { type: 'button', text: 'Open' },
      { type: 'button', text: 'Confirm & upload' },
    ]);
    expect(nativeOptions(FAILED, 'win32').actions).toBeUndefined();
    expect(nativeOptions(FAILED, 'linux').actions).toBeUndefined();
  });

  it('Windows: the toast tag finds the notification again; no urgency (it would pin the toast)', () => {
    const options = nativeOptions(SUMMARY, 'win32');
    expect(options).toMatchObject({ silent: false, id: notificationTag(SUMMARY) });
    expect(options.urgency).toBeUndefined();
    expect(options.actions).toBeUndefined();
  });

  it('tags carry the log id and time, and are read back from activation arguments', () => {
    const tag = notificationTag(DEVICE);
    expect(tag).toBe(`7-${Date.parse(DEVICE.createdAt) / 1000}`);
    expect(parseNotificationTag(tag)).toEqual({ id: '7', createdAt: Date.parse(DEVICE.createdAt) / 1000 });
    expect(tagFromActivation(`type=click&tag=${tag}`)).toBe(tag);
    expect(tagFromActivation(tag)).toBe(tag);
    expect(tagFromActivation('cove-tray-monitor.exe --flag')).toBeNull();
    expect(tagFromActivation('')).toBeNull();
  });
});

describe('showing', () => {
  it('shows each notification once and pushes it to the window for the log panel', async () => {
    const { notifier } = await launch();
    notifier.show(DEVICE);
    expect(Notification.instances).toHaveLength(1);
    expect(lastNotification().shown).toBe(true);
    expect(lastNotification().options).toMatchObject({ title: DEVICE.title, urgency: 'normal' });
    expect(sentOf(BrowserWindow.instances[0], 'app:notification')).toEqual([DEVICE]);
  });

  it('still fills the log panel where the desktop has no notifications', async () => {
    Notification.supported = false;
    const { notifier, errors } = await launch();
    notifier.show(DEVICE);
    expect(Notification.instances).toHaveLength(0);
    expect(sentOf(BrowserWindow.instances[0], 'app:notification')).toEqual([DEVICE]);
    expect(errors).toEqual([]);
  });
});

describe('click routing', () => {
  it('window open: shows it and opens the device at once', async () => {
    const { notifier } = await launch();
    const window = BrowserWindow.instances[0];
    window.minimize();
    notifier.show(DEVICE);
    lastNotification().click();
    expect(window.isVisible()).toBe(true);
    expect(window.isMinimized()).toBe(false);
    expect(window.focused).toBe(true);
    expect(sentOf(window, 'app:navigate')).toEqual([{ customerId: 5, deviceId: 42 }]);
    await expect(ipcMain.invoke('app:pending-navigation')).resolves.toBeNull();
  });

  it('a customer batch opens the customer, the summary the problems list', async () => {
    const { notifier } = await launch();
    const window = BrowserWindow.instances[0];
    notifier.show(BATCH);
    lastNotification().click();
    notifier.show(SUMMARY);
    lastNotification().click();
    expect(sentOf(window, 'app:navigate')).toEqual([
      { customerId: 5, deviceId: null },
      { customerId: null, deviceId: null, view: 'problems' },
    ]);
  });

  it('window closed to the tray (hidden): shows the same window and navigates', async () => {
    const { notifier } = await launch();
    const window = BrowserWindow.instances[0];
    window.close();
    expect(window.isVisible()).toBe(false);
    notifier.show(DEVICE);
    lastNotification().click();
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(window.isVisible()).toBe(true);
    expect(sentOf(window, 'app:navigate')).toEqual([{ customerId: 5, deviceId: 42 }]);
  });

  it('started at login, page still loading hidden: shows it, and the page takes the navigation once it listens', async () => {
    const { notifier } = await launch({ argv: ['--hidden'] });
    expect(BrowserWindow.instances).toHaveLength(1);
    const window = BrowserWindow.instances[0];
    expect(window.isVisible()).toBe(false);
    window.webContents.loading = true;
    notifier.show(DEVICE);
    lastNotification().click();
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(window.isVisible()).toBe(true);
    // Sent now, the event would reach a page that is not listening yet.
    expect(sentOf(window, 'app:navigate')).toEqual([]);
    await expect(ipcMain.invoke('app:pending-navigation')).resolves.toEqual({ customerId: 5, deviceId: 42 });
    await expect(ipcMain.invoke('app:pending-navigation')).resolves.toBeNull();
  });

  it('window still loading: the latest click waits for the page', async () => {
    const { notifier } = await launch();
    const window = BrowserWindow.instances[0];
    window.webContents.loading = true;
    notifier.show(DEVICE);
    lastNotification().click();
    notifier.show(SUMMARY);
    lastNotification().click();
    expect(sentOf(window, 'app:navigate')).toEqual([]);
    await expect(ipcMain.invoke('app:pending-navigation')).resolves.toEqual({ customerId: null, deviceId: null, view: 'problems' });
  });

  it('macOS: the Acknowledge button opens the device with its acknowledge dialog, Open just opens it', async () => {
    const { notifier } = await launch({ platform: 'darwin' });
    const window = BrowserWindow.instances[0];
    notifier.show(DEVICE);
    lastNotification().action(1);
    lastNotification().action(0);
    expect(sentOf(window, 'app:navigate')).toEqual([
      { customerId: 5, deviceId: 42, acknowledge: true },
      { customerId: 5, deviceId: 42 },
    ]);
  });
});

describe('Confirm & upload', () => {
  it('macOS: the third button of a failure opens the device with its confirm dialog (window open)', async () => {
    const { notifier } = await launch({ platform: 'darwin' });
    const window = BrowserWindow.instances[0];
    notifier.show(FAILED);
    lastNotification().action(2);
    lastNotification().action(1);
    lastNotification().action(0);
    expect(sentOf(window, 'app:navigate')).toEqual([
      { customerId: 5, deviceId: 42, confirm: true },
      { customerId: 5, deviceId: 42, acknowledge: true },
      { customerId: 5, deviceId: 42 },
    ]);
  });

  it('macOS: a recovery has it second (there is nothing to acknowledge)', async () => {
    const { notifier } = await launch({ platform: 'darwin' });
    const window = BrowserWindow.instances[0];
    notifier.show(RECOVERED);
    lastNotification().action(1);
    expect(sentOf(window, 'app:navigate')).toEqual([{ customerId: 5, deviceId: 42, confirm: true }]);
  });

  it('window closed to the tray: shows it and navigates with confirm', async () => {
    const { notifier } = await launch({ platform: 'darwin' });
    const window = BrowserWindow.instances[0];
    window.close();
    notifier.show(FAILED);
    lastNotification().action(2);
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(window.isVisible()).toBe(true);
    expect(sentOf(window, 'app:navigate')).toEqual([{ customerId: 5, deviceId: 42, confirm: true }]);
  });

  it('started at login, page still loading hidden: the confirm navigation waits for the page', async () => {
    const { notifier } = await launch({ platform: 'darwin', argv: ['--hidden'] });
    const window = BrowserWindow.instances[0];
    window.webContents.loading = true;
    notifier.show(FAILED);
    lastNotification().action(2);
    expect(window.isVisible()).toBe(true);
    expect(sentOf(window, 'app:navigate')).toEqual([]);
    await expect(ipcMain.invoke('app:pending-navigation')).resolves.toEqual({ customerId: 5, deviceId: 42, confirm: true });
    await expect(ipcMain.invoke('app:pending-navigation')).resolves.toBeNull();
  });

  it('window still loading: the confirm navigation waits for the page', async () => {
    const { notifier } = await launch({ platform: 'darwin' });
    const window = BrowserWindow.instances[0];
    window.webContents.loading = true;
    notifier.show(RECOVERED);
    lastNotification().action(1);
    expect(sentOf(window, 'app:navigate')).toEqual([]);
    await expect(ipcMain.invoke('app:pending-navigation')).resolves.toEqual({ customerId: 5, deviceId: 42, confirm: true });
  });

  it('Windows and Linux: no buttons; the click still just opens the device', async () => {
    for (const platform of ['win32', 'linux'] as const) {
      resetFakeElectron();
      const { notifier } = await launch({ platform });
      const window = BrowserWindow.instances[0];
      notifier.show(FAILED);
      expect(lastNotification().options.actions).toBeUndefined();
      lastNotification().click();
      expect(sentOf(window, 'app:navigate')).toEqual([{ customerId: 5, deviceId: 42 }]);
    }
  });

  it('Windows: an activation from Action Center opens the device without the dialog', async () => {
    const { service } = await launch({ platform: 'win32' });
    service.notifications.log.push(FAILED);
    const window = BrowserWindow.instances[0];
    Notification.activate({ type: 'action', actionIndex: 2, arguments: `type=action&tag=${notificationTag(FAILED)}` });
    await vi.waitFor(() => expect(sentOf(window, 'app:navigate')).toEqual([{ customerId: 5, deviceId: 42 }]));
  });
});

describe('Windows activation', () => {
  it('the click that started the app: replayed once the cache is open, routed when the page listens', async () => {
    const service = new FakeAppService();
    service.notifications.log.push(DEVICE);
    let openCache: () => void = () => undefined;
    const cacheOpen = new Promise<void>((resolve) => {
      openCache = resolve;
    });
    const find = service.notifications.find;
    service.notifications.find = vi.fn(async (id: string) => {
      await cacheOpen;
      return find(id);
    });
    // Windows launched the app for this click before any handler existed.
    Notification.activate({ type: 'click', arguments: `type=click&tag=${notificationTag(DEVICE)}` });

    await launch({ platform: 'win32' }, service);
    expect(app.appUserModelId).toBe('com.covetraymonitor.app');
    expect(service.notifications.find).toHaveBeenCalledWith('7');
    const window = BrowserWindow.instances[0];
    window.webContents.loading = true;
    openCache();
    await vi.waitFor(async () => expect(await ipcMain.invoke('app:pending-navigation')).toEqual({ customerId: 5, deviceId: 42 }));
    expect(window.isVisible()).toBe(true);
    expect(sentOf(window, 'app:navigate')).toEqual([]);
  });

  it('a toast clicked in Action Center after a restart opens its device', async () => {
    const { service } = await launch({ platform: 'win32' });
    service.notifications.log.push(SUMMARY);
    const window = BrowserWindow.instances[0];
    window.hide();
    Notification.activate({ type: 'click', arguments: `type=click&tag=${notificationTag(SUMMARY)}` });
    await vi.waitFor(() => expect(sentOf(window, 'app:navigate')).toEqual([{ customerId: null, deviceId: null, view: 'problems' }]));
    expect(window.isVisible()).toBe(true);
  });

  it('an unknown or foreign tag only opens the window', async () => {
    const { service } = await launch({ platform: 'win32', argv: ['--hidden'] });
    service.notifications.log.push(DEVICE);
    // Same id, other time: a toast from another account's cache.
    Notification.activate({ type: 'click', arguments: 'type=click&tag=7-12345' });
    await vi.waitFor(() => expect(BrowserWindow.instances[0]?.isVisible()).toBe(true));
    Notification.activate({ type: 'click', arguments: '' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sentOf(BrowserWindow.instances[0], 'app:navigate')).toEqual([]);
    await expect(ipcMain.invoke('app:pending-navigation')).resolves.toBeNull();
  });

  it('a click on a live toast is routed once, by its own listener', async () => {
    const { notifier } = await launch({ platform: 'win32' });
    const window = BrowserWindow.instances[0];
    notifier.show(DEVICE);
    Notification.activate({ type: 'click', arguments: `type=click&tag=${notificationTag(DEVICE)}` });
    lastNotification().click();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sentOf(window, 'app:navigate')).toEqual([{ customerId: 5, deviceId: 42 }]);
  });
});

describe('tray', () => {
  const summary = (overrides: Partial<NotificationSummary>): NotificationSummary => ({
    worstUnacknowledged: 'failed',
    failing: 3,
    acknowledged: 0,
    allAcknowledged: false,
    snoozedUntil: null,
    quietHoursNow: false,
    ...overrides,
  });
  const iconFile = () => path.basename((Tray.instances[0].image as unknown as { path: string }).path);

  it('shows the worst unacknowledged state and the failing count; the muted icon when all are acknowledged', async () => {
    const { service } = await launch();
    service.emit(makeState({ overall: 'failed', notifications: summary({ acknowledged: 1 }) }));
    expect(iconFile()).toBe('failed-24.png');
    expect(Tray.instances[0].tooltip).toContain('3 failing devices, 1 acknowledged');

    service.emit(makeState({ overall: 'failed', notifications: summary({ worstUnacknowledged: 'warning', acknowledged: 3, allAcknowledged: true }) }));
    expect(iconFile()).toBe('muted-24.png');
    expect(Tray.instances[0].tooltip).toContain('3 failing devices, all acknowledged');

    // Acknowledged failures plus a stale device nobody acknowledged: the stale one sets the icon.
    service.emit(makeState({ overall: 'failed', notifications: summary({ worstUnacknowledged: 'stale', failing: 4, acknowledged: 3 }) }));
    expect(iconFile()).toBe('stale-24.png');
  });

  it('macOS puts the failing count next to the icon', async () => {
    const { service } = await launch({ platform: 'darwin' });
    service.emit(makeState({ overall: 'failed', notifications: summary({}) }));
    expect((Tray.instances[0] as unknown as { title: string }).title).toBe('3');
    service.emit(makeState({ overall: 'ok', notifications: summary({ worstUnacknowledged: 'ok', failing: 0 }) }));
    expect((Tray.instances[0] as unknown as { title: string }).title).toBe('');
  });

  it('"Pause notifications" snoozes everything in the engine and resumes it', async () => {
    const { service } = await launch();
    const menu = () => Tray.instances[0].menu as FakeMenu;
    menu().click('pause-hour');
    expect(service.notifications.snooze).toHaveBeenCalledWith({ kind: 'all' }, { until: NOW / 1000 + 3600 });
    expect(iconFile()).toBe('paused-24.png');
    menu().click('resume-notifications');
    expect(service.notifications.unsnooze).toHaveBeenCalledWith({ kind: 'all' });
    expect(iconFile()).not.toBe('paused-24.png');
  });
});

describe('IPC: the notification channels reach the notification service', () => {
  it('acknowledge, snooze, the log and the settings', async () => {
    const { service } = await launch();
    service.notifications.log.push(DEVICE);
    await expect(ipcMain.invoke('app:get-notifications', {})).resolves.toEqual([DEVICE]);
    await expect(ipcMain.invoke('app:acknowledge', { deviceId: 42, reason: 'Disk swap' })).resolves.toMatchObject({ ok: true, acknowledgement: { deviceId: 42, reason: 'Disk swap' } });
    expect(service.notifications.acknowledge).toHaveBeenCalledWith({ deviceId: 42, reason: 'Disk swap' });
    await ipcMain.invoke('app:unacknowledge', { deviceId: 42 });
    expect(service.notifications.unacknowledge).toHaveBeenCalledWith(42);
    await expect(ipcMain.invoke('app:snooze', { scope: { kind: 'customer', customerId: 5 }, duration: '4h' })).resolves.toMatchObject({ ok: true });
    expect(service.notifications.snoozeFor).toHaveBeenCalledWith({ kind: 'customer', customerId: 5 }, '4h');
    await ipcMain.invoke('app:unsnooze', { scope: { kind: 'customer', customerId: 5 } });
    expect(service.notifications.unsnooze).toHaveBeenCalledWith({ kind: 'customer', customerId: 5 });
    await expect(ipcMain.invoke('app:get-notification-settings')).resolves.toMatchObject({ quietHours: { enabled: false } });
  });

  it('refuses a malformed request before the service sees it', async () => {
    const { service } = await launch();
    await expect(ipcMain.invoke('app:acknowledge', { deviceId: 42 })).rejects.toThrow(/Invalid request for app:acknowledge/);
    await expect(ipcMain.invoke('app:snooze', { scope: { kind: 'all' }, duration: '1y' })).rejects.toThrow(/Invalid request for app:snooze/);
    expect(service.notifications.acknowledge).not.toHaveBeenCalled();
    expect(service.notifications.snoozeFor).not.toHaveBeenCalled();
  });
});
