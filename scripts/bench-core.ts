/**
 * Benchmarks the headless pipeline on a large simulated fleet and prints its figures:
 * fleet generation, a first poll (HTTP + parsing + SQLite), an unchanged poll, the report,
 * and peak memory. Run with `npm run bench` (which also runs the window benchmark).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CoveClient } from '../main/cove/cove-client';
import { fetchFleet } from '../main/cove/fleet-fetcher';
import { DEFAULT_STALE_THRESHOLDS } from '../main/monitor/backup-status';
import { buildFleetReport } from '../main/monitor/fleet-report';
import { runPollCycle } from '../main/monitor/poll-cycle';
import { SimClock, startCoveSimulator } from '../main/simulator/cove-simulator';
import { FleetStore } from '../main/store/fleet-store';

export interface CoreBenchResult {
  devices: number;
  customers: number;
  generateMs: number;
  firstPollMs: number;
  firstPollCalls: number;
  firstPollRuns: number;
  unchangedPollMs: number;
  unchangedPollNewRuns: number;
  /** The cache's share of an unchanged poll: applying the same snapshot again. */
  unchangedApplyMs: number;
  fetchMs: number;
  reportMs: number;
  peakRssMb: number;
  databaseMb: number;
}

function elapsed(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function benchCore(devices = 20_000, customers = 1_000): Promise<CoreBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cove-bench-'));
  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  try {
    let start = process.hrtime.bigint();
    const sim = await startCoveSimulator({ devices, customers, seed: 7, clock: new SimClock(Date.UTC(2026, 11, 3, 9, 0)) });
    const generateMs = elapsed(start);
    const store = FleetStore.open(path.join(dir, 'bench.db'));
    const client = new CoveClient({ endpoint: sim.url, credentials: sim.credentials });
    const now = () => sim.clock.now();

    start = process.hrtime.bigint();
    const first = await runPollCycle({ client, store, source: 'demo', now });
    const firstPollMs = elapsed(start);
    if (!first.ok) throw first.error;

    start = process.hrtime.bigint();
    const second = await runPollCycle({ client, store, source: 'demo', now });
    const unchangedPollMs = elapsed(start);
    if (!second.ok) throw second.error;

    start = process.hrtime.bigint();
    const snapshot = await fetchFleet(client, { now });
    const fetchMs = elapsed(start);
    start = process.hrtime.bigint();
    store.applySnapshot(snapshot);
    const unchangedApplyMs = elapsed(start);

    start = process.hrtime.bigint();
    const report = buildFleetReport(store.readFleet(), { source: 'demo', asOf: first.at, now: Math.floor(now() / 1000), thresholds: DEFAULT_STALE_THRESHOLDS });
    const reportMs = elapsed(start);

    store.close();
    await sim.close();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const databaseMb = fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0) / 1024 / 1024;
    return {
      devices: first.applied.devices,
      customers: report.customers.length,
      generateMs,
      firstPollMs,
      firstPollCalls: first.calls,
      firstPollRuns: first.applied.newRuns,
      unchangedPollMs,
      unchangedPollNewRuns: second.applied.newRuns,
      unchangedApplyMs,
      fetchMs,
      reportMs,
      peakRssMb: peakRss / 1024 / 1024,
      databaseMb,
    };
  } finally {
    clearInterval(sample);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printCoreBench(r: CoreBenchResult): void {
  const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;
  console.log(`Headless pipeline, ${r.devices.toLocaleString('en-US')} devices in ${r.customers.toLocaleString('en-US')} customers (simulator over HTTP on 127.0.0.1, SQLite in WAL mode)`);
  console.log(`  simulator fleet generation        ${ms(r.generateMs)}`);
  console.log(`  first poll (fetch, parse, cache)  ${ms(r.firstPollMs)}  (${r.firstPollCalls} calls, ${r.firstPollRuns.toLocaleString('en-US')} runs backfilled)`);
  console.log(`  unchanged poll                    ${ms(r.unchangedPollMs)}  (${r.unchangedPollNewRuns} new rows)`);
  console.log(`    of which fetching over HTTP     ${ms(r.fetchMs)}  (mostly the simulator computing 20,000 devices' state)`);
  console.log(`    of which the SQLite cache       ${ms(r.unchangedApplyMs)}`);
  console.log(`  per-customer report               ${ms(r.reportMs)}`);
  console.log(`  peak memory (RSS, both sides)     ${Math.round(r.peakRssMb)} MB`);
  console.log(`  cache file                        ${r.databaseMb.toFixed(1)} MB`);
}

if (process.argv[1]?.endsWith('bench-core.ts')) {
  const devices = Number(process.argv[2] ?? 20_000);
  benchCore(devices).then(printCoreBench, (error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
