/**
 * Linux start-at-login: Electron has no API there, so we write an XDG autostart entry
 * ourselves. Pure functions: the path and the file text.
 */
import path from 'node:path';

export const AUTOSTART_FILE_NAME = 'cove-tray-monitor.desktop';
/** Passed when the app is started at login: start in the tray without opening the window. */
export const HIDDEN_ARG = '--hidden';

/** `$XDG_CONFIG_HOME/autostart/…`, falling back to `~/.config/autostart/…`. */
export function autostartFilePath(env: NodeJS.ProcessEnv, home: string): string {
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(configHome, 'autostart', AUTOSTART_FILE_NAME);
}

/**
 * Quotes one Exec argument per the Desktop Entry spec: reserved characters need double quotes
 * (with `"`, `` ` ``, `$` and `\` escaped inside), `%` is doubled, and the string-level escape
 * then doubles every backslash.
 */
export function quoteExecArg(arg: string): string {
  if (/[\n\r\0]/.test(arg)) throw new Error('An Exec argument cannot contain line breaks or NUL');
  const quoted = /^[A-Za-z0-9_\-./=+,:@]+$/.test(arg) ? arg : `"${arg.replace(/[`"$\\]/g, '\\$&')}"`;
  return quoted.replace(/%/g, '%%').replace(/\\/g, '\\\\');
}

export interface AutostartEntryOptions {
  name: string;
  /** The executable: the AppImage path when run from one, else process.execPath. */
  executable: string;
  args?: readonly string[];
  comment?: string;
}

export function autostartDesktopEntry(options: AutostartEntryOptions): string {
  const exec = [options.executable, ...(options.args ?? [])].map(quoteExecArg).join(' ');
  const line = (value: string) => value.replace(/[\r\n]+/g, ' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${line(options.name)}`,
    `Comment=${line(options.comment ?? 'Watches Cove Data Protection backups from the tray')}`,
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
