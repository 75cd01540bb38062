/**
 * The tray icon: picks the icon and tooltip for the current AppState and keeps the context
 * menu current. Holds the only reference to the Tray so it is not garbage-collected.
 */
import { Menu, type NativeImage, Tray, nativeImage } from 'electron';
import type { AppState } from '../../preload/contract';
import { trayIconPath } from './tray-icons';
import { type TrayMenuActions, buildTrayMenu } from './tray-menu';
import { type TrayIconState, countsLine, dataAgeLine, morningLabel, trayIconState, trayTitle, trayTooltip } from './tray-appearance';

export interface TrayView {
  state: AppState;
  notificationsPausedUntil: Date | null;
  startAtLogin: boolean;
  startAtLoginSupported: boolean;
}

export interface TrayControllerOptions {
  trayDir: string;
  actions: TrayMenuActions;
  platform?: NodeJS.Platform;
  now?: () => number;
}

export class TrayController {
  private tray: Tray | null = null;
  private readonly images = new Map<TrayIconState, NativeImage>();
  private icon: TrayIconState | null = null;
  private tooltip = '';
  private title = '';
  private menuKey = '';
  private readonly platform: NodeJS.Platform;
  private readonly now: () => number;

  constructor(private readonly options: TrayControllerOptions) {
    this.platform = options.platform ?? process.platform;
    this.now = options.now ?? Date.now;
  }

  /** Creates the tray icon; call after app 'ready'. */
  create(): void {
    if (this.tray) return;
    this.icon = 'unavailable';
    this.tray = new Tray(this.image('unavailable'));
    this.tooltip = 'Cove Tray Monitor – starting…';
    this.tray.setToolTip(this.tooltip);
    // macOS opens the context menu on click; elsewhere a click opens the window (where the desktop delivers it).
    if (this.platform !== 'darwin') this.tray.on('click', () => this.options.actions.open());
  }

  get iconState(): TrayIconState | null {
    return this.icon;
  }

  update(view: TrayView): void {
    const tray = this.tray;
    if (!tray || tray.isDestroyed()) return;
    const extras = { notificationsPausedUntil: view.notificationsPausedUntil };
    const icon = trayIconState(view.state, extras);
    if (icon !== this.icon) {
      tray.setImage(this.image(icon));
      this.icon = icon;
    }
    const tooltip = trayTooltip(view.state, extras, this.now(), this.platform);
    if (tooltip !== this.tooltip) {
      tray.setToolTip(tooltip);
      this.tooltip = tooltip;
    }
    // Only the macOS menu bar shows text next to the icon.
    const title = this.platform === 'darwin' ? trayTitle(view.state) : '';
    if (title !== this.title) {
      tray.setTitle(title);
      this.title = title;
    }
    const model = {
      statusLine: `${countsLine(view.state)} – ${dataAgeLine(view.state, this.now()).toLowerCase()}`,
      polling: view.state.poll.state === 'polling',
      notificationsPausedUntil: view.notificationsPausedUntil,
      startAtLogin: view.startAtLogin,
      startAtLoginSupported: view.startAtLoginSupported,
      // Confirm and upload (issue 5)
      confirmedToUpload: view.state.upload?.pending ?? 0,
    };
    // Rebuilding an open menu closes it on some desktops: only rebuild when something shown changed.
    const key = JSON.stringify({ ...model, morning: morningLabel(new Date(this.now())) });
    if (key !== this.menuKey) {
      tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenu(model, this.options.actions, () => new Date(this.now()))));
      this.menuKey = key;
    }
  }

  destroy(): void {
    if (this.tray && !this.tray.isDestroyed()) this.tray.destroy();
    this.tray = null;
  }

  private image(state: TrayIconState): NativeImage {
    let image = this.images.get(state);
    if (!image) {
      image = nativeImage.createFromPath(trayIconPath(this.options.trayDir, state, this.platform));
      if (this.platform === 'darwin') image.setTemplateImage(true);
      this.images.set(state, image);
    }
    return image;
  }
}
