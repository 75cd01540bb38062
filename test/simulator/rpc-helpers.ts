/** Small JSON-RPC helpers for the simulator tests: real HTTP with Node's fetch, no mocks. */
import type { CoveSimulator } from '../../main/simulator/cove-simulator';

/** Wednesday 11 June 2025, 09:30 UTC: a fixed instant so fleets are reproducible. */
export const FIXED_TIME = Date.UTC(2025, 5, 11, 9, 30);

export interface RpcError {
  code: number;
  data?: number;
  message: string;
}

export interface RpcResponse {
  id: unknown;
  jsonrpc: string;
  // Loosely typed on purpose: the tests check responses field by field.
  result?: { result: any; [out: string]: any };
  error?: RpcError;
  visa?: string;
}

export async function rpc(
  url: string,
  method: string,
  params?: unknown,
  options: { visa?: string; id?: unknown } = {},
): Promise<RpcResponse> {
  const body: Record<string, unknown> = { jsonrpc: '2.0', id: options.id ?? 'jsonrpc', method };
  if (params !== undefined) body.params = params;
  if (options.visa !== undefined) body.visa = options.visa;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as RpcResponse;
}

export function loginParams(sim: CoveSimulator): { partner: string; username: string; password: string } {
  return { partner: sim.credentials.partner, username: sim.credentials.username, password: sim.credentials.token };
}

/** Logs in and returns the visa. */
export async function login(sim: CoveSimulator): Promise<string> {
  const response = await rpc(sim.url, 'Login', loginParams(sim));
  if (!response.visa) throw new Error(`login failed: ${JSON.stringify(response.error)}`);
  return response.visa;
}

export interface StatisticsRow {
  AccountId: number;
  PartnerId: number;
  Flags: string[] | null;
  Settings: Record<string, string>[] | null;
}

/** Settings array → plain object. */
export function settingsOf(row: StatisticsRow): Record<string, string> {
  return Object.assign({}, ...(row.Settings ?? []));
}

/** One EnumerateAccountStatistics call over the whole fleet. */
export async function statistics(
  sim: CoveSimulator,
  visa: string,
  query: Record<string, unknown>,
): Promise<RpcResponse> {
  return rpc(sim.url, 'EnumerateAccountStatistics', {
    query: { PartnerId: sim.fleet.root.id, StartRecordNumber: 0, RecordsCount: 100_000, ...query },
  }, { visa });
}
