/**
 * Transport, envelope, login, visa and scope behaviour of the Cove simulator (cove-api.md §2, §3, §4.1–4.3, §9).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_CREDENTIALS,
  INVALID_PARAMS_DATA,
  LOCKOUT_MS,
  MAX_FAILED_LOGINS,
  SimClock,
  startCoveSimulator,
  type CoveSimulator,
} from '../../main/simulator/cove-simulator';
import { FIXED_TIME, login, loginParams, rpc } from './rpc-helpers';

const MINUTE = 60_000;

let sim: CoveSimulator;

beforeEach(async () => {
  sim = await startCoveSimulator({ devices: 60, seed: 5, clock: new SimClock(FIXED_TIME) });
});

afterEach(async () => {
  await sim.close();
});

describe('transport', () => {
  it('serves POST /jsonapi on loopback only', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/jsonapi$/);
    await expect(startCoveSimulator({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
    await expect(startCoveSimulator({ host: '192.168.1.10' })).rejects.toThrow(/loopback/);
  });

  it('answers 404 for other paths and 405 for other verbs', async () => {
    const other = await fetch(sim.url.replace('/jsonapi', '/api'), { method: 'POST', body: '{}' });
    expect(other.status).toBe(404);
    const get = await fetch(sim.url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('answers JSON-RPC errors with HTTP 200', async () => {
    const garbage = await fetch(sim.url, { method: 'POST', body: 'not json' });
    expect(garbage.status).toBe(200);
    expect(garbage.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await garbage.json()).toEqual({ id: null, jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' } });

    const batch = await fetch(sim.url, { method: 'POST', body: '[{"jsonrpc":"2.0","method":"Login"}]' });
    expect(batch.status).toBe(200);
    expect(((await batch.json()) as { error: { code: number } }).error.code).toBe(-32600);
  });
});

describe('envelope', () => {
  it('echoes the id and wraps the return value as result.result with a top-level visa', async () => {
    const response = await rpc(sim.url, 'Login', loginParams(sim), { id: 'jsonrpc' });
    expect(Object.keys(response)).toEqual(['id', 'jsonrpc', 'result', 'visa']);
    expect(response.id).toBe('jsonrpc');
    expect(response.jsonrpc).toBe('2.0');
    expect(response.result?.result.PartnerId).toBe(sim.fleet.root.id);

    const numeric = await rpc(sim.url, 'GetServerInfo', {}, { id: 7 });
    expect(numeric.id).toBe(7);
    expect(numeric.result).toEqual({ result: { Version: '25.1' } });
  });

  it('puts OUT parameters next to the return value', async () => {
    const visa = await login(sim);
    const stats = await rpc(
      sim.url,
      'EnumerateAccountStatistics',
      { query: { PartnerId: sim.fleet.root.id, StartRecordNumber: 0, RecordsCount: 1, Columns: ['I1'] } },
      { visa },
    );
    expect(Object.keys(stats.result ?? {})).toEqual(['result', 'totalStatistics']);
    expect(stats.result?.totalStatistics).toBeNull();

    const device = sim.fleet.devices()[0];
    const account = await rpc(sim.url, 'GetAccountInfoById', { accountId: device.accountId }, { visa });
    expect(account.result?.result.Id).toBe(device.accountId);
    expect(account.result?.homeNodeInfo.CommonInfo.Host).toEqual(expect.any(String));
  });

  it('formats errors like Cove: code -32603, Cove number in data', async () => {
    const response = await rpc(sim.url, 'Login', { ...loginParams(sim), password: 'wrong' }, { id: 'x1' });
    expect(response).toEqual({
      id: 'x1',
      jsonrpc: '2.0',
      error: { code: -32603, data: 2100, message: 'Unknown partner/username or bad password' },
    });
  });
});

describe('Login', () => {
  it('returns the API user for the exact partner, username and token', async () => {
    const response = await rpc(sim.url, 'Login', loginParams(sim));
    const user = response.result?.result;
    expect(user).toMatchObject({
      PartnerId: sim.fleet.root.id,
      Name: DEMO_CREDENTIALS.username,
      Flags: ['SecurityOfficer', 'NonInteractive'],
      RoleId: expect.any(Number),
      Id: expect.any(Number),
    });
    expect(sim.fleet.root.name).toBe(DEMO_CREDENTIALS.partner);
  });

  it.each([
    ['a wrong token', { password: 'not-the-token' }],
    ['a wrong username', { username: 'someone-else' }],
    ['the bare company name without (email)', { partner: 'Northwind MSP' }],
    ['the partner in another case', { partner: DEMO_CREDENTIALS.partner.toUpperCase() }],
    ['an empty partner', { partner: '' }],
    ['no partner at all', { partner: undefined }],
  ])('refuses %s with 2100', async (_label, change) => {
    const response = await rpc(sim.url, 'Login', { ...loginParams(sim), ...change });
    expect(response.error?.data).toBe(2100);
    expect(response.visa).toBeUndefined();
  });

  it('locks the username out after repeated failures, for 15 sim minutes', async () => {
    expect(MAX_FAILED_LOGINS).toBe(5);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      expect((await rpc(sim.url, 'Login', { ...loginParams(sim), password: `guess-${i}` })).error?.data).toBe(2100);
    }
    expect((await rpc(sim.url, 'Login', loginParams(sim))).error?.data).toBe(2100);
    sim.clock.advance(LOCKOUT_MS - MINUTE);
    expect((await rpc(sim.url, 'Login', loginParams(sim))).error?.data).toBe(2100);
    sim.clock.advance(MINUTE + 1);
    expect((await rpc(sim.url, 'Login', loginParams(sim))).visa).toEqual(expect.any(String));
  });

  it('forgets earlier failures after a successful login', async () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) await rpc(sim.url, 'Login', { ...loginParams(sim), password: 'x' });
      expect((await rpc(sim.url, 'Login', loginParams(sim))).visa).toEqual(expect.any(String));
    }
  });
});

describe('visa', () => {
  const whoAmI = (visa: string) => rpc(sim.url, 'GetPartnerInfoById', { partnerId: sim.fleet.root.id }, { visa });

  it('has the shape <partnerId>-<userId>-1-<unixIssueTime>-<hex> and is fresh on every success', async () => {
    const first = await login(sim);
    const [partnerId, userId, one, issued, signature] = first.split('-');
    expect(Number(partnerId)).toBe(sim.fleet.root.id);
    expect(Number(userId)).toBeGreaterThan(0);
    expect(one).toBe('1');
    expect(Number(issued)).toBe(Math.floor(FIXED_TIME / 1000));
    expect(signature).toMatch(/^[0-9A-F]{40}$/);

    const second = (await whoAmI(first)).visa;
    const third = (await whoAmI(second as string)).visa;
    expect(new Set([first, second, third]).size).toBe(3);
  });

  it('keeps older visas of a live chain usable and slides the 15-minute window on use', async () => {
    const first = await login(sim);
    const second = (await whoAmI(first)).visa as string;
    sim.clock.advance(14 * MINUTE);
    expect((await whoAmI(first)).result).toBeDefined();
    sim.clock.advance(14 * MINUTE);
    expect((await whoAmI(second)).result).toBeDefined();
    sim.clock.advance(15 * MINUTE);
    expect((await whoAmI(first)).result).toBeDefined();
  });

  it('expires a chain idle for more than 15 minutes; a new login starts a new chain', async () => {
    const visa = await login(sim);
    sim.clock.advance(15 * MINUTE + 1000);
    const expired = await whoAmI(visa);
    expect(expired.error).toEqual({ code: -32603, data: 1701, message: 'Visa is inconsistent/corrupted.' });
    expect((await whoAmI(await login(sim))).result).toBeDefined();
  });

  it('answers 1701 for a missing, unknown or token-as-visa visa, and for a visa inside params', async () => {
    const visa = await login(sim);
    const params = { partnerId: sim.fleet.root.id };
    expect((await rpc(sim.url, 'GetPartnerInfoById', params)).error?.data).toBe(1701);
    expect((await rpc(sim.url, 'GetPartnerInfoById', params, { visa: 'garbage' })).error?.data).toBe(1701);
    expect((await rpc(sim.url, 'GetPartnerInfoById', params, { visa: sim.credentials.token })).error?.data).toBe(1701);
    expect((await rpc(sim.url, 'GetPartnerInfoById', { ...params, visa })).error?.data).toBe(1701);
  });
});

describe('scope and methods', () => {
  it('answers 13501 for partners outside the subtree and for forbidden methods', async () => {
    const visa = await login(sim);
    const [distributor, sibling] = sim.fleet.outsidePartners();
    expect(distributor.id).toBe(sim.fleet.root.parentId);
    for (const partnerId of [distributor.id, sibling.id, 999_999_999]) {
      expect((await rpc(sim.url, 'GetPartnerInfoById', { partnerId }, { visa })).error?.data).toBe(13501);
      const stats = await rpc(
        sim.url,
        'EnumerateAccountStatistics',
        { query: { PartnerId: partnerId, StartRecordNumber: 0, RecordsCount: 10, Columns: ['I1'] } },
        { visa },
      );
      expect(stats.error).toEqual({ code: -32603, data: 13501, message: 'Operation failed because of security reasons' });
    }
    expect((await rpc(sim.url, 'GetAutoLoginUrl', { partnerId: sim.fleet.root.id }, { visa })).error?.data).toBe(13501);
    expect((await rpc(sim.url, 'RemoveAccount', { accountId: 1 }, { visa })).error?.data).toBe(13501);
    expect((await rpc(sim.url, 'GetPartnerInfo', { name: sibling.name }, { visa })).error?.data).toBe(13501);
  });

  it('answers -32601 for unknown methods and -32602 (data 7) for bad params', async () => {
    const visa = await login(sim);
    expect((await rpc(sim.url, 'NoSuchMethod', {}, { visa })).error).toEqual({ code: -32601, message: 'Method not found' });
    const bad = await rpc(sim.url, 'GetPartnerInfoById', { partnerId: 'root' }, { visa });
    expect(bad.error?.code).toBe(-32602);
    expect(bad.error?.data).toBe(INVALID_PARAMS_DATA);
    expect(bad.error?.message).toMatch(/partnerId/);
  });

  it('resolves a partner by its exact name only', async () => {
    const visa = await login(sim);
    const acme = sim.fleet.partners().find((p) => p.name === 'Acme Ltd (it@acme.example)');
    expect(acme).toBeDefined();
    const exact = await rpc(sim.url, 'GetPartnerInfo', { name: acme?.name }, { visa });
    expect(exact.result?.result).toMatchObject({ Id: acme?.id, Level: 'EndCustomer', ParentId: sim.fleet.root.id });
    expect(exact.result?.result.Company.LegalCompanyName).toBe('Acme Ltd');
    expect((await rpc(sim.url, 'GetPartnerInfo', { name: 'Acme Ltd' }, { visa })).error?.data).toBe(13501);
  });

  it('lists ancestors nearest first, up to the API user partner', async () => {
    const visa = await login(sim);
    const site = sim.fleet.partners().find((p) => p.level === 'Site');
    expect(site).toBeDefined();
    const response = await rpc(sim.url, 'EnumerateAncestorPartners', { partnerId: site?.id }, { visa });
    expect(response.result?.result.map((p: { Id: number }) => p.Id)).toEqual([site?.parentId, sim.fleet.root.id]);
  });

  it('returns device records with Password and Token, per partner', async () => {
    const visa = await login(sim);
    const device = sim.fleet.devices().find((d) => d.kind === 'server') ?? sim.fleet.devices()[0];
    const response = await rpc(sim.url, 'EnumerateAccounts', { partnerId: device.partnerId }, { visa });
    const accounts = response.result?.result as { Id: number; PartnerId: number; Password: string; Token: string }[];
    expect(accounts.every((a) => a.PartnerId === device.partnerId)).toBe(true);
    const account = accounts.find((a) => a.Id === device.accountId);
    expect(account?.Password).toEqual(expect.any(String));
    expect(account?.Token).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('EnumeratePartners', () => {
  type Row = Record<string, unknown> & { Id: number; ParentId: number; Name: string | null; Level: string | null };
  const enumerate = async (params: Record<string, unknown>): Promise<Row[]> => {
    const response = await rpc(sim.url, 'EnumeratePartners', params, { visa: await login(sim) });
    return response.result?.result as Row[];
  };

  it('leaves Name and Level null unless fields 0 and 1 are requested', async () => {
    const rows = await enumerate({ parentPartnerId: sim.fleet.root.id, fetchRecursively: true });
    expect(rows.length).toBe(sim.fleet.partners().length - 1);
    expect(rows[0]).toEqual({
      Company: { PostAddress: null },
      ExternalPartnerProperties: null,
      Id: rows[0].Id,
      Level: null,
      Name: null,
      ParentId: sim.fleet.root.id,
    });
    const named = await enumerate({ parentPartnerId: sim.fleet.root.id, fetchRecursively: true, fields: [0, 1, 5] });
    expect(named.every((r) => typeof r.Name === 'string' && typeof r.Level === 'string' && r.State === 'InProduction')).toBe(true);
  });

  it('excludes the parent, and lists one level unless fetchRecursively', async () => {
    const rootId = sim.fleet.root.id;
    const all = await enumerate({ parentPartnerId: rootId, fetchRecursively: true, fields: [0, 1] });
    expect(all.some((r) => r.Id === rootId)).toBe(false);
    expect(new Set(all.map((r) => r.Level))).toEqual(new Set(['EndCustomer', 'Site']));
    for (const site of all.filter((r) => r.Level === 'Site')) {
      expect(all.find((r) => r.Id === site.ParentId)?.Level).toBe('EndCustomer');
    }
    const direct = await enumerate({ parentPartnerId: rootId, fetchRecursively: false, fields: [0, 1] });
    expect(direct.every((r) => r.ParentId === rootId && r.Level === 'EndCustomer')).toBe(true);
    expect(direct.length).toBe(all.filter((r) => r.Level === 'EndCustomer').length);
  });

  it('has customer names with accents, ampersands, apostrophes and (email) suffixes', async () => {
    const names = (await enumerate({ parentPartnerId: sim.fleet.root.id, fetchRecursively: true, fields: [0] })).map(
      (r) => r.Name as string,
    );
    expect(names).toContain('Café Müller GmbH');
    expect(names).toContain('Smith & Sons');
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => /\(.+@.+\)$/.test(n))).toBe(true);
  });

  it('refuses a call without parentPartnerId, like Cove, with 13501', async () => {
    const response = await rpc(sim.url, 'EnumeratePartners', {}, { visa: await login(sim) });
    expect(response.error?.data).toBe(13501);
  });
});
