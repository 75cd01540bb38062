/**
 * Runs polls on a setTimeout chain (never overlapping, never setInterval): the configured
 * interval after a success, full-jitter exponential backoff after a failure, a slow re-check
 * while offline, nothing while paused (suspend, lock, or waiting for new credentials).
 */

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type PollOutcome = 'ok' | 'failed' | 'stop';

export interface PollSchedulerOptions {
  /** Runs one poll. 'stop' (e.g. credentials refused) pauses until `resume()`. */
  poll: () => Promise<PollOutcome>;
  intervalMs: () => number;
  isOnline?: () => boolean;
  timers?: Timers;
  random?: () => number;
  now?: () => number;
  /** Called whenever the schedule changes, so the UI can show the next try. */
  onChange?: () => void;
}

const FIRST_RETRY_MS = 30_000;
const MAX_BACKOFF_MS = 30 * 60_000;
const OFFLINE_RECHECK_MS = 30_000;

export class PollScheduler {
  private handle: unknown = null;
  private running: Promise<void> | null = null;
  private paused = false;
  private stopped = false;
  private failures = 0;
  nextPollAt: number | null = null;

  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: PollSchedulerOptions) {
    this.timers = options.timers ?? { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  get state(): 'idle' | 'polling' | 'paused' {
    if (this.running) return 'polling';
    return this.paused ? 'paused' : 'idle';
  }

  /** Polls right away, then keeps the chain going. */
  start(): Promise<void> {
    this.stopped = false;
    this.paused = false;
    return this.pollNow();
  }

  /** Polls now (joining a poll already under way) and reschedules from its outcome. */
  pollNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) return this.running;
    this.clearTimer();
    this.running = this.runOnce().finally(() => {
      this.running = null;
      this.options.onChange?.();
    });
    this.options.onChange?.();
    return this.running;
  }

  /** Suspend, lock screen, or waiting for credentials: no polls until resumed. */
  pause(): void {
    this.paused = true;
    this.clearTimer();
    this.nextPollAt = null;
    this.options.onChange?.();
  }

  /** Resume, unlock, or new credentials: poll right away with a fresh backoff. */
  resume(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.paused = false;
    this.failures = 0;
    return this.pollNow();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.nextPollAt = null;
  }

  private async runOnce(): Promise<void> {
    if (this.options.isOnline && !this.options.isOnline()) {
      this.schedule(OFFLINE_RECHECK_MS);
      return;
    }
    let outcome: PollOutcome;
    try {
      outcome = await this.options.poll();
    } catch {
      outcome = 'failed';
    }
    // A pause or stop that arrived during the poll wins.
    if (this.stopped || this.paused) return;
    if (outcome === 'stop') {
      this.failures++;
      this.paused = true;
      this.nextPollAt = null;
      return;
    }
    if (outcome === 'ok') {
      this.failures = 0;
      this.schedule(this.options.intervalMs());
    } else {
      this.failures++;
      this.schedule(this.backoffMs());
    }
  }

  /** Full jitter between half and all of the ceiling, so a retry is never instant. */
  private backoffMs(): number {
    const ceiling = Math.min(MAX_BACKOFF_MS, Math.max(FIRST_RETRY_MS * 2 ** (this.failures - 1), FIRST_RETRY_MS));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.nextPollAt = this.now() + ms;
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      void this.pollNow();
    }, ms);
    this.options.onChange?.();
  }

  private clearTimer(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }
}
