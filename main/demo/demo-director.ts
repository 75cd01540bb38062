/**
 * Keeps the demo fleet moving while you watch: before each poll a few devices finish a session
 * at the current time, some failing and some recovering, so notifications and the dashboard have
 * something real to show. Seeded, so a demo run is reproducible.
 */
import type { CoveSimulator } from '../simulator/cove-simulator';

// Cove session codes: a mix that fails, warns and recovers.
const FAILURES = [2, 6, 3];
const WARNINGS = [8];
const OK = 5;

export class DemoDirector {
  private seed: number;

  constructor(
    private readonly simulator: CoveSimulator,
    private readonly options: { changesPerPoll: number; seed?: number },
  ) {
    this.seed = options.seed ?? 20261203;
  }

  /** Mulberry32: small, fast, good enough to pick demo devices. */
  private random(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  beforePoll(): void {
    // Agents that never installed have no data sources and cannot run a session.
    const devices = this.simulator.fleet.devices().filter((d) => d.dataSources.length > 0);
    if (devices.length === 0) return;
    for (let i = 0; i < this.options.changesPerPoll; i++) {
      const device = devices[Math.floor(this.random() * devices.length)];
      const roll = this.random();
      // Failing devices mostly recover; healthy ones sometimes fail or warn.
      const failing = FAILURES.includes(device.total.coveStatus ?? -1);
      const status = failing
        ? roll < 0.7 ? OK : FAILURES[Math.floor(this.random() * FAILURES.length)]
        : roll < 0.5 ? FAILURES[Math.floor(this.random() * FAILURES.length)] : roll < 0.7 ? WARNINGS[0] : OK;
      this.simulator.fleet.runSessionNow(device.accountId, { status });
    }
  }
}
