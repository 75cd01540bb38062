/**
 * A hand-written stand-in for the `electron` module, used with
 * `vi.mock('electron', () => import('./fake-electron'))`. It keeps just enough state to check
 * the main-process wiring without the Electron binary: windows, tray, menus, IPC handlers,
 * session hooks, protocol handlers, power events and the quit sequence.
 * Exports are stable singletons (modules import them by name); `resetFakeElectron()` clears them.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

interface MenuItemLike {
  id?: string;
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  click?: (item: MenuItemLike, ...rest: unknown[]) => void;
  submenu?: MenuItemLike[];
}

export class FakeMenu {
  constructor(readonly items: MenuItemLike[]) {}

  find(id: string, items: MenuItemLike[] = this.items): MenuItemLike | undefined {
    for (const item of items) {
      if (item.id === id) return item;
      const inner = item.submenu && this.find(id, item.submenu);
      if (inner) return inner;
    }
    return undefined;
  }

  /** Clicks like Electron does: a checkbox flips before its click handler runs. */
  click(id: string): void {
    const item = this.find(id);
    if (!item) throw new Error(`No menu item ${id}`);
    if (item.enabled === false) throw new Error(`Menu item ${id} is disabled`);
    const clicked = item.type === 'checkbox' ? { ...item, checked: !item.checked } : item;
    item.click?.(clicked);
  }
}

export const Menu = {
  buildFromTemplate: (template: MenuItemLike[]) => new FakeMenu(template),
};

export class FakeNativeImage {
  template = false;
  constructor(readonly path: string) {}
  setTemplateImage(value: boolean): void {
    this.template = value;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  isEmpty(): boolean {
    return false;
  }
}

export const nativeImage = {
  createFromPath: (path: string) => new FakeNativeImage(path),
};

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  image: FakeNativeImage;
  tooltip = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  imageChanges = 0;

  constructor(image: FakeNativeImage) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }
  setImage(image: FakeNativeImage): void {
    this.image = image;
    this.imageChanges++;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  title = '';
  setTitle(text: string): void {
    this.title = text;
  }
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** Activation details as Electron hands them to `Notification.handleActivation` (Windows). */
export interface FakeActivation {
  type: string;
  arguments: string;
  actionIndex?: number;
}

/** OS notifications: records what was shown; a test clicks them or simulates a Windows activation. */
export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static supported = true;
  static activationHandler: ((details: FakeActivation) => void) | null = null;
  /** An activation that happened before a handler was registered (the click that started the app). */
  static pendingActivation: FakeActivation | null = null;
  shown = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    Notification.instances.push(this);
  }
  static isSupported(): boolean {
    return Notification.supported;
  }
  /** Like Electron: replays an activation that came before the handler. */
  static handleActivation(callback: (details: FakeActivation) => void): void {
    Notification.activationHandler = callback;
    const pending = Notification.pendingActivation;
    Notification.pendingActivation = null;
    if (pending) callback(pending);
  }
  /** The OS reports a click (e.g. in Action Center, or one that launches the app). */
  static activate(details: FakeActivation): void {
    if (Notification.activationHandler) Notification.activationHandler(details);
    else Notification.pendingActivation = details;
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.emit('close', new FakeEvent());
  }
  click(): void {
    this.emit('click', new FakeEvent());
  }
  action(actionIndex: number): void {
    this.emit('action', Object.assign(new FakeEvent(), { actionIndex }), actionIndex);
  }
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  sent: [string, unknown][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  loading = false;
  destroyed = false;

  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isLoading(): boolean {
    return this.loading;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emits a navigation event the way Electron does and says whether it was blocked. */
  navigate(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    const e = new FakeEvent(url);
    this.emit(event, e, url);
    return e.defaultPrevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  focused = false;
  destroyed = false;
  loadedUrl: string | null = null;

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => !w.destroyed);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  minimize(): void {
    this.minimized = true;
    this.focused = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like a click on the close button: 'close' may be prevented, else the window is gone. */
  close(): boolean {
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    return true;
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export const TRUSTED_FRAME: FakeFrame = { url: 'app://cove-tray/index.html', parent: null };

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
  /** Calls a handler as the renderer would, from `frame` (our page by default). */
  async invoke(channel: string, payload?: unknown, frame: FakeFrame | null = TRUSTED_FRAME): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frame, sender: null }, payload);
  },
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
});

export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed[key] = api;
  },
};

export const powerMonitor = new EventEmitter();

export const net = {
  online: true,
  isOnline: vi.fn(() => net.online),
  fetch: vi.fn(),
};

export const shell = {
  openExternal: vi.fn(async (_url: string) => undefined),
};

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string | string[]>; cancel?: boolean }) => void,
) => void;

export const session = {
  defaultSession: {
    permissionRequestHandler: null as ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
    permissionCheckHandler: null as ((...args: unknown[]) => boolean) | null,
    headersListener: null as HeadersListener | null,
    setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      this.permissionCheckHandler = handler;
    },
    webRequest: {
      onHeadersReceived(listener: HeadersListener) {
        session.defaultSession.headersListener = listener;
      },
    },
  },
};

export const protocol = {
  privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (app.isReadyFlag) throw new Error('registerSchemesAsPrivileged must be called before app is ready');
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (!app.isReadyFlag) throw new Error('protocol.handle must be called after app is ready');
    this.handlers.set(scheme, handler);
  },
};

interface LoginItemState {
  openAtLogin: boolean;
  wasOpenedAtLogin: boolean;
}

class FakeApp extends EventEmitter {
  isReadyFlag = false;
  lockAvailable = true;
  sandboxEnabled = false;
  appUserModelId: string | null = null;
  isPackaged = false;
  userData = '/tmp/cove-tray-fake-user-data';
  appPath = '/work/app';
  quitRequests = 0;
  hasQuit = false;
  exitCode: number | null = null;
  loginItem: LoginItemState = { openAtLogin: false, wasOpenedAtLogin: false };
  loginItemCalls: Record<string, unknown>[] = [];
  loginItemQueries: (Record<string, unknown> | undefined)[] = [];
  readonly dock = { hide: vi.fn(), show: vi.fn() };

  requestSingleInstanceLock(): boolean {
    return this.lockAvailable;
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  whenReady(): Promise<void> {
    this.isReadyFlag = true;
    return Promise.resolve();
  }
  isReady(): boolean {
    return this.isReadyFlag;
  }
  getPath(name: string): string {
    if (name === 'userData') return this.userData;
    return `/tmp/cove-tray-fake-${name}`;
  }
  setPath(name: string, value: string): void {
    if (name === 'userData') this.userData = value;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0';
  }
  getLoginItemSettings(query?: Record<string, unknown>): LoginItemState & { status: string } {
    this.loginItemQueries.push(query);
    return { ...this.loginItem, status: this.loginItem.openAtLogin ? 'enabled' : 'not-registered' };
  }
  setLoginItemSettings(settings: { openAtLogin?: boolean } & Record<string, unknown>): void {
    this.loginItemCalls.push(settings);
    this.loginItem.openAtLogin = settings.openAtLogin ?? false;
  }
  /** Electron's order: before-quit, close every window (any can veto), will-quit, quit. */
  quit(): void {
    this.quitRequests++;
    const beforeQuit = new FakeEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    for (const window of BrowserWindow.getAllWindows()) if (!window.close()) return;
    const willQuit = new FakeEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.hasQuit = true;
    this.emit('quit');
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  reset(): void {
    this.removeAllListeners();
    this.isReadyFlag = false;
    this.lockAvailable = true;
    this.sandboxEnabled = false;
    this.appUserModelId = null;
    this.isPackaged = false;
    this.userData = '/tmp/cove-tray-fake-user-data';
    this.appPath = '/work/app';
    this.quitRequests = 0;
    this.hasQuit = false;
    this.exitCode = null;
    this.loginItem = { openAtLogin: false, wasOpenedAtLogin: false };
    this.loginItemCalls = [];
    this.loginItemQueries = [];
    this.dock.hide.mockClear();
    this.dock.show.mockClear();
  }
}

export const app = new FakeApp();

export function resetFakeElectron(): void {
  app.reset();
  BrowserWindow.instances = [];
  Tray.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  Notification.activationHandler = null;
  Notification.pendingActivation = null;
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockClear();
  contextBridge.exposed = {};
  powerMonitor.removeAllListeners();
  net.online = true;
  net.isOnline.mockClear();
  shell.openExternal.mockClear();
  const s = session.defaultSession;
  s.permissionRequestHandler = null;
  s.permissionCheckHandler = null;
  s.headersListener = null;
  protocol.privileged = [];
  protocol.handlers.clear();
}
