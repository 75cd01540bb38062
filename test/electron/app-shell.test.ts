/**
 * The main-process wiring, driven through a fake electron module and a fake AppService:
 * single instance, tray icon/tooltip/menu, window hide-on-close, IPC sender and payload checks,
 * CSP, navigation and window.open, openExternal, power events and the quit sequence.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { type RunningShell, type ShellOptions, startTrayApp } from '../../main/electron/app-shell';
import type { LoginItem } from '../../main/electron/login-item';
import { SnoozeState } from './fake-snooze';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/security-policy';
import { type AppState, INVOKE_CHANNELS } from '../../preload/contract';
import { FakeAppService, NOW, makeState } from './fake-app-service';
import { BrowserWindow, FakeEvent, type FakeMenu, Tray, app, ipcMain, net, powerMonitor, protocol, resetFakeElectron, session, shell } from './fake-electron';
import { TRAY_DIR, useStubRenderer } from './stub-renderer';

const renderer = useStubRenderer();
let clock: number;

beforeEach(() => {
  resetFakeElectron();
  clock = NOW;
});

function fakeLoginItem(): LoginItem & { enabled: boolean; setEnabled: ReturnType<typeof vi.fn> } {
  const item = {
    supported: true,
    enabled: false,
    isEnabled: () => item.enabled,
    setEnabled: vi.fn((on: boolean) => {
      item.enabled = on;
    }),
  };
  return item;
}

interface Launched {
  shell: RunningShell;
  service: FakeAppService;
  notifications: SnoozeState;
  loginItem: ReturnType<typeof fakeLoginItem>;
  context: { userDataDir: string; isOnline: () => boolean };
  errors: unknown[];
}

async function launch(overrides: Partial<ShellOptions> = {}): Promise<Launched> {
  const service = new FakeAppService();
  const notifications = new SnoozeState(() => clock);
  const loginItem = fakeLoginItem();
  const errors: unknown[] = [];
  let context: Launched['context'] | null = null;
  const shell = await startTrayApp({
    appId: 'com.covetraymonitor.app',
    paths: { preload: '/app/out/preload/index.cjs', rendererDir: renderer.dir, trayDir: TRAY_DIR },
    createService: (ctx) => {
      context = ctx;
      return service;
    },
    notifications,
    loginItem,
    platform: 'linux',
    argv: [],
    now: () => clock,
    onError: (error) => errors.push(error),
    ...overrides,
  });
  if (!shell) throw new Error('expected the shell to start');
  await shell.started;
  return { shell, service, notifications, loginItem, context: context!, errors };
}

const tray = () => Tray.instances[0];
const menu = () => tray().menu as FakeMenu;
const mainWindow = () => BrowserWindow.instances[0];

describe('startup', () => {
  it('takes the single-instance lock, enables the sandbox, registers app:// before ready and starts the service', async () => {
    const { service, context } = await launch();
    expect(app.sandboxEnabled).toBe(true);
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(protocol.handlers.has('app')).toBe(true);
    expect(service.start).toHaveBeenCalledTimes(1);
    expect(context.userDataDir).toBe(app.getPath('userData'));
    expect(app.listenerCount('window-all-closed')).toBe(1);
  });

  it('quits at once when another instance holds the lock', async () => {
    app.lockAvailable = false;
    const createService = vi.fn();
    const result = await startTrayApp({
      appId: 'x',
      paths: { preload: 'p', rendererDir: renderer.dir, trayDir: TRAY_DIR },
      createService,
      notifications: new SnoozeState(),
      platform: 'linux',
    });
    expect(result).toBeNull();
    expect(app.quitRequests).toBe(1);
    expect(createService).not.toHaveBeenCalled();
    expect(Tray.instances).toHaveLength(0);
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('focuses the existing window when the app is launched a second time', async () => {
    await launch();
    const window = mainWindow();
    window.minimize();
    window.hide();
    app.emit('second-instance', new FakeEvent(), ['cove-tray-monitor'], '/');
    expect(window.isVisible()).toBe(true);
    expect(window.isMinimized()).toBe(false);
    expect(window.focused).toBe(true);
    expect(BrowserWindow.instances).toHaveLength(1);
  });

  it('creates the window with the hardened webPreferences and loads app://cove-tray/', async () => {
    await launch();
    const prefs = mainWindow().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(mainWindow().loadedUrl).toBe('app://cove-tray/index.html');
  });

  it('starts in the tray only when launched at login (--hidden), with the window loaded but hidden', async () => {
    await launch({ argv: ['/opt/cove/cove-tray-monitor', '--hidden'] });
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(mainWindow().isVisible()).toBe(false);
    expect(tray()).toBeDefined();
    menu().click('open');
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(mainWindow().isVisible()).toBe(true);
  });

  it('sets the AppUserModelID on Windows only and hides the Dock icon on macOS', async () => {
    await launch({ platform: 'win32' });
    expect(app.appUserModelId).toBe('com.covetraymonitor.app');
    expect(app.dock.hide).not.toHaveBeenCalled();

    resetFakeElectron();
    await launch({ platform: 'darwin' });
    expect(app.appUserModelId).toBeNull();
    expect(app.dock.hide).toHaveBeenCalled();

    resetFakeElectron();
    await launch({ platform: 'linux' });
    expect(app.appUserModelId).toBeNull();
  });

  it("passes net.isOnline to the service as its online check", async () => {
    const { context } = await launch();
    net.online = false;
    expect(context.isOnline()).toBe(false);
    net.online = true;
    expect(context.isOnline()).toBe(true);
    expect(net.isOnline).toHaveBeenCalledTimes(2);
  });
});

describe('tray icon and tooltip', () => {
  const cases: { name: string; state: AppState; icon: string; tooltip: RegExp[] }[] = [
    { name: 'ok', state: makeState(), icon: 'ok', tooltip: [/40 ok/, /Data from 3 min ago/] },
    {
      name: 'warning',
      state: makeState({ overall: 'warning', counts: { ok: 38, warning: 2, failed: 0, stale: 0, running: 0, never: 0, unknown: 0 } }),
      icon: 'warning',
      tooltip: [/2 warning, 38 ok/],
    },
    {
      name: 'failed',
      state: makeState({ overall: 'failed', counts: { ok: 30, warning: 1, failed: 3, stale: 2, running: 0, never: 0, unknown: 0 } }),
      icon: 'failed',
      tooltip: [/3 failed, 2 stale, 1 warning, 30 ok/],
    },
    {
      name: 'stale',
      state: makeState({ overall: 'stale', counts: { ok: 30, warning: 0, failed: 0, stale: 4, running: 0, never: 0, unknown: 0 } }),
      icon: 'stale',
      tooltip: [/4 stale, 30 ok/],
    },
    {
      name: 'data unavailable (last poll failed)',
      state: makeState(
        { overall: 'unavailable', dataUnavailable: true },
        { problem: { kind: 'unreachable', message: 'Cove did not answer', fix: 'Check the network' }, consecutiveFailures: 2 },
      ),
      icon: 'unavailable',
      tooltip: [/Data unavailable: Cove did not answer/],
    },
    {
      name: 'data unavailable (too old), never green',
      state: makeState({ overall: 'unavailable', dataUnavailable: true, asOf: new Date(NOW - 3 * 3600_000).toISOString() }),
      icon: 'unavailable',
      tooltip: [/Data from 3 h ago/, /too old/],
    },
    { name: 'paused polling', state: makeState({}, { state: 'paused', nextPollAt: null }), icon: 'paused', tooltip: [/Polling paused/] },
    {
      name: 'demo',
      state: makeState({ source: 'demo', accountLabel: 'Demo data', overall: 'failed' }),
      icon: 'demo',
      tooltip: [/Demo data/],
    },
  ];

  for (const { name, state, icon, tooltip } of cases) {
    it(`shows the ${icon} icon for ${name}`, async () => {
      const { service } = await launch();
      service.emit(state);
      expect(tray().image.path).toBe(path.join(TRAY_DIR, 'linux', `${icon}-24.png`));
      expect(fs.existsSync(tray().image.path)).toBe(true);
      for (const pattern of tooltip) expect(tray().tooltip).toMatch(pattern);
    });
  }

  it('uses template images on macOS and .ico files on Windows', async () => {
    const mac = await launch({ platform: 'darwin' });
    mac.service.emit(makeState({ overall: 'failed' }));
    expect(tray().image.path).toBe(path.join(TRAY_DIR, 'darwin', 'failedTemplate.png'));
    expect(tray().image.template).toBe(true);

    resetFakeElectron();
    const win = await launch({ platform: 'win32' });
    win.service.emit(makeState({ overall: 'warning' }));
    expect(tray().image.path).toBe(path.join(TRAY_DIR, 'win32', 'warning.ico'));
    expect(tray().image.template).toBe(false);
    expect(tray().tooltip.length).toBeLessThanOrEqual(127);
  });

  it('only swaps the image when the icon state changes', async () => {
    const { service } = await launch();
    const before = tray().imageChanges;
    service.emit(makeState({ overall: 'failed' }));
    service.emit(makeState({ overall: 'failed', counts: { ok: 1, warning: 0, failed: 9, stale: 0, running: 0, never: 0, unknown: 0 } }));
    expect(tray().imageChanges).toBe(before + 1);
  });

  it('pushes every state change to the window', async () => {
    const { service } = await launch();
    const state = makeState({ overall: 'failed' });
    service.emit(state);
    expect(mainWindow().webContents.sent).toContainEqual(['app:state-changed', state]);
  });

  it('re-reads the state on its timer, so data that grows old turns the icon to unavailable', async () => {
    const { service, shell } = await launch();
    service.emit(makeState());
    expect(tray().image.path).toMatch(/ok-24\.png$/);
    const sentBefore = mainWindow().webContents.sent.length;
    // No poll ran; AppService now judges the data too old.
    service.current = makeState({ overall: 'unavailable', dataUnavailable: true });
    clock += 11 * 60_000;
    shell.refresh();
    expect(tray().image.path).toMatch(/unavailable-24\.png$/);
    expect(mainWindow().webContents.sent.slice(sentBefore).map(([c]) => c)).toEqual(['app:state-changed']);
    // Nothing changed since: no further push.
    shell.refresh();
    expect(mainWindow().webContents.sent.length).toBe(sentBefore + 1);
  });
});

describe('tray menu', () => {
  it('offers Open, Poll now, Pause notifications, Start at login and Quit', async () => {
    await launch();
    const ids = menu().items.map((i) => i.id).filter(Boolean);
    expect(ids).toEqual(['status', 'open', 'poll-now', 'upload-now', 'pause', 'start-at-login', 'quit']);
    expect(menu().find('pause')?.submenu?.map((i) => i.id).filter(Boolean)).toEqual(['pause-hour', 'pause-morning', 'resume-notifications']);
  });

  it('Open shows and focuses the window; a left click on the tray does too', async () => {
    await launch();
    mainWindow().hide();
    menu().click('open');
    expect(mainWindow().isVisible()).toBe(true);
    mainWindow().hide();
    tray().emit('click');
    expect(mainWindow().isVisible()).toBe(true);
  });

  it('Poll now asks the service to poll', async () => {
    const { service } = await launch();
    menu().click('poll-now');
    expect(service.pollNow).toHaveBeenCalledTimes(1);
  });

  it('disables Poll now while a poll runs', async () => {
    const { service } = await launch();
    service.emit(makeState({}, { state: 'polling' }));
    expect(menu().find('poll-now')).toMatchObject({ enabled: false, label: 'Polling…' });
  });

  it('pauses notifications for an hour, shows it, and resumes', async () => {
    const { service, notifications } = await launch();
    service.emit(makeState({ overall: 'failed' }));
    menu().click('pause-hour');
    expect(notifications.snoozedUntil()?.getTime()).toBe(NOW + 3600_000);
    expect(tray().image.path).toMatch(/paused-24\.png$/);
    expect(tray().tooltip).toMatch(/Notifications paused until \d\d:\d\d/);
    expect(menu().find('resume-notifications')?.enabled).toBe(true);

    menu().click('resume-notifications');
    expect(notifications.snoozedUntil()).toBeNull();
    expect(tray().image.path).toMatch(/failed-24\.png$/);
    expect(menu().find('resume-notifications')?.enabled).toBe(false);
  });

  it('pauses notifications until tomorrow 08:00', async () => {
    const { notifications } = await launch();
    menu().click('pause-morning');
    const until = notifications.snoozedUntil()!;
    expect(until.getHours()).toBe(8);
    expect(until.getMinutes()).toBe(0);
    expect(until.getTime()).toBeGreaterThan(NOW);
    expect(until.getTime() - NOW).toBeLessThanOrEqual(28 * 3600_000);
  });

  it('toggles Start at login and shows the check mark', async () => {
    const { loginItem } = await launch();
    expect(menu().find('start-at-login')).toMatchObject({ type: 'checkbox', checked: false, enabled: true });
    menu().click('start-at-login');
    expect(loginItem.setEnabled).toHaveBeenCalledWith(true);
    expect(menu().find('start-at-login')?.checked).toBe(true);
    menu().click('start-at-login');
    expect(loginItem.setEnabled).toHaveBeenLastCalledWith(false);
    expect(menu().find('start-at-login')?.checked).toBe(false);
  });

  it('reports a failing login-item change instead of crashing', async () => {
    const { loginItem, errors } = await launch();
    loginItem.setEnabled.mockImplementationOnce(() => {
      throw new Error('read-only home');
    });
    menu().click('start-at-login');
    expect(errors).toHaveLength(1);
  });

  it('Quit lets the window close, stops listening and closes the service before the app exits', async () => {
    const { service } = await launch();
    menu().click('quit');
    expect(service.close).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(app.hasQuit).toBe(true));
    expect(mainWindow().isDestroyed()).toBe(true);
    expect(tray().isDestroyed()).toBe(true);
    expect(ipcMain.handlers.size).toBe(0);
    expect(service.listenerCount).toBe(0);
    expect(powerMonitor.listenerCount('suspend')).toBe(0);
  });
});

describe('window', () => {
  it('lets Windows log off: after session-end the window really closes', async () => {
    await launch();
    mainWindow().emit('session-end', new FakeEvent());
    expect(mainWindow().close()).toBe(true);
    expect(mainWindow().isDestroyed()).toBe(true);
  });

  it('quits in order when the system shuts down (Linux, macOS)', async () => {
    const { service } = await launch();
    const event = new FakeEvent();
    powerMonitor.emit('shutdown', event);
    expect(event.defaultPrevented).toBe(true);
    expect(service.close).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(app.hasQuit).toBe(true));
  });

  it('hides instead of closing, so the app stays in the tray', async () => {
    await launch();
    const window = mainWindow();
    expect(window.close()).toBe(false);
    expect(window.isDestroyed()).toBe(false);
    expect(window.isVisible()).toBe(false);
    menu().click('open');
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(window.isVisible()).toBe(true);
  });
});

describe('IPC', () => {
  it('answers our own page in the top frame', async () => {
    const { service } = await launch();
    await expect(ipcMain.invoke('app:get-state')).resolves.toEqual(service.current);
    await expect(ipcMain.invoke('app:get-customer', { customerId: 5 })).resolves.toMatchObject({ id: 5 });
    expect(service.customer).toHaveBeenCalledWith(5);
  });

  it('registers exactly the contract channels', async () => {
    await launch();
    // Every channel of preload/contract.ts (the window's own, notifications, uploads), and nothing else.
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(ipcMain.handlers.has('app:get-state')).toBe(true);
  });

  const foreign = [
    { name: 'another origin', frame: { url: 'https://evil.example/index.html', parent: null } },
    { name: 'a file: page', frame: { url: 'file:///tmp/index.html', parent: null } },
    { name: 'a look-alike app host', frame: { url: 'app://cove-tray.evil/index.html', parent: null } },
    { name: 'a subframe of our page', frame: { url: 'app://cove-tray/index.html', parent: { url: 'app://cove-tray/index.html', parent: null } } },
    { name: 'a destroyed frame', frame: null },
  ];
  for (const { name, frame } of foreign) {
    it(`refuses ${name}`, async () => {
      const { service } = await launch();
      service.state.mockClear(); // the tray read it at startup
      await expect(ipcMain.invoke('app:get-state', undefined, frame)).rejects.toThrow(/Refused app:get-state/);
      await expect(ipcMain.invoke('app:save-settings', {}, frame)).rejects.toThrow(/Refused/);
      expect(service.state).not.toHaveBeenCalled();
      expect(service.saveSettings).not.toHaveBeenCalled();
    });
  }

  const invalid: [string, unknown][] = [
    ['app:get-customer', { customerId: '5' }],
    ['app:get-customer', { customerId: 5, extra: true }],
    ['app:get-customer', undefined],
    ['app:get-runs', { deviceId: 1.5 }],
    ['app:search', { query: 'x'.repeat(10_000) }],
    ['app:get-state', { sneaky: true }],
    ['app:save-settings', { coveUrl: 'https://x', partner: 'p', username: 'u', pollIntervalMinutes: '5', staleThresholdHours: {}, displayName: '' }],
    ['app:open-external', { url: 42 }],
  ];
  for (const [channel, payload] of invalid) {
    it(`rejects an invalid payload on ${channel}: ${JSON.stringify(payload)?.slice(0, 60)}`, async () => {
      const { service } = await launch();
      await expect(ipcMain.invoke(channel, payload)).rejects.toThrow(/Invalid request/);
      expect(service.customer).not.toHaveBeenCalled();
      expect(service.runs).not.toHaveBeenCalled();
      expect(service.search).not.toHaveBeenCalled();
      expect(service.saveSettings).not.toHaveBeenCalled();
      expect(shell.openExternal).not.toHaveBeenCalled();
    });
  }

  it('passes a valid settings form through (the token goes to the service, never back)', async () => {
    const { service } = await launch();
    const input = {
      coveUrl: 'https://api.backup.management/jsonapi',
      partner: 'Acme',
      username: 'api',
      coveToken: 'secret-token',
      pollIntervalMinutes: 5,
      staleThresholdHours: { server: 24, workstation: 72, m365: 24, unknown: 24 },
      displayName: '',
    };
    const result = await ipcMain.invoke('app:save-settings', input);
    expect(service.saveSettings).toHaveBeenCalledWith(input);
    expect(JSON.stringify(result)).not.toContain('secret-token');
  });

  it('opens only allow-listed https links', async () => {
    await launch({ externalHosts: () => ['backupchecks.example.net'] });
    await expect(ipcMain.invoke('app:open-external', { url: 'https://backup.management/#/devices' })).resolves.toBe(true);
    await expect(ipcMain.invoke('app:open-external', { url: 'https://eu.backup.management/x' })).resolves.toBe(true);
    await expect(ipcMain.invoke('app:open-external', { url: 'https://backupchecks.example.net/runs/4' })).resolves.toBe(true);
    await expect(ipcMain.invoke('app:open-external', { url: 'https://backup.management.evil.test/' })).resolves.toBe(false);
    await expect(ipcMain.invoke('app:open-external', { url: 'http://backup.management/' })).resolves.toBe(false);
    await expect(ipcMain.invoke('app:open-external', { url: 'javascript:alert(1)' })).resolves.toBe(false);
    await expect(ipcMain.invoke('app:open-external', { url: 'file:///etc/passwd' })).resolves.toBe(false);
    expect(shell.openExternal.mock.calls.map(([u]) => u)).toEqual([
      'https://backup.management/#/devices',
      'https://eu.backup.management/x',
      'https://backupchecks.example.net/runs/4',
    ]);
  });
});

describe('web security', () => {
  it('adds the CSP header to app:// and file:// responses, not to others', async () => {
    await launch();
    const listener = session.defaultSession.headersListener!;
    const answer = (url: string, headers?: Record<string, string[]>) => {
      let response: unknown;
      listener({ url, responseHeaders: headers }, (r) => {
        response = r;
      });
      return response as { responseHeaders?: Record<string, string[]> };
    };
    expect(answer('app://cove-tray/index.html', { 'content-security-policy': ["default-src *"] }).responseHeaders).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      'X-Content-Type-Options': ['nosniff'],
    });
    expect(answer('file:///opt/app/index.html').responseHeaders?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(answer('https://api.backup.management/jsonapi', { a: ['b'] })).toEqual({});
  });

  it('serves the renderer over app:// with the CSP and refuses paths outside its folder', async () => {
    await launch();
    const handler = protocol.handlers.get('app')!;
    const ok = await handler(new Request('app://cove-tray/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await ok.text()).toContain('<title>Cove</title>');
    expect((await handler(new Request('app://cove-tray/'))).status).toBe(200);
    expect((await handler(new Request('app://cove-tray/assets/app.js'))).headers.get('content-type')).toMatch(/javascript/);

    const secret = path.join(path.dirname(renderer.dir), `${path.basename(renderer.dir)}-secret.txt`);
    fs.writeFileSync(secret, 'secret');
    try {
      for (const url of [
        `app://cove-tray/..%2F${path.basename(secret)}`,
        `app://cove-tray/%2e%2e/${path.basename(secret)}`,
        'app://cove-tray/..%2F..%2F..%2Fetc%2Fpasswd',
        'app://cove-tray/%00index.html',
        'app://other-host/index.html',
        'app://cove-tray/missing.js',
      ]) {
        const response = await handler(new Request(url));
        expect(response.status, url).toBe(404);
        expect(await response.text()).not.toContain('secret');
      }
      expect((await handler(new Request('app://cove-tray/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    } finally {
      fs.rmSync(secret, { force: true });
    }
  });

  it('denies every permission request and check', async () => {
    await launch();
    const granted: boolean[] = [];
    session.defaultSession.permissionRequestHandler!(null, 'media', (g) => granted.push(g));
    session.defaultSession.permissionRequestHandler!(null, 'notifications', (g) => granted.push(g));
    expect(granted).toEqual([false, false]);
    expect(session.defaultSession.permissionCheckHandler!(null, 'clipboard-read')).toBe(false);
  });

  it('blocks navigation away from the app and never opens new windows', async () => {
    await launch();
    const contents = mainWindow().webContents;
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
      expect(contents.navigate(event, 'https://evil.example/')).toBe(true);
      expect(contents.navigate(event, 'file:///etc/passwd')).toBe(true);
      expect(contents.navigate(event, 'app://cove-tray/index.html')).toBe(false);
    }
    const webview = new FakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);

    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://cove-tray/index.html' })).toEqual({ action: 'deny' });
    // An allow-listed link still opens, in the browser.
    expect(contents.windowOpenHandler!({ url: 'https://backup.management/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(shell.openExternal).toHaveBeenCalledWith('https://backup.management/'));
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('power events', () => {
  it('pauses polling on suspend and lock, polls again on resume and unlock', async () => {
    const { service } = await launch();
    powerMonitor.emit('suspend');
    expect(service.pause).toHaveBeenCalledTimes(1);
    powerMonitor.emit('resume');
    expect(service.resume).toHaveBeenCalledTimes(1);
    powerMonitor.emit('lock-screen');
    expect(service.pause).toHaveBeenCalledTimes(2);
    powerMonitor.emit('unlock-screen');
    expect(service.resume).toHaveBeenCalledTimes(2);
  });

  it('reports a failing resume instead of leaving an unhandled rejection', async () => {
    const { service, errors } = await launch();
    service.resume.mockRejectedValueOnce(new Error('cache closed'));
    powerMonitor.emit('resume');
    await vi.waitFor(() => expect(errors).toHaveLength(1));
  });
});
