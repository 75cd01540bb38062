/**
 * Composition root of the Electron main process (bundled to out/main/main.cjs): the real
 * AppService over electron-store settings, the OS keychain and Chromium's network stack.
 */
import path from 'node:path';
import { app } from 'electron';
import Store from 'electron-store';
import { AppService, type SettingsRepository } from '../app/app-service';
import { userDataDir } from '../config/app-paths';
import { KeytarSecretStore } from '../config/secret-store';
import type { Settings } from '../config/settings';
import { startTrayApp } from './app-shell';
import { chromiumHttp } from './chromium-http';
import { engineControls } from './notification-controls';
import { ELECTRON_STORE_OPTIONS, StoreSettingsRepository } from './settings-repository';

/** Equal to electron-builder.yml's appId. */
export const APP_ID = 'com.covetraymonitor.app';

/** resources/ in a checkout, the packaged copy (electron-builder extraResources) in an install. */
function resourcePath(...parts: string[]): string {
  return app.isPackaged ? path.join(process.resourcesPath, ...parts) : path.join(app.getAppPath(), 'resources', ...parts);
}

/** The configured Backupchecks host (Settings → Backupchecks), so links to its run pages may open. */
function backupchecksHosts(settings: Settings): string[] {
  const url = settings.backupchecks.url;
  return url ? [url] : [];
}

// The CLI honours COVE_TRAY_DATA_DIR; the app must read and write the same folder.
if (process.env.COVE_TRAY_DATA_DIR) app.setPath('userData', userDataDir());

let settings: SettingsRepository | null = null;

startTrayApp({
  appId: APP_ID,
  paths: {
    preload: path.join(__dirname, '../preload/index.cjs'),
    rendererDir: path.join(__dirname, '../renderer'),
    trayDir: resourcePath('tray'),
    windowIcon: resourcePath('icon.png'),
  },
  // Notifications (issue 4): the tray's "Pause notifications" snoozes everything in the open target's engine.
  notifications: (service) => engineControls(service.notifications),
  externalHosts: () => (settings ? backupchecksHosts(settings.read()) : []),
  createService: ({ userDataDir: dataDir, isOnline, notifier }) => {
    settings = new StoreSettingsRepository(new Store<Settings>({ ...ELECTRON_STORE_OPTIONS, cwd: dataDir }));
    return new AppService({ dataDir, settings, secrets: new KeytarSecretStore(), isOnline, http: chromiumHttp(), notifier });
  },
}).catch((error: unknown) => {
  console.error('Cove Tray Monitor could not start:', error);
  app.exit(1);
});
