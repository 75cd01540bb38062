/**
 * Shows what the notification engine decided as OS notifications (Electron's `Notification`)
 * and routes clicks: a device notification opens that device, a customer batch its customer,
 * a summary or connection notification the problems list. The window is shown (and created if
 * it was closed); when it is not ready to listen yet, the navigation waits until the page asks
 * for it ('app:pending-navigation'). Every notification is also pushed to the window
 * ('app:notification') for its log panel.
 *
 * Windows: a click on a toast whose object is gone (Action Center after a restart) or the click
 * that started the app arrives through `Notification.handleActivation`; the toast's tag (its
 * Windows `Tag`, our log id and time) finds the notification in the log again. That only works
 * when the process's AppUserModelId equals the installed shortcut's (app-shell.ts sets it to
 * the appId).
 */
import { Notification as OsNotification, type NotificationConstructorOptions } from 'electron';
import type { EventChannel, EventContract } from '../../preload/contract';
import type { NavigateTarget, NotificationActionView, NotificationView } from '../../preload/notification-contract';
import { type Notifier, navigationFor } from '../app/notification-service';

/** The part of WindowController the presenter uses. */
export interface PresenterWindow {
  readonly current: { readonly webContents: { isLoading(): boolean; isDestroyed(): boolean } } | null;
  show(): void;
  send<E extends EventChannel>(channel: E, payload: EventContract[E]): void;
}

export interface NotificationPresenterOptions {
  window: PresenterWindow;
  platform?: NodeJS.Platform;
  /** A notification from the log by id (for clicks whose Notification object is gone). */
  find?: (id: string) => Promise<NotificationView | null>;
  /** Notification icon for Windows and Linux (macOS uses the app's). */
  icon?: string;
  onError?: (error: unknown) => void;
}

/** The details Electron hands `Notification.handleActivation` callbacks (Windows). */
export interface ActivationDetails {
  type: string;
  arguments: string;
  actionIndex?: number;
}

const ACTION_LABELS: Record<NotificationActionView, string> = { open: 'Open', acknowledge: 'Acknowledge', confirm: 'Confirm & upload' };
/** Notification objects kept alive so their clicks still arrive (a collected one reports nothing). */
const KEEP = 100;

/** The toast tag (Windows `Tag`, macOS identifier): log id and creation time, so a tag from another cache never matches. */
export function notificationTag(view: Pick<NotificationView, 'id' | 'createdAt'>): string {
  return `${view.id}-${Math.floor(Date.parse(view.createdAt) / 1000)}`;
}

export function parseNotificationTag(tag: string): { id: string; createdAt: number } | null {
  const match = /^(\d+)-(\d+)$/.exec(tag.trim());
  return match ? { id: match[1], createdAt: Number(match[2]) } : null;
}

/** The tag out of Windows activation arguments ("type=click&tag=…" by default), or a bare tag. */
export function tagFromActivation(args: string): string | null {
  const text = (args ?? '').trim();
  if (parseNotificationTag(text)) return text;
  const params = new URLSearchParams(text.replace(/^[^?]*\?/, ''));
  for (const key of ['tag', 'id']) {
    const value = params.get(key);
    if (value && parseNotificationTag(value)) return value;
  }
  return null;
}

/** The actions offered on the notification, where the OS shows them (macOS). */
export function offeredActions(view: NotificationView, platform: NodeJS.Platform): NotificationActionView[] {
  return platform === 'darwin' ? view.actions.filter((a) => a in ACTION_LABELS) : [];
}

export function nativeOptions(view: NotificationView, platform: NodeJS.Platform, icon?: string): NotificationConstructorOptions {
  const critical = view.urgency === 'critical';
  const options: NotificationConstructorOptions = {
    title: view.title,
    body: view.body,
    // Only what needs a technician now makes a sound.
    silent: !critical,
  };
  // Urgency is a Linux notion (libnotify); on Windows 'critical' would pin the toast as an alarm.
  if (platform === 'linux') options.urgency = critical ? 'critical' : 'normal';
  if (platform === 'darwin' || platform === 'win32') options.id = notificationTag(view);
  if (icon && platform !== 'darwin') options.icon = icon;
  const actions = offeredActions(view, platform);
  if (actions.length > 0) options.actions = actions.map((a) => ({ type: 'button', text: ACTION_LABELS[a] }));
  return options;
}

export class NotificationPresenter implements Notifier {
  private readonly platform: NodeJS.Platform;
  private readonly onError: (error: unknown) => void;
  private readonly live = new Map<string, OsNotification>();
  private pending: NavigateTarget | null = null;

  constructor(private readonly options: NotificationPresenterOptions) {
    this.platform = options.platform ?? process.platform;
    this.onError = options.onError ?? ((error: unknown) => console.error(error));
  }

  /** Notifier: one notification from the engine. */
  show(view: NotificationView): void {
    this.options.window.send('app:notification', view);
    try {
      if (!OsNotification.isSupported()) return;
      const native = new OsNotification(nativeOptions(view, this.platform, this.options.icon));
      const tag = notificationTag(view);
      const actions = offeredActions(view, this.platform);
      native.on('click', () => this.open(view, 'open'));
      native.on('action', (event: unknown, legacyIndex?: number) => {
        const index = (event as { actionIndex?: number } | undefined)?.actionIndex ?? legacyIndex ?? 0;
        this.open(view, actions[index] ?? 'open');
      });
      native.on('failed', (_event: unknown, error: string) => this.onError(new Error(`The notification "${view.title}" could not be shown: ${error}`)));
      this.keep(tag, native);
      native.show();
    } catch (error) {
      this.onError(error);
    }
  }

  /** A click (or an action) on a notification: the window opens where it points. */
  open(view: Pick<NotificationView, 'target'>, action: NotificationActionView = 'open'): void {
    this.navigate(navigationFor(view, action));
  }

  /**
   * Shows the window (creating it when closed) and sends it to `target`. A window that is new or
   * still loading cannot listen yet: the target waits for its 'app:pending-navigation' call.
   */
  navigate(target: NavigateTarget): void {
    const current = this.options.window.current;
    const ready = current !== null && !current.webContents.isDestroyed() && !current.webContents.isLoading();
    this.options.window.show();
    if (ready) {
      this.pending = null;
      this.options.window.send('app:navigate', target);
    } else {
      this.pending = target;
    }
  }

  /** The page asks once it listens; a navigation is handed out once. */
  takePendingNavigation(): NavigateTarget | null {
    const target = this.pending;
    this.pending = null;
    return target;
  }

  /**
   * Windows: clicks that arrive without a live Notification object, including the one that
   * started the app (Electron replays it when the handler is registered). Call at startup.
   */
  listenForActivations(): void {
    if (this.platform !== 'win32') return;
    const handle = (OsNotification as unknown as { handleActivation?: (callback: (details: ActivationDetails) => void) => void }).handleActivation;
    if (typeof handle !== 'function') return;
    handle.call(OsNotification, (details) => {
      this.activate(details).catch(this.onError);
    });
  }

  async activate(details: ActivationDetails): Promise<void> {
    const tag = tagFromActivation(details.arguments);
    // A live object reports the same click through its own 'click'/'action' listener.
    if (tag !== null && this.live.has(tag)) return;
    const parsed = tag === null ? null : parseNotificationTag(tag);
    if (!parsed || !this.options.find) {
      this.options.window.show();
      return;
    }
    const found = await this.options.find(parsed.id);
    if (!found || Math.floor(Date.parse(found.createdAt) / 1000) !== parsed.createdAt) {
      // Not in this cache (another account, or trimmed from the log): just open the window.
      this.options.window.show();
      return;
    }
    const action = details.type === 'action' ? (offeredActions(found, this.platform)[details.actionIndex ?? 0] ?? 'open') : 'open';
    this.open(found, action);
  }

  private keep(tag: string, native: OsNotification): void {
    this.live.delete(tag);
    this.live.set(tag, native);
    while (this.live.size > KEEP) {
      const oldest = this.live.keys().next().value as string;
      this.live.delete(oldest);
    }
  }
}
