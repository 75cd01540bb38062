/**
 * The simulator's notion of "now". Frozen by default so tests move time explicitly with
 * `advance`/`set`; the CLI demo makes it run with `setRate(speed)`.
 */
export class SimClock {
  private baseSimMs: number;
  private baseRealMs: number;
  private ratePerMs = 0;

  constructor(startMs: number = Date.now()) {
    assertFinite(startMs, 'startMs');
    this.baseSimMs = Math.floor(startMs);
    this.baseRealMs = Date.now();
  }

  /** Current simulated time in epoch milliseconds. */
  now(): number {
    if (this.ratePerMs === 0) return this.baseSimMs;
    return this.baseSimMs + Math.floor((Date.now() - this.baseRealMs) * this.ratePerMs);
  }

  set(ms: number): void {
    assertFinite(ms, 'ms');
    this.baseSimMs = Math.floor(ms);
    this.baseRealMs = Date.now();
  }

  advance(ms: number): void {
    assertFinite(ms, 'ms');
    if (ms < 0) throw new RangeError('SimClock.advance: ms must not be negative');
    this.set(this.now() + ms);
  }

  /** How many simulated milliseconds pass per real millisecond: 0 = frozen, 1 = real time. */
  get rate(): number {
    return this.ratePerMs;
  }

  setRate(rate: number): void {
    assertFinite(rate, 'rate');
    if (rate < 0) throw new RangeError('SimClock.setRate: rate must not be negative');
    this.set(this.now());
    this.ratePerMs = rate;
  }
}

function assertFinite(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`SimClock: ${name} must be a finite number`);
}
