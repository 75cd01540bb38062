/**
 * The browser bridge, assembled: the real AppService (real SQLite cache in a data directory,
 * a JSON settings file, an in-memory or OS keychain) behind the HTTP server, so the window can
 * be used and tested in any browser. Electron-free by design.
 *
 * With no account it shows the demo fleet (a built-in Cove simulator); `account` points it at
 * any Cove endpoint — in tests, a simulator standing in for a real Cove account.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NavigateTarget, NotificationView } from '../../preload/contract';
import { AppService } from '../app/app-service';
import { settingsFilePath } from '../config/app-paths';
import { MemorySecretStore, type SecretStore, coveTokenAccount } from '../config/secret-store';
import { JsonFileSettingsRepository } from '../config/settings-file';
import { DEFAULT_SETTINGS, type Settings } from '../config/settings';
import { DEMO_FLEET } from '../demo/demo-cove';
import { type CoveSimulator, DEMO_CREDENTIALS, startCoveSimulator } from '../simulator/cove-simulator';
import { bridgeClientScript } from './bridge-client-script';
import { createNotificationHandlers } from '../app/notification-handlers';
import { createUploadHandlers } from '../app/upload-handlers';
import { type ExtraChannels, createBridgeHandlers } from './bridge-handlers';
import { startBridgeServer } from './bridge-server';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_RENDERER_DIR = path.resolve(here, '../../out/renderer');

export interface BridgeAccount {
  url: string;
  partner: string;
  username: string;
  token: string;
}

export interface BrowserBridgeOptions {
  /** The built window; default out/renderer. */
  rendererDir?: string;
  /** Where the cache and settings live; default a new temp dir, removed on close. */
  dataDir?: string;
  port?: number;
  /** A configured Cove account (its token goes into the secret store). */
  account?: BridgeAccount;
  /** Starting settings, e.g. `cove.url` pointing at a simulator for first-run setup. */
  settings?: { coveUrl?: string; pollIntervalMinutes?: number; displayName?: string };
  /** Default: in memory, so trying the UI never touches the OS keychain. */
  secrets?: SecretStore;
  /** The demo fleet, when no account is set. */
  demo?: { devices?: number; seed?: number };
  /** Replaces the demo starter entirely (e.g. a simulator the test controls). */
  startDemo?: () => Promise<CoveSimulator>;
  /** Demo devices changed before each poll; default 0 in the bridge so what you see stays put. */
  demoChangesPerPoll?: number;
  now?: () => number;
  /** More channels, or replacements for the standard notification and upload ones. */
  extraChannels?: (service: AppService) => ExtraChannels;
}

export interface BrowserBridge {
  url: string;
  service: AppService;
  dataDir: string;
  secrets: SecretStore;
  settings: JsonFileSettingsRepository;
  /** Opens a customer or device in the open windows, or in the next one to load. */
  navigate(target: NavigateTarget): void;
  /** Notifications (issue 4): what the app would have raised as OS notifications, oldest first (the last 1,000). */
  notifications: NotificationView[];
  close(): Promise<void>;
}

/** The bridge keeps its own pending navigation (see `navigate`). */
function withoutPendingNavigation<T extends object>(handlers: T): Omit<T, 'app:pending-navigation'> {
  const { ['app:pending-navigation' as keyof T]: _taken, ...rest } = handlers;
  return rest as Omit<T, 'app:pending-navigation'>;
}

/** The notification (issue 4) and confirm-and-upload (issue 5) channels, from their own modules. */
export function standardExtraChannels(service: AppService): ExtraChannels {
  return {
    ...withoutPendingNavigation(createNotificationHandlers(service.notifications)),
    ...createUploadHandlers(service),
  };
}

export async function startBrowserBridge(options: BrowserBridgeOptions = {}): Promise<BrowserBridge> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cove-tray-bridge-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const settings = new JsonFileSettingsRepository(settingsFilePath(dataDir));
  const secrets = options.secrets ?? new MemorySecretStore();

  const initial: Settings = structuredClone(fs.existsSync(settings.file) ? settings.read() : DEFAULT_SETTINGS);
  if (options.settings?.coveUrl) initial.cove.url = options.settings.coveUrl;
  if (options.settings?.pollIntervalMinutes) initial.pollIntervalMinutes = options.settings.pollIntervalMinutes;
  if (options.settings?.displayName !== undefined) initial.displayName = options.settings.displayName;
  if (options.account) {
    initial.cove = { url: options.account.url, partner: options.account.partner, username: options.account.username };
    await secrets.set(coveTokenAccount(options.account.partner, options.account.username), options.account.token);
  }
  settings.write(initial);

  const demo = { devices: options.demo?.devices ?? DEMO_FLEET.devices, seed: options.demo?.seed ?? DEMO_FLEET.seed };
  // Notifications (issue 4): a browser has no OS notifications; record what the app would raise and push it to open windows.
  const raised: NotificationView[] = [];
  let pushNotification: ((notification: NotificationView) => void) | null = null;
  const notifier = {
    show(notification: NotificationView) {
      raised.push(notification);
      if (raised.length > 1000) raised.shift();
      pushNotification?.(notification);
    },
  };
  const service = new AppService({
    notifier,
    dataDir,
    settings,
    secrets,
    now: options.now,
    startDemo: options.startDemo ?? (() => startCoveSimulator({ devices: demo.devices, seed: demo.seed, port: 0, credentials: DEMO_CREDENTIALS })),
    demoChangesPerPoll: options.demoChangesPerPoll ?? 0,
  });

  // Like a notification click that starts the app: kept until a window asks for it.
  let pendingNavigation: NavigateTarget | null = null;
  const server = await startBridgeServer({
    rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
    handlers: createBridgeHandlers(service, () => {
      const target = pendingNavigation;
      pendingNavigation = null;
      return target;
    }),
    extraChannels: { ...standardExtraChannels(service), ...options.extraChannels?.(service) },
    onStateChanged: (listener) => service.onStateChanged(listener),
    clientScript: await bridgeClientScript(),
    port: options.port,
  });
  pushNotification = (notification) => server.push('app:notification', notification);
  try {
    await service.start();
  } catch (error) {
    await server.close();
    throw error;
  }

  return {
    url: server.url,
    service,
    dataDir,
    secrets,
    settings,
    navigate: (target) => {
      if (server.listeners() > 0) server.push('app:navigate', target);
      else pendingNavigation = target;
    },
    notifications: raised,
    close: async () => {
      await server.close();
      await service.close();
      if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
