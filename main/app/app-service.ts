/**
 * The app's core, Electron-free: owns the cache, the Cove client and the poll schedule, and
 * answers every request of the window contract. The Electron main process wraps it in IPC;
 * the browser bridge wraps it in HTTP; tests drive it directly.
 */
import os from 'node:os';
import type { AxiosInstance } from 'axios';
import type {
  AppState,
  CustomerDetail,
  PollProblem,
  RunView,
  RunsRequest,
  SaveSettingsResult,
  SearchHit,
  SettingsInput,
  SettingsView,
} from '../../preload/contract';
import { defaultDatabasePath } from '../config/app-paths';
import { KeychainUnavailableError, type SecretStore, coveTokenAccount } from '../config/secret-store';
import { ConfigError, type Settings, isCoveConfigured, settingsSchema } from '../config/settings';
import { CoveClient } from '../cove/cove-client';
import { CoveError } from '../cove/cove-errors';
import { DemoDirector } from '../demo/demo-director';
import { startDemoCove } from '../demo/demo-cove';
import { buildFleetReport, isoTime } from '../monitor/fleet-report';
import { type PollResult, runPollCycle } from '../monitor/poll-cycle';
import { PollScheduler, type Timers } from '../monitor/poll-scheduler';
import type { CoveSimulator } from '../simulator/cove-simulator';
import { StoreError } from '../store/database';
import { FleetStore } from '../store/fleet-store';
import { FleetViews, runView } from './fleet-views';
import { NotificationService, type Notifier } from './notification-service';
// Confirm and upload (issue 5)
import type { ConfirmPreview, ConfirmRequest, ConfirmResponse, ConfirmSelection, OutboxRequest, OutboxView, UnconfirmResponse, UploadAttemptView, UploadNowResult } from '../../preload/contract';
import { UploadService, type UploadTuning } from './upload-service';

export interface SettingsRepository {
  read(): Settings;
  write(settings: Settings): void;
}

/**
 * Settings are read on every state change; the files behind a repository are parsed and validated
 * once, then served from memory. This process is their only writer (the CLI only reads).
 */
export function cachedSettings(repository: SettingsRepository): SettingsRepository {
  let current: Settings | null = null;
  return {
    read: () => (current ??= repository.read()),
    write: (settings) => {
      repository.write(settings);
      current = settings;
    },
  };
}

export interface AppServiceOptions {
  dataDir: string;
  settings: SettingsRepository;
  secrets: SecretStore;
  now?: () => number;
  timers?: Timers;
  isOnline?: () => boolean;
  /** The Electron app passes an axios instance on Chromium's network stack. */
  http?: AxiosInstance;
  /** Starts the built-in Cove for demo mode; tests pass their own simulator. */
  startDemo?: () => Promise<CoveSimulator>;
  /** How many demo devices change per poll, so the demo moves while you watch (0 = still). */
  demoChangesPerPoll?: number;
  /** Notifications (issue 4): shows what the notification engine decides after each poll. */
  notifier?: Notifier;
  /** Confirm and upload (issue 5): knobs for tests (time zone, sender backoff, the demo stub's file). */
  upload?: UploadTuning;
}

type Listener = (state: AppState) => void;

/** Never written: reading it tells whether the keychain answers at all. */
const KEYCHAIN_PROBE_ACCOUNT = 'keychain-availability-probe';

interface Target {
  source: 'cove' | 'demo';
  label: string;
  client: CoveClient;
  store: FleetStore;
  simulator: CoveSimulator | null;
  director: DemoDirector | null;
}

export class AppService {
  private target: Target | null = null;
  private views: FleetViews | null = null;
  private lastPoll: PollResult | null = null;
  /** A problem found before any poll could run (no token, no keychain). */
  private setupProblem: PollProblem | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly scheduler: PollScheduler;
  private readonly now: () => number;
  /** Notifications (issue 4): the engine of the open target, its log, acknowledgements and snoozes. */
  readonly notifications: NotificationService;
  /** Confirm and upload (issue 5): confirmations and the Backupchecks outbox of the open target. */
  readonly upload: UploadService;

  private readonly settingsRepository: SettingsRepository;

  constructor(private readonly options: AppServiceOptions) {
    this.now = options.now ?? Date.now;
    this.settingsRepository = cachedSettings(options.settings);
    this.notifications = new NotificationService({
      settings: this.settingsRepository,
      now: this.now,
      report: () => this.views?.report ?? null,
      notifier: options.notifier,
      timers: options.timers,
      onChange: () => this.emit(),
    });
    this.upload = new UploadService({
      dataDir: options.dataDir,
      secrets: options.secrets,
      settings: () => this.settings(),
      now: this.now,
      isOnline: options.isOnline,
      http: options.http,
      onChange: () => this.emit(),
      tuning: options.upload,
    });
    this.scheduler = new PollScheduler({
      poll: () => this.pollOnce(),
      intervalMs: () => this.settings().pollIntervalMinutes * 60_000,
      isOnline: options.isOnline,
      timers: options.timers,
      now: this.now,
      onChange: () => this.emit(),
    });
  }

  settings(): Settings {
    return this.settingsRepository.read();
  }

  /** Opens the configured account (or the demo) and starts polling. */
  async start(): Promise<void> {
    await this.switchTarget();
  }

  async close(): Promise<void> {
    this.scheduler.stop();
    await this.closeTarget();
  }

  onStateChanged(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Power events: suspend or lock pauses, resume or unlock polls right away. */
  pause(): void {
    this.scheduler.pause();
  }

  resume(): Promise<void> {
    return this.scheduler.resume();
  }

  async pollNow(): Promise<AppState> {
    if (this.target) await (this.scheduler.state === 'paused' ? this.scheduler.resume() : this.scheduler.pollNow());
    return this.state();
  }

  state(): AppState {
    const settings = this.settings();
    const intervalMs = settings.pollIntervalMinutes * 60_000;
    const asOfSeconds = this.target?.store.lastPoll('ok')?.startedAt ?? null;
    const problem = this.currentProblem();
    const tooOld = asOfSeconds === null || this.now() - asOfSeconds * 1000 > 2 * intervalMs;
    const views = this.views;
    const dataUnavailable = problem !== null || tooOld;
    return {
      source: this.target?.source ?? (isCoveConfigured(settings) ? 'cove' : 'demo'),
      accountLabel: this.target?.label ?? (settings.cove.partner || 'Demo data'),
      asOf: isoTime(asOfSeconds),
      dataUnavailable,
      overall: dataUnavailable ? 'unavailable' : (views?.overall() ?? 'empty'),
      counts: views?.counts() ?? { ok: 0, warning: 0, failed: 0, stale: 0, running: 0, never: 0, unknown: 0 },
      poll: {
        state: this.scheduler.state,
        lastAttemptAt: this.lastPoll ? isoTime(this.lastPoll.at) : null,
        problem,
        consecutiveFailures: this.scheduler.consecutiveFailures,
        nextPollAt: this.scheduler.nextPollAt === null ? null : new Date(this.scheduler.nextPollAt).toISOString(),
        intervalMinutes: settings.pollIntervalMinutes,
      },
      customers: views?.customers() ?? [],
      notifications: this.notifications.summary(this.lastPoll),
      upload: this.upload.summary(),
    };
  }

  customer(customerId: number): CustomerDetail | null {
    return this.views?.customer(customerId) ?? null;
  }

  runs(request: RunsRequest): RunView[] {
    if (!this.target) return [];
    const runs = this.target.store.runs(request.deviceId, { dataSource: request.dataSource, limit: request.limit ?? 200 });
    const upload = this.upload.runUploadViews(runs);
    return runs.map((run) => ({ ...runView(run), upload: upload.get(run.id) }));
  }

  search(query: string): SearchHit[] {
    return this.views?.search(query) ?? [];
  }

  // Confirm and upload (issue 5): see upload-service.ts.
  previewConfirm(selection: ConfirmSelection): ConfirmPreview {
    return this.upload.preview(selection);
  }

  confirmRuns(request: ConfirmRequest): ConfirmResponse {
    return this.upload.confirm(request);
  }

  unconfirmRun(runId: number): UnconfirmResponse {
    return this.upload.unconfirm(runId);
  }

  uploadNow(): Promise<UploadNowResult> {
    return this.upload.uploadNow();
  }

  outbox(request: OutboxRequest = {}): OutboxView {
    return this.upload.outbox(request);
  }

  uploadAttempts(externalId: string): UploadAttemptView[] {
    return this.upload.attempts(externalId);
  }

  async settingsView(): Promise<SettingsView> {
    const settings = this.settings();
    let coveTokenSaved = false;
    let keychainProblem: string | null = null;
    try {
      // Asked even before an account exists, so first run can warn that no keychain is available.
      const account = isCoveConfigured(settings) ? coveTokenAccount(settings.cove.partner, settings.cove.username) : KEYCHAIN_PROBE_ACCOUNT;
      coveTokenSaved = (await this.options.secrets.get(account)) !== null && account !== KEYCHAIN_PROBE_ACCOUNT;
    } catch (error) {
      keychainProblem = (error as Error).message;
    }
    return {
      coveUrl: settings.cove.url,
      partner: settings.cove.partner,
      username: settings.cove.username,
      coveTokenSaved,
      pollIntervalMinutes: settings.pollIntervalMinutes,
      staleThresholdHours: { ...settings.staleThresholdHours },
      displayName: settings.displayName || os.userInfo().username,
      keychainAvailable: keychainProblem === null,
      keychainProblem,
      ...(await this.upload.settingsView()),
    };
  }

  /**
   * Saves settings. A new token is checked with a live Login before it is kept (in the OS
   * keychain only); nothing is saved when the check fails.
   */
  async saveSettings(input: SettingsInput): Promise<SaveSettingsResult> {
    const current = this.settings();
    const parsed = settingsSchema.safeParse({
      ...current,
      cove: { url: input.coveUrl, partner: input.partner, username: input.username },
      pollIntervalMinutes: input.pollIntervalMinutes,
      staleThresholdHours: input.staleThresholdHours,
      displayName: input.displayName,
      backupchecks: input.backupchecks ?? current.backupchecks,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, field: fieldOf(issue.path), message: `${issue.path.join('.')}: ${issue.message}` };
    }
    const next = parsed.data;
    const accountChanged = next.cove.url !== current.cove.url || next.cove.partner !== current.cove.partner || next.cove.username !== current.cove.username;
    const token = input.coveToken?.trim() ?? '';

    if (isCoveConfigured(next)) {
      if (!next.cove.partner) return { ok: false, field: 'partner', message: 'Enter the exact Cove partner name, e.g. "Acme (admin@acme.example)".' };
      const account = coveTokenAccount(next.cove.partner, next.cove.username);
      if (token) {
        const check = await this.checkLogin(next, token);
        if (check) return check;
        try {
          await this.options.secrets.set(account, token);
        } catch (error) {
          return { ok: false, field: 'coveToken', message: (error as Error).message };
        }
      } else {
        let saved: string | null = null;
        try {
          saved = await this.options.secrets.get(account);
        } catch (error) {
          return { ok: false, field: 'coveToken', message: (error as Error).message };
        }
        if (saved === null) return { ok: false, field: 'coveToken', message: 'Enter the API token for this API user; it is checked with Cove and kept in the OS keychain.' };
      }
    } else if (next.cove.partner || next.cove.username) {
      return { ok: false, field: next.cove.partner ? 'username' : 'partner', message: 'Enter both the partner and the API user\'s login name, or neither to use the demo.' };
    }

    const backupchecksKey = input.backupchecksKey?.trim() ?? '';
    const uploadCheck = await this.upload.checkSettings(next, current, backupchecksKey);
    if (uploadCheck) return uploadCheck;

    this.settingsRepository.write(next);
    if (accountChanged || token) await this.switchTarget();
    else {
      this.rebuildViews();
      await this.upload.settingsSaved(current, backupchecksKey !== '');
    }
    return { ok: true, settings: await this.settingsView() };
  }

  /** Leaves the Cove account (its token stays in the keychain) and shows the demo fleet. */
  async useDemo(): Promise<AppState> {
    const current = this.settings();
    this.settingsRepository.write({ ...current, cove: { ...current.cove, partner: '', username: '' } });
    await this.switchTarget();
    return this.state();
  }

  private async checkLogin(settings: Settings, token: string): Promise<SaveSettingsResult | null> {
    const client = new CoveClient({
      endpoint: settings.cove.url,
      credentials: { partner: settings.cove.partner, username: settings.cove.username, token },
      http: this.options.http,
      maxRetries: 1,
      timeoutMs: 20_000,
    });
    try {
      await client.login();
      return null;
    } catch (error) {
      if (!(error instanceof CoveError)) throw error;
      return { ok: false, field: error.kind === 'credentials' ? 'coveToken' : 'coveUrl', message: error.message };
    }
  }

  private async switchTarget(): Promise<void> {
    this.scheduler.stop();
    await this.closeTarget();
    this.views = null;
    this.lastPoll = null;
    this.setupProblem = null;
    try {
      this.target = await this.openTarget();
      this.notifications.open(this.target.store.db);
    } catch (error) {
      this.setupProblem = problemOf(error);
      this.emit();
      return;
    }
    this.rebuildViews();
    if (this.target) await this.upload.attach(this.target);
    await this.scheduler.start();
  }

  private async openTarget(): Promise<Target> {
    const settings = this.settings();
    if (!isCoveConfigured(settings)) {
      const simulator = await (this.options.startDemo ?? (() => startDemoCove()))();
      return {
        source: 'demo',
        label: 'Demo data',
        client: new CoveClient({ endpoint: simulator.url, credentials: simulator.credentials, maxRetries: 1 }),
        store: FleetStore.open(defaultDatabasePath('demo', this.options.dataDir)),
        simulator,
        director: new DemoDirector(simulator, { changesPerPoll: this.options.demoChangesPerPoll ?? 3 }),
      };
    }
    const token = await this.options.secrets.get(coveTokenAccount(settings.cove.partner, settings.cove.username));
    if (!token) throw new ConfigError(`No API token is saved for "${settings.cove.username}".`, 'Open Settings and enter the API token; it is checked with Cove and kept in the OS keychain.');
    return {
      source: 'cove',
      label: settings.cove.partner,
      client: new CoveClient({ endpoint: settings.cove.url, credentials: { partner: settings.cove.partner, username: settings.cove.username, token }, http: this.options.http }),
      store: FleetStore.open(defaultDatabasePath('cove', this.options.dataDir)),
      simulator: null,
      director: null,
    };
  }

  private async closeTarget(): Promise<void> {
    const target = this.target;
    this.target = null;
    if (!target) return;
    this.notifications.close();
    await this.upload.detach();
    target.store.close();
    await target.simulator?.close();
  }

  private async pollOnce(): Promise<'ok' | 'failed' | 'stop'> {
    const target = this.target;
    if (!target) return 'stop';
    target.director?.beforePoll();
    const result = await runPollCycle({ client: target.client, store: target.store, source: target.source, pageSize: this.settings().pageSize, now: this.now });
    if (this.target !== target) return 'stop';
    this.lastPoll = result;
    if (result.ok) this.rebuildViews();
    this.notifications.afterPoll(result);
    this.emit();
    if (result.ok) return 'ok';
    // Repeated failed logins lock a Cove account: wait for new credentials instead of retrying.
    return result.kind === 'credentials' ? 'stop' : 'failed';
  }

  private rebuildViews(): void {
    const target = this.target;
    if (!target) return;
    const stored = target.store.readFleet();
    const report = buildFleetReport(stored, {
      source: target.source,
      asOf: target.store.lastPoll('ok')?.startedAt ?? null,
      now: Math.floor(this.now() / 1000),
      thresholds: this.settings().staleThresholdHours,
    });
    this.views = new FleetViews(stored, report, target.store.partnerNames());
  }

  private currentProblem(): PollProblem | null {
    if (this.setupProblem) return this.setupProblem;
    if (this.lastPoll && !this.lastPoll.ok) return problemOf(this.lastPoll.error);
    return null;
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }
}

function fieldOf(path: PropertyKey[]): keyof SettingsInput | null {
  const [first, second] = path;
  if (first === 'cove') return second === 'url' ? 'coveUrl' : second === 'partner' ? 'partner' : second === 'username' ? 'username' : null;
  if (first === 'pollIntervalMinutes' || first === 'staleThresholdHours' || first === 'displayName') return first;
  if (first === 'backupchecks') return 'backupchecks';
  return null;
}

export function problemOf(error: unknown): PollProblem {
  if (error instanceof CoveError) return { kind: error.kind, message: error.problem, fix: error.fix };
  if (error instanceof StoreError) return { kind: 'storage', message: error.problem, fix: error.fix };
  if (error instanceof ConfigError) return { kind: 'configuration', message: error.problem, fix: error.fix };
  if (error instanceof KeychainUnavailableError) return { kind: 'keychain', message: error.message, fix: 'Install or unlock the OS keychain, then open Settings.' };
  return { kind: 'rpc', message: (error as Error).message ?? String(error), fix: 'Try again; if it repeats, restart the app.' };
}
