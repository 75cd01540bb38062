/**
 * A Cove that misbehaves in ways the simulator does not: answers built by hand on a tiny HTTP
 * server on 127.0.0.1. Each case must end in a clear CoveError (or sane data), never a crash, a
 * hang, invented data or a token sent where it should not go.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoveClient } from '../../main/cove/cove-client';
import { CoveError } from '../../main/cove/cove-errors';
import { fetchFleet } from '../../main/cove/fleet-fetcher';
import { runPollCycle } from '../../main/monitor/poll-cycle';
import { FleetStore } from '../../main/store/fleet-store';
import { useTempDir } from '../helpers/temp-dir';

type Rpc = { method: string; params: Record<string, unknown>; id: unknown };
type Handler = (rpc: Rpc, res: http.ServerResponse) => void;

const tempDir = useTempDir();
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); })));
});

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void): Promise<string> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/jsonapi`;
}

function answer(res: http.ServerResponse, id: unknown, result: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id, jsonrpc: '2.0', result, visa: 'v-1' }));
}

const ROW = (id: number, settings: Record<string, string>[] = []) => ({ AccountId: id, PartnerId: 20, Flags: null, Settings: [{ I1: `DEV-${id}` }, ...settings] });

/** A fake Cove: Login, partner info and tree are sane; statistics come from `stats`. */
async function fakeCove(stats: Handler, overrides: Partial<Record<string, Handler>> = {}): Promise<string> {
  return serve((_req, res, body) => {
    const rpc = JSON.parse(body) as Rpc;
    const custom = overrides[rpc.method];
    if (custom) return custom(rpc, res);
    switch (rpc.method) {
      case 'Login':
        return answer(res, rpc.id, { result: { PartnerId: 10, Id: 1, Name: 'u' } });
      case 'GetPartnerInfoById':
        return answer(res, rpc.id, { result: { Id: 10, ParentId: 1, Name: 'MSP', Level: 'Reseller' } });
      case 'EnumeratePartners':
        return answer(res, rpc.id, { result: [{ Id: 20, ParentId: 10, Name: 'Acme', Level: 'EndCustomer' }] });
      default:
        return stats(rpc, res);
    }
  });
}

function client(endpoint: string, options: Partial<ConstructorParameters<typeof CoveClient>[0]> = {}): CoveClient {
  return new CoveClient({ endpoint, credentials: { partner: 'P', username: 'u', token: 'secret-token' }, maxRetries: 0, timeoutMs: 1000, ...options });
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

const recordsCount = (rpc: Rpc) => (rpc.params.query as { RecordsCount: number }).RecordsCount;

describe('a hostile Cove', () => {
  it('reads timestamps beyond any plausible date as "never" instead of crashing', async () => {
    const url = await fakeCove((rpc, res) => answer(res, rpc.id, { result: [ROW(1, [{ D09F00: '5' }, { D09F15: '99999999999999999' }, { D09F09: '1e300' }])] }));
    const fleet = await fetchFleet(client(url));
    expect(fleet.devices[0].total).toMatchObject({ coveStatus: 5, lastSessionAt: null, lastSuccessAt: null });
  });

  it('never follows a redirect, so the token is not re-posted elsewhere', async () => {
    const stolen: string[] = [];
    const thief = await serve((_req, res, body) => {
      stolen.push(body);
      res.end('{}');
    });
    const url = await serve((_req, res) => res.writeHead(307, { Location: thief }).end());
    const error = await caught(client(url).login());
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/307 redirect .* not followed/);
    expect(stolen).toEqual([]);
  });

  it('gives up on a server that trickles bytes forever', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
    });
    const error = await caught(client(url, { timeoutMs: 600 }).login());
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/timed out/);
  });

  it('refuses endless paging (a full page of the same devices) instead of looping', async () => {
    const url = await fakeCove((rpc, res) => answer(res, rpc.id, { result: Array.from({ length: recordsCount(rpc) }, (_, i) => ROW(i + 1)) }));
    const error = await caught(fetchFleet(client(url), { pageSize: 3 }));
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/repeated the same devices/);
  });

  it('refuses a page with more rows than asked for', async () => {
    const url = await fakeCove((rpc, res) => answer(res, rpc.id, { result: Array.from({ length: recordsCount(rpc) + 2 }, (_, i) => ROW(i + 1)) }));
    expect((await caught(fetchFleet(client(url), { pageSize: 3 }))).message).toMatch(/5 rows for a page of 3/);
  });

  it('a null statistics list is a broken answer, not an empty fleet: the cache keeps its devices', async () => {
    let broken = false;
    const url = await fakeCove((rpc, res) => answer(res, rpc.id, { result: broken ? null : [ROW(1, [{ D09F00: '5' }])] }));
    const store = FleetStore.open(path.join(tempDir(), 'cache.db'));
    expect((await runPollCycle({ client: client(url), store, source: 'cove' })).ok).toBe(true);
    broken = true;
    const failed = await runPollCycle({ client: client(url), store, source: 'cove' });
    expect(!failed.ok && failed.kind).toBe('protocol');
    expect(store.readFleet().flatMap((c) => c.devices.map((d) => d.id))).toEqual([1]);
    store.close();
  });

  it.each([null, true, 0, -4, '12abc'])('a Login whose PartnerId is %j is refused', async (partnerId) => {
    const url = await fakeCove(() => undefined, { Login: (rpc, res) => answer(res, rpc.id, { result: { PartnerId: partnerId } }) });
    expect((await caught(client(url).login())).kind).toBe('protocol');
  });

  it('a refusal whose number is only in `code` (data null) is still a credentials error', async () => {
    const url = await fakeCove(() => undefined, {
      Login: (rpc, res) => res.writeHead(200).end(JSON.stringify({ id: rpc.id, jsonrpc: '2.0', error: { code: 2100, data: null, message: 'Invalid user' } })),
    });
    expect((await caught(client(url).login())).kind).toBe('credentials');
  });

  it('keeps a long multi-line Cove message to one short line', async () => {
    const url = await fakeCove((rpc, res) =>
      res.writeHead(200).end(JSON.stringify({ id: rpc.id, jsonrpc: '2.0', error: { code: -32603, data: 9999, message: `line1\nline2\n${'x'.repeat(5000)}` } })),
    );
    const error = await caught(fetchFleet(client(url)));
    expect(error.message).not.toMatch(/\n/);
    expect(error.message.length).toBeLessThan(600);
  });

  it('skips rows without usable ids, says why, and never merges ids beyond 2^53', async () => {
    const url = await fakeCove((rpc, res) =>
      answer(res, rpc.id, {
        result: [ROW(1), { AccountId: '9007199254740993', PartnerId: 20, Settings: [] }, { AccountId: 2, PartnerId: 'abc', Settings: [] }, { AccountId: -5, PartnerId: 20, Settings: [] }],
      }),
    );
    const fleet = await fetchFleet(client(url));
    expect(fleet.devices.map((d) => d.accountId)).toEqual([1]);
    expect(fleet.unreadableRows).toBe(3);
    expect(fleet.unreadableReason).toMatch(/usable AccountId/);
  });
});
