/**
 * Start at login: Electron's login items on Windows and macOS, an XDG autostart file on Linux.
 * The app is started with --hidden so it opens in the tray only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app } from 'electron';
import { PRODUCT_NAME } from '../config/app-paths';
import { HIDDEN_ARG, autostartDesktopEntry, autostartFilePath } from './autostart-entry';

export interface LoginItem {
  readonly supported: boolean;
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

export interface LoginItemOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
  execPath?: string;
}

/** How the app must be launched: unpackaged, electron needs the app folder as its first argument. */
function launchCommand(execPath: string, env: NodeJS.ProcessEnv): { executable: string; args: string[] } {
  if (app.isPackaged) return { executable: env.APPIMAGE || execPath, args: [HIDDEN_ARG] };
  return { executable: execPath, args: [app.getAppPath(), HIDDEN_ARG] };
}

export function createLoginItem(options: LoginItemOptions = {}): LoginItem {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const execPath = options.execPath ?? process.execPath;

  if (platform === 'win32' || platform === 'darwin') {
    // Windows matches the registry entry by path and args, so ask with the same ones we set.
    const command = launchCommand(execPath, env);
    // Windows joins the args into one command line: paths with spaces need their own quotes.
    const args = command.args.map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg));
    const query = platform === 'win32' ? { path: command.executable, args } : undefined;
    return {
      supported: true,
      isEnabled: () => app.getLoginItemSettings(query).openAtLogin,
      setEnabled: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, ...(query ?? {}) }),
    };
  }

  if (platform === 'linux') {
    const file = autostartFilePath(env, options.home ?? os.homedir());
    return {
      supported: true,
      isEnabled: () => fs.existsSync(file),
      setEnabled: (enabled) => {
        if (!enabled) {
          fs.rmSync(file, { force: true });
          return;
        }
        const command = launchCommand(execPath, env);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, autostartDesktopEntry({ name: PRODUCT_NAME, ...command }), { mode: 0o644 });
      },
    };
  }

  return { supported: false, isEnabled: () => false, setEnabled: () => undefined };
}

/** Whether this launch came from the login item: start in the tray without a window. */
export function launchedHidden(argv: readonly string[], platform: NodeJS.Platform = process.platform): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}
