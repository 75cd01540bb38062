/**
 * Login, visa chains and lockout (reference §3). A visa stays valid while its chain is used at least
 * every `visaLifetimeMs` (sliding, by the sim clock); every visa of a live chain keeps working.
 */
import { randomBytes } from 'node:crypto';
import { rpcErrors } from './rpc-errors';
import type { SimClock } from './sim-clock';

export interface Credentials {
  partner: string;
  username: string;
  token: string;
}

export interface VisaChain {
  lastUsedMs: number;
  expired: boolean;
  /** EnumerateAccountStatistics pages served in this chain (for the expireVisasAfterPages fault). */
  pages: number;
  visas: string[];
}

export interface AuthServiceOptions {
  clock: SimClock;
  credentials: Credentials;
  partnerId: number;
  userId: number;
  visaLifetimeMs: number;
}

/** Cove only says "multiple failed attempts could temporarily lock out" (§3.5); these numbers are ours. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** Older visas of a chain stay valid; beyond this many the oldest are forgotten to bound memory. */
const VISAS_PER_CHAIN = 1000;

export class AuthService {
  private readonly visas = new Map<string, VisaChain>();
  private readonly failures = new Map<string, { count: number; lockedUntilMs: number }>();
  private sweepAt = 1000;

  constructor(private readonly options: AuthServiceOptions) {}

  /** Checks Login params and starts a new chain; throws 2100 on any mismatch or while locked out. */
  login(params: Record<string, unknown>): { chain: VisaChain; visa: string } {
    const { clock, credentials } = this.options;
    const now = clock.now();
    const username = typeof params.username === 'string' ? params.username : '';
    const record = this.failures.get(username);
    if (record && record.lockedUntilMs > now) throw rpcErrors.badLogin();
    if (record && record.lockedUntilMs !== 0) this.failures.delete(username);

    // API users need the exact, case-sensitive partner string; a bare company name fails like a bad token.
    const ok =
      params.partner === credentials.partner && username === credentials.username && params.password === credentials.token;
    if (!ok) {
      const failed = this.failures.get(username) ?? { count: 0, lockedUntilMs: 0 };
      failed.count++;
      if (failed.count >= MAX_FAILED_LOGINS) failed.lockedUntilMs = now + LOCKOUT_MS;
      this.failures.set(username, failed);
      throw rpcErrors.badLogin();
    }
    this.failures.delete(username);
    const chain: VisaChain = { lastUsedMs: now, expired: false, pages: 0, visas: [] };
    return { chain, visa: this.issue(chain) };
  }

  /** The live chain of a visa, refreshed; throws 1701 for a missing, unknown or expired visa. */
  authenticate(visa: unknown): VisaChain {
    const chain = this.find(visa);
    if (!chain) throw rpcErrors.badVisa();
    chain.lastUsedMs = this.options.clock.now();
    return chain;
  }

  /** Like `authenticate` but for methods that also work without a visa. */
  tryAuthenticate(visa: unknown): VisaChain | null {
    return this.find(visa) ? this.authenticate(visa) : null;
  }

  /** A fresh visa in the chain: `<partnerId>-<userId>-1-<unixIssueTime>-<hex>`. */
  issue(chain: VisaChain): string {
    const { partnerId, userId, clock } = this.options;
    const visa = `${partnerId}-${userId}-1-${Math.floor(clock.now() / 1000)}-${randomBytes(20).toString('hex').toUpperCase()}`;
    this.visas.set(visa, chain);
    chain.visas.push(visa);
    if (chain.visas.length > VISAS_PER_CHAIN) this.visas.delete(chain.visas.shift() as string);
    if (this.visas.size > this.sweepAt) this.sweep();
    return visa;
  }

  /** Every visa issued so far stops working. */
  expireAll(): void {
    for (const chain of this.visas.values()) chain.expired = true;
    this.visas.clear();
  }

  private find(visa: unknown): VisaChain | null {
    if (typeof visa !== 'string') return null;
    const chain = this.visas.get(visa);
    return chain && this.isLive(chain) ? chain : null;
  }

  private isLive(chain: VisaChain): boolean {
    return !chain.expired && this.options.clock.now() - chain.lastUsedMs <= this.options.visaLifetimeMs;
  }

  private sweep(): void {
    for (const [visa, chain] of this.visas) if (!this.isLive(chain)) this.visas.delete(visa);
    this.sweepAt = this.visas.size * 2 + 1000;
  }
}
