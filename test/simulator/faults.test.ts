/**
 * Fault injection over real HTTP: each mode, method scoping, determinism, and the visa-expiry fault.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock, startCoveSimulator, type CoveSimulator } from '../../main/simulator/cove-simulator';
import { FIXED_TIME, login, loginParams, rpc, statistics } from './rpc-helpers';

let sim: CoveSimulator;

beforeEach(async () => {
  sim = await startCoveSimulator({ devices: 40, seed: 3, clock: new SimClock(FIXED_TIME) });
});

afterEach(async () => {
  await sim.close();
});

function post(body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(sim.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal });
}

const loginBody = () => ({ jsonrpc: '2.0', id: 'jsonrpc', method: 'Login', params: loginParams(sim) });
const serverInfoBody = { jsonrpc: '2.0', id: 1, method: 'GetServerInfo', params: {} };

describe('faults', () => {
  it('latency delays responses until cleared', async () => {
    sim.faults.latency(300);
    const started = Date.now();
    expect((await post(serverInfoBody)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    sim.faults.clear();
    expect((await post(serverInfoBody)).status).toBe(200);
  });

  it('http5xx answers an HTML gateway error for the next N requests', async () => {
    sim.faults.http5xx({ count: 2, status: 503 });
    for (let i = 0; i < 2; i++) {
      const response = await post(serverInfoBody);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('text/html');
      expect(await response.text()).toContain('<title>503 Service Temporarily Unavailable</title>');
    }
    expect((await post(serverInfoBody)).status).toBe(200);
    sim.faults.http5xx({ count: 1 });
    expect((await post(serverInfoBody)).status).toBe(502);
  });

  it('http5xx with a rate fails a reproducible share of requests', async () => {
    const statuses = async (target: CoveSimulator) => {
      target.faults.http5xx({ rate: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await fetch(target.url, { method: 'POST', body: JSON.stringify(serverInfoBody) })).status);
      return out;
    };
    const first = await statuses(sim);
    expect(first.filter((s) => s === 502).length).toBeGreaterThan(2);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(2);
    const twin = await startCoveSimulator({ devices: 40, seed: 3, clock: new SimClock(FIXED_TIME) });
    try {
      expect(await statuses(twin)).toEqual(first);
    } finally {
      await twin.close();
    }
  });

  it('timeout accepts a request and never answers, without blocking close', async () => {
    sim.faults.timeout({ count: 1 });
    await expect(post(serverInfoBody, AbortSignal.timeout(300))).rejects.toThrow();
    expect((await post(serverInfoBody)).status).toBe(200);
    sim.faults.timeout({ count: 1 });
    const hanging = post(serverInfoBody).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sim.close();
    expect(await hanging).toBeInstanceOf(Error);
  });

  it('dropConnection cuts the socket in the middle of the response', async () => {
    sim.faults.dropConnection({ count: 1 });
    await expect(post(loginBody()).then((r) => r.text())).rejects.toThrow();
    expect((await post(loginBody())).status).toBe(200);
  });

  it('malformedJson answers HTTP 200 with truncated JSON', async () => {
    sim.faults.malformedJson({ count: 1 });
    const response = await post(loginBody());
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith('{"id":"jsonrpc"')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
    expect((await post(loginBody()).then((r) => r.json())) as object).toHaveProperty('visa');
  });

  it('latin1 encodes responses as ISO-8859-1 and says so', async () => {
    const visa = await login(sim);
    const cafe = sim.fleet.partners().find((p) => p.name === 'Café Müller GmbH');
    sim.faults.latin1({ count: 1 });
    const response = await post({ jsonrpc: '2.0', id: 2, visa, method: 'GetPartnerInfoById', params: { partnerId: cafe?.id } });
    expect(response.headers.get('content-type')).toBe('application/json; charset=ISO-8859-1');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.includes(Buffer.from([0xe9]))).toBe(true); // é as one Latin-1 byte
    expect(bytes.toString('utf8')).toContain('\ufffd');
    expect(JSON.parse(bytes.toString('latin1')).result.result.Name).toBe('Café Müller GmbH');
    const next = await post({ jsonrpc: '2.0', id: 3, visa, method: 'GetPartnerInfoById', params: { partnerId: cafe?.id } });
    expect(next.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('latin1 can stay on until cleared', async () => {
    sim.faults.latin1({ always: true });
    for (let i = 0; i < 3; i++) expect((await post(serverInfoBody)).headers.get('content-type')).toContain('ISO-8859-1');
    sim.faults.clear();
    expect((await post(serverInfoBody)).headers.get('content-type')).toContain('utf-8');
  });

  it('limits a fault to the JSON-RPC methods named', async () => {
    sim.faults.http5xx({ count: 1, method: 'EnumerateAccountStatistics' });
    const visa = await login(sim);
    expect((await rpc(sim.url, 'GetPartnerInfoById', { partnerId: sim.fleet.root.id }, { visa })).result).toBeDefined();
    const failed = await post({
      jsonrpc: '2.0',
      id: 1,
      visa,
      method: 'EnumerateAccountStatistics',
      params: { query: { PartnerId: sim.fleet.root.id, RecordsCount: 5, Columns: ['I1'] } },
    });
    expect(failed.status).toBe(502);
    expect((await statistics(sim, visa, { RecordsCount: 5, Columns: ['I1'] })).result?.result).toHaveLength(5);
  });

  it('expireVisasAfterPages kills every visa after N statistics pages in a chain', async () => {
    sim.faults.expireVisasAfterPages(2);
    let visa = await login(sim);
    const page = async (start: number) => statistics(sim, visa, { StartRecordNumber: start, RecordsCount: 5, Columns: ['I1'] });
    for (const start of [0, 5]) {
      const response = await page(start);
      expect(response.result?.result).toHaveLength(5);
      visa = response.visa as string;
    }
    expect((await page(10)).error?.data).toBe(1701);
    visa = await login(sim);
    expect((await page(10)).result?.result).toHaveLength(5);
    sim.faults.clear();
  });

  it('logs every JSON-RPC method received, with the sim time', async () => {
    await login(sim);
    sim.faults.http5xx({ count: 1 });
    await post(serverInfoBody);
    await post(serverInfoBody);
    expect(sim.requests).toEqual([
      { method: 'Login', at: FIXED_TIME },
      { method: 'GetServerInfo', at: FIXED_TIME },
      { method: 'GetServerInfo', at: FIXED_TIME },
    ]);
  });

  it('rejects nonsensical fault settings', () => {
    expect(() => sim.faults.http5xx({ count: 0 })).toThrow();
    expect(() => sim.faults.http5xx({ rate: 2 })).toThrow();
    expect(() => sim.faults.http5xx({ count: 1, status: 404 })).toThrow();
    expect(() => sim.faults.expireVisasAfterPages(0)).toThrow();
    expect(() => sim.faults.latency(-1)).toThrow();
  });
});
