/**
 * The tray app's lifecycle around an Electron-free AppService: single instance, security,
 * the app:// protocol, window, tray, IPC, power events and an orderly quit. main.ts supplies
 * the real service; tests supply a fake one and a fake electron module.
 */
import { app, net, powerMonitor, session } from 'electron';
import type { AppState } from '../../preload/contract';
import type { AppService } from '../app/app-service';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { type ExternalHosts, createExternalOpener } from './external-links';
import { type WindowBackend, createInvokeHandlers, registerIpcHandlers } from './ipc-handlers';
import { type LoginItem, createLoginItem, launchedHidden } from './login-item';
import type { Notifier } from '../app/notification-service';
import type { NotificationControls } from './notification-controls';
import { NotificationPresenter } from './notification-presenter';
import { watchPowerEvents } from './power-events';
import { hardenAllWebContents, hardenSession } from './security';
import { TrayController } from './tray-controller';
import { WindowController } from './window-controller';

/** What the shell needs from AppService. */
export type TrayAppService = WindowBackend & Pick<AppService, 'start' | 'close' | 'pause' | 'resume' | 'onStateChanged'>;

export interface ShellPaths {
  /** The bundled preload (out/preload/index.cjs). */
  preload: string;
  /** The built renderer (out/renderer), served as app://cove-tray/. */
  rendererDir: string;
  /** resources/tray (or its packaged copy). */
  trayDir: string;
  windowIcon?: string;
}

export interface ShellOptions {
  /** Must equal electron-builder's appId: Windows ties notifications and the taskbar to it. */
  appId: string;
  paths: ShellPaths;
  /** `notifier` shows the notification engine's decisions (OS notifications, click routing): pass it to AppService. */
  createService(context: { userDataDir: string; isOnline: () => boolean; notifier: Notifier }): TrayAppService;
  /** The tray's "Pause notifications": fixed controls, or made from the service (engineControls(service.notifications)). */
  notifications: NotificationControls | ((service: TrayAppService) => NotificationControls);
  /** Hosts besides Cove's console that links may open (the configured Backupchecks host). */
  externalHosts?: ExternalHosts;
  loginItem?: LoginItem;
  platform?: NodeJS.Platform;
  argv?: readonly string[];
  now?: () => number;
  /** How often the tray re-reads the state, so the data age and "too old" stay current. */
  refreshMs?: number;
  onError?: (error: unknown) => void;
}

export interface RunningShell {
  service: TrayAppService;
  window: WindowController;
  tray: TrayController;
  loginItem: LoginItem;
  /** Notifications (issue 4): OS notifications and their click routing. */
  presenter: NotificationPresenter;
  /** Resolves when the service's first start (and poll) is done. */
  started: Promise<void>;
  /** Re-reads the state into the tray (and the window when the verdict changed). */
  refresh(): void;
  /** Stops timers and listeners and closes the service; quitting calls it. */
  shutdown(): Promise<void>;
}

/**
 * Call once at startup, before app 'ready'. Resolves to null when another instance already
 * runs (that one is brought to the front and this one quits).
 */
export function startTrayApp(options: ShellOptions): Promise<RunningShell | null> {
  const platform = options.platform ?? process.platform;
  const onError = options.onError ?? ((error: unknown) => console.error(error));

  // Both must happen before 'ready'.
  registerAppScheme();
  app.enableSandbox();

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve(null);
  }
  if (platform === 'win32') app.setAppUserModelId(options.appId);

  let window: WindowController | null = null;
  let showWhenReady = false;
  app.on('second-instance', () => {
    if (window) window.show();
    else showWhenReady = true;
  });
  // A tray app outlives its window.
  app.on('window-all-closed', () => undefined);

  return app.whenReady().then(() => {
    window = new WindowController({ preloadPath: options.paths.preload, iconPath: options.paths.windowIcon });
    return boot(options, window, platform, onError, showWhenReady);
  });
}

function boot(options: ShellOptions, window: WindowController, platform: NodeJS.Platform, onError: (error: unknown) => void, showNow: boolean): RunningShell {
  if (platform === 'darwin') app.dock?.hide();

  const openExternal = createExternalOpener(options.externalHosts);
  hardenSession(session.defaultSession);
  hardenAllWebContents(openExternal);
  serveAppProtocol(options.paths.rendererDir);

  // Notifications (issue 4): clicks open the window where they point; a Windows click that started the app is replayed.
  const presenter = new NotificationPresenter({
    window,
    platform,
    find: (id) => service.notifications.find(id),
    icon: options.paths.windowIcon,
    onError,
  });
  const service = options.createService({ userDataDir: app.getPath('userData'), isOnline: () => net.isOnline(), notifier: presenter });
  const notifications = typeof options.notifications === 'function' ? options.notifications(service) : options.notifications;
  presenter.listenForActivations();
  const loginItem = options.loginItem ?? createLoginItem({ platform });

  const startAtLogin = () => {
    try {
      return loginItem.isEnabled();
    } catch (error) {
      onError(error);
      return false;
    }
  };

  const tray = new TrayController({
    trayDir: options.paths.trayDir,
    platform,
    now: options.now,
    actions: {
      open: () => window.show(),
      pollNow: () => {
        service.pollNow().catch(onError);
      },
      pauseNotifications: (until) => {
        try {
          notifications.snoozeAll(until);
        } catch (error) {
          onError(error);
        }
        refresh();
      },
      resumeNotifications: () => {
        try {
          notifications.resume();
        } catch (error) {
          onError(error);
        }
        refresh();
      },
      setStartAtLogin: (enabled) => {
        try {
          loginItem.setEnabled(enabled);
        } catch (error) {
          onError(error);
        }
        refresh();
      },
      quit: () => app.quit(),
      // Confirm and upload (issue 5): "Upload N confirmed runs"; the state change that follows updates the menu.
      uploadNow: () => {
        service.uploadNow().catch(onError);
      },
    },
  });

  let verdict = '';
  const verdictOf = (state: AppState) => `${state.overall}|${state.dataUnavailable}`;
  const show = (state: AppState, pushToWindow: boolean) => {
    tray.update({ state, notificationsPausedUntil: notifications.snoozedUntil(), startAtLogin: startAtLogin(), startAtLoginSupported: loginItem.supported });
    // Data turns "too old" with the clock alone, without any poll: tell the window too.
    if (pushToWindow || verdictOf(state) !== verdict) window.send('app:state-changed', state);
    verdict = verdictOf(state);
  };
  function refresh(): void {
    try {
      show(service.state(), false);
    } catch (error) {
      onError(error);
    }
  }

  tray.create();
  const disposeIpc = registerIpcHandlers(createInvokeHandlers(service, openExternal, () => presenter.takePendingNavigation()));
  const unsubscribe = service.onStateChanged((state) => show(state, true));
  const disposePower = watchPowerEvents(service, onError);
  const ticker = setInterval(refresh, options.refreshMs ?? 60_000);
  ticker.unref?.();

  // Linux and macOS shutdown: delay it briefly and quit in order (closing the cache) rather than be killed.
  // Electron passes an event here although its typings declare none.
  const onShutdown = (event?: { preventDefault?(): void }) => {
    event?.preventDefault?.();
    app.quit();
  };
  let closing: Promise<void> | null = null;
  const shutdown = () => {
    closing ??= (async () => {
      clearInterval(ticker);
      disposePower();
      powerMonitor.off('shutdown', onShutdown);
      unsubscribe();
      disposeIpc();
      tray.destroy();
      await service.close();
    })();
    return closing;
  };

  app.on('before-quit', () => window.allowClose());
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    // Close the cache and the demo server before the process goes.
    event.preventDefault();
    shutdown()
      .catch(onError)
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  app.on('activate', () => window.show());
  powerMonitor.on('shutdown', onShutdown);

  refresh();
  // Started at login: load the window hidden, so opening it later does not wait for the page.
  if (showNow || !launchedHidden(options.argv ?? process.argv, platform)) window.show();
  else window.prepare();
  const started = service.start().catch(onError);

  return { service, window, tray, loginItem, presenter, started, refresh, shutdown };
}
