/**
 * One read of the whole fleet: who we are, the partner tree, then every device's statistics,
 * page by page. The client handles visas, re-login and transport retries underneath.
 */
import { z } from 'zod';
import type { CoveClient } from './cove-client';
import { COVE_ERROR, CoveError, protocolError } from './cove-errors';
import type { DeviceSnapshot, FleetSnapshot, Partner } from './cove-types';
import { partnerLevel } from './partner-tree';
import { LEGACY_DATA_SOURCES, readStatisticsRow, statisticsColumns } from './statistics-parser';

export const DEFAULT_PAGE_SIZE = 500;
// Field numbers for EnumeratePartners: 0 Name, 1 Level, 5 State.
const PARTNER_FIELDS = [0, 1, 5];
// A fleet of 5 million devices is beyond any MSP; a server that never returns a short page is broken.
const MAX_PAGES = 10_000;

export interface FetchFleetOptions {
  pageSize?: number;
  /** Milliseconds; injected by tests that drive a simulated clock. */
  now?: () => number;
}

const partnerSchema = z.object({
  Id: z.coerce.number().int(),
  ParentId: z.coerce.number().int().nullish(),
  Name: z.string().nullish(),
  Level: z.unknown().optional(),
});

function toPartner(raw: unknown): Partner | null {
  const parsed = partnerSchema.safeParse(raw);
  if (!parsed.success) return null;
  const p = parsed.data;
  return { id: p.Id, parentId: p.ParentId ?? null, name: p.Name?.trim() || `Partner ${p.Id}`, level: partnerLevel(p.Level) };
}

/** A list Cove must send. Missing or null is a broken answer, never "nothing there": reading it as empty would mark the whole fleet removed. */
function listOf(client: CoveClient, method: string, result: Record<string, unknown>): unknown[] {
  const list = result.result;
  if (!Array.isArray(list)) {
    const got = list === null ? 'null' : list === undefined ? 'no result' : typeof list;
    throw protocolError(client.endpoint, `${method} returned ${got} where a list was expected`, 1);
  }
  return list;
}

export async function fetchFleet(client: CoveClient, options: FetchFleetOptions = {}): Promise<FleetSnapshot> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const now = options.now ?? Date.now;
  const callsBefore = client.requestCount;

  const user = await client.currentUser();
  const rootResult = await client.call('GetPartnerInfoById', { partnerId: user.partnerId });
  const root = toPartner(rootResult.result) ?? { id: user.partnerId, parentId: null, name: `Partner ${user.partnerId}`, level: 'Undefined' as const };

  const partnersResult = await client.call('EnumeratePartners', {
    parentPartnerId: root.id,
    fetchRecursively: true,
    fields: PARTNER_FIELDS,
  });
  const partners = listOf(client, 'EnumeratePartners', partnersResult)
    .map(toPartner)
    .filter((p): p is Partner => p !== null && p.id !== root.id);

  const devices = new Map<number, DeviceSnapshot>();
  let unreadableRows = 0;
  let unreadableReason: string | null = null;
  let columns = statisticsColumns();
  let legacyColumnsDropped = false;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = {
      PartnerId: root.id,
      Filter: '',
      SelectionMode: 'Merged',
      StartRecordNumber: page * pageSize,
      RecordsCount: pageSize,
      // A stable order keeps paging consistent while devices come and go.
      OrderBy: 'I0 ASC',
      Columns: columns,
    };
    let result: Record<string, unknown>;
    try {
      result = await client.call('EnumerateAccountStatistics', { query });
    } catch (error) {
      // Some tenants refuse the legacy D02/D03 columns with 13501; ask once more without them.
      const refusedColumns = error instanceof CoveError && error.coveCode === COVE_ERROR.permission && page === 0;
      if (!refusedColumns || legacyColumnsDropped) throw error;
      columns = statisticsColumns({ withoutDataSources: LEGACY_DATA_SOURCES });
      legacyColumnsDropped = true;
      page--;
      continue;
    }
    const rows = listOf(client, 'EnumerateAccountStatistics', result);
    if (rows.length > pageSize) {
      throw protocolError(client.endpoint, `EnumerateAccountStatistics sent ${rows.length} rows for a page of ${pageSize}`, 1);
    }
    let repeated = 0;
    for (const row of rows) {
      const read = readStatisticsRow(row);
      if (read.ok) {
        if (devices.has(read.device.accountId)) repeated++;
        devices.set(read.device.accountId, read.device);
      } else {
        unreadableRows++;
        unreadableReason ??= read.reason;
      }
    }
    if (rows.length < pageSize) {
      const fetchedAt = Math.floor(now() / 1000);
      return { fetchedAt, root, partners, devices: [...devices.values()], unreadableRows, unreadableReason, calls: client.requestCount - callsBefore };
    }
    // A full page of devices already seen means the server is not moving through the list.
    if (repeated === rows.length) {
      throw protocolError(client.endpoint, `EnumerateAccountStatistics repeated the same devices at record ${page * pageSize}`, 1);
    }
  }
  throw protocolError(client.endpoint, `EnumerateAccountStatistics never ended (more than ${MAX_PAGES} full pages)`, 1);
}
