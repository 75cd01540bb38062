/**
 * EnumerateAccountStatistics / EnumerateAccountHistoryStatistics as the simulator serves them (cove-api.md §4.4, §4.5, §5, §8).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClock, startCoveSimulator, type CoveSimulator, type SimDevice } from '../../main/simulator/cove-simulator';
import { FIXED_TIME, login, rpc, settingsOf, statistics, type StatisticsRow } from './rpc-helpers';

let sim: CoveSimulator;
let visa: string;

beforeAll(async () => {
  sim = await startCoveSimulator({ devices: 50, seed: 11, clock: new SimClock(FIXED_TIME) });
  visa = await login(sim);
});

afterAll(async () => {
  await sim.close();
});

async function rows(query: Record<string, unknown>): Promise<StatisticsRow[]> {
  const response = await statistics(sim, visa, query);
  if (response.error) throw new Error(JSON.stringify(response.error));
  return response.result?.result as StatisticsRow[];
}

function tagged(tag: string, extra: (d: SimDevice) => boolean = () => true): SimDevice {
  const device = sim.fleet.devices().find((d) => d.tags.includes(tag as SimDevice['tags'][number]) && extra(d));
  if (!device) throw new Error(`no device tagged ${tag}`);
  return device;
}

describe('paging and order', () => {
  it('covers every current device exactly once, in AccountId order by default', async () => {
    const seen: number[] = [];
    for (let start = 0; ; start += 7) {
      const page = await rows({ StartRecordNumber: start, RecordsCount: 7, Columns: ['I1'] });
      seen.push(...page.map((r) => r.AccountId));
      if (page.length < 7) break;
    }
    const expected = sim.fleet.devices().map((d) => d.accountId);
    expect(seen).toEqual(expected);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('honours OrderBy on I1/AN and I0/AU in both directions', async () => {
    const names = (await rows({ Columns: ['I1'], OrderBy: 'I1 ASC' })).map((r) => settingsOf(r).I1.toLowerCase());
    expect(names).toEqual([...names].sort());
    const desc = (await rows({ Columns: ['AN'], OrderBy: 'AN DESC' })).map((r) => settingsOf(r).AN.toLowerCase());
    expect(desc).toEqual([...names].reverse());
    const ids = (await rows({ Columns: ['AU'], OrderBy: 'AU DESC' })).map((r) => r.AccountId);
    expect(ids).toEqual(
      sim.fleet
        .devices()
        .map((d) => d.accountId)
        .reverse(),
    );
  });

  it('pages an ordered query without gaps or repeats', async () => {
    const seen: number[] = [];
    for (let start = 0; start < 60; start += 9) {
      seen.push(...(await rows({ StartRecordNumber: start, RecordsCount: 9, Columns: ['I1'], OrderBy: 'I1 DESC' })).map((r) => r.AccountId));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(sim.fleet.devices().length);
  });
});

describe('row shape', () => {
  it('echoes each column under the spelling requested, with string values', async () => {
    const device = tagged('problem', (d) => d.kind === 'server');
    const [row] = await rows({ Filter: `AU == ${device.accountId}`, Columns: ['D9F00', 'D09F00', 'T0', 'I1', 'AN', 'TL', 'D1F15'] });
    const s = settingsOf(row);
    expect(Object.keys(s).sort()).toEqual(['AN', 'D09F00', 'D1F15', 'D9F00', 'I1', 'T0', 'TL']);
    expect(s.D9F00).toBe(String(device.total.coveStatus));
    expect(s.D09F00).toBe(s.D9F00);
    expect(s.T0).toBe(s.D9F00);
    expect(s.AN).toBe(device.name);
    expect(s.TL).toBe(String(device.total.lastSuccessAt));
    expect(s.D1F15).toBe(String(device.sources[0].lastSessionAt));
    expect(Object.values(s).every((v) => typeof v === 'string')).toBe(true);
  });

  it('sorts Settings lexicographically by key, one key per entry', async () => {
    for (const row of await rows({ Columns: ['I8', 'I78', 'I14', 'I1', 'D09F00', 'D01F07', 'I0'] })) {
      const keys = (row.Settings ?? []).map((entry) => {
        expect(Object.keys(entry)).toHaveLength(1);
        return Object.keys(entry)[0];
      });
      expect(keys).toEqual([...keys].sort());
    }
    const server = tagged('problem', (d) => d.kind === 'server');
    const [row] = await rows({ Filter: `AU == ${server.accountId}`, Columns: ['I8', 'I78', 'I1', 'I14'] });
    expect((row.Settings ?? []).map((e) => Object.keys(e)[0])).toEqual(['I1', 'I14', 'I78', 'I8']);
  });

  it('matches the row shape: AccountId, Flags, PartnerId, Settings', async () => {
    const all = await rows({ Columns: ['I1'] });
    for (const row of all) {
      expect(Object.keys(row)).toEqual(['AccountId', 'Flags', 'PartnerId', 'Settings']);
      expect(row.Flags === null || Array.isArray(row.Flags)).toBe(true);
      expect(row.PartnerId).toBe(sim.fleet.device(row.AccountId)?.partnerId);
    }
    expect(all.some((r) => r.Flags?.includes('AutoDeployed'))).toBe(true);
    expect(all.some((r) => r.Flags === null)).toBe(true);
  });

  it('emits I78 as zero-padded concatenated codes', async () => {
    const values = (await rows({ Columns: ['I78'] })).map((r) => settingsOf(r).I78).filter(Boolean);
    expect(values.every((v) => /^(D\d\d)+$/.test(v))).toBe(true);
    expect(values).toContain('D19D20D05D23');
    expect(values).toContain('D01');
  });

  it('omits columns without a value, and data sources the device does not have', async () => {
    const columns = ['I1', 'I18', 'D09F00', 'D09F09', 'D09F15', 'D10F00', 'D19F00'];
    const neverRun = tagged('never-run', (d) => !d.tags.includes('zero-timestamps') && !d.tags.includes('not-installed'));
    const s = settingsOf((await rows({ Filter: `AU == ${neverRun.accountId}`, Columns: columns }))[0]);
    expect(Object.keys(s).sort()).toEqual(['I1', 'I18']);

    const zero = tagged('zero-timestamps');
    const z = settingsOf((await rows({ Filter: `AU == ${zero.accountId}`, Columns: columns }))[0]);
    expect(z).toMatchObject({ D09F00: '0', D09F09: '0', D09F15: '0' });

    const m365 = sim.fleet.devices().find((d) => d.kind === 'm365' && d.total.coveStatus !== null) as SimDevice;
    const m = settingsOf((await rows({ Filter: `AU == ${m365.accountId}`, Columns: columns }))[0]);
    expect(m.I18).toBeUndefined();
    expect(m.D10F00).toBeUndefined();
    expect(m.D19F00).toBe(String(m365.sources[0].coveStatus));
  });

  it('answers Settings: null when none of the requested columns has a value', async () => {
    const workstation = sim.fleet.devices().find((d) => d.kind === 'workstation') as SimDevice;
    const [row] = await rows({ Filter: `AU == ${workstation.accountId}`, Columns: ['D14F00', 'G3', 'NOT_A_CODE'] });
    expect(row).toEqual({ AccountId: workstation.accountId, Flags: row.Flags, PartnerId: workstation.partnerId, Settings: null });
  });

  it('ignores unknown column codes', async () => {
    const [row] = await rows({ RecordsCount: 1, Columns: ['I1', 'AA843', 'XYZ'] });
    expect(Object.keys(settingsOf(row))).toEqual(['I1']);
  });

  it('agrees with the fleet ground truth', async () => {
    const truth = new Map(sim.fleet.devices().map((d) => [d.accountId, d]));
    for (const row of await rows({ Columns: ['D09F00', 'D09F06', 'D09F08', 'D09F09', 'D09F15', 'I1', 'I32', 'I59'] })) {
      const d = truth.get(row.AccountId) as SimDevice;
      const s = settingsOf(row);
      const str = (v: number | string | null) => (v === null ? undefined : String(v));
      expect(s.D09F00).toBe(str(d.total.coveStatus));
      expect(s.D09F06).toBe(str(d.total.errors));
      expect(s.D09F08).toBe(str(d.total.colorBar));
      expect(s.D09F09).toBe(str(d.total.lastSuccessAt));
      expect(s.D09F15).toBe(str(d.total.lastSessionAt));
      expect(s.I1).toBe(d.name);
      expect(s.I32).toBe(String(d.osType));
      expect(s.I59).toBe(String(d.accountType));
    }
  });
});

describe('filter, scope and totals', () => {
  it('filters on AT, OT and AU', async () => {
    const devices = sim.fleet.devices();
    const m365 = await rows({ Filter: 'AT == 2', Columns: ['I59'] });
    expect(m365.map((r) => r.AccountId)).toEqual(devices.filter((d) => d.accountType === 2).map((d) => d.accountId));
    const servers = await rows({ Filter: 'OT == 2', Columns: ['I32'] });
    expect(servers.map((r) => r.AccountId)).toEqual(devices.filter((d) => d.osType === 2).map((d) => d.accountId));
    const one = await rows({ Filter: `(AU == ${devices[3].accountId})`, Columns: ['I1'] });
    expect(one.map((r) => r.AccountId)).toEqual([devices[3].accountId]);
  });

  it('understands the common monitor filters (and/or, =~, in, .ago(), Session constants)', async () => {
    const devices = sim.fleet.devices();
    const now = Math.floor(FIXED_TIME / 1000);
    const ids = async (filter: string) => (await rows({ Filter: filter, Columns: ['I1'] })).map((r) => r.AccountId);
    expect(await ids("AT == 1 AND I78 =~ '*D01*'")).toEqual(
      devices.filter((d) => d.accountType === 1 && d.dataSources.includes('D01')).map((d) => d.accountId),
    );
    expect(await ids('T0 == Session.Failed or T0 == 2')).toEqual(devices.filter((d) => d.total.coveStatus === 2).map((d) => d.accountId));
    expect(await ids('OT in (1, 2) && TL < 2.days().ago()')).toEqual(
      devices.filter((d) => (d.osType === 1 || d.osType === 2) && (d.total.lastSuccessAt ?? 0) < now - 2 * 86_400).map((d) => d.accountId),
    );
  });

  it('rejects filters it cannot evaluate instead of returning wrong data', async () => {
    for (const filter of ["ANY =~ 'Device*'", 'US + 1 > 0', 'PD != Product.Documents', 'AT = 1', 'AT ==']) {
      const response = await statistics(sim, visa, { Filter: filter, Columns: ['I1'] });
      expect(response.error?.code, filter).toBe(-32602);
    }
  });

  it('limits rows to the subtree of the query partner, minus ExcludedPartners', async () => {
    const customer = sim.fleet.partners().find((p) => p.level === 'EndCustomer' && sim.fleet.subtree(p.id).length > 1);
    expect(customer).toBeDefined();
    const inside = new Set(sim.fleet.subtree(customer?.id as number).map((p) => p.id));
    const expected = sim.fleet.devices().filter((d) => inside.has(d.partnerId));
    const got = await rows({ PartnerId: customer?.id, Columns: ['I1'] });
    expect(got.map((r) => r.AccountId)).toEqual(expected.map((d) => d.accountId));
    const site = sim.fleet.subtree(customer?.id as number).find((p) => p.level === 'Site');
    const withoutSite = await rows({ PartnerId: customer?.id, ExcludedPartners: [site?.id], Columns: ['I1'] });
    expect(withoutSite.map((r) => r.AccountId)).toEqual(expected.filter((d) => d.partnerId !== site?.id).map((d) => d.accountId));
  });

  it('returns totalStatistics as sorted single-key objects only when Totals are requested', async () => {
    const devices = sim.fleet.devices();
    const response = await statistics(sim, visa, {
      RecordsCount: 1,
      Columns: ['I1'],
      Totals: ['SUM(US)', 'COUNT(AT==2)', 'COUNT(1)'],
    });
    const totals = response.result?.totalStatistics;
    expect(totals).toEqual([
      { 'COUNT(1)': String(devices.length) },
      { 'COUNT(AT==2)': String(devices.filter((d) => d.accountType === 2).length) },
      { 'SUM(US)': String(devices.reduce((sum, d) => sum + d.usedStorage, 0)) },
    ]);
    expect(response.result?.result).toHaveLength(1);
    const unsupported = await statistics(sim, visa, { Columns: ['I1'], Totals: ['SUM((AT!=2)*T3)'] });
    expect(unsupported.error?.code).toBe(-32602);
  });

  it('validates the query', async () => {
    const call = (query: unknown) => rpc(sim.url, 'EnumerateAccountStatistics', { query }, { visa });
    expect((await call(undefined)).error?.code).toBe(-32602);
    expect((await call({ PartnerId: sim.fleet.root.id, StartRecordNumber: 0 })).error?.message).toMatch(/RecordsCount/);
    expect((await call({ PartnerId: sim.fleet.root.id, RecordsCount: -1 })).error?.code).toBe(-32602);
    expect((await call({ PartnerId: sim.fleet.root.id, RecordsCount: 5, OrderBy: 'NOPE ASC' })).error?.code).toBe(-32602);
  });
});

describe('EnumerateAccountHistoryStatistics', () => {
  const history = async (timeslice: number, query: Record<string, unknown>) => {
    const response = await rpc(
      sim.url,
      'EnumerateAccountHistoryStatistics',
      { query: { PartnerId: sim.fleet.root.id, StartRecordNumber: 0, RecordsCount: 10_000, ...query }, timeslice },
      { visa },
    );
    return response.result?.result as StatisticsRow[];
  };

  it('shows a removed device before its removal time only', async () => {
    const removed = sim.fleet.deviceInfos().find((d) => d.removedAt !== null && d.removedAt * 1000 <= FIXED_TIME);
    expect(removed).toBeDefined();
    const id = removed?.accountId as number;
    const removedAt = removed?.removedAt as number;
    expect((await rows({ Columns: ['I1'] })).some((r) => r.AccountId === id)).toBe(false);
    const before = await history(removedAt - 3600, { Filter: `AU == ${id}`, Columns: ['I1', 'D09F00'] });
    expect(before.map((r) => r.AccountId)).toEqual([id]);
    expect(settingsOf(before[0]).D09F00).toBe(String(sim.fleet.device(id, (removedAt - 3600) * 1000)?.total.coveStatus));
    expect(await history(removedAt + 1, { Filter: `AU == ${id}`, Columns: ['I1'] })).toEqual([]);
  });

  it('shows the name a renamed device had at the timeslice', async () => {
    const renamed = sim.fleet
      .deviceInfos()
      .find((d) => d.nameHistory.length > 1 && d.nameHistory[1].from * 1000 <= FIXED_TIME && d.removedAt === null);
    expect(renamed).toBeDefined();
    const [first, second] = renamed?.nameHistory ?? [];
    const filter = `AU == ${renamed?.accountId}`;
    expect(settingsOf((await history(second.from - 60, { Filter: filter, Columns: ['I1'] }))[0]).I1).toBe(first.name);
    expect(settingsOf((await rows({ Filter: filter, Columns: ['I1'] }))[0]).I1).toBe(second.name);
  });
});
