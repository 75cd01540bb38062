/**
 * A Cove Data Protection JSON-RPC server on loopback: the test double for integration tests and
 * the app's demo backend. Entry point of the simulator; see shared/reference/cove-api.md.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthService, type Credentials } from './auth-service';
import { FaultInjector } from './faults';
import { DAY_MS, utcDay } from './fleet-model';
import { CoveRpc, errorEnvelope } from './rpc-dispatcher';
import { rpcErrors } from './rpc-errors';
import { hash4 } from './seeded-random';
import { SimClock } from './sim-clock';
import { SimulatedFleet } from './simulated-fleet';

export { SimClock } from './sim-clock';
export { SimulatedFleet } from './simulated-fleet';
export type { AddDeviceOptions, SessionOutcome, SimDevice, SimDeviceInfo } from './simulated-fleet';
export type { SimDataSourceState } from './session-model';
export type { SimDeviceKind, SimDeviceTag, SimPartner, SimPartnerLevel } from './fleet-model';
export { FaultInjector, type FaultScope } from './faults';
export { MAX_FAILED_LOGINS, LOCKOUT_MS } from './auth-service';
export { INVALID_PARAMS_DATA } from './rpc-errors';
export { SERVER_VERSION } from './rpc-dispatcher';

export interface SimulatorOptions {
  /** Default '127.0.0.1'; anything that is not a loopback address is refused. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Fleet size, default 120. */
  devices?: number;
  /** End customers, default one per dozen devices; at most the fleet size. */
  customers?: number;
  /** A 32-bit integer, default 1. */
  seed?: number;
  /** Default: a frozen SimClock starting at Date.now(). */
  clock?: SimClock;
  /** Default DEMO_CREDENTIALS; `partner` is also the name of the MSP's root partner. */
  credentials?: Credentials;
  /** Idle lifetime of a visa chain, default 15 minutes. */
  visaLifetimeMs?: number;
}

/** Demo login; not a secret (the simulator is a demo). */
export const DEMO_CREDENTIALS: Readonly<Credentials> = Object.freeze({
  partner: 'Northwind MSP (ops@northwind.example)',
  username: 'tray-monitor-api',
  token: 'demo-7f3c9a1e-4b2d-4e8f-9c61-5a0b2d7e8f14',
});

export interface CoveSimulator {
  /** e.g. 'http://127.0.0.1:PORT/jsonapi' */
  url: string;
  credentials: Credentials;
  clock: SimClock;
  fleet: SimulatedFleet;
  faults: FaultInjector;
  /** JSON-RPC methods received, oldest first (`at` = sim clock ms); the oldest entries are dropped past 50,000. */
  requests: { method: string; at: number }[];
  close(): Promise<void>;
}

const DEFAULT_DEVICES = 120;
const MAX_DEVICES = 200_000;
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_LOGGED_REQUESTS = 50_000;

export async function startCoveSimulator(opts: SimulatorOptions = {}): Promise<CoveSimulator> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new RangeError(`Cove simulator: refusing to listen on non-loopback host '${host}'`);
  const port = checkInteger(opts.port ?? 0, 'port', 0, 65_535);
  const devices = checkInteger(opts.devices ?? DEFAULT_DEVICES, 'devices', 1, MAX_DEVICES);
  const customers = opts.customers === undefined ? undefined : checkInteger(opts.customers, 'customers', 1, devices);
  const seed = checkInteger(opts.seed ?? 1, 'seed', -(2 ** 31), 2 ** 31 - 1);
  const visaLifetimeMs = opts.visaLifetimeMs ?? 15 * 60_000;
  if (!(visaLifetimeMs > 0)) throw new RangeError('Cove simulator: visaLifetimeMs must be positive');
  const clock = opts.clock ?? new SimClock();
  const credentials = { ...(opts.credentials ?? DEMO_CREDENTIALS) };

  const fleet = new SimulatedFleet({
    seed,
    devices,
    customers,
    anchorMs: utcDay(clock.now()) * DAY_MS,
    rootName: credentials.partner,
    clock,
  });
  const userId = 200_000 + (hash4(seed, fleet.root.id, 0x05e4, 0) % 800_000);
  const auth = new AuthService({ clock, credentials, partnerId: fleet.root.id, userId, visaLifetimeMs });
  const faults = new FaultInjector(seed);
  const rpc = new CoveRpc({ fleet, clock, auth, faults, userId, username: credentials.username });
  const http = new HttpFront(rpc, faults, clock);
  const server = createServer((req, res) => void http.serve(req, res));
  const address = await listen(server, port, host);

  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/jsonapi`,
    credentials,
    clock,
    fleet,
    faults,
    requests: http.requests,
    close: () => http.close(server),
  };
}

/** HTTP side: routing, body reading, fault execution and response encoding. */
class HttpFront {
  readonly requests: { method: string; at: number }[] = [];
  private readonly held = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | null = null;

  constructor(
    private readonly rpc: CoveRpc,
    private readonly faults: FaultInjector,
    private readonly clock: SimClock,
  ) {}

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.route(req, res);
    } catch (error) {
      // A simulator bug: make it loud rather than hanging the client.
      console.error('Cove simulator: internal error', error);
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
      else res.destroy();
    }
  }

  /** Idempotent; also drops held (timeout-fault) and delayed responses. */
  close(server: Server): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const timer of this.timers) clearTimeout(timer);
      for (const res of this.held) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return this.closing;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if ((req.url ?? '').split('?')[0] !== '/jsonapi') return sendText(res, 404, 'Not Found');
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendText(res, 405, 'Method Not Allowed');
    }
    const raw = await readBody(req);
    if (raw === null) return sendText(res, 413, 'Payload Too Large');

    let body: unknown;
    let parsed = true;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      parsed = false;
    }
    const method = parsed && isRecord(body) && typeof body.method === 'string' ? body.method : undefined;
    if (method !== undefined) this.log(method);

    const plan = this.faults.plan(method);
    if (plan.latencyMs > 0) await this.delay(plan.latencyMs);
    if (this.closing) return;
    if (plan.failure?.kind === 'timeout') {
      this.held.add(res);
      res.on('close', () => this.held.delete(res));
      return;
    }
    if (plan.failure?.kind === 'http5xx') return sendGatewayError(res, plan.failure.status);

    const envelope = parsed ? this.rpc.handle(body) : errorEnvelope(null, rpcErrors.parseError());
    const json = JSON.stringify(envelope);
    if (plan.failure?.kind === 'drop') return dropMidway(res, json);
    if (plan.failure?.kind === 'malformed') return sendJson(res, json.slice(0, Math.floor(json.length / 2)), false);
    sendJson(res, json, plan.latin1);
  }

  private log(method: string): void {
    this.requests.push({ method, at: this.clock.now() });
    if (this.requests.length > MAX_LOGGED_REQUESTS) this.requests.splice(0, this.requests.length - MAX_LOGGED_REQUESTS);
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendGatewayError(res: ServerResponse, status: number): void {
  const title = `${status} ${status === 503 ? 'Service Temporarily Unavailable' : status === 504 ? 'Gateway Time-out' : 'Bad Gateway'}`;
  const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  res.writeHead(status, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
}

function sendJson(res: ServerResponse, json: string, latin1: boolean): void {
  // Characters beyond Latin-1 cannot be encoded there; JSON escapes keep the body valid.
  const body = latin1
    ? Buffer.from(json.replace(/[\u0100-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), 'latin1')
    : Buffer.from(json, 'utf8');
  res.writeHead(200, {
    'Content-Type': `application/json; charset=${latin1 ? 'ISO-8859-1' : 'utf-8'}`,
    'Content-Length': body.length,
  });
  res.end(body);
}

function dropMidway(res: ServerResponse, json: string): void {
  const body = Buffer.from(json, 'utf8');
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
}

/** The body, or null when it exceeds MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkInteger(value: number, name: string, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`Cove simulator: ${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}
