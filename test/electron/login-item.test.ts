/**
 * Start at login: the XDG autostart file on Linux (path, Exec quoting, write/remove) and
 * Electron's login items on Windows and macOS, through the fake electron module.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { autostartDesktopEntry, autostartFilePath, quoteExecArg } from '../../main/electron/autostart-entry';
import { createLoginItem, launchedHidden } from '../../main/electron/login-item';
import { app, resetFakeElectron } from './fake-electron';

describe('autostartFilePath', () => {
  it('uses $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
    expect(autostartFilePath({ XDG_CONFIG_HOME: '/home/t/.cfg' }, '/home/t')).toBe('/home/t/.cfg/autostart/cove-tray-monitor.desktop');
    expect(autostartFilePath({}, '/home/t')).toBe('/home/t/.config/autostart/cove-tray-monitor.desktop');
    // The spec ignores a relative XDG_CONFIG_HOME.
    expect(autostartFilePath({ XDG_CONFIG_HOME: 'relative' }, '/home/t')).toBe('/home/t/.config/autostart/cove-tray-monitor.desktop');
  });
});

describe('quoteExecArg', () => {
  it.each([
    ['/opt/Cove/cove-tray-monitor', '/opt/Cove/cove-tray-monitor'],
    ['--hidden', '--hidden'],
    ['/opt/Cove Tray Monitor/cove-tray-monitor', '"/opt/Cove Tray Monitor/cove-tray-monitor"'],
    ['/home/t/Apps/Cove-Tray-Monitor-0.1.0.AppImage', '/home/t/Apps/Cove-Tray-Monitor-0.1.0.AppImage'],
    ['/weird/$HOME/`x`/"q"', '"/weird/\\\\$HOME/\\\\`x\\\\`/\\\\"q\\\\""'],
    ['/100%/app', '"/100%%/app"'],
    ['C:\\dir', '"C:\\\\\\\\dir"'],
  ])('%s → %s', (arg, quoted) => expect(quoteExecArg(arg)).toBe(quoted));

  it('refuses line breaks', () => {
    expect(() => quoteExecArg('/x\nExec=rm -rf ~')).toThrow(/line breaks/);
  });
});

describe('autostartDesktopEntry', () => {
  it('writes a minimal desktop entry that starts the app hidden', () => {
    expect(autostartDesktopEntry({ name: 'Cove Tray Monitor', executable: '/opt/Cove Tray Monitor/cove-tray-monitor', args: ['--hidden'] })).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Cove Tray Monitor',
        'Comment=Watches Cove Data Protection backups from the tray',
        'Exec="/opt/Cove Tray Monitor/cove-tray-monitor" --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });
});

describe('createLoginItem', () => {
  let home: string;

  beforeEach(() => {
    resetFakeElectron();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cove-home-'));
  });

  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('Linux: writes and removes ~/.config/autostart/cove-tray-monitor.desktop pointing at the AppImage', () => {
    app.isPackaged = true;
    const item = createLoginItem({ platform: 'linux', env: { APPIMAGE: '/home/t/Apps/Cove Tray Monitor.AppImage' }, home, execPath: '/tmp/.mount_Cove/cove-tray-monitor' });
    const file = path.join(home, '.config', 'autostart', 'cove-tray-monitor.desktop');
    expect(item.supported).toBe(true);
    expect(item.isEnabled()).toBe(false);
    item.setEnabled(true);
    expect(item.isEnabled()).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toContain('Exec="/home/t/Apps/Cove Tray Monitor.AppImage" --hidden\n');
    item.setEnabled(false);
    expect(fs.existsSync(file)).toBe(false);
    expect(item.isEnabled()).toBe(false);
    item.setEnabled(false); // removing twice is fine
  });

  it('Linux: uses process.execPath for a deb install and the app folder when unpackaged', () => {
    app.isPackaged = true;
    const packaged = createLoginItem({ platform: 'linux', env: { XDG_CONFIG_HOME: path.join(home, 'cfg') }, home, execPath: '/opt/Cove Tray Monitor/cove-tray-monitor' });
    packaged.setEnabled(true);
    expect(fs.readFileSync(path.join(home, 'cfg', 'autostart', 'cove-tray-monitor.desktop'), 'utf8')).toContain('Exec="/opt/Cove Tray Monitor/cove-tray-monitor" --hidden');

    app.isPackaged = false;
    app.appPath = '/work/main';
    const dev = createLoginItem({ platform: 'linux', env: {}, home, execPath: '/work/main/node_modules/electron/dist/electron' });
    dev.setEnabled(true);
    expect(fs.readFileSync(path.join(home, '.config', 'autostart', 'cove-tray-monitor.desktop'), 'utf8')).toContain('Exec=/work/main/node_modules/electron/dist/electron /work/main --hidden');
  });

  it('Windows: registers the executable with --hidden and asks with the same path and args', () => {
    app.isPackaged = true;
    const item = createLoginItem({ platform: 'win32', env: {}, execPath: 'C:\\Users\\t\\AppData\\Local\\Programs\\Cove Tray Monitor\\Cove Tray Monitor.exe' });
    item.setEnabled(true);
    expect(app.loginItemCalls).toEqual([{ openAtLogin: true, path: 'C:\\Users\\t\\AppData\\Local\\Programs\\Cove Tray Monitor\\Cove Tray Monitor.exe', args: ['--hidden'] }]);
    expect(item.isEnabled()).toBe(true);
    expect(app.loginItemQueries.at(-1)).toEqual({ path: 'C:\\Users\\t\\AppData\\Local\\Programs\\Cove Tray Monitor\\Cove Tray Monitor.exe', args: ['--hidden'] });
    item.setEnabled(false);
    expect(app.loginItemCalls.at(-1)).toMatchObject({ openAtLogin: false });
  });

  it('Windows, unpackaged: quotes an app folder with spaces', () => {
    app.isPackaged = false;
    app.appPath = 'C:\\src\\cove tray';
    createLoginItem({ platform: 'win32', env: {}, execPath: 'C:\\src\\cove tray\\node_modules\\electron\\dist\\electron.exe' }).setEnabled(true);
    expect(app.loginItemCalls[0]).toMatchObject({ args: ['"C:\\src\\cove tray"', '--hidden'] });
  });

  it('macOS: uses the login item API with openAtLogin only', () => {
    const item = createLoginItem({ platform: 'darwin', env: {} });
    item.setEnabled(true);
    expect(app.loginItemCalls).toEqual([{ openAtLogin: true }]);
    expect(item.isEnabled()).toBe(true);
  });

  it('other platforms: not supported', () => {
    const item = createLoginItem({ platform: 'freebsd', env: {} });
    expect(item.supported).toBe(false);
    expect(item.isEnabled()).toBe(false);
  });
});

describe('launchedHidden', () => {
  beforeEach(() => resetFakeElectron());

  it('is true with --hidden, or on macOS when opened as a login item', () => {
    expect(launchedHidden(['/x/app', '--hidden'], 'linux')).toBe(true);
    expect(launchedHidden(['/x/app'], 'linux')).toBe(false);
    expect(launchedHidden(['/x/app'], 'darwin')).toBe(false);
    app.loginItem.wasOpenedAtLogin = true;
    expect(launchedHidden(['/x/app'], 'darwin')).toBe(true);
  });
});
