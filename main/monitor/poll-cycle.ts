/**
 * One poll: read the fleet from Cove, apply it to the cache, write the poll log. The same
 * function runs in the CLI and, on a timer, in the tray app.
 */
import type { CoveClient } from '../cove/cove-client';
import { CoveError } from '../cove/cove-errors';
import { DEFAULT_PAGE_SIZE, fetchFleet } from '../cove/fleet-fetcher';
import { StoreError } from '../store/database';
import type { ApplyResult, DataSource, FleetStore, PollRecord } from '../store/fleet-store';

export type PollFailureKind = PollRecord['outcome'];

export type PollResult =
  | { ok: true; at: number; durationMs: number; calls: number; applied: ApplyResult; unreadableRows: number; unreadableReason: string | null }
  | { ok: false; at: number; durationMs: number; calls: number; kind: Exclude<PollFailureKind, 'ok'>; error: CoveError | StoreError };

export interface PollCycleOptions {
  client: CoveClient;
  store: FleetStore;
  source: DataSource;
  pageSize?: number;
  /** Milliseconds. */
  now?: () => number;
}

export async function runPollCycle(options: PollCycleOptions): Promise<PollResult> {
  const now = options.now ?? Date.now;
  const startedMs = now();
  const at = Math.floor(startedMs / 1000);
  const callsBefore = options.client.requestCount;
  const elapsed = () => Math.max(0, now() - startedMs);
  const calls = () => options.client.requestCount - callsBefore;

  try {
    const snapshot = await fetchFleet(options.client, { pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE, now });
    const applied = options.store.applySnapshot(snapshot);
    const result = { ok: true as const, at, durationMs: elapsed(), calls: calls(), applied, unreadableRows: snapshot.unreadableRows, unreadableReason: snapshot.unreadableReason };
    options.store.recordPoll({
      source: options.source,
      startedAt: at,
      durationMs: result.durationMs,
      calls: result.calls,
      outcome: 'ok',
      message: snapshot.unreadableRows > 0 ? unreadableMessage(snapshot.unreadableRows, snapshot.unreadableReason) : null,
      devices: applied.devices,
      newRuns: applied.newRuns,
      removedDevices: applied.removedDevices,
      unreadableRows: snapshot.unreadableRows,
    });
    return result;
  } catch (error) {
    if (!(error instanceof CoveError) && !(error instanceof StoreError)) throw error;
    const kind: Exclude<PollFailureKind, 'ok'> = error instanceof CoveError ? error.kind : 'storage';
    const result = { ok: false as const, at, durationMs: elapsed(), calls: calls(), kind, error };
    try {
      options.store.recordPoll({ source: options.source, startedAt: at, durationMs: result.durationMs, calls: result.calls, outcome: kind, message: error.message });
    } catch {
      // The log lives in the same file; if that file is what failed, the caller still gets the cause.
    }
    return result;
  }
}

/** "2 rows Cove sent could not be read and were skipped (e.g. device 7 has no usable PartnerId)." */
export function unreadableMessage(count: number, reason: string | null): string {
  return `${count} row${count === 1 ? '' : 's'} Cove sent could not be read and ${count === 1 ? 'was' : 'were'} skipped${reason ? ` (e.g. ${reason})` : ''}.`;
}
