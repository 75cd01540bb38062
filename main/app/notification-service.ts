/**
 * The notification side of AppService (issue 4), Electron-free: one NotificationEngine per
 * target (on that target's SQLite cache), fed after every poll; what it decides goes to the
 * injected Notifier (the Electron presenter, or the browser bridge's recorder). Also answers
 * the window's notification channels: the log, acknowledgements, snoozes and the settings.
 *
 * Mutes end on their own: a timer checks once a minute and releases the digest of what changed
 * while muted, so a snooze that ends between polls is summed up right away.
 */
import os from 'node:os';
import type {
  AcknowledgeResult,
  AcknowledgementView,
  NavigateTarget,
  NotificationActionView,
  NotificationSettingsInput,
  NotificationSettingsView,
  NotificationSummary,
  NotificationView,
  SaveNotificationSettingsResult,
  SnoozeDurationView,
  SnoozeResult,
  SnoozeScopeView,
  SnoozeView,
} from '../../preload/notification-contract';
import { notificationAppSettingsSchema } from '../config/notification-settings';
import { type Settings, settingsSchema } from '../config/settings';
import type { FleetReport } from '../monitor/fleet-report';
import type { PollResult } from '../monitor/poll-cycle';
import type { Timers } from '../monitor/poll-scheduler';
import { isQuietTime } from '../notify/mute-rules';
import { NotificationEngine, type NotificationSettings } from '../notify/notification-engine';
import type { Acknowledgement, Notification, QuietHours, Snooze, SnoozeDuration, SnoozeScope } from '../notify/notification-types';
import { systemTimeZone } from '../notify/zoned-time';
import type { Db } from '../store/database';

/** Shows what the engine decided: an OS notification (Electron), a recorder (browser bridge, tests). */
export interface Notifier {
  show(notification: NotificationView): void;
}

export interface SettingsAccess {
  read(): Settings;
  write(settings: Settings): void;
}

export interface NotificationServiceOptions {
  settings: SettingsAccess;
  /** Milliseconds, like AppService's clock. */
  now: () => number;
  /** The current fleet report (the cache judged at the last rebuild), or null before the first. */
  report: () => FleetReport | null;
  notifier?: Notifier;
  timers?: Timers;
  /** How often ended mutes are checked for a digest; default one minute. */
  tickMs?: number;
  /** Acknowledgements, snoozes or mutes changed: the tray and the window should re-read the state. */
  onChange?: () => void;
  onError?: (error: unknown) => void;
}

const DEFAULT_TICK_MS = 60_000;
const EMPTY_REPORT: FleetReport = { source: 'cove', asOf: null, customers: [] };
/** How long a click that started the app waits for the cache to open before giving up. */
const FIND_TIMEOUT_MS = 15_000;

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

export function notificationView(n: Notification): NotificationView {
  return { id: n.id, kind: n.kind, title: n.title, body: n.body, urgency: n.urgency, target: { ...n.target }, actions: [...(n.actions ?? [])], createdAt: iso(n.createdAt) };
}

/** Where clicking a notification leads: a device, its customer, or the problems list. */
export function navigationFor(n: Pick<NotificationView, 'target'>, action: NotificationActionView = 'open'): NavigateTarget {
  const target = n.target;
  if (target.kind === 'device') {
    const dialog = action === 'acknowledge' ? { acknowledge: true } : action === 'confirm' ? { confirm: true } : {};
    return { customerId: target.customerId, deviceId: target.deviceId, ...dialog };
  }
  if (target.kind === 'customer') return { customerId: target.customerId, deviceId: null };
  return { customerId: null, deviceId: null, view: 'problems' };
}

function defaultTimers(): Timers {
  return {
    setTimeout: (callback, ms) => {
      const handle = setTimeout(callback, ms);
      // A digest check must never keep the process alive (CLI, bridge, tests).
      handle.unref?.();
      return handle;
    },
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}

function whoAmI(settings: Settings): string {
  if (settings.displayName) return settings.displayName;
  try {
    return os.userInfo().username || 'technician';
  } catch {
    return 'technician';
  }
}

export class NotificationService {
  private engine: NotificationEngine | null = null;
  private readonly timers: Timers;
  private tick: unknown = null;
  private muteKey = '';
  private version = 0;
  private summaryCache: { key: string; report: FleetReport | null; lastPoll: PollResult | null; value: NotificationSummary } | null = null;
  private waiting: (() => void)[] = [];

  constructor(private readonly options: NotificationServiceOptions) {
    this.timers = options.timers ?? defaultTimers();
  }

  /** A target opened: its engine works on its cache from now on. */
  open(db: Db): void {
    this.close();
    this.engine = new NotificationEngine(db, { settings: this.engineSettings(), clock: this.options.now });
    this.syncQuietHours(this.engine);
    this.muteKey = this.currentMuteKey(this.engine);
    this.schedule();
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  /** The target closes (quit, account switch): stop before its cache closes. */
  close(): void {
    if (this.tick !== null) this.timers.clearTimeout(this.tick);
    this.tick = null;
    this.engine = null;
    this.summaryCache = null;
  }

  get isOpen(): boolean {
    return this.engine !== null;
  }

  /** After every poll, good or not: tell what changed (the first poll after launch tells what changed while closed). */
  afterPoll(poll: PollResult): NotificationView[] {
    const engine = this.engine;
    if (!engine) return [];
    try {
      this.sync(engine);
      // After a failed poll the engine ignores the report (the cache holds nothing new).
      return this.deliver(engine.afterPoll(poll, this.options.report() ?? EMPTY_REPORT, this.nowSeconds()));
    } catch (error) {
      this.fail(error);
      return [];
    }
  }

  /** The digest for mutes that ended since the last check (timer, unsnooze, quiet hours switched off). */
  releaseDigest(): NotificationView[] {
    const engine = this.engine;
    if (!engine) return [];
    try {
      this.sync(engine);
      const shown = this.deliver(engine.releaseDigest(this.nowSeconds()));
      const key = this.currentMuteKey(engine);
      if (key !== this.muteKey) {
        this.muteKey = key;
        this.changed();
      }
      return shown;
    } catch (error) {
      this.fail(error);
      return [];
    }
  }

  // --- the tray and AppState ---

  summary(lastPoll: PollResult | null): NotificationSummary {
    const engine = this.engine;
    const report = this.options.report();
    const nowSeconds = this.nowSeconds();
    // Re-read at most once a minute unless something it depends on changed.
    const key = `${this.version}|${Math.floor(nowSeconds / 60)}`;
    const cached = this.summaryCache;
    if (cached && cached.key === key && cached.report === report && cached.lastPoll === lastPoll) return cached.value;
    let value: NotificationSummary = { worstUnacknowledged: 'ok', failing: 0, acknowledged: 0, allAcknowledged: false, snoozedUntil: null, quietHoursNow: false };
    if (engine) {
      try {
        const tray = engine.trayState(report ?? EMPTY_REPORT, nowSeconds, lastPoll);
        const all = engine.snoozedUntil({ kind: 'all' }, nowSeconds);
        value = {
          worstUnacknowledged: tray.status,
          failing: tray.failing,
          acknowledged: tray.acknowledged,
          allAcknowledged: tray.allAcknowledged,
          snoozedUntil: all === null ? null : iso(all),
          quietHoursNow: isQuietTime(nowSeconds, engine.quietHours()),
        };
      } catch (error) {
        this.fail(error);
      }
    }
    this.summaryCache = { key, report, lastPoll, value };
    return value;
  }

  // --- the log ---

  recent(limit = 200): NotificationView[] {
    return this.engine?.recentNotifications(limit).map(notificationView) ?? [];
  }

  /**
   * A notification from the log by id, for a click on an OS notification that outlived its
   * object (Windows Action Center, or the click that started the app). Waits for the cache to
   * open when the app is still starting.
   */
  async find(id: string, timeoutMs = FIND_TIMEOUT_MS): Promise<NotificationView | null> {
    if (!this.engine) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref?.();
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const found = this.engine?.recentNotifications(1000).find((n) => n.id === id);
    return found ? notificationView(found) : null;
  }

  // --- acknowledgements ---

  acknowledge(request: { deviceId: number; reason: string; hours?: number }): AcknowledgeResult {
    const engine = this.engine;
    if (!engine) return { ok: false, message: 'No account is open yet.' };
    if (request.reason.trim() === '') return { ok: false, message: 'Say why, e.g. "replacing the disk": the reason is shown to everyone who looks.' };
    if (request.hours !== undefined && !(request.hours > 0 && request.hours <= 24 * 30)) return { ok: false, message: 'An acknowledgement lasts between a minute and 30 days.' };
    try {
      const ack = engine.acknowledge(request.deviceId, { by: whoAmI(this.options.settings.read()), reason: request.reason, hours: request.hours }, this.nowSeconds());
      this.changed();
      return { ok: true, acknowledgement: this.ackView(ack) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  unacknowledge(deviceId: number): AcknowledgementView[] {
    this.engine?.unacknowledge(deviceId);
    this.changed();
    return this.acknowledgementList();
  }

  acknowledgementList(): AcknowledgementView[] {
    const engine = this.engine;
    if (!engine) return [];
    return engine
      .acknowledgements(this.nowSeconds())
      .map((a) => this.ackView(a))
      .sort((a, b) => b.at.localeCompare(a.at));
  }

  // --- snoozes: the engine's own signatures, so the tray's engineControls() can drive this ---

  snooze(scope: SnoozeScope, duration: SnoozeDuration | { until: number }, now = this.nowSeconds()): Snooze {
    const engine = this.engine;
    if (!engine) throw new Error('Notifications cannot be paused before an account (or the demo) is open.');
    this.sync(engine);
    const snooze = engine.snooze(scope, duration, now);
    this.muteKey = this.currentMuteKey(engine);
    this.changed();
    return snooze;
  }

  /** Ends a snooze and tells at once what changed while it lasted (unless something else still mutes it). */
  unsnooze(scope: SnoozeScope): void {
    const engine = this.engine;
    if (!engine) return;
    engine.unsnooze(scope);
    this.changed();
    this.releaseDigest();
  }

  snoozedUntil(scope: SnoozeScope, now = this.nowSeconds()): number | null {
    return this.engine?.snoozedUntil(scope, now) ?? null;
  }

  /** For the window: snooze a device, a customer or everything for 1 h, 4 h or until tomorrow 08:00. */
  snoozeFor(scope: SnoozeScopeView, duration: SnoozeDurationView): SnoozeResult {
    try {
      return { ok: true, snooze: this.snoozeView(this.snooze(scope, duration)) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  snoozeList(): SnoozeView[] {
    const engine = this.engine;
    if (!engine) return [];
    return engine
      .snoozes(this.nowSeconds())
      .map((s) => this.snoozeView(s))
      .sort((a, b) => a.until.localeCompare(b.until));
  }

  // --- settings ---

  settingsView(): NotificationSettingsView {
    const n = this.options.settings.read().notifications;
    return {
      flapControl: n.flapControl,
      escalateAfterFailures: n.escalateAfterFailures,
      onboardingGraceHours: n.onboardingGraceHours,
      acknowledgementHours: n.acknowledgementHours,
      maxCustomerNotifications: n.maxCustomerNotifications,
      timeZone: n.timeZone,
      quietHours: { ...n.quietHours },
      systemTimeZone: systemTimeZone(),
    };
  }

  saveSettings(input: NotificationSettingsInput): SaveNotificationSettingsResult {
    const current = this.options.settings.read();
    const parsed = notificationAppSettingsSchema.safeParse({ ...current.notifications, ...input, quietHours: { ...input.quietHours } });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const first = issue.path[0];
      const field = typeof first === 'string' && first in input ? (first as keyof NotificationSettingsInput) : null;
      return { ok: false, field, message: `${issue.path.join('.')}: ${issue.message}` };
    }
    this.options.settings.write(settingsSchema.parse({ ...current, notifications: parsed.data }));
    const engine = this.engine;
    if (engine) {
      this.sync(engine);
      this.changed();
      // Quiet hours switched off or moved: what they held is told now.
      this.releaseDigest();
    }
    return { ok: true, settings: this.settingsView() };
  }

  // --- internals ---

  private nowSeconds(): number {
    return Math.floor(this.options.now() / 1000);
  }

  private engineSettings(): Partial<NotificationSettings> {
    const settings = this.options.settings.read();
    const { quietHours: _quiet, ...rest } = settings.notifications;
    return { ...rest, pollIntervalMinutes: settings.pollIntervalMinutes };
  }

  /** The settings file is the truth; the engine (and its cache's quiet hours) follow it. */
  private sync(engine: NotificationEngine): void {
    engine.updateSettings(this.engineSettings());
    this.syncQuietHours(engine);
  }

  private syncQuietHours(engine: NotificationEngine): void {
    const n = this.options.settings.read().notifications;
    const wanted: QuietHours = { ...n.quietHours, timeZone: n.timeZone };
    const stored = engine.quietHours();
    if (stored.enabled !== wanted.enabled || stored.start !== wanted.start || stored.end !== wanted.end || stored.timeZone !== wanted.timeZone) {
      engine.setQuietHours(wanted);
    }
  }

  private deliver(notifications: Notification[]): NotificationView[] {
    const views = notifications.map(notificationView);
    if (views.length > 0) this.version++;
    for (const view of views) {
      try {
        this.options.notifier?.show(view);
      } catch (error) {
        this.fail(error);
      }
    }
    return views;
  }

  private changed(): void {
    this.version++;
    this.options.onChange?.();
  }

  private fail(error: unknown): void {
    (this.options.onError ?? ((e: unknown) => console.error('Notifications:', e)))(error);
  }

  private currentMuteKey(engine: NotificationEngine): string {
    const now = this.nowSeconds();
    return JSON.stringify([engine.snoozes(now).map((s) => [s.scope, s.until]), isQuietTime(now, engine.quietHours())]);
  }

  private schedule(): void {
    const tickMs = this.options.tickMs ?? DEFAULT_TICK_MS;
    this.tick = this.timers.setTimeout(() => {
      this.tick = null;
      if (!this.engine) return;
      this.releaseDigest();
      if (this.engine) this.schedule();
    }, tickMs);
  }

  private names(): { devices: Map<number, { name: string; customerId: number; customerName: string }>; customers: Map<number, string> } {
    const devices = new Map<number, { name: string; customerId: number; customerName: string }>();
    const customers = new Map<number, string>();
    for (const customer of this.options.report()?.customers ?? []) {
      customers.set(customer.id, customer.name);
      for (const device of customer.devices) devices.set(device.id, { name: device.name, customerId: customer.id, customerName: customer.name });
    }
    return { devices, customers };
  }

  private ackView(ack: Acknowledgement): AcknowledgementView {
    const device = this.names().devices.get(ack.deviceId);
    return {
      deviceId: ack.deviceId,
      deviceName: device?.name ?? null,
      customerId: device?.customerId ?? null,
      customerName: device?.customerName ?? null,
      by: ack.by,
      reason: ack.reason,
      at: iso(ack.at),
      expiresAt: iso(ack.expiresAt),
    };
  }

  private snoozeView(snooze: Snooze): SnoozeView {
    const scope = snooze.scope;
    let label = 'Everything';
    if (scope.kind === 'device') label = this.names().devices.get(scope.deviceId)?.name ?? `Device ${scope.deviceId}`;
    else if (scope.kind === 'customer') label = this.names().customers.get(scope.customerId) ?? `Customer ${scope.customerId}`;
    return { scope: { ...scope }, label, until: iso(snooze.until), createdAt: iso(snooze.createdAt) };
  }
}
