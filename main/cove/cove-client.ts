/**
 * JSON-RPC 2.0 client for the Cove Management Service (cove-api.md §2–§3).
 *
 * - The visa goes at the top level of every request; the newest visa of every response is adopted.
 * - Logs in as an API user (partner + login name + API token as password) when it has no visa,
 *   and once more when Cove answers 1701 (visa expired), then retries the call.
 * - Errors arrive with HTTP 200; they are mapped to `CoveError`s. Credentials errors (2100) are
 *   never retried. Transport faults (timeouts, 5xx, dropped connections, malformed JSON) are
 *   retried a bounded number of times with full-jitter exponential backoff.
 */
import axios, { type AxiosInstance } from 'axios';
import {
  COVE_ERROR,
  CoveError,
  credentialsError,
  permissionError,
  protocolError,
  rpcError,
  unescapeCoveMessage,
  unreachableError,
} from './cove-errors';

export const DEFAULT_COVE_ENDPOINT = 'https://api.backup.management/jsonapi';

export interface CoveCredentials {
  /** The exact partner name, e.g. `Acme (admin@acme.example)`. */
  partner: string;
  /** The API user's login name. */
  username: string;
  /** The API token, used as the Login password. Never logged. */
  token: string;
}

export interface CoveUser {
  id: number | null;
  partnerId: number;
  name: string | null;
}

export interface CoveClientOptions {
  endpoint?: string;
  credentials: CoveCredentials;
  /** Per request. */
  timeoutMs?: number;
  /** Extra attempts after a transport failure. */
  maxRetries?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Injected for deterministic tests. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** A pre-built axios instance (the Electron app passes one that uses Chromium's network stack). */
  http?: AxiosInstance;
}

type Json = Record<string, unknown>;

class TransportFault extends Error {
  constructor(readonly kind: 'unreachable' | 'protocol', message: string) {
    super(message);
  }
}

const VISA_IDLE_LIMIT_MS = 14 * 60 * 1000;

export class CoveClient {
  readonly endpoint: string;
  private readonly credentials: CoveCredentials;
  private readonly http: AxiosInstance;
  private readonly maxRetries: number;
  private readonly backoffBaseMs: number;
  private readonly backoffCapMs: number;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;
  private visa: string | null = null;
  private visaUsedAt = 0;
  private user: CoveUser | null = null;
  private requestId = 0;
  /** HTTP requests made so far (the poll log reports calls per poll). */
  requestCount = 0;

  constructor(options: CoveClientOptions) {
    this.endpoint = options.endpoint ?? DEFAULT_COVE_ENDPOINT;
    this.credentials = options.credentials;
    this.maxRetries = options.maxRetries ?? 3;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffCapMs = options.backoffCapMs ?? 8000;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.timeoutMs = options.timeoutMs ?? 30_000;
    // Never follow redirects: a 307 would re-post the Login (and its token) to whatever host it names.
    this.http = options.http ?? axios.create({ maxRedirects: 0 });
  }

  /** The logged-in API user; logs in if needed. */
  async currentUser(): Promise<CoveUser> {
    if (!this.user || !this.hasFreshVisa()) await this.login();
    return this.user as CoveUser;
  }

  /** Logs in and starts a new visa chain. */
  async login(): Promise<CoveUser> {
    this.visa = null;
    const { partner, username, token } = this.credentials;
    const result = await this.send('Login', { partner, username, password: token });
    const info = (result.result ?? {}) as Json;
    const partnerId = typeof info.PartnerId === 'string' || typeof info.PartnerId === 'number' ? Number(info.PartnerId) : Number.NaN;
    if (!Number.isSafeInteger(partnerId) || partnerId <= 0) {
      throw protocolError(this.endpoint, 'Login returned no PartnerId', 1);
    }
    this.user = {
      id: Number.isInteger(info.Id) ? (info.Id as number) : null,
      partnerId,
      name: typeof info.Name === 'string' ? info.Name : null,
    };
    return this.user;
  }

  /**
   * Calls a method and returns the outer `result` object: the method's return value is under
   * `result`, OUT parameters (e.g. `totalStatistics`) sit beside it.
   */
  async call(method: string, params: Json): Promise<Json> {
    if (!this.hasFreshVisa()) await this.login();
    try {
      return await this.send(method, params);
    } catch (error) {
      if (!(error instanceof CoveError) || error.coveCode !== COVE_ERROR.visa) throw error;
      // The visa chain broke (idle > 15 min, or Cove dropped it): log in once and retry.
      await this.login();
      return await this.send(method, params);
    }
  }

  private hasFreshVisa(): boolean {
    return this.visa !== null && Date.now() - this.visaUsedAt < VISA_IDLE_LIMIT_MS;
  }

  /** One call with transport retries; JSON-RPC errors are mapped, not retried. */
  private async send(method: string, params: Json): Promise<Json> {
    let lastFault: TransportFault | null = null;
    const attempts = this.maxRetries + 1;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await this.sleep(this.backoffDelay(attempt));
      let body: Json;
      try {
        body = await this.post(method, params);
      } catch (error) {
        if (!(error instanceof TransportFault)) throw error;
        lastFault = error;
        continue;
      }
      if (typeof body.visa === 'string' && body.visa !== '') {
        this.visa = body.visa;
        this.visaUsedAt = Date.now();
      }
      if (body.error !== undefined && body.error !== null) throw this.mapRpcError(method, params, body.error);
      const result = body.result;
      if (!result || typeof result !== 'object' || Array.isArray(result)) {
        lastFault = new TransportFault('protocol', `${method} answer has no result object`);
        continue;
      }
      return result as Json;
    }
    const fault = lastFault as TransportFault;
    throw fault.kind === 'unreachable'
      ? unreachableError(this.endpoint, fault.message, attempts)
      : protocolError(this.endpoint, fault.message, attempts);
  }

  private backoffDelay(attempt: number): number {
    const ceiling = Math.min(this.backoffCapMs, this.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(this.random() * ceiling);
  }

  private async post(method: string, params: Json): Promise<Json> {
    const request: Json = { jsonrpc: '2.0', id: String(++this.requestId), method, params };
    if (method !== 'Login' && this.visa) request.visa = this.visa;
    this.requestCount++;
    let response;
    try {
      response = await this.http.post<ArrayBuffer>(this.endpoint, request, {
        responseType: 'arraybuffer',
        headers: { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' },
        // Statuses are judged here, not by axios.
        validateStatus: () => true,
        maxRedirects: 0,
        // axios' timeout restarts with every byte; this deadline also ends a server that trickles.
        timeout: this.timeoutMs,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new TransportFault('unreachable', describeTransportError(error));
    }
    if (response.status >= 500 || response.status === 429) {
      throw new TransportFault('unreachable', `HTTP ${response.status} from ${method}`);
    }
    if (response.status >= 300 && response.status < 400) {
      const location = String(response.headers.location ?? 'elsewhere');
      throw new TransportFault('protocol', `HTTP ${response.status} redirect to ${location}, not followed; use the final JSON API address`);
    }
    if (response.status !== 200) {
      throw new TransportFault('protocol', `HTTP ${response.status} from ${method}`);
    }
    const text = decodeBody(response.data, String(response.headers['content-type'] ?? ''));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new TransportFault('protocol', `${method} answer is not JSON (${text.length} characters starting "${text.slice(0, 40).replace(/\s+/g, ' ')}")`);
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new TransportFault('protocol', `${method} answer is not a JSON-RPC object`);
    }
    return body as Json;
  }

  private mapRpcError(method: string, params: Json, raw: unknown): CoveError {
    const error = (raw && typeof raw === 'object' ? raw : {}) as Json;
    // Cove's own number is in `data`; some answers only carry it in `code`.
    const code = integerOf(error.data) ?? integerOf(error.code);
    const message = unescapeCoveMessage(typeof error.message === 'string' ? error.message : 'no message');
    if (code === COVE_ERROR.credentials) return credentialsError(message);
    if (code === COVE_ERROR.permission) return permissionError(method, this.partnerLabel(params), message);
    return rpcError(method, code, message);
  }

  /** The login partner, plus the partner id the call asked about when it names one. */
  private partnerLabel(params: Json): string {
    const query = params.query as Json | undefined;
    const queried = query?.PartnerId ?? params.partnerId ?? params.parentPartnerId;
    const name = `"${this.credentials.partner}"`;
    return queried === undefined ? name : `${name} (partner id ${String(queried)})`;
  }
}


/** Cove sends UTF-8; some deployments send Latin-1 (cove-api.md §2.1). */
export function decodeBody(data: ArrayBuffer | Buffer | string, contentType: string): string {
  if (typeof data === 'string') return data;
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const declared = /charset=([^;]+)/i.exec(contentType)?.[1]?.trim().toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // Unknown charset label: fall through to detection.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function integerOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return null;
}

function describeTransportError(error: unknown): string {
  if (axios.isAxiosError(error)) {
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT' || error.code === 'ERR_CANCELED') return 'the request timed out';
    if (error.code === 'Z_DATA_ERROR' || error.code === 'Z_BUF_ERROR') return 'the answer could not be decompressed';
    if (error.code === 'ECONNREFUSED') return 'connection refused';
    if (error.code === 'ECONNRESET' || error.message === 'socket hang up') return 'the connection was dropped';
    if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return 'the host name could not be resolved';
    return error.code ? `${error.code}: ${error.message}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
