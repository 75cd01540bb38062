/**
 * Where the app keeps its files. Mirrors Electron's `app.getPath('userData')` so the CLI and the
 * tray app share one cache and one settings file without importing Electron.
 */
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from '../store/fleet-store';

export const PRODUCT_NAME = 'Cove Tray Monitor';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.COVE_TRAY_DATA_DIR) return path.resolve(env.COVE_TRAY_DATA_DIR);
  const pathFor = platform === 'win32' ? path.win32 : path.posix;
  if (platform === 'win32') return pathFor.join(env.APPDATA || pathFor.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return pathFor.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return pathFor.join(env.XDG_CONFIG_HOME || pathFor.join(home, '.config'), PRODUCT_NAME);
}

/** Demo data lives in its own file so it never mixes with a real account's history. */
export function defaultDatabasePath(source: DataSource, dataDir = userDataDir()): string {
  return path.join(dataDir, source === 'demo' ? 'cache-demo.db' : 'cache.db');
}

/** electron-store's file, read by the CLI for the configured account. */
export function settingsFilePath(dataDir = userDataDir()): string {
  return path.join(dataDir, 'config.json');
}
