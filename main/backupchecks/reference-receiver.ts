/**
 * A reference Backupchecks receiver: a real HTTP server implementing docs/backupchecks-api.md,
 * with SQLite persistence. It is the stub for development (`npm run backupchecks-stub`) and the
 * counterpart in contract and fault-injection tests. It is not Backupchecks, only its proposed
 * ingest surface, kept as close to backupchecks.md §7 as the proposal allows.
 *
 * Promises it keeps, because the uploader's safety rests on them:
 * - one run per external_id (a unique index), so a resend answers 200 "exists", never a duplicate;
 * - every accepted run is committed before the answer is written, so being killed loses nothing
 *   it has answered for;
 * - a reviewed run is never changed (409), matching Backupchecks' own invariant (§5.6).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  API_PREFIX,
  HTTP_STATUS_OF,
  MAX_BATCH_RUNS,
  type ReviewBody,
  type RunBody,
  type WireItemResult,
  issueDetails,
  reviewSchema,
  runBodySchema,
} from './backupchecks-contract';
import { isoUtc } from './backupchecks-payload';

export interface KnownCustomer {
  name: string;
  externalRef?: string | null;
}

export interface KnownJob {
  /** Name of a known customer. */
  customer: string;
  jobName: string;
  backupSoftware?: string;
  backupType?: string;
  externalRef?: string | null;
}

/** One injected misbehaviour, applied to one `/api/v1` request. */
export type Fault =
  /** Commit, then destroy the socket without answering. */
  | { kind: 'drop-after-commit' }
  /** Answer 5xx before touching anything. */
  | { kind: 'server-error'; status?: number }
  /** Wait, then process and answer (longer than the client's timeout = a timeout that still commits). */
  | { kind: 'delay'; ms: number }
  /** Process and commit, then wait before answering (a window to kill the client mid-request). */
  | { kind: 'delay-after-commit'; ms: number }
  /** Answer 401 whatever the key. */
  | { kind: 'unauthorized' }
  /** Answer 422 for the whole request before touching anything. */
  | { kind: 'invalid' };

export interface RandomFaults {
  dropAfterCommit?: number;
  serverError?: number;
  /** Probability of a `delay` fault of `delayMs`. */
  delay?: number;
  delayMs?: number;
  random: () => number;
}

export interface ReceiverOptions {
  /** SQLite file; `:memory:` for a throwaway receiver. */
  dbFile: string;
  apiKey: string;
  port?: number;
  /** Demo mode: unknown customers and jobs are created on the fly instead of staged. */
  autoKnow?: boolean;
  customers?: KnownCustomer[];
  jobs?: KnownJob[];
  maxBatch?: number;
  /** Unix seconds. */
  now?: () => number;
}

export interface ReceivedRun {
  id: number;
  externalId: string;
  customer: string;
  jobName: string;
  status: string;
  startedAt: number;
  endedAt: number | null;
  reviewedBy: string | null;
  reviewedAt: number | null;
  reviewOutcome: string | null;
  objects: { name: string; type: string; status: string; message: string | null }[];
}

export interface StagedRun {
  id: number;
  externalId: string;
  reason: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS customers (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    external_ref TEXT UNIQUE,
    active       INTEGER NOT NULL DEFAULT 1
  );
  CREATE TABLE IF NOT EXISTS jobs (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    backup_software TEXT NOT NULL,
    backup_type     TEXT NOT NULL,
    job_name        TEXT NOT NULL,
    external_ref    TEXT UNIQUE,
    archived        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (customer_id, backup_software, job_name)
  );
  CREATE TABLE IF NOT EXISTS runs (
    id             INTEGER PRIMARY KEY,
    source_type    TEXT NOT NULL,
    external_id    TEXT NOT NULL,
    job_id         INTEGER NOT NULL REFERENCES jobs(id),
    status         TEXT NOT NULL,
    started_at     INTEGER NOT NULL,
    ended_at       INTEGER,
    message        TEXT,
    errors         TEXT NOT NULL,
    body_hash      TEXT NOT NULL,
    reviewed_by    TEXT,
    reviewed_at    INTEGER,
    review_outcome TEXT,
    review_note    TEXT,
    review_reason  TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
  );
  -- The idempotency promise: one run per external id, whatever happens to the connections.
  CREATE UNIQUE INDEX IF NOT EXISTS runs_by_external_id ON runs(external_id);
  CREATE TABLE IF NOT EXISTS run_objects (
    run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    type     TEXT NOT NULL,
    status   TEXT NOT NULL,
    message  TEXT,
    PRIMARY KEY (run_id, position)
  );
  -- The "API inbox": runs for customers or jobs Backupchecks does not know (it never invents them).
  CREATE TABLE IF NOT EXISTS staged_runs (
    id          INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    body        TEXT NOT NULL,
    body_hash   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS requests (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    method      TEXT NOT NULL,
    path        TEXT NOT NULL,
    http_status INTEGER,
    items       INTEGER NOT NULL,
    fault       TEXT
  );
`;

const MAX_BODY_BYTES = 8 * 1024 * 1024;

class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

function errorAnswer(status: number, code: string, message: string, details?: { path: string; message: string }[]): HttpAnswer {
  return new HttpAnswer(status, { error: { code, message, ...(details ? { details } : {}) } });
}

/** SHA-256 of JSON with sorted keys: the same run sent twice hashes the same. */
function bodyHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function keyDigest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const iso = (s: number | null) => (s === null ? null : isoUtc(s));

export class FaultInjector {
  private readonly queue: Fault[] = [];
  private randomFaults: RandomFaults | null = null;

  /** The next `times` API requests get `fault`, in order after those already queued. */
  push(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.queue.push(fault);
  }

  /** Every API request draws its fault at random (after the queue is empty). */
  setRandom(faults: RandomFaults | null): void {
    this.randomFaults = faults;
  }

  clear(): void {
    this.queue.length = 0;
    this.randomFaults = null;
  }

  /** @internal */
  next(): Fault | null {
    const queued = this.queue.shift();
    if (queued) return queued;
    const r = this.randomFaults;
    if (!r) return null;
    let roll = r.random();
    if ((roll -= r.dropAfterCommit ?? 0) < 0) return { kind: 'drop-after-commit' };
    if ((roll -= r.serverError ?? 0) < 0) return { kind: 'server-error' };
    if ((roll -= r.delay ?? 0) < 0) return { kind: 'delay', ms: r.delayMs ?? 1000 };
    return null;
  }
}

export class ReferenceReceiver {
  readonly faults = new FaultInjector();
  private readonly db: Database.Database;
  private readonly server: http.Server;
  private keyHash: Buffer;
  private readonly autoKnow: boolean;
  private readonly maxBatch: number;
  private readonly now: () => number;
  private port = 0;
  /** Requests still being handled (e.g. in an injected delay); `close` waits for them. */
  private readonly inFlight = new Set<Promise<void>>();

  private constructor(options: ReceiverOptions) {
    if (options.dbFile !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(options.dbFile)), { recursive: true });
    this.db = new Database(options.dbFile);
    this.db.pragma('journal_mode = WAL');
    // FULL: an answered run must survive even an OS crash, not only a killed process.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.keyHash = keyDigest(options.apiKey);
    this.autoKnow = options.autoKnow ?? false;
    this.maxBatch = options.maxBatch ?? MAX_BATCH_RUNS;
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    for (const customer of options.customers ?? []) this.addCustomer(customer);
    for (const job of options.jobs ?? []) this.addJob(job);
    this.server = http.createServer((req, res) => {
      const handling = this.handle(req, res).catch((error: unknown) => {
        // A bug or a storage fault: answer 500 (the client retries) rather than crash the stub.
        this.write(res, errorAnswer(500, 'internal', `The receiver failed: ${(error as Error).message}`));
      });
      this.inFlight.add(handling);
      void handling.finally(() => this.inFlight.delete(handling));
    });
    this.server.keepAliveTimeout = 5_000;
  }

  /** Starts listening on 127.0.0.1 (only: it is a development and test stub). */
  static async start(options: ReceiverOptions): Promise<ReferenceReceiver> {
    const receiver = new ReferenceReceiver(options);
    await new Promise<void>((resolve, reject) => {
      receiver.server.once('error', reject);
      receiver.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    receiver.port = (receiver.server.address() as AddressInfo).port;
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    await Promise.all([...this.inFlight]);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.db.close();
  }

  /** Key rotation: from now on only `apiKey` is accepted. */
  setApiKey(apiKey: string): void {
    this.keyHash = keyDigest(apiKey);
  }

  addCustomer(customer: KnownCustomer): number {
    const existing = this.db.prepare('SELECT id FROM customers WHERE name = ?').pluck().get(customer.name) as number | undefined;
    if (existing !== undefined) return existing;
    return Number(this.db.prepare('INSERT INTO customers (name, external_ref) VALUES (?, ?)').run(customer.name, customer.externalRef ?? null).lastInsertRowid);
  }

  addJob(job: KnownJob): number {
    const customerId = this.db.prepare('SELECT id FROM customers WHERE name = ?').pluck().get(job.customer) as number | undefined;
    if (customerId === undefined) throw new Error(`Cannot add job "${job.jobName}": customer "${job.customer}" is not known; add the customer first.`);
    return Number(
      this.db
        .prepare(`INSERT INTO jobs (customer_id, backup_software, backup_type, job_name, external_ref) VALUES (?, ?, ?, ?, ?)
                  ON CONFLICT DO UPDATE SET external_ref = excluded.external_ref RETURNING id`)
        .pluck()
        .get(customerId, job.backupSoftware ?? 'Cove Data Protection', job.backupType ?? 'Cove Server', job.jobName, job.externalRef ?? null),
    );
  }

  /** An operator marks a run reviewed in the Backupchecks UI (tests use it to provoke 409). */
  markReviewed(externalId: string, reviewedBy: string, reviewedAt = this.now()): void {
    const changes = this.db
      .prepare("UPDATE runs SET reviewed_by = ?, reviewed_at = ?, review_outcome = 'reviewed', updated_at = ? WHERE external_id = ? AND reviewed_at IS NULL")
      .run(reviewedBy, reviewedAt, this.now(), externalId).changes;
    if (changes === 0) throw new Error(`No unreviewed run ${externalId} to mark reviewed.`);
  }

  runs(): ReceivedRun[] {
    const rows = this.db
      .prepare(`SELECT r.*, c.name AS customer, j.job_name FROM runs r JOIN jobs j ON j.id = r.job_id JOIN customers c ON c.id = j.customer_id ORDER BY r.id`)
      .all() as Record<string, unknown>[];
    const objects = this.db.prepare('SELECT name, type, status, message FROM run_objects WHERE run_id = ? ORDER BY position');
    return rows.map((r) => ({
      id: r.id as number,
      externalId: r.external_id as string,
      customer: r.customer as string,
      jobName: r.job_name as string,
      status: r.status as string,
      startedAt: r.started_at as number,
      endedAt: r.ended_at as number | null,
      reviewedBy: r.reviewed_by as string | null,
      reviewedAt: r.reviewed_at as number | null,
      reviewOutcome: r.review_outcome as string | null,
      objects: objects.all(r.id) as ReceivedRun['objects'],
    }));
  }

  countRuns(): number {
    return this.db.prepare('SELECT COUNT(*) FROM runs').pluck().get() as number;
  }

  staged(): StagedRun[] {
    return (this.db.prepare('SELECT id, external_id, reason FROM staged_runs ORDER BY id').all() as { id: number; external_id: string; reason: string }[]).map((r) => ({
      id: r.id,
      externalId: r.external_id,
      reason: r.reason,
    }));
  }

  /** Requests answered or dropped, by fault (null = none). */
  requestLog(): { method: string; path: string; httpStatus: number | null; items: number; fault: string | null }[] {
    return (this.db.prepare('SELECT method, path, http_status, items, fault FROM requests ORDER BY id').all() as Record<string, unknown>[]).map((r) => ({
      method: r.method as string,
      path: r.path as string,
      httpStatus: r.http_status as number | null,
      items: r.items as number,
      fault: r.fault as string | null,
    }));
  }

  // ---- HTTP ----

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = url.pathname;
    if (route === '/health') {
      this.write(res, req.method === 'GET' ? new HttpAnswer(200, { status: 'ok' }) : errorAnswer(405, 'method_not_allowed', 'Use GET /health.'));
      return;
    }
    const isRuns = route === `${API_PREFIX}/runs`;
    const reviewMatch = new RegExp(`^${API_PREFIX}/runs/([^/]+)/review$`).exec(route);
    if (!isRuns && !reviewMatch) {
      this.write(res, errorAnswer(404, 'no_such_endpoint', `There is no endpoint ${route}; the ingest API is POST ${API_PREFIX}/runs and POST ${API_PREFIX}/runs/{external_id}/review.`));
      return;
    }
    if (req.method !== 'POST') {
      this.write(res, errorAnswer(405, 'method_not_allowed', `Use POST ${route}.`));
      return;
    }

    const fault = this.faults.next();
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      const tooLarge = (error as Error).message === 'too large';
      this.answer(req, route, res, tooLarge ? errorAnswer(413, 'too_large', `The body exceeds ${MAX_BODY_BYTES} bytes; send smaller batches.`) : null, 0, fault);
      return;
    }
    if (fault?.kind === 'unauthorized' || !this.authorized(req)) {
      this.answer(req, route, res, errorAnswer(401, 'unauthorized', 'Missing or unknown API key. Send Authorization: Bearer <api key> with a key created in Backupchecks.'), 0, fault);
      return;
    }
    if (fault?.kind === 'server-error') {
      this.answer(req, route, res, errorAnswer(fault.status ?? 503, 'unavailable', 'Backupchecks is temporarily unavailable (injected fault).'), 0, fault);
      return;
    }
    if (fault?.kind === 'invalid') {
      this.answer(req, route, res, errorAnswer(422, 'validation_failed', 'The request was refused (injected fault).', [{ path: '(body)', message: 'injected' }]), 0, fault);
      return;
    }
    if (fault?.kind === 'delay') await sleep(fault.ms);

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      this.answer(req, route, res, errorAnswer(422, 'invalid_json', 'The body is not JSON.'), 0, fault);
      return;
    }
    // Processing is synchronous SQLite: the transaction has committed when these return.
    const { answer, items } = reviewMatch ? this.review(decodeURIComponent(reviewMatch[1]), body) : this.runsRequest(body);

    if (fault?.kind === 'drop-after-commit') {
      this.logRequest(req, route, null, items, fault);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay-after-commit') await sleep(fault.ms);
    this.answer(req, route, res, answer, items, fault);
  }

  private authorized(req: http.IncomingMessage): boolean {
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    return m !== null && timingSafeEqual(keyDigest(m[1].trim()), this.keyHash);
  }

  private answer(req: http.IncomingMessage, route: string, res: http.ServerResponse, answer: HttpAnswer | null, items: number, fault: Fault | null): void {
    this.logRequest(req, route, answer?.status ?? null, items, fault);
    if (answer) this.write(res, answer);
    else req.socket.destroy();
  }

  private logRequest(req: http.IncomingMessage, route: string, status: number | null, items: number, fault: Fault | null): void {
    this.db.prepare('INSERT INTO requests (at, method, path, http_status, items, fault) VALUES (?, ?, ?, ?, ?, ?)').run(this.now(), req.method ?? '', route, status, items, fault?.kind ?? null);
  }

  private write(res: http.ServerResponse, answer: HttpAnswer): void {
    if (res.destroyed || res.headersSent) return;
    const payload = JSON.stringify(answer.body);
    res.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(payload) });
    res.end(payload);
  }

  // ---- the contract ----

  private runsRequest(body: unknown): { answer: HttpAnswer; items: number } {
    if (body && typeof body === 'object' && !Array.isArray(body) && 'runs' in body) {
      const runs = (body as { runs: unknown }).runs;
      if (!Array.isArray(runs) || runs.length === 0 || runs.length > this.maxBatch) {
        return { answer: errorAnswer(422, 'invalid_batch', `"runs" must be an array of 1 to ${this.maxBatch} run objects.`), items: 0 };
      }
      // One transaction for the batch: committed whole before the answer is written.
      const results = this.db.transaction(() => runs.map((run, i) => this.ingest(run, `runs.${i}`)))();
      return { answer: new HttpAnswer(200, { results }), items: runs.length };
    }
    const result = this.db.transaction(() => this.ingest(body, ''))();
    return { answer: new HttpAnswer(result.http_status, result), items: 1 };
  }

  private ingest(raw: unknown, pathPrefix: string): WireItemResult {
    const externalId = raw && typeof raw === 'object' && typeof (raw as { external_id?: unknown }).external_id === 'string' ? (raw as { external_id: string }).external_id : null;
    const parsed = runBodySchema.safeParse(raw);
    if (!parsed.success) {
      return invalid(externalId, 'The run does not follow the contract.', issueDetails(parsed.error, pathPrefix));
    }
    const run = parsed.data;
    const account = /^cove:(\d+):/.exec(run.external_id)?.[1];
    const ref = run.job.external_ref;
    if (ref?.startsWith('cove-account:') && ref !== `cove-account:${account}`) {
      return invalid(run.external_id, 'The run belongs to another Cove account than its job.', [
        { path: [pathPrefix, 'job.external_ref'].filter(Boolean).join('.'), message: `is ${ref}, but external_id names account ${account}` },
      ]);
    }
    const hash = bodyHash(run);
    const now = this.now();

    const existing = this.db.prepare('SELECT id, body_hash, reviewed_by, reviewed_at FROM runs WHERE external_id = ?').get(run.external_id) as
      | { id: number; body_hash: string; reviewed_by: string | null; reviewed_at: number | null }
      | undefined;
    if (existing) {
      if (existing.body_hash === hash) return item(run.external_id, 'exists', { run_id: existing.id, message: 'Backupchecks already has this run; nothing changed.' });
      if (existing.reviewed_at !== null) return conflict(run.external_id, existing.reviewed_by, existing.reviewed_at);
      this.writeRun(run, hash, now, existing.id);
      return item(run.external_id, 'updated', { run_id: existing.id, message: 'The unreviewed run was updated.' });
    }

    const target = this.resolve(run);
    if ('reason' in target) {
      const staged = this.db.prepare('SELECT id, body_hash FROM staged_runs WHERE external_id = ?').get(run.external_id) as { id: number; body_hash: string } | undefined;
      let stagedId = staged?.id;
      if (!staged) {
        stagedId = Number(
          this.db.prepare('INSERT INTO staged_runs (external_id, body, body_hash, reason, received_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(run.external_id, JSON.stringify(run), hash, target.reason, now, now)
            .lastInsertRowid,
        );
      } else if (staged.body_hash !== hash) {
        this.db.prepare('UPDATE staged_runs SET body = ?, body_hash = ?, reason = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(run), hash, target.reason, now, staged.id);
      }
      return item(run.external_id, 'staged', { staged_id: stagedId, message: target.reason });
    }
    const runId = this.writeRun(run, hash, now, null, target.jobId);
    // A staged copy is superseded once the job is known.
    this.db.prepare('DELETE FROM staged_runs WHERE external_id = ?').run(run.external_id);
    return item(run.external_id, 'created', { run_id: runId, message: 'Created.' });
  }

  /** Customers are never invented; jobs only through approval (here: seeded), except in demo mode. */
  private resolve(run: RunBody): { jobId: number } | { reason: string } {
    let customerId = this.db
      .prepare('SELECT id FROM customers WHERE active = 1 AND ((external_ref IS NOT NULL AND external_ref = ?) OR name = ?) ORDER BY external_ref = ? DESC LIMIT 1')
      .pluck()
      .get(run.customer.external_ref ?? null, run.customer.name, run.customer.external_ref ?? null) as number | undefined;
    if (customerId === undefined) {
      if (!this.autoKnow) {
        return { reason: `Backupchecks does not know customer "${run.customer.name}"; add the customer, then link the staged run to a job in the API inbox.` };
      }
      customerId = this.addCustomer({ name: run.customer.name, externalRef: run.customer.external_ref ?? null });
    }
    let jobId = this.db
      .prepare(`SELECT id FROM jobs WHERE archived = 0 AND customer_id = ? AND ((external_ref IS NOT NULL AND external_ref = ?)
                OR (backup_software = ? AND job_name = ?)) ORDER BY external_ref = ? DESC LIMIT 1`)
      .pluck()
      .get(customerId, run.job.external_ref ?? null, run.job.backup_software, run.job.job_name, run.job.external_ref ?? null) as number | undefined;
    if (jobId === undefined) {
      if (!this.autoKnow) {
        return { reason: `Backupchecks has no job "${run.job.job_name}" (${run.job.backup_software}) for customer "${run.customer.name}"; approve or link it in the API inbox.` };
      }
      const customer = this.db.prepare('SELECT name FROM customers WHERE id = ?').pluck().get(customerId) as string;
      jobId = this.addJob({ customer, jobName: run.job.job_name, backupSoftware: run.job.backup_software, backupType: run.job.backup_type, externalRef: run.job.external_ref ?? null });
    }
    return { jobId };
  }

  private writeRun(run: RunBody, hash: string, now: number, existingId: number | null, jobId?: number): number {
    const review = run.review;
    const values = [
      run.run.status,
      seconds(run.run.started_at),
      run.run.ended_at ? seconds(run.run.ended_at) : null,
      run.run.message ?? null,
      JSON.stringify(run.run.errors ?? []),
      hash,
      review?.reviewed_by ?? null,
      review ? seconds(review.reviewed_at) : null,
      review?.outcome ?? null,
      review?.note ?? null,
      review?.reason ?? null,
      now,
    ];
    let id: number;
    if (existingId !== null) {
      id = existingId;
      this.db
        .prepare(`UPDATE runs SET status = ?, started_at = ?, ended_at = ?, message = ?, errors = ?, body_hash = ?, reviewed_by = ?,
                  reviewed_at = ?, review_outcome = ?, review_note = ?, review_reason = ?, updated_at = ? WHERE id = ?`)
        .run(...values, id);
      this.db.prepare('DELETE FROM run_objects WHERE run_id = ?').run(id);
    } else {
      id = Number(
        this.db
          .prepare(`INSERT INTO runs (status, started_at, ended_at, message, errors, body_hash, reviewed_by, reviewed_at, review_outcome,
                    review_note, review_reason, updated_at, source_type, external_id, job_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(...values, run.source, run.external_id, jobId, now).lastInsertRowid,
      );
    }
    const insertObject = this.db.prepare('INSERT INTO run_objects (run_id, position, name, type, status, message) VALUES (?, ?, ?, ?, ?, ?)');
    (run.objects ?? []).forEach((o, i) => insertObject.run(id, i, o.name, o.type, o.status, o.message ?? null));
    return id;
  }

  private review(externalId: string, raw: unknown): { answer: HttpAnswer; items: number } {
    const result = this.db.transaction((): WireItemResult => {
      const parsed = reviewSchema.safeParse(raw);
      if (!parsed.success) return invalid(externalId, 'The review does not follow the contract.', issueDetails(parsed.error));
      const review: ReviewBody = parsed.data;
      const run = this.db.prepare('SELECT id, reviewed_by, reviewed_at, review_outcome FROM runs WHERE external_id = ?').get(externalId) as
        | { id: number; reviewed_by: string | null; reviewed_at: number | null; review_outcome: string | null }
        | undefined;
      if (!run) {
        const staged = this.db.prepare('SELECT id, body FROM staged_runs WHERE external_id = ?').get(externalId) as { id: number; body: string } | undefined;
        if (staged) {
          // Kept with the staged run; applied when an operator links it.
          const body = { ...(JSON.parse(staged.body) as RunBody), review };
          this.db.prepare('UPDATE staged_runs SET body = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(body), this.now(), staged.id);
          return item(externalId, 'staged', { staged_id: staged.id, message: 'The run is staged in the API inbox; the review is applied when it is linked to a job.' });
        }
        return item(externalId, 'not_found', {
          message: `Backupchecks has no run ${externalId} (yet): its Cove importer may not have imported it, or it uses another id format.`,
          error: { code: 'not_found', message: `Backupchecks has no run ${externalId} (yet).` },
        });
      }
      const at = seconds(review.reviewed_at);
      if (run.reviewed_at !== null) {
        if (run.reviewed_by === review.reviewed_by && run.reviewed_at === at && run.review_outcome === review.outcome) {
          return item(externalId, 'exists', { run_id: run.id, message: 'This review was already applied; nothing changed.' });
        }
        return conflict(externalId, run.reviewed_by, run.reviewed_at);
      }
      const update = `UPDATE runs SET reviewed_by = ?, reviewed_at = ?, review_outcome = ?, review_note = ?, review_reason = ?, updated_at = ?
                      ${review.outcome === 'mark_success' ? ", status = 'Success'" : ''} WHERE id = ?`;
      this.db.prepare(update).run(review.reviewed_by, at, review.outcome, review.note ?? null, review.reason ?? null, this.now(), run.id);
      return item(externalId, 'reviewed', { run_id: run.id, message: 'Marked reviewed.' });
    })();
    return { answer: new HttpAnswer(result.http_status, result), items: 1 };
  }
}

function item(externalId: string | null, status: WireItemResult['status'], extra: Partial<WireItemResult> = {}): WireItemResult {
  return { external_id: externalId, status, http_status: HTTP_STATUS_OF[status], ...extra };
}

function invalid(externalId: string | null, message: string, details: { path: string; message: string }[]): WireItemResult {
  return item(externalId, 'invalid', { error: { code: 'validation_failed', message: `${message} ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details } });
}

function conflict(externalId: string, reviewedBy: string | null, reviewedAt: number | null): WireItemResult {
  const message = `Backupchecks already has run ${externalId} reviewed${reviewedBy ? ` by ${reviewedBy}` : ''}${reviewedAt !== null ? ` at ${iso(reviewedAt)}` : ''}; reviewed runs are never changed.`;
  return item(externalId, 'conflict', { error: { code: 'already_reviewed', message, reviewed_by: reviewedBy, reviewed_at: iso(reviewedAt) } });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
