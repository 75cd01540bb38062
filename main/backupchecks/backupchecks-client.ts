/**
 * HTTP client for the Backupchecks ingest contract (docs/backupchecks-api.md).
 *
 * Never throws for anything the network or the server can do: every call resolves to an
 * `Answer`, either the typed per-run results or a `BackupchecksError` whose `kind` tells a
 * missing answer (`network`, `timeout`) from an answer that is a failure (`credentials`,
 * `server`, `protocol`, `request`). It does not retry; the outbox sender owns retries.
 */
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import {
  API_PREFIX,
  ITEM_STATUSES,
  type ErrorDetail,
  type ReviewBody,
  type RunBody,
  type WireItemResult,
} from './backupchecks-contract';

export type BackupchecksErrorKind =
  /** 401/403: the key is wrong, rotated or lacks rights. Retrying cannot help. */
  | 'credentials'
  /** No answer: refused, reset, dropped (possibly after the server committed). */
  | 'network'
  /** No answer in time (the server may still have committed). */
  | 'timeout'
  /** 5xx or 429: Backupchecks answered that it cannot take the request now. */
  | 'server'
  /** An answer that is not this contract (wrong URL, a proxy page, malformed JSON). */
  | 'protocol'
  /** Backupchecks refused the request as a whole (422/413 on the envelope, not on one run). */
  | 'request';

export class BackupchecksError extends Error {
  override readonly name = 'BackupchecksError';
  constructor(
    readonly kind: BackupchecksErrorKind,
    readonly problem: string,
    readonly fix: string,
    readonly httpStatus: number | null = null,
  ) {
    super(`${problem} ${fix}`);
  }

  /** Worth trying again later with the same request. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server' || this.kind === 'protocol';
  }
}

interface ItemBase {
  externalId: string | null;
  httpStatus: number;
  message: string;
}

/** Statuses meaning Backupchecks holds the run (or the review) under `runId`. */
export type DeliveredStatus = 'created' | 'exists' | 'updated' | 'reviewed';

/** The receiver's verdict on one run, typed per status. */
export type ItemResult =
  | { [S in DeliveredStatus]: ItemBase & { status: S; runId: number } }[DeliveredStatus]
  | (ItemBase & { status: 'staged'; stagedId: number })
  | (ItemBase & { status: 'conflict'; reviewedBy: string | null; reviewedAt: string | null })
  | (ItemBase & { status: 'invalid'; details: ErrorDetail[] })
  | (ItemBase & { status: 'not_found' });

export type Answer<T> =
  | { ok: true; httpStatus: number; durationMs: number; value: T }
  | { ok: false; httpStatus: number | null; durationMs: number; error: BackupchecksError };

export interface BackupchecksClientOptions {
  /** e.g. `https://backupchecks.example.com` (no `/api/v1`). */
  baseUrl: string;
  apiKey: string;
  /** Per request. */
  timeoutMs?: number;
  /** A pre-built axios instance (the Electron app may pass one using Chromium's network stack). */
  http?: AxiosInstance;
  now?: () => number;
}

const wireItemSchema = z.object({
  external_id: z.string().nullable().optional(),
  status: z.enum(ITEM_STATUSES),
  http_status: z.number().int().optional(),
  run_id: z.number().int().optional(),
  staged_id: z.number().int().optional(),
  message: z.string().optional(),
  error: z
    .object({
      code: z.string().optional(),
      message: z.string().optional(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      reviewed_by: z.string().nullable().optional(),
      reviewed_at: z.string().nullable().optional(),
    })
    .optional(),
});

const batchSchema = z.object({ results: z.array(wireItemSchema) });

type Raw = { status: number; body: unknown; text: string };

export class BackupchecksClient {
  readonly baseUrl: string;
  private apiKey: string;
  private readonly http: AxiosInstance;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(options: BackupchecksClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    // Never follow redirects: a 307 would re-send the API key to whatever host it names.
    this.http = options.http ?? axios.create({ maxRedirects: 0 });
  }

  /** After the technician enters a new key (e.g. rotated in Backupchecks). */
  setApiKey(apiKey: string): void {
    this.apiKey = apiKey;
  }

  /** `GET /health`: the connectivity probe; needs no key. */
  async health(): Promise<Answer<{ status: string }>> {
    return this.request('GET', '/health', undefined, (raw) => {
      if (raw.status === 200 && isRecord(raw.body) && typeof raw.body.status === 'string') return { status: raw.body.status };
      return null;
    });
  }

  /** `POST /api/v1/runs` with one run. */
  async sendRun(body: RunBody): Promise<Answer<ItemResult>> {
    return this.request('POST', `${API_PREFIX}/runs`, body, (raw) => this.itemFrom(raw, body.external_id));
  }

  /** `POST /api/v1/runs` with `{runs}`: one result per run, in order. */
  async sendBatch(bodies: readonly RunBody[]): Promise<Answer<ItemResult[]>> {
    return this.request('POST', `${API_PREFIX}/runs`, { runs: bodies }, (raw) => {
      if (raw.status !== 200) return null;
      const parsed = batchSchema.safeParse(raw.body);
      if (!parsed.success || parsed.data.results.length !== bodies.length) return null;
      const items = parsed.data.results.map((r, i) => toItem(r, bodies[i].external_id, r.http_status ?? 200));
      return items.every((item): item is ItemResult => item !== null) ? items : null;
    });
  }

  /** `POST /api/v1/runs/{external_id}/review`: review-only mode. */
  async sendReview(externalId: string, review: ReviewBody): Promise<Answer<ItemResult>> {
    return this.request('POST', `${API_PREFIX}/runs/${encodeURIComponent(externalId)}/review`, review, (raw) => this.itemFrom(raw, externalId));
  }

  private itemFrom(raw: Raw, externalId: string): ItemResult | null {
    if (![200, 201, 202, 404, 409, 422].includes(raw.status)) return null;
    const parsed = wireItemSchema.safeParse(raw.body);
    // A 404/422 without an item body is about the request (wrong URL, broken envelope), not the run.
    if (!parsed.success) return null;
    return toItem(parsed.data, externalId, raw.status);
  }

  private async request<T>(method: 'GET' | 'POST', path: string, body: unknown, read: (raw: Raw) => T | null): Promise<Answer<T>> {
    const url = `${this.baseUrl}${path}`;
    const started = this.now();
    let response;
    try {
      response = await this.http.request<string>({
        method,
        url,
        data: body === undefined ? undefined : JSON.stringify(body),
        responseType: 'text',
        transformResponse: (data: unknown) => data,
        headers: {
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
          ...(path.startsWith(API_PREFIX) ? { Authorization: `Bearer ${this.apiKey}` } : {}),
        },
        // Statuses are judged here, not by axios.
        validateStatus: () => true,
        maxRedirects: 0,
        // axios' timeout restarts with every byte; this deadline also ends a server that trickles.
        timeout: this.timeoutMs,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return { ok: false, httpStatus: null, durationMs: this.now() - started, error: transportError(url, error) };
    }
    const durationMs = this.now() - started;
    const textBody = typeof response.data === 'string' ? response.data : String(response.data ?? '');
    const raw: Raw = { status: response.status, text: textBody, body: parseJson(textBody) };
    const error = answerError(url, raw);
    if (error) return { ok: false, httpStatus: raw.status, durationMs, error };
    const value = read(raw);
    if (value === null) {
      return { ok: false, httpStatus: raw.status, durationMs, error: protocolError(url, raw, 'the answer does not follow the ingest contract') };
    }
    return { ok: true, httpStatus: raw.status, durationMs, value };
  }
}

/** One run's result, or null when it breaks the contract (a receipt without its id is no receipt). */
function toItem(wire: z.infer<typeof wireItemSchema>, fallbackId: string, httpStatus: number): ItemResult | null {
  const base = {
    externalId: wire.external_id ?? fallbackId,
    httpStatus: wire.http_status ?? httpStatus,
    message: wire.error?.message ?? wire.message ?? defaultMessage(wire.status),
  };
  switch (wire.status) {
    case 'created':
    case 'exists':
    case 'updated':
    case 'reviewed':
      return wire.run_id == null ? null : { ...base, status: wire.status, runId: wire.run_id };
    case 'staged':
      return wire.staged_id == null ? null : { ...base, status: 'staged', stagedId: wire.staged_id };
    case 'conflict':
      return { ...base, status: 'conflict', reviewedBy: wire.error?.reviewed_by ?? null, reviewedAt: wire.error?.reviewed_at ?? null };
    case 'invalid':
      return { ...base, status: 'invalid', details: wire.error?.details ?? [] };
    case 'not_found':
      return { ...base, status: 'not_found' };
  }
}

function defaultMessage(status: WireItemResult['status']): string {
  switch (status) {
    case 'created':
      return 'Created in Backupchecks.';
    case 'exists':
      return 'Backupchecks already had this run; nothing changed.';
    case 'updated':
      return 'Backupchecks updated its unreviewed copy of this run.';
    case 'reviewed':
      return 'Backupchecks marked the run reviewed.';
    case 'staged':
      return 'Backupchecks staged the run: it does not know the customer or job yet.';
    case 'conflict':
      return 'Backupchecks already has this run reviewed; reviewed runs are never changed.';
    case 'invalid':
      return 'Backupchecks refused the run as invalid.';
    case 'not_found':
      return 'Backupchecks has no run with this id.';
  }
}

/** Answers that are failures of the whole request, whatever the body says. */
function answerError(url: string, raw: Raw): BackupchecksError | null {
  if (raw.status === 401 || raw.status === 403) {
    return new BackupchecksError(
      'credentials',
      raw.status === 401
        ? `Backupchecks rejected the API key (HTTP 401 from ${url}): it is wrong, revoked or was rotated.`
        : `Backupchecks refused the API key's rights (HTTP 403 from ${url}).`,
      'Create or copy the current API key in Backupchecks (it acts with Operator rights) and enter it in Settings → Backupchecks; uploads stay paused until then and nothing confirmed is lost.',
      raw.status,
    );
  }
  if (raw.status >= 500 || raw.status === 429) {
    return new BackupchecksError(
      'server',
      `Backupchecks at ${url} could not take the upload now (HTTP ${raw.status}${errorMessage(raw.body) ? `: ${errorMessage(raw.body)}` : ''}).`,
      'Nothing to do: uploads are retried automatically with increasing pauses.',
      raw.status,
    );
  }
  if (raw.status === 413 || (raw.status === 422 && !(isRecord(raw.body) && typeof raw.body.status === 'string'))) {
    return new BackupchecksError(
      'request',
      `Backupchecks refused the request as a whole (HTTP ${raw.status}${errorMessage(raw.body) ? `: ${errorMessage(raw.body)}` : ''}).`,
      'This is a fault in Cove Tray Monitor or a Backupchecks version mismatch; update both, and report it if it persists.',
      raw.status,
    );
  }
  return null;
}

function protocolError(url: string, raw: Raw, what: string): BackupchecksError {
  const start = raw.text.slice(0, 60).replace(/\s+/g, ' ');
  return new BackupchecksError(
    'protocol',
    `Backupchecks at ${url} answered HTTP ${raw.status}, but ${what} (${raw.text.length} characters${start ? ` starting "${start}"` : ''}).`,
    'Check the Backupchecks URL (the address of the web app, without /api/v1) and that this Backupchecks version has the ingest API.',
    raw.status,
  );
}

function transportError(url: string, error: unknown): BackupchecksError {
  const fix = 'Nothing is lost: the upload is retried automatically (Backupchecks ignores a run it already has). Check the network or the Backupchecks URL if it persists.';
  if (axios.isAxiosError(error)) {
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT' || error.code === 'ERR_CANCELED') {
      return new BackupchecksError('timeout', `Backupchecks at ${url} did not answer in time.`, fix);
    }
    const detail =
      error.code === 'ECONNREFUSED'
        ? 'connection refused'
        : error.code === 'ECONNRESET' || error.message === 'socket hang up'
          ? 'the connection was dropped before the answer arrived'
          : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
            ? 'the host name could not be resolved'
            : error.code
              ? `${error.code}: ${error.message}`
              : error.message;
    return new BackupchecksError('network', `Backupchecks at ${url} could not be reached (${detail}).`, fix);
  }
  return new BackupchecksError('network', `Backupchecks at ${url} could not be reached (${error instanceof Error ? error.message : String(error)}).`, fix);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorMessage(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const error = body.error;
  if (isRecord(error) && typeof error.message === 'string') return error.message;
  return typeof body.message === 'string' ? body.message : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
