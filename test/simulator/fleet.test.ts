/**
 * The simulated fleet: determinism, movement with the clock, scripted control and generator coverage.
 */
import { describe, expect, it } from 'vitest';
import { SimClock, SimulatedFleet, type SimDevice, startCoveSimulator } from '../../main/simulator/cove-simulator';
import { FIXED_TIME } from './rpc-helpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ANCHOR = Math.floor(FIXED_TIME / DAY) * DAY;
const ALL_STATUSES = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12];

function makeFleet(options: { devices?: number; seed?: number; at?: number } = {}): { fleet: SimulatedFleet; clock: SimClock } {
  const clock = new SimClock(options.at ?? FIXED_TIME);
  const fleet = new SimulatedFleet({
    seed: options.seed ?? 1,
    devices: options.devices ?? 80,
    anchorMs: ANCHOR,
    rootName: 'Northwind MSP (ops@northwind.example)',
    clock,
  });
  return { fleet, clock };
}

/** A healthy nightly server without scripted events, so only our overrides change it. */
function plainServer(fleet: SimulatedFleet, dataSource = 'D01'): SimDevice {
  const device = fleet
    .devices()
    .find((d) => d.kind === 'server' && d.tags.length === 0 && d.dataSources.includes(dataSource) && !d.total.running);
  if (!device) throw new Error('no plain server');
  return device;
}

describe('determinism', () => {
  it('gives the same fleet for the same seed and time, whenever the process started that day', () => {
    const a = makeFleet({ seed: 42 });
    const b = makeFleet({ seed: 42, at: ANCHOR + HOUR });
    b.clock.set(FIXED_TIME);
    expect(b.fleet.devices()).toEqual(a.fleet.devices());
    expect(b.fleet.partners()).toEqual(a.fleet.partners());
    expect(makeFleet({ seed: 43 }).fleet.devices()).not.toEqual(a.fleet.devices());
  });

  it('moves with the clock: sessions complete, fail and recover', () => {
    const { fleet, clock } = makeFleet({ devices: 200 });
    const before = new Map(fleet.devices().map((d) => [d.accountId, d]));
    clock.advance(2 * DAY);
    const after = fleet.devices().filter((d) => before.has(d.accountId));
    const newer = after.filter((d) => (d.total.lastSessionAt ?? 0) > (before.get(d.accountId)?.total.lastSessionAt ?? 0));
    expect(newer.length).toBeGreaterThan(after.length / 2);
    const changed = after.filter((d) => d.total.coveStatus !== before.get(d.accountId)?.total.coveStatus);
    expect(changed.length).toBeGreaterThan(0);
    // The colour bar moved two days to the left (the last day before was still open).
    const server = after.find((d) => d.kind === 'server' && d.tags.length === 0) as SimDevice;
    expect(server.total.colorBar?.slice(0, 25)).toBe(before.get(server.accountId)?.total.colorBar?.slice(2, 27));
  });
});

describe('control', () => {
  it('forceNextSession makes the next session end with the given status, then nature resumes', () => {
    const { fleet, clock } = makeFleet();
    const server = plainServer(fleet);
    fleet.forceNextSession(server.accountId, { status: 2, errors: 7 });
    clock.advance(DAY);
    const failed = fleet.device(server.accountId) as SimDevice;
    expect(failed.total.coveStatus).toBe(2);
    expect(failed.total.errors).toBe(7);
    expect(failed.total.lastSessionAt).toBeGreaterThan(server.total.lastSessionAt ?? 0);
    expect(failed.total.lastSuccessAt).toBe(server.total.lastSessionAt);
    expect(failed.total.colorBar?.match(/2/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('forceNextSession on one data source fails that source and the Total, not the others', () => {
    const { fleet, clock } = makeFleet({ devices: 300 });
    const sql = plainServer(fleet, 'D10');
    fleet.forceNextSession(sql.accountId, { status: 2, dataSource: 'D10', count: 2 });
    for (let day = 0; day < 2; day++) {
      clock.advance(DAY);
      const d = fleet.device(sql.accountId) as SimDevice;
      const bySource = Object.fromEntries(d.sources.map((s) => [s.dataSource, s]));
      expect(bySource.D10.coveStatus).toBe(2);
      expect(d.total.coveStatus).toBe(2);
      expect(bySource.D01.lastSessionAt).toBe(d.total.lastSessionAt);
    }
  });

  it('runSessionNow completes a session at the current time', () => {
    const { fleet, clock } = makeFleet();
    const server = plainServer(fleet);
    const now = Math.floor(clock.now() / 1000);
    const failed = fleet.runSessionNow(server.accountId, { status: 8, errors: 3 });
    expect(failed.total).toMatchObject({ coveStatus: 8, errors: 3, lastSessionAt: now, lastSuccessAt: now, running: false });
    expect(failed.total.colorBar?.at(-1)).toBe('8');
    clock.advance(60_000);
    const recovered = fleet.runSessionNow(server.accountId, { status: 5 });
    expect(recovered.total).toMatchObject({ coveStatus: 5, errors: 0, lastSessionAt: now + 60, lastSuccessStatus: 5 });
  });

  it('startSession shows a running session (1, then 9 once errors appear) until it ends', () => {
    const { fleet, clock } = makeFleet();
    const server = plainServer(fleet);
    const started = fleet.startSession(server.accountId, { status: 2, errors: 10, durationMs: 2 * HOUR });
    expect(started.total).toMatchObject({ coveStatus: 1, running: true, errors: 0 });
    clock.advance(HOUR);
    expect(fleet.device(server.accountId)?.total).toMatchObject({ coveStatus: 9, running: true, errors: 5 });
    clock.advance(HOUR);
    expect(fleet.device(server.accountId)?.total).toMatchObject({ coveStatus: 2, running: false, errors: 10 });
  });

  it('failMany fails hundreds of devices at once', () => {
    const { fleet } = makeFleet({ devices: 800 });
    const targets = fleet
      .devices()
      .filter((d) => d.dataSources.length > 0)
      .slice(0, 500)
      .map((d) => d.accountId);
    fleet.failMany(targets, 2);
    const failed = fleet.devices().filter((d) => targets.includes(d.accountId));
    expect(failed).toHaveLength(500);
    expect(failed.every((d) => d.total.coveStatus === 2)).toBe(true);
  });

  it('renames, removes and adds devices; AccountIds stay stable', () => {
    const { fleet, clock } = makeFleet();
    const server = plainServer(fleet);
    const before = clock.now();
    clock.advance(HOUR);
    fleet.renameDevice(server.accountId, 'SERVER');
    expect(fleet.device(server.accountId)?.name).toBe('SERVER');
    expect(fleet.device(server.accountId, before)?.name).toBe(server.name);

    clock.advance(HOUR);
    fleet.removeDevice(server.accountId);
    expect(fleet.device(server.accountId)).toBeUndefined();
    expect(fleet.devices().some((d) => d.accountId === server.accountId)).toBe(false);
    expect(fleet.device(server.accountId, clock.now() - 1)?.name).toBe('SERVER');

    const added = fleet.addDevice({ kind: 'server', name: 'NEW-SRV01_abcde' });
    expect(added).toMatchObject({ name: 'NEW-SRV01_abcde', kind: 'server', tags: ['added'] });
    expect(added.accountId).toBeGreaterThan(Math.max(...fleet.deviceInfos().filter((d) => d !== added).map((d) => d.accountId)) - 1);
    expect(fleet.device(added.accountId)?.total.coveStatus).toBeNull();
    clock.advance(DAY);
    expect(fleet.device(added.accountId)?.total.coveStatus).not.toBeNull();
  });

  it('rejects impossible scripts', () => {
    const { fleet } = makeFleet();
    const server = plainServer(fleet);
    expect(() => fleet.runSessionNow(server.accountId, { status: 4 })).toThrow(/status 4/);
    expect(() => fleet.runSessionNow(server.accountId, { status: 1 })).toThrow(/status 1/);
    expect(() => fleet.runSessionNow(server.accountId, { status: 2, dataSource: 'D19' })).toThrow(/D19/);
    expect(() => fleet.runSessionNow(123, { status: 2 })).toThrow(/does not exist/);
    const stale = fleet.devices().find((d) => d.tags.includes('stale')) as SimDevice;
    expect(() => fleet.forceNextSession(stale.accountId, { status: 2 })).toThrow(/no upcoming/);
  });
});

describe('generator', () => {
  describe.each([50, 20_000])('a fleet of %i devices', (size) => {
    const { fleet } = makeFleet({ devices: size, seed: 1 });
    const devices = fleet.devices();
    const infos = fleet.deviceInfos();
    const partners = fleet.partners();

    it('has every Cove status code somewhere', () => {
      const present = new Set(devices.map((d) => d.total.coveStatus ?? 0));
      expect([...present].sort((a, b) => a - b)).toEqual(expect.arrayContaining(ALL_STATUSES));
    });

    it('has servers, workstations, M365 tenants and never-installed agents with their Cove properties', () => {
      const byKind = (kind: SimDevice['kind']) => devices.filter((d) => d.kind === kind);
      for (const d of byKind('server')) expect([d.osType, d.accountType, d.dataSources[0]]).toEqual([2, 1, 'D01']);
      for (const d of byKind('workstation')) expect([d.osType, d.accountType, d.dataSources]).toEqual([1, 1, ['D01']]);
      for (const d of byKind('m365')) {
        expect([d.osType, d.accountType, d.dataSources.join(''), d.computerName]).toEqual([0, 2, 'D19D20D05D23', null]);
      }
      for (const d of byKind('unknown')) expect([d.osType, d.accountType, d.dataSources, d.total.coveStatus]).toEqual([0, 1, [], null]);
      expect(byKind('server').length).toBeGreaterThan(0);
      expect(byKind('m365').length).toBeGreaterThan(0);
      expect(byKind('unknown').length).toBeGreaterThan(0);
      const serverSources = new Set(byKind('server').map((d) => d.dataSources.join('')));
      expect(serverSources).toContain('D01D02');
      if (size >= 1000) {
        expect([...serverSources]).toEqual(expect.arrayContaining(['D01D02', 'D01D02D10', 'D01D14']));
        expect(byKind('workstation').length).toBeGreaterThan(byKind('server').length);
      }
    });

    it('has stale, never-run, zero-timestamp, renamed and removed devices', () => {
      const now = Math.floor(FIXED_TIME / 1000);
      const stale = devices.filter((d) => d.tags.includes('stale'));
      expect(stale.length).toBeGreaterThan(0);
      for (const d of stale) {
        expect(d.total.coveStatus).toBe(5);
        expect(now - (d.total.lastSuccessAt as number)).toBeGreaterThan(2 * 86_400);
      }
      const never = devices.filter((d) => d.tags.includes('never-run') && !d.tags.includes('zero-timestamps'));
      expect(never.length).toBeGreaterThan(0);
      for (const d of never) expect([d.total.coveStatus, d.total.lastSuccessAt, d.total.lastSessionAt]).toEqual([null, null, null]);
      const zero = devices.filter((d) => d.tags.includes('zero-timestamps'));
      expect(zero.length).toBeGreaterThan(0);
      for (const d of zero) expect([d.total.coveStatus, d.total.lastSuccessAt, d.total.lastSessionAt]).toEqual([0, 0, 0]);
      expect(infos.some((d) => d.nameHistory.length > 1 && d.nameHistory[1].from < now)).toBe(true);
      expect(infos.some((d) => d.nameHistory.length > 1 && d.nameHistory[1].from > now)).toBe(true);
      const removed = infos.filter((d) => d.removedAt !== null);
      expect(removed.some((d) => (d.removedAt as number) <= now)).toBe(true);
      expect(removed.some((d) => (d.removedAt as number) > now)).toBe(true);
      const current = new Set(devices.map((d) => d.accountId));
      for (const d of removed) expect(current.has(d.accountId)).toBe((d.removedAt as number) > now);
    });

    it('builds an MSP tree: reseller root, ~N/12 customers with accents and (email) names, sites, own machines', () => {
      expect(partners[0]).toMatchObject({ level: 'Reseller', name: 'Northwind MSP (ops@northwind.example)' });
      const customers = partners.filter((p) => p.level === 'EndCustomer');
      expect(customers.length).toBe(Math.round(size / 12));
      expect(customers.every((c) => c.parentId === partners[0].id)).toBe(true);
      const sites = partners.filter((p) => p.level === 'Site');
      expect(sites.length).toBeGreaterThan(0);
      expect(sites.every((s) => customers.some((c) => c.id === s.parentId))).toBe(true);
      expect(devices.some((d) => sites.some((s) => s.id === d.partnerId))).toBe(true);
      expect(devices.some((d) => d.partnerId === partners[0].id)).toBe(true);
      const names = customers.map((c) => c.name);
      expect(names.some((n) => /[À-ÿ]/.test(n))).toBe(true);
      expect(names.some((n) => n.includes('&'))).toBe(true);
      expect(names.some((n) => n.includes("'"))).toBe(true);
      expect(names.some((n) => /\([^)]+@[^)]+\)$/.test(n))).toBe(true);
      expect(new Set(names).size).toBe(names.length);
    });

    it('keeps every name within ISO-8859-1 so Latin-1 responses are lossless', () => {
      const text = [...partners.map((p) => p.name), ...infos.map((d) => d.name)].join('');
      expect(/[^\u0000-\u00ff]/.test(text)).toBe(false);
    });

    it('draws 28-day colour bars consistent with the session history', () => {
      const today = Math.floor(FIXED_TIME / DAY);
      for (const d of devices) {
        const bar = d.total.colorBar;
        if (d.total.lastSessionAt === null) {
          expect(bar).toBeNull();
          continue;
        }
        expect(bar).toMatch(/^[0-9]{28}$/);
        if (d.tags.includes('zero-timestamps')) continue;
        const lastDay = Math.floor(((d.total.lastSessionAt as number) * 1000) / DAY);
        const ageDays = today - lastDay;
        if (ageDays < 28) {
          // The day of the last session shows its status; no later day shows anything.
          const digit = String(d.total.coveStatus).replace(/^1[01]$/, '2').replace(/^12$/, '8');
          expect(bar?.[27 - ageDays]).toBe(digit);
          expect(bar?.slice(28 - ageDays)).toBe('0'.repeat(ageDays));
        } else {
          expect(bar).toBe('0'.repeat(28));
        }
      }
    });
  });
});

describe('fleet shape options', () => {
  it('honours an explicit customer count', async () => {
    const sim = await startCoveSimulator({ devices: 240, customers: 10, seed: 4 });
    try {
      expect(sim.fleet.partners().filter((p) => p.level === 'EndCustomer')).toHaveLength(10);
      expect(sim.fleet.devices().length).toBeGreaterThan(200);
    } finally {
      await sim.close();
    }
  });

  it('refuses more customers than devices', async () => {
    await expect(startCoveSimulator({ devices: 5, customers: 6 })).rejects.toThrow(RangeError);
  });
});
