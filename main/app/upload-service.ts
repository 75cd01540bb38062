/**
 * Confirm and upload (issue 5), Electron-free: composed by AppService, one per app, attached to
 * whichever target (demo or Cove account) is open. Per target it confirms runs in the target's
 * cache (main/upload/confirmations.ts) and runs one OutboxSender on the same database.
 *
 * Where uploads go:
 * - demo mode: a ReferenceReceiver (the stub, main/backupchecks/reference-receiver.ts) started on
 *   127.0.0.1 with its SQLite file in the data folder, customers and jobs made known on the fly,
 *   and a key made up for this run. The technician can confirm and upload end to end, no setup.
 * - a Cove account: the Backupchecks server in settings.backupchecks.url, with the API key from
 *   the OS keychain (`backupchecksKeyAccount(url)`). Without both, confirmations still queue;
 *   they go out once Backupchecks is set up.
 *
 * Automatic upload off (the default): a confirmation's upload is *held* (queued with no due
 * time) until "Upload confirmed". Once released, the background sender keeps retrying it until
 * Backupchecks gives a final answer, across offline spells and restarts. Automatic upload on:
 * the sender is woken on every confirmation.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { AxiosInstance } from 'axios';
import type {
  BackupchecksSettingsView,
  ConfirmCandidateView,
  ConfirmPreview,
  ConfirmRequest,
  ConfirmResponse,
  ConfirmSelection,
  OutboxItemView,
  OutboxRequest,
  OutboxView,
  RunUploadView,
  SaveSettingsResult,
  UnconfirmResponse,
  UploadAttemptView,
  UploadNowResult,
  UploadProblem,
  UploadSenderState,
  UploadState,
  UploadSummaryView,
} from '../../preload/contract';
import { BackupchecksClient } from '../backupchecks/backupchecks-client';
import { backupchecksStatus, parseExternalId, uploadBlocker } from '../backupchecks/backupchecks-payload';
import { ReferenceReceiver } from '../backupchecks/reference-receiver';
import { backupchecksKeyAccount } from '../config/backupchecks-settings';
import type { SecretStore } from '../config/secret-store';
import type { Settings } from '../config/settings';
import { TOTAL, dataSourceName } from '../cove/column-codes';
import { isoTime } from '../monitor/fleet-report';
import { StoreError } from '../store/database';
import type { FleetStore, StoredRun } from '../store/fleet-store';
import { ConfirmationError, type ConfirmationInput, Confirmations, type RunFilter } from '../upload/confirmations';
import { localDate } from '../upload/local-day';
import { OutboxSender, type OutboxSenderOptions } from '../upload/outbox-sender';
import { OUTBOX_STATES, outboxSummary, uploadAttempts } from '../upload/outbox-status';

/** Test and tuning knobs; the app uses the defaults. */
export interface UploadTuning {
  /** IANA zone for "today" and local days; default the computer's own (Intl). */
  timeZone?: () => string;
  sender?: Pick<OutboxSenderOptions, 'batchSize' | 'backoffBaseMs' | 'backoffCapMs' | 'offlineCheckMs' | 'idleMs' | 'random' | 'sleep'>;
  /** The demo stub's SQLite file; default `backupchecks-demo.db` in the data folder. */
  demoReceiverFile?: string;
  /** Per request to Backupchecks. */
  timeoutMs?: number;
}

export interface UploadTarget {
  source: 'cove' | 'demo';
  store: FleetStore;
}

export interface UploadServiceOptions {
  dataDir: string;
  secrets: SecretStore;
  settings: () => Settings;
  /** Epoch milliseconds. */
  now: () => number;
  isOnline?: () => boolean;
  /** For a real Backupchecks server (the Electron app passes Chromium's network stack). */
  http?: AxiosInstance;
  /** Something the window or the tray shows changed (counts, sender state). */
  onChange: () => void;
  tuning?: UploadTuning;
}

interface Attached {
  target: UploadTarget;
  destination: UploadSummaryView['destination'];
  url: string | null;
  receiver: ReferenceReceiver | null;
  /** The demo stub's key: made up per run, kept in memory only. */
  demoKey: string | null;
  sender: OutboxSender | null;
  /** A problem found while connecting (no key saved, no keychain). */
  setupProblem: UploadProblem | null;
  /** An "Upload confirmed" in progress. */
  draining: Promise<UploadNowResult> | null;
  closed: boolean;
}

const HELD_DETAIL = 'Confirmed; waiting for "Upload confirmed" (automatic upload is off).';
const PREVIEW_LIMIT = 200;
const MAX_DRAIN_ROUNDS = 1_000;

const OFFLINE: UploadProblem = {
  message: 'This computer is offline, so uploads to Backupchecks are paused.',
  fix: 'Nothing to do: they resume by themselves when the connection is back, and nothing confirmed is lost.',
};

export class UploadService {
  private current: Attached | null = null;
  private readonly timeZone: () => string;

  constructor(private readonly options: UploadServiceOptions) {
    this.timeZone = options.tuning?.timeZone ?? (() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  }

  // ---- lifecycle ----

  /** The target was opened: recover interrupted uploads and start sending (demo: start the stub first). */
  async attach(target: UploadTarget): Promise<void> {
    await this.detach();
    const attached: Attached = { target, destination: 'none', url: null, receiver: null, demoKey: null, sender: null, setupProblem: null, draining: null, closed: false };
    this.current = attached;
    try {
      // Items a killed process left in `sending` are due again, whether or not a sender starts now.
      new OutboxSender({ db: target.store.db, client: new BackupchecksClient({ baseUrl: 'http://127.0.0.1:9', apiKey: '' }), now: this.options.now }).recoverInterrupted();
      await this.connect(attached);
    } catch (error) {
      // Uploads failing to start must not stop monitoring: say so where the outbox is shown.
      attached.setupProblem = {
        message: `Uploads to Backupchecks could not start: ${(error as Error).message}`,
        fix: 'Confirmed runs are kept; restart the app to try again, and report it if it repeats.',
      };
    }
    this.options.onChange();
  }

  /** The target is closing: let a request in flight finish, stop the sender and the stub. */
  async detach(): Promise<void> {
    const attached = this.current;
    this.current = null;
    if (!attached) return;
    await this.disconnect(attached);
    await attached.receiver?.close();
    attached.receiver = null;
  }

  /** Settings were saved: reconnect when the URL, key, mode or automatic upload changed. */
  async settingsSaved(before: Settings, keyChanged: boolean): Promise<void> {
    const attached = this.current;
    if (!attached) return;
    if (!keyChanged && JSON.stringify(before.backupchecks) === JSON.stringify(this.options.settings().backupchecks)) return;
    await this.disconnect(attached);
    attached.closed = false;
    await this.connect(attached);
    this.options.onChange();
  }

  private async connect(attached: Attached): Promise<void> {
    const { target } = attached;
    const settings = this.options.settings().backupchecks;
    if (target.source === 'demo') {
      if (!attached.receiver) {
        const apiKey = randomBytes(18).toString('base64url');
        const receiver = await ReferenceReceiver.start({
          dbFile: this.options.tuning?.demoReceiverFile ?? path.join(this.options.dataDir, 'backupchecks-demo.db'),
          apiKey,
          autoKnow: true,
        });
        if (this.current !== attached) {
          await receiver.close();
          return;
        }
        attached.receiver = receiver;
        attached.demoKey = apiKey;
      }
      attached.destination = 'demo-stub';
      attached.url = attached.receiver.url;
      this.startSender(attached, attached.receiver.url, attached.demoKey as string, settings.autoUpload);
      return;
    }
    attached.destination = settings.url ? 'server' : 'none';
    attached.url = settings.url || null;
    attached.setupProblem = null;
    if (!settings.url) return;
    let key: string | null;
    try {
      key = await this.options.secrets.get(backupchecksKeyAccount(settings.url));
    } catch (error) {
      attached.setupProblem = { message: (error as Error).message, fix: 'Unlock or install the OS keychain, then save the Backupchecks API key again in Settings.' };
      return;
    }
    if (this.current !== attached) return;
    if (!key) {
      attached.setupProblem = {
        message: `No API key is saved for Backupchecks at ${settings.url}.`,
        fix: 'Open Settings → Backupchecks and enter the API key (created in Backupchecks); confirmed runs wait until then.',
      };
      return;
    }
    this.startSender(attached, settings.url, key, settings.autoUpload);
  }

  private startSender(attached: Attached, url: string, apiKey: string, autoUpload: boolean): void {
    const client = new BackupchecksClient({
      baseUrl: url,
      apiKey,
      // The stub is on loopback; a real server goes through the app's network stack (proxies, certificates).
      http: attached.destination === 'server' ? this.options.http : undefined,
      timeoutMs: this.options.tuning?.timeoutMs ?? 30_000,
    });
    const sender = new OutboxSender({
      ...this.options.tuning?.sender,
      db: attached.target.store.db,
      client,
      isOnline: this.options.isOnline,
      now: this.options.now,
      onStatus: () => {
        if (this.current === attached) this.options.onChange();
      },
    });
    attached.sender = sender;
    if (autoUpload) this.release(attached);
    sender.start();
  }

  private async disconnect(attached: Attached): Promise<void> {
    attached.closed = true;
    const sender = attached.sender;
    attached.sender = null;
    await attached.draining?.catch(() => undefined);
    await sender?.stop();
  }

  // ---- what the window and the tray show ----

  summary(): UploadSummaryView {
    const settings = this.options.settings().backupchecks;
    const attached = this.current;
    let pending = 0;
    let waitingForUpload = 0;
    if (attached) {
      const rows = attached.target.store.db
        .prepare(`SELECT state, next_attempt_at IS NULL AS held, COUNT(*) AS n FROM upload_outbox
                  WHERE state IN ('queued', 'sending', 'retrying') GROUP BY state, held`)
        .all() as { state: UploadState; held: number; n: number }[];
      for (const row of rows) {
        pending += row.n;
        if (row.state === 'queued' && row.held) waitingForUpload += row.n;
      }
    }
    const destination = attached?.destination ?? (settings.url ? 'server' : 'none');
    const status = attached?.sender?.status() ?? null;
    const sender: UploadSenderState = status?.state ?? 'not-configured';
    return {
      destination,
      url: attached?.url ?? (settings.url || null),
      mode: destination === 'demo-stub' ? 'run' : settings.mode,
      autoUpload: settings.autoUpload,
      pending,
      waitingForUpload,
      sender,
      problem: this.problem(attached, sender, status?.error ?? null, pending),
    };
  }

  private problem(attached: Attached | null, sender: UploadSenderState, error: { problem: string; fix: string } | null, pending: number): UploadProblem | null {
    if (sender === 'credentials' && error) return { message: error.problem, fix: error.fix };
    if (sender === 'offline') return OFFLINE;
    if (attached?.setupProblem) return attached.setupProblem;
    if (attached && attached.destination === 'none' && pending > 0) {
      return {
        message: `Backupchecks is not set up, so ${pending} confirmed run${pending === 1 ? ' waits' : 's wait'} here.`,
        fix: 'Open Settings → Backupchecks and enter its URL and API key; they are uploaded then.',
      };
    }
    return null;
  }

  /** Backupchecks status, confirmability and confirmation of each run. */
  runUploadViews(runs: readonly StoredRun[]): Map<number, RunUploadView> {
    const views = new Map<number, RunUploadView>();
    const sessionsWithSources = new Set(runs.filter((r) => r.dataSource !== TOTAL).map((r) => `${r.deviceId}:${r.sessionAt}`));
    for (const run of runs) {
      const blocker = uploadBlocker(run, { sessionHasDataSourceRuns: sessionsWithSources.has(`${run.deviceId}:${run.sessionAt}`) });
      views.set(run.id, { status: backupchecksStatus(run.coveStatus), blocker: blocker?.explanation ?? null, confirmation: null });
    }
    const attached = this.current;
    if (!attached || runs.length === 0) return views;
    const rows = attached.target.store.db
      .prepare(`SELECT c.run_id, c.confirmed_by, c.confirmed_at, c.note, c.outcome, c.reason,
                       o.external_id, o.state, o.next_attempt_at, o.receipt_id, o.detail
                FROM run_confirmations c LEFT JOIN upload_outbox o ON o.run_id = c.run_id
                WHERE c.run_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(runs.map((r) => r.id))) as ConfirmationRow[];
    for (const row of rows) {
      const view = views.get(row.run_id);
      if (!view) continue;
      const state = row.state ?? 'queued';
      view.confirmation = {
        confirmedBy: row.confirmed_by,
        confirmedAt: isoTime(row.confirmed_at) as string,
        note: row.note,
        outcome: row.outcome,
        reason: row.reason,
        externalId: row.external_id ?? '',
        uploadState: state,
        waitingForUpload: state === 'queued' && row.next_attempt_at === null,
        receiptId: row.receipt_id,
        detail: row.detail,
        canUnconfirm: row.state === null || state === 'queued' || state === 'retrying' || state === 'rejected',
      };
    }
    return views;
  }

  // ---- confirming ----

  preview(selection: ConfirmSelection): ConfirmPreview {
    const attached = this.current;
    const resolved = this.resolveSelection(selection);
    const empty: ConfirmPreview = { localDay: resolved.localDay, timeZone: resolved.timeZone, total: 0, confirmable: 0, needOutcome: 0, alreadyConfirmed: 0, blocked: 0, runs: [] };
    if (!attached) return empty;
    const candidates = this.confirmations(attached).candidates(resolved.selector, resolved.filter);
    const open = candidates.filter((c) => !c.confirmed && c.blocker === null);
    return {
      ...empty,
      total: candidates.length,
      confirmable: open.length,
      needOutcome: open.filter((c) => c.status !== 'Success').length,
      alreadyConfirmed: candidates.filter((c) => c.confirmed).length,
      blocked: candidates.filter((c) => !c.confirmed && c.blocker !== null).length,
      runs: candidates.slice(0, PREVIEW_LIMIT).map(
        (c): ConfirmCandidateView => ({
          runId: c.runId,
          externalId: c.externalId,
          deviceId: c.deviceId,
          deviceName: c.deviceName,
          customerName: c.customerName,
          dataSource: c.dataSource,
          dataSourceName: dataSourceName(c.dataSource),
          sessionAt: isoTime(c.sessionAt) as string,
          status: c.status,
          confirmed: c.confirmed,
          blocker: c.blocker,
        }),
      ),
    };
  }

  /**
   * Confirms the selection with who (settings.displayName, else the OS user) and when. The
   * confirmation, its queued upload and, with automatic upload off, the hold are one transaction.
   */
  confirm(request: ConfirmRequest): ConfirmResponse {
    const attached = this.current;
    if (!attached) return noData();
    const autoUpload = this.options.settings().backupchecks.autoUpload;
    const input: ConfirmationInput = { by: this.confirmingName(), note: request.note ?? null, outcome: request.outcome, reason: request.reason ?? null };
    try {
      const { selector, filter } = this.resolveSelection(request.selection);
      const confirmations = this.confirmations(attached);
      const db = attached.target.store.db;
      const result = db.transaction(() => {
        const done =
          'runIds' in selector
            ? confirmations.confirmRuns(selector.runIds, input)
            : 'deviceId' in selector
              ? confirmations.confirmDevice(selector.deviceId, input, filter)
              : confirmations.confirmCustomer(selector.customerId, input, filter);
        if (!autoUpload && done.confirmed.length > 0) {
          db.prepare(`UPDATE upload_outbox SET next_attempt_at = NULL, detail = ? WHERE state = 'queued' AND external_id IN (SELECT value FROM json_each(?))`).run(
            HELD_DETAIL,
            JSON.stringify(done.confirmed.map((c) => c.externalId)),
          );
        }
        return done;
      }).immediate();
      const uploading = autoUpload && attached.sender !== null && result.confirmed.length > 0;
      if (uploading) attached.sender?.notify();
      if (result.confirmed.length > 0) this.options.onChange();
      return { ok: true, confirmed: result.confirmed, skipped: result.skipped, uploading };
    } catch (error) {
      return failure(error);
    }
  }

  unconfirm(runId: number): UnconfirmResponse {
    const attached = this.current;
    if (!attached) return noData();
    try {
      this.confirmations(attached).unconfirm(runId);
    } catch (error) {
      return failure(error);
    }
    this.options.onChange();
    return { ok: true };
  }

  /** Who confirms: the display name from settings, else the OS user name. */
  confirmingName(): string {
    const name = this.options.settings().displayName.trim();
    if (name) return name;
    try {
      return os.userInfo().username || 'unknown user';
    } catch {
      return 'unknown user';
    }
  }

  private confirmations(attached: Attached): Confirmations {
    const settings = this.options.settings().backupchecks;
    // The demo stub takes whole runs; review-only needs Backupchecks' own Cove import.
    return new Confirmations(attached.target.store.db, {
      mode: attached.target.source === 'demo' ? 'run' : settings.mode,
      now: () => Math.floor(this.options.now() / 1000),
    });
  }

  private resolveSelection(selection: ConfirmSelection): {
    selector: { runIds: number[] } | { deviceId: number } | { customerId: number };
    filter: RunFilter;
    localDay: string | null;
    timeZone: string;
  } {
    const timeZone = this.timeZone();
    if (selection.kind === 'runs') return { selector: { runIds: selection.runIds }, filter: {}, localDay: null, timeZone };
    const wanted = selection.filter ?? {};
    const localDay = wanted.localDay === undefined ? null : wanted.localDay === 'today' ? localDate(Math.floor(this.options.now() / 1000), timeZone) : wanted.localDay;
    const filter: RunFilter = {
      ...(wanted.statuses ? { statuses: wanted.statuses } : {}),
      ...(wanted.dataSource ? { dataSource: wanted.dataSource } : {}),
      ...(localDay ? { localDay: { date: localDay, timeZone } } : {}),
    };
    const selector = selection.kind === 'device' ? { deviceId: selection.deviceId } : { customerId: selection.customerId };
    return { selector, filter, localDay, timeZone };
  }

  // ---- uploading ----

  /**
   * "Upload confirmed": releases held uploads, makes retries due now, and sends until nothing
   * more is due (or offline, or the key is refused). What stays `retrying` is retried later by
   * the background sender.
   */
  uploadNow(): Promise<UploadNowResult> {
    const attached = this.current;
    if (!attached?.sender) {
      const summary = this.summary();
      return Promise.resolve({
        attempted: 0,
        outcomes: {},
        problem: summary.problem ?? {
          message: summary.pending > 0 ? 'Backupchecks is not set up, so the confirmed runs cannot be uploaded yet.' : 'Backupchecks is not set up.',
          fix: 'Open Settings → Backupchecks and enter its URL and API key.',
        },
        summary,
      });
    }
    attached.draining ??= this.drain(attached).finally(() => {
      attached.draining = null;
    });
    return attached.draining;
  }

  private async drain(attached: Attached): Promise<UploadNowResult> {
    this.release(attached, true);
    const result: UploadNowResult = { attempted: 0, outcomes: {}, problem: null, summary: this.summary() };
    const sender = attached.sender;
    for (let round = 0; sender && !attached.closed && round < MAX_DRAIN_ROUNDS; round++) {
      const sent = await sender.sendRound();
      result.attempted += sent.claimed;
      for (const [state, n] of Object.entries(sent.outcomes) as [UploadState, number][]) result.outcomes[state] = (result.outcomes[state] ?? 0) + n;
      if (sent.credentials) {
        const error = sender.status().error;
        result.problem = error ? { message: error.problem, fix: error.fix } : null;
        break;
      }
      if (sent.offline) {
        result.problem = OFFLINE;
        break;
      }
      if (sent.claimed === 0) break;
    }
    // The background loop re-plans its next wake-up (retries, items released above).
    sender?.notify();
    result.summary = this.summary();
    this.options.onChange();
    return result;
  }

  /** Held uploads become due now; with `retries`, so do those waiting out a backoff. */
  private release(attached: Attached, retries = false): void {
    const at = Math.floor(this.options.now() / 1000);
    attached.target.store.db
      .prepare(`UPDATE upload_outbox SET next_attempt_at = ?, detail = CASE WHEN next_attempt_at IS NULL THEN 'Waiting to be uploaded.' ELSE detail END
                WHERE (state = 'queued' AND next_attempt_at IS NULL) OR (? AND state IN ('queued', 'retrying') AND next_attempt_at > ?)`)
      .run(at, retries ? 1 : 0, at);
  }

  outbox(request: OutboxRequest = {}): OutboxView {
    const summary = this.summary();
    const attached = this.current;
    const counts = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<UploadState, number>;
    if (!attached) return { summary, counts, total: 0, items: [] };
    const db = attached.target.store.db;
    const outbox = outboxSummary(db, { states: request.states, limit: request.limit ?? 200 });
    const deviceIds = [...new Set(outbox.items.map((i) => parseExternalId(i.externalId)?.accountId).filter((id): id is number => id !== undefined))];
    const names = new Map(
      (db.prepare('SELECT id, name FROM devices WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(deviceIds)) as { id: number; name: string }[]).map((d) => [d.id, d.name]),
    );
    return {
      summary,
      counts: outbox.counts,
      total: outbox.total,
      items: outbox.items.map((item): OutboxItemView => {
        const parsed = parseExternalId(item.externalId);
        return {
          id: item.id,
          runId: item.runId,
          externalId: item.externalId,
          deviceId: parsed?.accountId ?? null,
          deviceName: parsed ? (names.get(parsed.accountId) ?? null) : null,
          dataSource: parsed?.dataSource ?? null,
          dataSourceName: parsed ? dataSourceName(parsed.dataSource) : null,
          sessionAt: parsed ? isoTime(parsed.sessionAt) : null,
          mode: item.mode,
          state: item.state,
          waitingForUpload: item.state === 'queued' && item.nextAttemptAt === null,
          attempts: item.attempts,
          nextAttemptAt: isoTime(item.nextAttemptAt),
          receiptId: item.receiptId,
          reason: item.reason,
          lastError: item.lastError,
          lastHttpStatus: item.lastHttpStatus,
          updatedAt: isoTime(item.updatedAt) as string,
          sentAt: isoTime(item.sentAt),
        };
      }),
    };
  }

  attempts(externalId: string): UploadAttemptView[] {
    const attached = this.current;
    if (!attached) return [];
    return uploadAttempts(attached.target.store.db, externalId).map((a) => ({
      attemptedAt: isoTime(a.attemptedAt) as string,
      requestId: a.requestId,
      httpStatus: a.httpStatus,
      networkError: a.networkError,
      resultState: a.resultState,
      durationMs: a.durationMs,
    }));
  }

  // ---- settings ----

  async settingsView(): Promise<{ backupchecks: BackupchecksSettingsView; backupchecksKeySaved: boolean }> {
    const { url, mode, autoUpload } = this.options.settings().backupchecks;
    let saved = false;
    if (url) {
      try {
        saved = (await this.options.secrets.get(backupchecksKeyAccount(url))) !== null;
      } catch {
        // No keychain: AppService reports it once for all secrets.
      }
    }
    return { backupchecks: { url, mode, autoUpload }, backupchecksKeySaved: saved };
  }

  /**
   * Checks the Backupchecks part of settings about to be saved. A new key is kept in the OS
   * keychain only after the server answered `GET /health` and accepted it on an authenticated
   * no-op (an empty batch, which stores nothing). Returns the failure to show, or `null`.
   */
  async checkSettings(next: Settings, current: Settings, key: string | undefined): Promise<Extract<SaveSettingsResult, { ok: false }> | null> {
    const url = next.backupchecks.url;
    const newKey = key?.trim() ?? '';
    if (!url) {
      return newKey ? { ok: false, field: 'backupchecks', message: 'Enter the Backupchecks URL too: the API key belongs to one server.' } : null;
    }
    const account = backupchecksKeyAccount(url);
    if (newKey) {
      const refused = await this.checkKey(url, newKey);
      if (refused) return refused;
      try {
        await this.options.secrets.set(account, newKey);
      } catch (error) {
        return { ok: false, field: 'backupchecksKey', message: (error as Error).message };
      }
      return null;
    }
    if (url === current.backupchecks.url) return null;
    let saved: string | null;
    try {
      saved = await this.options.secrets.get(account);
    } catch (error) {
      return { ok: false, field: 'backupchecksKey', message: (error as Error).message };
    }
    if (saved === null) {
      return { ok: false, field: 'backupchecksKey', message: 'Enter the API key for this Backupchecks server (created in Backupchecks); it is checked and kept in the OS keychain.' };
    }
    return this.checkKey(url, saved);
  }

  private async checkKey(url: string, key: string): Promise<Extract<SaveSettingsResult, { ok: false }> | null> {
    const client = new BackupchecksClient({ baseUrl: url, apiKey: key, http: this.options.http, timeoutMs: this.options.tuning?.timeoutMs ?? 15_000 });
    const health = await client.health();
    if (!health.ok) return { ok: false, field: 'backupchecks', message: `${health.error.problem} ${health.error.fix}` };
    const probe = await client.sendBatch([]);
    if (probe.ok) return null;
    if (probe.error.kind === 'credentials') return { ok: false, field: 'backupchecksKey', message: probe.error.message };
    // 422 on the empty batch: the key passed, the (empty) request was refused as meant.
    if (probe.error.kind === 'request' && probe.httpStatus === 422) return null;
    return {
      ok: false,
      field: 'backupchecks',
      message: `Backupchecks at ${url} answers, but the API key could not be checked: ${probe.error.problem} ${probe.error.fix}`,
    };
  }
}

interface ConfirmationRow {
  run_id: number;
  confirmed_by: string;
  confirmed_at: number;
  note: string | null;
  outcome: 'reviewed' | 'mark_success';
  reason: string | null;
  external_id: string | null;
  state: UploadState | null;
  next_attempt_at: number | null;
  receipt_id: string | null;
  detail: string | null;
}

function noData(): { ok: false; code: 'no-data'; message: string; fix: string } {
  return { ok: false, code: 'no-data', message: 'No fleet is open yet.', fix: 'Wait for the first poll to finish, then try again.' };
}

function failure(error: unknown): { ok: false; code: ConfirmationError['code'] | 'storage'; message: string; fix: string } {
  if (error instanceof ConfirmationError) return { ok: false, code: error.code, message: error.problem, fix: error.fix };
  if (error instanceof StoreError) return { ok: false, code: 'storage', message: error.problem, fix: error.fix };
  throw error;
}
