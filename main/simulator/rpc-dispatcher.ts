/**
 * JSON-RPC envelope handling (reference §2): turns one parsed request body into Cove's response
 * envelope, with the visa checks around every method.
 */
import { DAY_MS, toUnixSeconds } from './fleet-model';
import type { AuthService } from './auth-service';
import type { FaultInjector } from './faults';
import { RpcError, rpcErrors } from './rpc-errors';
import { METHODS, type CallContext, type MethodOutcome, type Params } from './rpc-methods';
import type { SimClock } from './sim-clock';
import type { SimulatedFleet } from './simulated-fleet';

/** What `GetServerInfo` reports. */
export const SERVER_VERSION = '25.1';

/** The demo user has a read-only (Reporter) role: write methods fail with 13501. */
const WRITE_METHOD = /^(Accept|Add|Change|Control|Decline|Enable|Finish|Generate|Modify|Move|Remove|Report|Reserve|Reset|Return|Send|Set|Take|Undelete|Unregister|Unsubscribe|Update)[A-Z]/;
/** Always refused for API users (reference §9.1). */
const FORBIDDEN_METHODS = new Set(['GetAutoLoginUrl']);

export interface RpcDependencies {
  fleet: SimulatedFleet;
  clock: SimClock;
  auth: AuthService;
  faults: FaultInjector;
  userId: number;
  username: string;
}

type Envelope = Record<string, unknown>;

export class CoveRpc {
  private readonly firstLoginAt: number;

  constructor(private readonly deps: RpcDependencies) {
    this.firstLoginAt = toUnixSeconds(deps.fleet.anchorMs - 30 * DAY_MS);
  }

  /** Answers one request body (already JSON-parsed). */
  handle(body: unknown): Envelope {
    if (Array.isArray(body)) return errorEnvelope(null, rpcErrors.invalidRequest('batch requests are not supported'));
    if (!isObject(body)) return errorEnvelope(null, rpcErrors.invalidRequest('the body must be a JSON object'));
    const id = body.id ?? null;
    if (typeof body.method !== 'string') return errorEnvelope(id, rpcErrors.invalidRequest('method must be a string'));
    try {
      const { result, out, visa } = this.call(body.method, body.params, body.visa);
      const envelope: Envelope = { id, jsonrpc: '2.0', result: { result, ...out } };
      if (visa) envelope.visa = visa;
      return envelope;
    } catch (error) {
      if (error instanceof RpcError) return errorEnvelope(id, error);
      throw error;
    }
  }

  private call(method: string, rawParams: unknown, visa: unknown): MethodOutcome & { visa?: string } {
    const params = rawParams ?? {};
    if (!isObject(params)) throw rpcErrors.invalidParams('params must be an object of named parameters');
    const { auth } = this.deps;

    if (method === 'Login') {
      const session = auth.login(params);
      return { result: this.userInfo(), visa: session.visa };
    }
    if (method === 'GetServerInfo') {
      // A connectivity probe: answers without a visa, and keeps a chain alive when given one.
      const chain = auth.tryAuthenticate(visa);
      return { result: { Version: SERVER_VERSION }, visa: chain ? auth.issue(chain) : undefined };
    }

    const handler = METHODS[method];
    const forbidden = FORBIDDEN_METHODS.has(method) || WRITE_METHOD.test(method);
    if (!handler && !forbidden) throw rpcErrors.methodNotFound();
    // The visa belongs at the top level of the envelope; Cove rejects one inside params.
    if ('visa' in params) throw rpcErrors.badVisa();
    const chain = auth.authenticate(visa);
    if (!handler) throw rpcErrors.security();

    const outcome = handler(params, this.context());
    const next = auth.issue(chain);
    if (method === 'EnumerateAccountStatistics') this.countPage(chain);
    return { ...outcome, visa: next };
  }

  /** The expireVisasAfterPages fault: the page is answered, then every visa (the new one too) dies. */
  private countPage(chain: { pages: number }): void {
    const limit = this.deps.faults.visaPageLimit;
    if (limit === null) return;
    chain.pages++;
    if (chain.pages >= limit) this.deps.auth.expireAll();
  }

  private context(): CallContext {
    return { fleet: this.deps.fleet, clock: this.deps.clock, rootId: this.deps.fleet.root.id };
  }

  private userInfo(): Params {
    return {
      ContactPersonId: null,
      EmailAddress: null,
      FirstLoginTime: this.firstLoginAt,
      FirstName: '',
      Flags: ['SecurityOfficer', 'NonInteractive'],
      FullName: 'Tray Monitor API',
      Id: this.deps.userId,
      LastLoginTime: toUnixSeconds(this.deps.clock.now()),
      Name: this.deps.username,
      PartnerId: this.deps.fleet.root.id,
      Password: null,
      PhoneNumber: '',
      RoleId: 6,
      Title: '',
      TwoFactorAuthenticationStatus: 'Disabled',
    };
  }
}

export function errorEnvelope(id: unknown, error: RpcError): Envelope {
  const body: Record<string, unknown> = { code: error.code };
  if (error.data !== undefined) body.data = error.data;
  body.message = error.message;
  return { id, jsonrpc: '2.0', error: body };
}

function isObject(value: unknown): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
