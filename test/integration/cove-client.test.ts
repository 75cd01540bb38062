/**
 * The Cove client and fleet fetcher over real HTTP against the simulator: the protocol, visa
 * handling, every fault mode, and the poll cycle writing a real SQLite file.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoveClient } from '../../main/cove/cove-client';
import { CoveError } from '../../main/cove/cove-errors';
import { fetchFleet } from '../../main/cove/fleet-fetcher';
import { runPollCycle } from '../../main/monitor/poll-cycle';
import { type CoveSimulator, SimClock, startCoveSimulator } from '../../main/simulator/cove-simulator';
import { FleetStore } from '../../main/store/fleet-store';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const simulators: CoveSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.close()));
});

async function simulator(devices = 60, seed = 11): Promise<CoveSimulator> {
  const sim = await startCoveSimulator({ devices, seed, clock: new SimClock(Date.UTC(2026, 11, 3, 9, 30)) });
  simulators.push(sim);
  return sim;
}

function client(sim: CoveSimulator, overrides: Partial<ConstructorParameters<typeof CoveClient>[0]> = {}): CoveClient {
  return new CoveClient({
    endpoint: sim.url,
    credentials: sim.credentials,
    timeoutMs: 1500,
    backoffBaseMs: 1,
    backoffCapMs: 5,
    ...overrides,
  });
}

async function caught(promise: Promise<unknown>): Promise<CoveError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CoveError);
    return error as CoveError;
  }
  throw new Error('expected a CoveError');
}

describe('CoveClient against the simulator', () => {
  it('logs in and reads the whole fleet, grouped and paged', async () => {
    const sim = await simulator(60);
    const fleet = await fetchFleet(client(sim), { pageSize: 7 });
    const truth = sim.fleet.devices();
    expect(fleet.devices.map((d) => d.accountId).sort()).toEqual(truth.map((d) => d.accountId).sort());
    expect(fleet.root.name).toBe(sim.credentials.partner);
    expect(fleet.partners.some((p) => p.level === 'EndCustomer')).toBe(true);
    expect(fleet.unreadableRows).toBe(0);
    // Login + partner info + partners + ceil(60/7)=9 pages (the last one short).
    expect(fleet.calls).toBe(3 + Math.ceil(truth.length / 7) + (truth.length % 7 === 0 ? 1 : 0));
    // Cove's "0" timestamps mean never: we read them as null.
    const never = (t: number | null) => (t === 0 ? null : t);
    for (const device of truth) {
      const read = fleet.devices.find((d) => d.accountId === device.accountId);
      expect(read?.name).toBe(device.name);
      expect(read?.total.coveStatus).toBe(device.total.coveStatus);
      expect(read?.total.lastSuccessAt).toBe(never(device.total.lastSuccessAt));
      expect(read?.total.lastSessionAt).toBe(never(device.total.lastSessionAt));
      expect(read?.activeDataSources).toEqual(device.dataSources);
    }
  });

  it('a wrong token is a credentials error, never retried', async () => {
    const sim = await simulator();
    const bad = client(sim, { credentials: { ...sim.credentials, token: 'wrong' } });
    const error = await caught(bad.login());
    expect(error.kind).toBe('credentials');
    expect(error.coveCode).toBe(2100);
    expect(error.message).toMatch(/exact.*partner|partner.*exact/i);
    expect(sim.requests.filter((r) => r.method === 'Login')).toHaveLength(1);
  });

  it('a partner string without its "(email)" suffix fails the same way, with a hint', async () => {
    const sim = await simulator();
    const bare = sim.credentials.partner.replace(/\s*\(.*\)$/, '');
    const error = await caught(client(sim, { credentials: { ...sim.credentials, partner: bare } }).login());
    expect(error.kind).toBe('credentials');
    expect(error.fix).toMatch(/\(email\)/);
  });

  it('re-logs in once when the visa expires (idle > 15 min) and retries the call', async () => {
    const sim = await simulator();
    const c = client(sim);
    await fetchFleet(c);
    sim.clock.advance(16 * 60_000);
    const fleet = await fetchFleet(c);
    expect(fleet.devices.length).toBeGreaterThan(0);
    expect(sim.requests.filter((r) => r.method === 'Login')).toHaveLength(2);
  });

  it('survives the visa expiring in the middle of paging', async () => {
    const sim = await simulator(40);
    sim.faults.expireVisasAfterPages(2);
    const fleet = await fetchFleet(client(sim), { pageSize: 5 });
    expect(fleet.devices).toHaveLength(sim.fleet.devices().length);
    expect(sim.requests.filter((r) => r.method === 'Login').length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['HTTP 502', (sim: CoveSimulator) => sim.faults.http5xx({ count: 2 })],
    ['a dropped connection', (sim: CoveSimulator) => sim.faults.dropConnection({ count: 2 })],
    ['malformed JSON', (sim: CoveSimulator) => sim.faults.malformedJson({ count: 2 })],
    ['a timeout', (sim: CoveSimulator) => sim.faults.timeout({ count: 1, method: 'EnumerateAccountStatistics' })],
  ])('retries %s with backoff and then succeeds', async (_name, inject) => {
    const sim = await simulator(20);
    inject(sim);
    const fleet = await fetchFleet(client(sim));
    expect(fleet.devices).toHaveLength(sim.fleet.devices().length);
  });

  it('gives up after bounded retries: unreachable for 5xx, protocol for garbage', async () => {
    const sim = await simulator(10);
    sim.faults.http5xx({ count: 10 });
    const down = await caught(fetchFleet(client(sim, { maxRetries: 2 })));
    expect(down.kind).toBe('unreachable');
    expect(down.message).toMatch(/3 attempts.*HTTP 502/);
    sim.faults.clear();
    sim.faults.malformedJson({ count: 10 });
    const garbage = await caught(fetchFleet(client(sim, { maxRetries: 2 })));
    expect(garbage.kind).toBe('protocol');
    expect(garbage.message).toMatch(/not JSON/);
  });

  it('backs off with jittered exponential delays', async () => {
    const sim = await simulator(5);
    sim.faults.http5xx({ count: 3 });
    const delays: number[] = [];
    const c = client(sim, { backoffBaseMs: 100, backoffCapMs: 350, random: () => 1, sleep: async (ms) => void delays.push(ms) });
    await c.login();
    expect(delays).toEqual([100, 200, 350]);
  });

  it('a refused connection is unreachable', async () => {
    const sim = await simulator(5);
    const url = sim.url;
    await sim.close();
    simulators.splice(simulators.indexOf(sim), 1);
    const error = await caught(new CoveClient({ endpoint: url, credentials: sim.credentials, maxRetries: 1, backoffBaseMs: 1 }).login());
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/connection refused/);
  });

  it('reads Latin-1 bodies with accented names intact', async () => {
    const sim = await simulator(80);
    sim.faults.latin1({ always: true });
    const fleet = await fetchFleet(client(sim));
    const accented = fleet.partners.filter((p) => /[^\x00-\x7f]/.test(p.name));
    expect(accented.length).toBeGreaterThan(0);
    expect(accented.map((p) => p.name).sort()).toEqual(sim.fleet.partners().filter((p) => /[^\x00-\x7f]/.test(p.name)).map((p) => p.name).sort());
  });

  it('locks out after repeated bad logins, and says so without retrying', async () => {
    const sim = await simulator();
    const bad = client(sim, { credentials: { ...sim.credentials, token: 'wrong' } });
    for (let i = 0; i < 5; i++) await caught(bad.login());
    const locked = await caught(client(sim).login());
    expect(locked.kind).toBe('credentials');
    expect(locked.fix).toMatch(/lock/);
  });

  it('never sends the token anywhere but the Login password', async () => {
    const sim = await simulator(5);
    const bodies: string[] = [];
    const http = (await import('axios')).default.create();
    http.interceptors.request.use((config) => {
      bodies.push(JSON.stringify(config.data));
      return config;
    });
    await fetchFleet(new CoveClient({ endpoint: sim.url, credentials: sim.credentials, http }));
    expect(bodies.filter((b) => b.includes(sim.credentials.token)).map((b) => JSON.parse(b).method)).toEqual(['Login']);
  });
});

describe('poll cycle against the simulator', () => {
  it('fills the cache, then an unchanged poll adds nothing, then the clock moves and runs appear', async () => {
    const sim = await simulator(50);
    const store = FleetStore.open(path.join(tempDir(), 'cache.db'));
    const c = client(sim);
    const now = () => sim.clock.now();
    const first = await runPollCycle({ client: c, store, source: 'demo', now });
    expect(first.ok && first.applied.devices).toBe(sim.fleet.devices().length);
    const runs = store.countRuns();
    expect(runs).toBeGreaterThan(50);
    const again = await runPollCycle({ client: c, store, source: 'demo', now });
    expect(again.ok && again.applied.newRuns).toBe(0);
    expect(store.countRuns()).toBe(runs);
    sim.clock.advance(24 * 3600_000);
    const nextDay = await runPollCycle({ client: c, store, source: 'demo', now });
    expect(nextDay.ok && nextDay.applied.newRuns).toBeGreaterThan(0);
    expect(store.lastPoll()).toMatchObject({ outcome: 'ok', source: 'demo' });
    store.close();
  });

  it('logs a failed poll with its cause and keeps the cached data', async () => {
    const sim = await simulator(10);
    const store = FleetStore.open(path.join(tempDir(), 'cache.db'));
    await runPollCycle({ client: client(sim), store, source: 'demo' });
    const before = store.readFleet();
    sim.faults.http5xx({ count: 20 });
    const failed = await runPollCycle({ client: client(sim, { maxRetries: 1 }), store, source: 'demo' });
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.kind).toBe('unreachable');
    expect(store.lastPoll()).toMatchObject({ outcome: 'unreachable' });
    expect(store.readFleet()).toEqual(before);
    store.close();
  });

  it('a removed device is marked removed, a renamed one keeps its history', async () => {
    const sim = await simulator(30);
    const store = FleetStore.open(path.join(tempDir(), 'cache.db'));
    const c = client(sim);
    await runPollCycle({ client: c, store, source: 'demo', now: () => sim.clock.now() });
    const [gone, renamed] = sim.fleet.devices().filter((d) => d.total.lastSessionAt !== null);
    const runsBefore = store.runs(renamed.accountId).length;
    sim.fleet.removeDevice(gone.accountId);
    sim.fleet.renameDevice(renamed.accountId, 'RENAMED-SERVER');
    const result = await runPollCycle({ client: c, store, source: 'demo', now: () => sim.clock.now() });
    expect(result.ok && result.applied).toMatchObject({ removedDevices: 1, renamedDevices: 1 });
    const devices = store.readFleet().flatMap((cu) => cu.devices);
    expect(devices.find((d) => d.id === gone.accountId)).toBeUndefined();
    expect(devices.find((d) => d.id === renamed.accountId)?.name).toBe('RENAMED-SERVER');
    expect(store.runs(renamed.accountId).length).toBe(runsBefore);
    store.close();
  });
});
