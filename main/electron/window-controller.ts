/**
 * The one status window: created at start (shown, or loaded hidden when started at login),
 * closed to the tray (hidden, not destroyed) until the app quits. It loads only the app's own page, with the hardened webPreferences.
 */
import { BrowserWindow } from 'electron';
import type { EventChannel, EventContract } from '../../preload/contract';
import { PRODUCT_NAME } from '../config/app-paths';
import { APP_ENTRY_URL, buildWebPreferences } from './security-policy';

export interface WindowControllerOptions {
  preloadPath: string;
  /** Window icon for Windows and Linux (macOS takes the bundle icon). */
  iconPath?: string;
  entryUrl?: string;
}

export class WindowController {
  private window: BrowserWindow | null = null;
  private quitting = false;

  constructor(private readonly options: WindowControllerOptions) {}

  get current(): BrowserWindow | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  /** Shows the window (creating it if needed) and brings it to the front: tray Open, second launch. */
  show(): void {
    const window = this.ensure();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  hide(): void {
    this.current?.hide();
  }

  /** Loads the page without showing it, so the first Open from the tray is instant. */
  prepare(): void {
    this.ensure();
  }

  /** From now on a close really closes: the app is quitting. */
  allowClose(): void {
    this.quitting = true;
  }

  /** Pushes an event to the page; waits for the page to finish loading first. */
  send<E extends EventChannel>(channel: E, payload: EventContract[E]): void {
    const window = this.current;
    if (!window || window.webContents.isDestroyed()) return;
    const contents = window.webContents;
    if (contents.isLoading()) contents.once('did-finish-load', () => !contents.isDestroyed() && contents.send(channel, payload));
    else contents.send(channel, payload);
  }

  private ensure(): BrowserWindow {
    const existing = this.current;
    if (existing) return existing;
    const window = new BrowserWindow({
      width: 1040,
      height: 700,
      minWidth: 640,
      minHeight: 420,
      show: false,
      title: PRODUCT_NAME,
      icon: this.options.iconPath,
      autoHideMenuBar: true,
      webPreferences: buildWebPreferences(this.options.preloadPath),
    });
    window.on('close', (event) => {
      // A tray app keeps running: closing the window only hides it.
      if (this.quitting) return;
      event.preventDefault();
      window.hide();
    });
    // Windows is logging off or shutting down: a hidden-on-close window must not hold that up.
    window.on('session-end', () => this.allowClose());
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    this.window = window;
    void window.loadURL(this.options.entryUrl ?? APP_ENTRY_URL);
    return window;
  }
}
