/**
 * Delivers the outbox to Backupchecks.
 *
 * - Items due are claimed (state `sending`) in one transaction before the request; the answer
 *   settles them in another, together with one audit row per item. A crash between the two
 *   leaves items in `sending`; the next sender retries them, which is safe because the receiver
 *   is idempotent per external_id: a run it already committed answers 200 "exists" → `sent`.
 * - Transient failures (no answer, timeout, 5xx, garbage) → `retrying` with full-jitter
 *   exponential backoff; they never give up, since a confirmed upload must not be lost to a
 *   long outage. While `isOnline()` is false nothing is sent; when it returns, items that failed
 *   for want of an answer are due at once.
 * - 401/403 stops the sender (state `credentials`) with a clear error until `updateApiKey`.
 * - Final answers: 201/200 → `sent`, 202 → `staged`, 409 → `conflict`, 422 → `rejected`.
 *
 * One sender per database: two would both recover each other's `sending` items.
 */
import { randomUUID } from 'node:crypto';
import type { BackupchecksClient, BackupchecksError, ItemResult } from '../backupchecks/backupchecks-client';
import type { ReviewBody, RunBody } from '../backupchecks/backupchecks-contract';
import { type Db, storeError } from '../store/database';
import type { OutboxState } from './outbox-status';

export type SenderState = 'idle' | 'sending' | 'waiting' | 'offline' | 'credentials' | 'stopped';

export interface SenderStatus {
  state: SenderState;
  /** Set while stopped by `credentials`: the message to show, naming the fix. */
  error: BackupchecksError | null;
}

export interface OutboxSenderOptions {
  db: Db;
  client: BackupchecksClient;
  /** Runs per request. */
  batchSize?: number;
  isOnline?: () => boolean;
  /** Epoch milliseconds. */
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** How often to look again while offline. */
  offlineCheckMs?: number;
  /** Longest nap when nothing is due (a `notify()` wakes it earlier). */
  idleMs?: number;
  /** Review-only mode: attempts before a run Backupchecks never imported is given up as rejected. */
  notFoundLimit?: number;
  onStatus?: (status: SenderStatus) => void;
}

export interface RoundResult {
  /** Items sent in this round. */
  claimed: number;
  /** Items per state they ended the round in. */
  outcomes: Partial<Record<OutboxState, number>>;
  offline: boolean;
  credentials: boolean;
}

interface Claimed {
  id: number;
  external_id: string;
  mode: 'run' | 'review';
  payload: string;
  attempts: number;
}

interface Settlement {
  state: OutboxState;
  detail: string;
  receiptId?: string | null;
  lastError?: string | null;
}

interface AttemptMeta {
  requestId: string;
  startedAt: number;
  durationMs: number;
  httpStatus: number | null;
  networkError: string | null;
}

const DEFAULTS = {
  batchSize: 50,
  backoffBaseMs: 5_000,
  backoffCapMs: 30 * 60_000,
  offlineCheckMs: 15_000,
  idleMs: 60_000,
  notFoundLimit: 12,
};

export class OutboxSender {
  private readonly db: Db;
  private readonly client: BackupchecksClient;
  private readonly options: typeof DEFAULTS;
  private readonly isOnline: () => boolean;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly onStatus: ((status: SenderStatus) => void) | undefined;
  private current: SenderStatus = { state: 'idle', error: null };
  private recovered = false;
  private wasOffline = false;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(options: OutboxSenderOptions) {
    this.db = options.db;
    this.client = options.client;
    this.options = {
      batchSize: options.batchSize ?? DEFAULTS.batchSize,
      backoffBaseMs: options.backoffBaseMs ?? DEFAULTS.backoffBaseMs,
      backoffCapMs: options.backoffCapMs ?? DEFAULTS.backoffCapMs,
      offlineCheckMs: options.offlineCheckMs ?? DEFAULTS.offlineCheckMs,
      idleMs: options.idleMs ?? DEFAULTS.idleMs,
      notFoundLimit: options.notFoundLimit ?? DEFAULTS.notFoundLimit,
    };
    this.isOnline = options.isOnline ?? (() => true);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.onStatus = options.onStatus;
  }

  status(): SenderStatus {
    return this.current;
  }

  /** A new key was entered: leave the `credentials` stop and send again. */
  updateApiKey(apiKey: string): void {
    this.client.setApiKey(apiKey);
    if (this.current.state === 'credentials') this.setStatus('idle', null);
    this.notify();
  }

  /** New confirmations were queued: wake the background loop. */
  notify(): void {
    this.wake?.();
  }

  /** Runs in the background until `stop()`. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run(false).finally(() => {
      this.loop = null;
    });
  }

  /** Lets the request in flight finish, then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.notify();
    await this.loop;
    this.setStatus('stopped', this.current.error);
  }

  /**
   * Sends until nothing is pending, or the sender is stopped by credentials (returns that status).
   * While offline it keeps waiting; tests and CLIs use this, the app uses `start()`.
   */
  async runUntilSettled(): Promise<SenderStatus> {
    await this.run(true);
    return this.current;
  }

  /** Items a previous process left in `sending` become due again. Runs once per sender. */
  recoverInterrupted(): number {
    this.recovered = true;
    return this.guard(() =>
      this.db
        .transaction(() => {
          const at = this.seconds();
          const rows = this.db.prepare("SELECT external_id FROM upload_outbox WHERE state = 'sending'").pluck().all() as string[];
          const audit = this.db.prepare(
            "INSERT INTO upload_attempts (attempted_at, external_id, request_id, http_status, network_error, result_state, duration_ms) VALUES (?, ?, 'interrupted', NULL, ?, 'retrying', NULL)",
          );
          for (const externalId of rows) audit.run(at, externalId, 'interrupted: the uploader stopped before the answer arrived');
          this.db
            .prepare(`UPDATE upload_outbox SET state = 'retrying', attempts = attempts + 1, next_attempt_at = ?, updated_at = ?,
                      last_error = 'The uploader stopped before Backupchecks answered.',
                      detail = 'Interrupted while sending; sent again (Backupchecks ignores a run it already has).'
                      WHERE state = 'sending'`)
            .run(at, at);
          return rows.length;
        })
        .immediate(),
    );
  }

  /** One round: claims the items due (up to a batch) and sends them. */
  async sendRound(): Promise<RoundResult> {
    if (!this.recovered) this.recoverInterrupted();
    const result: RoundResult = { claimed: 0, outcomes: {}, offline: false, credentials: false };
    if (this.current.state === 'credentials') return { ...result, credentials: true };
    if (!this.isOnline()) {
      this.wasOffline = true;
      this.setStatus('offline', null);
      return { ...result, offline: true };
    }
    if (this.wasOffline) {
      this.wasOffline = false;
      this.pullForwardUnanswered();
    }
    const claimed = this.claim();
    result.claimed = claimed.length;
    if (claimed.length === 0) return result;
    this.setStatus('sending', null);

    const runs = claimed.filter((c) => c.mode === 'run');
    const reviews = claimed.filter((c) => c.mode === 'review');
    if (runs.length > 0) await this.sendRuns(runs, result);
    for (let i = 0; i < reviews.length; i++) {
      if (result.credentials) {
        // Not sent: back in the queue for when the key is fixed.
        this.settle(reviews.slice(i), () => ({ state: 'queued', detail: this.credentialsDetail() }), null, result);
        break;
      }
      await this.sendReview(reviews[i], result);
    }
    if (!result.credentials) this.setStatus('idle', null);
    return result;
  }

  private async sendRuns(items: Claimed[], result: RoundResult): Promise<void> {
    const bodies = items.map((i) => JSON.parse(i.payload) as RunBody);
    const startedAt = this.now();
    const answer = await this.client.sendBatch(bodies);
    const meta = (httpStatus: number | null, networkError: string | null): AttemptMeta => ({ requestId: randomUUID(), startedAt, durationMs: answer.durationMs, httpStatus, networkError });
    if (answer.ok) {
      const byId = new Map(answer.value.map((r) => [r.externalId, r]));
      const shared = meta(null, null);
      this.settle(items, (item) => this.fromItemResult(item, byId.get(item.external_id)), shared, result, (item) => byId.get(item.external_id)?.httpStatus ?? answer.httpStatus);
    } else {
      this.settleFailure(items, answer.error, meta(answer.httpStatus, noAnswer(answer.error)), result);
    }
  }

  private async sendReview(item: Claimed, result: RoundResult): Promise<void> {
    const startedAt = this.now();
    const answer = await this.client.sendReview(item.external_id, JSON.parse(item.payload) as ReviewBody);
    const meta: AttemptMeta = { requestId: randomUUID(), startedAt, durationMs: answer.durationMs, httpStatus: answer.httpStatus, networkError: answer.ok ? null : noAnswer(answer.error) };
    if (answer.ok) this.settle([item], (i) => this.fromItemResult(i, answer.value), meta, result);
    else this.settleFailure([item], answer.error, meta, result);
  }

  private settleFailure(items: Claimed[], error: BackupchecksError, meta: AttemptMeta, result: RoundResult): void {
    if (error.kind === 'credentials') {
      result.credentials = true;
      this.setStatus('credentials', error);
      this.settle(items, () => ({ state: 'queued', detail: this.credentialsDetail(), lastError: error.message }), meta, result);
      return;
    }
    this.settle(items, () => ({ state: 'retrying', detail: `${error.problem} Retrying automatically.`, lastError: error.message }), meta, result);
  }

  private credentialsDetail(): string {
    return 'Waiting for a valid Backupchecks API key (uploads are paused).';
  }

  private fromItemResult(item: Claimed, answer: ItemResult | undefined): Settlement {
    if (!answer) {
      return { state: 'retrying', detail: 'Backupchecks answered the batch without a result for this run; sending it again.', lastError: 'missing from the batch answer' };
    }
    switch (answer.status) {
      case 'created':
      case 'exists':
      case 'updated':
      case 'reviewed': {
        const what = { created: 'created', exists: 'already present, unchanged', updated: 'updated', reviewed: 'marked reviewed' }[answer.status];
        return { state: 'sent', detail: `Delivered: Backupchecks run ${answer.runId} (${what}).`, receiptId: String(answer.runId) };
      }
      case 'staged':
        return {
          state: 'staged',
          detail: `Delivered to Backupchecks' API inbox, not yet to a job: ${answer.message} Nothing to do here; it appears in Run Checks once linked.`,
          receiptId: `staged:${answer.stagedId}`,
        };
      case 'conflict':
        return {
          state: 'conflict',
          detail: `${answer.message} This confirmation was not applied there; change the review in Backupchecks if it is wrong.`,
          lastError: answer.message,
        };
      case 'invalid':
        return {
          state: 'rejected',
          detail: `Backupchecks refused it: ${answer.message} Un-confirm and confirm again after updating the app; report it if it repeats.`,
          lastError: answer.message,
        };
      case 'not_found':
        if (item.attempts + 1 >= this.options.notFoundLimit) {
          return {
            state: 'rejected',
            detail: `Backupchecks never had run ${item.external_id} after ${item.attempts + 1} attempts: its own Cove import may not cover this device, or names runs differently. Use full-run uploads for this install.`,
            lastError: answer.message,
          };
        }
        return { state: 'retrying', detail: `${answer.message} Trying again later.`, lastError: answer.message };
    }
  }

  /** Writes the new states and one audit row per item, in one transaction. */
  private settle(
    items: Claimed[],
    decide: (item: Claimed) => Settlement,
    meta: AttemptMeta | null,
    result: RoundResult,
    itemStatus: (item: Claimed) => number | null = () => meta?.httpStatus ?? null,
  ): void {
    const nowMs = this.now();
    const at = Math.floor(nowMs / 1000);
    this.guard(() =>
      this.db.transaction(() => {
        const update = this.db.prepare(`
          UPDATE upload_outbox SET state = @state, attempts = attempts + @counted, next_attempt_at = @next, receipt_id = coalesce(@receiptId, receipt_id),
            last_http_status = CASE WHEN @counted = 1 THEN @httpStatus ELSE last_http_status END, last_error = coalesce(@lastError, last_error), detail = @detail,
            updated_at = @at, sent_at = CASE WHEN @state IN ('sent', 'staged') THEN @at ELSE sent_at END
          WHERE id = @id AND state = 'sending'`);
        const audit = this.db.prepare(
          'INSERT INTO upload_attempts (attempted_at, external_id, request_id, http_status, network_error, result_state, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
        );
        for (const item of items) {
          const s = decide(item);
          const attempts = item.attempts + 1;
          const next = s.state === 'retrying' ? Math.ceil((nowMs + this.backoffMs(attempts)) / 1000) : s.state === 'queued' ? at : null;
          const httpStatus = meta ? itemStatus(item) : null;
          update.run({
            id: item.id,
            state: s.state,
            counted: meta ? 1 : 0,
            next,
            receiptId: s.receiptId ?? null,
            httpStatus,
            lastError: s.lastError ?? null,
            detail: s.detail,
            at,
          });
          if (meta) {
            audit.run(Math.floor(meta.startedAt / 1000), item.external_id, meta.requestId, httpStatus, meta.networkError, s.state, Math.round(meta.durationMs));
          }
          result.outcomes[s.state] = (result.outcomes[s.state] ?? 0) + 1;
        }
      })(),
    );
  }

  /** Full jitter: uniform in [0, min(cap, base · 2^(attempt-1))]. */
  private backoffMs(attempt: number): number {
    const ceiling = Math.min(this.options.backoffCapMs, this.options.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(this.random() * ceiling);
  }

  private claim(): Claimed[] {
    const at = this.seconds();
    return this.guard(() =>
      this.db
        .transaction(() => {
          const rows = this.db
            .prepare(`UPDATE upload_outbox SET state = 'sending', updated_at = ?, detail = 'Sending to Backupchecks.'
                      WHERE id IN (SELECT id FROM upload_outbox WHERE state IN ('queued', 'retrying') AND next_attempt_at <= ?
                                   ORDER BY next_attempt_at, id LIMIT ?)
                      RETURNING id, external_id, mode, payload, attempts`)
            .all(at, at, this.options.batchSize) as Claimed[];
          return rows.sort((a, b) => a.id - b.id);
        })
        .immediate(),
    );
  }

  /** Back online: what failed for want of an answer need not wait out its backoff. */
  private pullForwardUnanswered(): void {
    const at = this.seconds();
    this.guard(() =>
      this.db
        .prepare("UPDATE upload_outbox SET next_attempt_at = ? WHERE state = 'retrying' AND last_http_status IS NULL AND next_attempt_at > ?")
        .run(at, at),
    );
  }

  /** Unix seconds when the next pending item is due, or `null` when nothing is pending. */
  private nextDue(): number | null {
    return this.guard(() => this.db.prepare("SELECT MIN(next_attempt_at) FROM upload_outbox WHERE state IN ('queued', 'retrying')").pluck().get() as number | null);
  }

  private async run(untilSettled: boolean): Promise<void> {
    while (!this.stopping) {
      const round = await this.sendRound();
      if (round.credentials) {
        if (untilSettled) return;
        await this.nap(this.options.idleMs);
        continue;
      }
      if (round.offline) {
        await this.nap(this.options.offlineCheckMs);
        continue;
      }
      if (round.claimed > 0) continue;
      const due = this.nextDue();
      if (due === null) {
        if (untilSettled) return;
        await this.nap(this.options.idleMs);
        continue;
      }
      this.setStatus('waiting', null);
      await this.nap(Math.max(1, Math.min(this.options.idleMs, due * 1000 - this.now())));
    }
  }

  /** Sleeps, unless `notify()` or `stop()` wakes it first. */
  private async nap(ms: number): Promise<void> {
    const woken = new Promise<void>((resolve) => {
      this.wake = resolve;
    });
    await Promise.race([this.sleep(ms), woken]);
    this.wake = null;
  }

  private setStatus(state: SenderState, error: BackupchecksError | null): void {
    if (this.current.state === state && this.current.error === error) return;
    this.current = { state, error };
    this.onStatus?.(this.current);
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw storeError(error, this.db.name);
    }
  }
}

/** The audit log's "network error": set only when no answer arrived. */
function noAnswer(error: BackupchecksError): string | null {
  return error.httpStatus === null ? error.message : null;
}
