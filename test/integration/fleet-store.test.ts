import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../main/store/database';
import { LATEST_SCHEMA_VERSION } from '../../main/store/migrations';
import { FleetStore } from '../../main/store/fleet-store';
import { ACME, ACME_BRANCH, CAFE, ROOT, device, deviceWithSession, snapshot, state } from '../helpers/snapshots';
import { useTempDir } from '../helpers/temp-dir';

const DAY = 86_400;
const T0 = 1_780_012_800; // a UTC midnight
const tempDir = useTempDir();

function openStore(): FleetStore {
  return FleetStore.open(path.join(tempDir(), 'cache.db'));
}

describe('FleetStore', () => {
  it('creates a WAL database at the latest schema version', () => {
    const store = openStore();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    store.close();
  });

  it('groups devices under end customers, sites rolling up', () => {
    const store = openStore();
    store.applySnapshot(snapshot(T0, [device(1, ACME.id), device(2, ACME_BRANCH.id), device(3, CAFE.id), device(4, ROOT.id)]));
    const fleet = store.readFleet();
    const byName = Object.fromEntries(fleet.map((c) => [c.name, c.devices.map((d) => d.id).sort()]));
    expect(byName).toEqual({ [ACME.name]: [1, 2], [CAFE.name]: [3], [ROOT.name]: [4] });
    expect(fleet.find((c) => c.id === ACME.id)?.devices.find((d) => d.id === 2)?.partnerId).toBe(ACME_BRANCH.id);
    store.close();
  });

  it('records a run when the last-session time changes, and nothing when polling unchanged data', () => {
    const store = openStore();
    expect(store.applySnapshot(snapshot(T0, [deviceWithSession(1, ACME.id, T0 - 100, 5)])).newRuns).toBe(2); // D09 + D01
    const before = store.countRuns();
    for (let i = 1; i <= 3; i++) {
      const applied = store.applySnapshot(snapshot(T0 + i * 300, [deviceWithSession(1, ACME.id, T0 - 100, 5)]));
      expect(applied.newRuns).toBe(0);
    }
    expect(store.countRuns()).toBe(before);
    expect(store.applySnapshot(snapshot(T0 + DAY, [deviceWithSession(1, ACME.id, T0 + DAY - 50, 2)])).newRuns).toBe(2);
    expect(store.runs(1, { dataSource: 'D01' }).map((r) => [r.sessionAt, r.coveStatus])).toEqual([
      [T0 + DAY - 50, 2],
      [T0 - 100, 5],
    ]);
    store.close();
  });

  it('a running session that completes updates its run instead of adding one', () => {
    const store = openStore();
    store.applySnapshot(snapshot(T0, [deviceWithSession(1, ACME.id, T0 - 60, 1)]));
    const applied = store.applySnapshot(snapshot(T0 + 300, [deviceWithSession(1, ACME.id, T0 - 60, 5)]));
    expect(applied.newRuns).toBe(0);
    expect(store.runs(1, { dataSource: 'D09' }).map((r) => r.coveStatus)).toEqual([5]);
    store.close();
  });

  it('backfills one run per coloured day on first sight, skipping the day of the last session', () => {
    const store = openStore();
    const bar = '0000000000000000000000005285'; // oldest → newest; newest is today
    const facts = { coveStatus: 5, lastSessionAt: T0 + 3600, lastSuccessAt: T0 + 3600, colorBar: bar };
    const applied = store.applySnapshot(snapshot(T0 + 7200, [device(1, ACME.id, { total: state('D09', facts), dataSources: [] })]));
    expect(applied.newRuns).toBe(4); // three backfilled days + today's real session
    const runs = store.runs(1, { dataSource: 'D09' });
    expect(runs.map((r) => [r.sessionAt, r.coveStatus, r.origin])).toEqual([
      [T0 + 3600, 5, 'session'],
      [T0 - DAY, 8, 'colour-bar'],
      [T0 - 2 * DAY, 2, 'colour-bar'],
      [T0 - 3 * DAY, 5, 'colour-bar'],
    ]);
    // Seen again: the bar is not replayed.
    expect(store.applySnapshot(snapshot(T0 + 7500, [device(1, ACME.id, { total: state('D09', facts), dataSources: [] })])).newRuns).toBe(0);
    store.close();
  });

  it('a rename keeps the history; a vanished device is removed, not failed, and may come back', () => {
    const store = openStore();
    store.applySnapshot(snapshot(T0, [deviceWithSession(1, ACME.id, T0 - 100, 5, { name: 'SERVER_xpwah' }), deviceWithSession(2, ACME.id, T0 - 100, 5)]));
    const renamed = store.applySnapshot(snapshot(T0 + 300, [deviceWithSession(1, ACME.id, T0 - 100, 5, { name: 'SERVER' })]));
    expect(renamed).toMatchObject({ renamedDevices: 1, removedDevices: 1, newRuns: 0 });
    const fleet = store.readFleet();
    expect(fleet.flatMap((c) => c.devices.map((d) => [d.id, d.name]))).toEqual([[1, 'SERVER']]);
    expect(store.runs(1)).toHaveLength(2);
    expect(store.runs(2)).toHaveLength(2);
    expect(store.db.prepare('SELECT name FROM device_names WHERE device_id = 1 ORDER BY first_seen_at').pluck().all()).toEqual(['SERVER_xpwah', 'SERVER']);
    store.applySnapshot(snapshot(T0 + 600, [deviceWithSession(1, ACME.id, T0 - 100, 5, { name: 'SERVER' }), deviceWithSession(2, ACME.id, T0 - 100, 5)]));
    expect(store.readFleet()[0].devices).toHaveLength(2);
    store.close();
  });

  it('keeps a data source that leaves I78 with its history, but no longer lists it', () => {
    const store = openStore();
    const two = device(1, ACME.id, { activeDataSources: ['D01', 'D02'], dataSources: [state('D01', { coveStatus: 5, lastSessionAt: T0 }), state('D02', { coveStatus: 5, lastSessionAt: T0 })] });
    store.applySnapshot(snapshot(T0, [two]));
    const one = device(1, ACME.id, { activeDataSources: ['D01'], dataSources: [state('D01', { coveStatus: 5, lastSessionAt: T0 })] });
    store.applySnapshot(snapshot(T0 + 300, [one]));
    expect(store.readFleet()[0].devices[0].dataSources.map((d) => d.code)).toEqual(['D01']);
    expect(store.runs(1, { dataSource: 'D02' })).toHaveLength(1);
    store.close();
  });

  it('never stores secrets: no column can hold a token or password', () => {
    const store = openStore();
    const columns = store.db.prepare("SELECT c.name FROM pragma_table_list() t JOIN pragma_table_info(t.name) c WHERE t.schema = 'main'").pluck().all() as string[];
    expect(columns.filter((c) => /token|password|secret|visa/i.test(c))).toEqual([]);
    store.close();
  });

  it('a failed transaction leaves the previous state whole', () => {
    const store = openStore();
    store.applySnapshot(snapshot(T0, [deviceWithSession(1, ACME.id, T0 - 100, 5)]));
    const broken = deviceWithSession(2, ACME.id, T0, 5, { kind: 'toaster' as never });
    expect(() => store.applySnapshot(snapshot(T0 + 300, [deviceWithSession(1, ACME.id, T0 + 200, 2), broken]))).toThrow(StoreError);
    expect(store.runs(1)).toHaveLength(2);
    expect(store.readFleet()[0].devices.map((d) => d.id)).toEqual([1]);
    store.close();
  });

  it('a full disk is a clear error and loses nothing already cached', () => {
    const store = openStore();
    store.applySnapshot(snapshot(T0, [deviceWithSession(1, ACME.id, T0 - 100, 5)]));
    // Cap the file at its current size: the next growth fails exactly like a full disk.
    store.db.pragma(`max_page_count = ${store.db.pragma('page_count', { simple: true })}`);
    const many = Array.from({ length: 2000 }, (_, i) => deviceWithSession(10 + i, ACME.id, T0, 2, { name: `host-${'x'.repeat(200)}-${i}` }));
    expect(() => store.applySnapshot(snapshot(T0 + 300, [deviceWithSession(1, ACME.id, T0 + 200, 2), ...many]))).toThrow(/is full.*Free some disk space/);
    expect(store.runs(1).map((r) => r.coveStatus)).toEqual([5, 5]);
    expect(store.readFleet()[0].devices).toHaveLength(1);
    store.close();
  });

  it('starts over when pointed at another Cove account instead of mixing fleets', () => {
    const store = openStore();
    store.applySnapshot(snapshot(T0, [deviceWithSession(1, ACME.id, T0 - 100, 5)]));
    const other = { ...snapshot(T0 + 300, [deviceWithSession(9, 900, T0, 5)], [{ id: 900, parentId: 800, name: 'Other', level: 'EndCustomer' }]), root: { id: 800, parentId: null, name: 'Other MSP', level: 'Reseller' as const } };
    store.applySnapshot(other);
    expect(store.readFleet().map((c) => c.name)).toEqual(['Other']);
    expect(store.runs(1)).toHaveLength(0);
    store.close();
  });

  it('keeps a poll log', () => {
    const store = openStore();
    store.recordPoll({ source: 'demo', startedAt: T0, durationMs: 120, calls: 5, outcome: 'ok', devices: 3, newRuns: 6, removedDevices: 0, unreadableRows: 0 });
    store.recordPoll({ source: 'demo', startedAt: T0 + 300, durationMs: 30, calls: 1, outcome: 'unreachable', message: 'Cove could not be reached' });
    expect(store.lastPoll()).toMatchObject({ outcome: 'unreachable', startedAt: T0 + 300 });
    expect(store.lastPoll('ok')).toMatchObject({ outcome: 'ok', startedAt: T0, calls: 5, newRuns: 6 });
    store.close();
  });

  it('explains a file that is not a database, naming it and the fix', () => {
    const file = path.join(tempDir(), 'cache.db');
    fs.writeFileSync(file, 'this is not sqlite, just some text that is long enough to have a header'.repeat(20));
    expect(() => FleetStore.open(file)).toThrow(/is not a readable cache database.*Move the file aside/);
  });

  it('refuses a file from a newer version of the app', () => {
    const file = path.join(tempDir(), 'cache.db');
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => FleetStore.open(file)).toThrow(/newer version.*schema 999/);
  });

  it('explains a path it cannot open as a database', () => {
    const dir = tempDir();
    expect(() => FleetStore.open(dir)).toThrow(/cannot be opened for writing.*--db/);
  });
});

describe('opening the cache file', () => {
  it('explains a folder it cannot create, naming the file and the fix', () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    expect(() => FleetStore.open(path.join(blocker, 'cache.db'))).toThrow(/folder for the cache .*not-a-folder.* cannot be created \(a file stands where a folder is needed\).*--db/);
  });

  it('refuses an empty path instead of caching into a temporary file', () => {
    expect(() => FleetStore.open('')).toThrow(StoreError);
    expect(() => FleetStore.open('  ')).toThrow(/path is empty/);
  });
});
