/**
 * Transport faults for integration tests. Count-based faults hit the next N matching requests;
 * rate-based ones draw from a seeded generator, so a run is reproducible.
 */
import { SeededRandom } from './seeded-random';

/** Restricts a fault to JSON-RPC methods; without it every request matches. */
export interface FaultScope {
  method?: string | readonly string[];
}

export type FaultFailure =
  | { kind: 'http5xx'; status: number }
  | { kind: 'timeout' }
  | { kind: 'drop' }
  | { kind: 'malformed' };

/** What to do to one request. */
export interface FaultPlan {
  latencyMs: number;
  failure: FaultFailure | null;
  latin1: boolean;
}

interface Rule {
  scope: FaultScope;
  /** Remaining hits; `Infinity` for `always`/rate rules. */
  remaining: number;
  rate: number;
  failure?: FaultFailure;
}

// When several failures are armed, the most disruptive one wins.
const FAILURE_ORDER: readonly FaultFailure['kind'][] = ['timeout', 'drop', 'http5xx', 'malformed'];

export class FaultInjector {
  private readonly random: SeededRandom;
  private latencies: { ms: number; scope: FaultScope }[] = [];
  private failures: Rule[] = [];
  private latin1Rules: Rule[] = [];
  private pageLimit: number | null = null;

  constructor(seed: number) {
    this.random = new SeededRandom(seed ^ 0xfa017);
  }

  /** Delays every matching response by `ms` of real time (until `clear`). */
  latency(ms: number, scope: FaultScope = {}): void {
    if (!(ms >= 0)) throw new RangeError('latency: ms must be >= 0');
    this.latencies.push({ ms, scope });
  }

  /** Answers with an HTML 5xx page (default 502) instead of processing the request. */
  http5xx(options: FaultScope & ({ count: number } | { rate: number }) & { status?: number }): void {
    const status = options.status ?? 502;
    if (!Number.isInteger(status) || status < 500 || status > 599) throw new RangeError('http5xx: status must be 5xx');
    this.failures.push({ ...countOrRate(options), scope: options, failure: { kind: 'http5xx', status } });
  }

  /** Accepts the request and never answers (until the simulator closes). */
  timeout(options: FaultScope & { count: number }): void {
    this.failures.push({ ...countOrRate(options), scope: options, failure: { kind: 'timeout' } });
  }

  /** Processes the request, sends the headers and half the body, then destroys the socket. */
  dropConnection(options: FaultScope & { count: number }): void {
    this.failures.push({ ...countOrRate(options), scope: options, failure: { kind: 'drop' } });
  }

  /** Processes the request and answers HTTP 200 with truncated JSON. */
  malformedJson(options: FaultScope & { count: number }): void {
    this.failures.push({ ...countOrRate(options), scope: options, failure: { kind: 'malformed' } });
  }

  /** Encodes responses as ISO-8859-1 (and says so in Content-Type). */
  latin1(options: FaultScope & ({ count: number } | { always: true })): void {
    const remaining = 'always' in options ? Infinity : countOrRate(options).remaining;
    this.latin1Rules.push({ remaining, rate: 1, scope: options });
  }

  /** After `pages` EnumerateAccountStatistics pages in a visa chain, every existing visa expires. */
  expireVisasAfterPages(pages: number): void {
    if (!Number.isInteger(pages) || pages < 1) throw new RangeError('expireVisasAfterPages: pages must be a positive integer');
    this.pageLimit = pages;
  }

  /** The armed page limit, or null. */
  get visaPageLimit(): number | null {
    return this.pageLimit;
  }

  clear(): void {
    this.latencies = [];
    this.failures = [];
    this.latin1Rules = [];
    this.pageLimit = null;
  }

  /** Decides (and consumes) the faults for one request; `method` is undefined when the body is not JSON-RPC. */
  plan(method: string | undefined): FaultPlan {
    const latencyMs = this.latencies.filter((l) => inScope(l.scope, method)).reduce((sum, l) => sum + l.ms, 0);
    const failure = this.takeFailure(method);
    const latin1 = failure === null && this.take(this.latin1Rules, method) !== null;
    this.latin1Rules = this.latin1Rules.filter((r) => r.remaining > 0);
    return { latencyMs, failure, latin1 };
  }

  private takeFailure(method: string | undefined): FaultFailure | null {
    const armed = FAILURE_ORDER.flatMap((kind) => this.failures.filter((r) => r.failure?.kind === kind));
    const rule = this.take(armed, method);
    this.failures = this.failures.filter((r) => r.remaining > 0);
    return rule?.failure ?? null;
  }

  /** First rule in scope that fires; count rules lose one hit. */
  private take(rules: Rule[], method: string | undefined): Rule | null {
    for (const rule of rules) {
      if (!inScope(rule.scope, method)) continue;
      if (rule.rate < 1 && this.random.next() >= rule.rate) continue;
      rule.remaining--;
      return rule;
    }
    return null;
  }
}

function countOrRate(options: { count: number } | { rate: number }): { remaining: number; rate: number } {
  if ('rate' in options) {
    if (!(options.rate > 0 && options.rate <= 1)) throw new RangeError('fault rate must be in (0, 1]');
    return { remaining: Infinity, rate: options.rate };
  }
  if (!Number.isInteger(options.count) || options.count < 1) throw new RangeError('fault count must be a positive integer');
  return { remaining: options.count, rate: 1 };
}

function inScope(scope: FaultScope, method: string | undefined): boolean {
  if (scope.method === undefined) return true;
  if (method === undefined) return false;
  return typeof scope.method === 'string' ? scope.method === method : scope.method.includes(method);
}
