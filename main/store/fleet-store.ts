/**
 * The fleet cache: applies each poll's snapshot in one transaction, records runs, keeps the poll
 * log, and reads the fleet back for the report. Rows are keyed on Cove's ids (account id for
 * devices), so renames keep their history and unchanged polls write nothing.
 */
import type { DeviceKind } from '../monitor/backup-status';
import { TOTAL } from '../cove/column-codes';
import type { DataSourceState, DeviceSnapshot, FleetSnapshot } from '../cove/cove-types';
import { PartnerTree } from '../cove/partner-tree';
import { type Db, openDatabase, storeError } from './database';

const DAY_SECONDS = 86_400;

export type DataSource = 'cove' | 'demo';

export interface ApplyResult {
  devices: number;
  newRuns: number;
  newDevices: number;
  removedDevices: number;
  renamedDevices: number;
}

export interface PollRecord {
  source: DataSource;
  startedAt: number;
  durationMs: number;
  calls: number;
  outcome: 'ok' | 'credentials' | 'permission' | 'unreachable' | 'protocol' | 'rpc' | 'storage' | 'configuration';
  message?: string | null;
  devices?: number | null;
  newRuns?: number | null;
  removedDevices?: number | null;
  unreadableRows?: number | null;
}

export interface StoredDataSource extends DataSourceState {
  active: boolean;
}

export interface StoredDevice {
  id: number;
  customerId: number;
  partnerId: number;
  name: string;
  computerName: string | null;
  kind: DeviceKind;
  firstSeenAt: number;
  total: StoredDataSource | null;
  dataSources: StoredDataSource[];
}

export interface StoredCustomer {
  id: number;
  name: string;
  devices: StoredDevice[];
}

export interface StoredRun {
  id: number;
  deviceId: number;
  dataSource: string;
  sessionAt: number;
  coveStatus: number | null;
  errors: number | null;
  selectedSize: number | null;
  sentSize: number | null;
  durationSeconds: number | null;
  origin: 'session' | 'colour-bar';
}

interface DataSourceRow {
  device_id: number;
  code: string;
  active: number;
  cove_status: number | null;
  errors: number | null;
  color_bar: string | null;
  last_success_at: number | null;
  last_session_at: number | null;
  selected_size: number | null;
  sent_size: number | null;
  duration_seconds: number | null;
}

export class FleetStore {
  private constructor(
    readonly db: Db,
    readonly file: string,
  ) {}

  static open(file: string): FleetStore {
    return new FleetStore(openDatabase(file), file);
  }

  close(): void {
    this.db.close();
  }

  /** Runs `work` and turns SQLite errors into StoreErrors naming this file. */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw storeError(error, this.file);
    }
  }

  /** Applies one successful poll. All or nothing: a crash or a full disk leaves the previous state. */
  applySnapshot(snapshot: FleetSnapshot): ApplyResult {
    // IMMEDIATE takes the write lock up front, so a second poller (the CLI beside the app) waits
    // for busy_timeout instead of failing at once when its read turns into a write.
    return this.guard(() => this.db.transaction(() => this.applyInTransaction(snapshot)).immediate());
  }

  private applyInTransaction(snapshot: FleetSnapshot): ApplyResult {
    const db = this.db;
    const now = snapshot.fetchedAt;
    this.adoptAccount(snapshot.root.id);

    const tree = new PartnerTree(snapshot.root, snapshot.partners);
    db.prepare('DELETE FROM partners').run();
    const insertPartner = db.prepare('INSERT INTO partners (id, parent_id, name, level) VALUES (?, ?, ?, ?)');
    for (const p of [snapshot.root, ...snapshot.partners]) insertPartner.run(p.id, p.parentId, p.name, p.level);

    const upsertCustomer = db.prepare(`
      INSERT INTO customers (id, name, first_seen_at) VALUES (?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name WHERE name IS NOT excluded.name`);
    const existingDevices = new Map((db.prepare('SELECT * FROM devices').all() as DeviceRow[]).map((d) => [d.id, d]));
    const upsertDevice = db.prepare(`
      INSERT INTO devices (id, customer_id, partner_id, name, computer_name, kind, os_type, account_type,
                           os_version, client_version, used_storage, first_seen_at, removed_at)
      VALUES (@id, @customerId, @partnerId, @name, @computerName, @kind, @osType, @accountType,
              @osVersion, @clientVersion, @usedStorage, @now, NULL)
      ON CONFLICT(id) DO UPDATE SET
        customer_id = excluded.customer_id, partner_id = excluded.partner_id, name = excluded.name,
        computer_name = excluded.computer_name, kind = excluded.kind, os_type = excluded.os_type,
        account_type = excluded.account_type, os_version = excluded.os_version,
        client_version = excluded.client_version, used_storage = excluded.used_storage, removed_at = NULL
      WHERE customer_id IS NOT excluded.customer_id OR partner_id IS NOT excluded.partner_id
         OR name IS NOT excluded.name OR computer_name IS NOT excluded.computer_name OR kind IS NOT excluded.kind
         OR os_type IS NOT excluded.os_type OR account_type IS NOT excluded.account_type
         OR os_version IS NOT excluded.os_version OR client_version IS NOT excluded.client_version
         OR used_storage IS NOT excluded.used_storage OR removed_at IS NOT NULL`);
    const rememberName = db.prepare('INSERT OR IGNORE INTO device_names (device_id, name, first_seen_at) VALUES (?, ?, ?)');
    const previousStates = this.dataSourceRowsByKey();
    const stateWriter = new DataSourceWriter(db, now);

    const result: ApplyResult = { devices: snapshot.devices.length, newRuns: 0, newDevices: 0, removedDevices: 0, renamedDevices: 0 };
    for (const device of snapshot.devices) {
      const customer = tree.customerOf(device.partnerId) ?? {
        // A partner created after the tree was read: group the device under its own partner.
        id: device.partnerId,
        name: device.partnerName ?? `Partner ${device.partnerId}`,
      };
      upsertCustomer.run(customer.id, customer.name, now);
      const before = existingDevices.get(device.accountId);
      if (!before) result.newDevices++;
      else if (before.name !== device.name) result.renamedDevices++;
      const params = deviceParams(device, customer.id, now);
      // Most polls change nothing: compare in memory and skip the write.
      if (!before || !sameDevice(before, params)) {
        upsertDevice.run(params);
        rememberName.run(device.accountId, device.name, now);
      }
      for (const state of [device.total, ...device.dataSources]) {
        const previous = previousStates.get(`${device.accountId}:${state.code}`);
        result.newRuns += stateWriter.write(device.accountId, state, state.code === TOTAL || device.activeDataSources.includes(state.code), previous);
      }
      // Sources no longer listed in I78 stay with their history, marked inactive.
      stateWriter.deactivateOthers(device.accountId, [TOTAL, ...device.dataSources.map((d) => d.code)]);
    }

    const seen = new Set(snapshot.devices.map((d) => d.accountId));
    const markRemoved = db.prepare('UPDATE devices SET removed_at = ? WHERE id = ?');
    for (const [id, device] of existingDevices) {
      if (!seen.has(id) && device.removed_at === null) {
        markRemoved.run(now, id);
        result.removedDevices++;
      }
    }
    return result;
  }

  /** A cache belongs to one Cove account; pointed at another, it starts over rather than mixing fleets. */
  private adoptAccount(rootPartnerId: number): void {
    const stored = this.db.prepare("SELECT value FROM meta WHERE key = 'root_partner_id'").pluck().get() as string | undefined;
    if (stored === String(rootPartnerId)) return;
    if (stored !== undefined) {
      this.db.exec('DELETE FROM runs; DELETE FROM data_sources; DELETE FROM device_names; DELETE FROM devices; DELETE FROM customers; DELETE FROM partners;');
    }
    this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('root_partner_id', ?)").run(String(rootPartnerId));
  }

  private dataSourceRowsByKey(): Map<string, DataSourceRow> {
    const rows = this.db.prepare('SELECT * FROM data_sources').all() as DataSourceRow[];
    return new Map(rows.map((r) => [`${r.device_id}:${r.code}`, r]));
  }

  recordPoll(poll: PollRecord): void {
    this.guard(() =>
      this.db
        .prepare(`INSERT INTO polls (source, started_at, duration_ms, calls, outcome, message, devices, new_runs, removed_devices, unreadable_rows)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(poll.source, poll.startedAt, Math.round(poll.durationMs), poll.calls, poll.outcome, poll.message ?? null,
          poll.devices ?? null, poll.newRuns ?? null, poll.removedDevices ?? null, poll.unreadableRows ?? null),
    );
  }

  lastPoll(outcome?: 'ok'): (PollRecord & { id: number }) | null {
    const sql = `SELECT * FROM polls ${outcome ? "WHERE outcome = 'ok'" : ''} ORDER BY id DESC LIMIT 1`;
    const row = this.guard(() => this.db.prepare(sql).get()) as Record<string, unknown> | undefined;
    if (!row) return null;
    return {
      id: row.id as number,
      source: row.source as DataSource,
      startedAt: row.started_at as number,
      durationMs: row.duration_ms as number,
      calls: row.calls as number,
      outcome: row.outcome as PollRecord['outcome'],
      message: row.message as string | null,
      devices: row.devices as number | null,
      newRuns: row.new_runs as number | null,
      removedDevices: row.removed_devices as number | null,
      unreadableRows: row.unreadable_rows as number | null,
    };
  }

  /** Customers with their current (not removed) devices and data sources. */
  readFleet(): StoredCustomer[] {
    return this.guard(() => {
      const customers = new Map<number, StoredCustomer>();
      for (const row of this.db.prepare('SELECT id, name FROM customers').all() as { id: number; name: string }[]) {
        customers.set(row.id, { id: row.id, name: row.name, devices: [] });
      }
      const devices = new Map<number, StoredDevice>();
      const deviceRows = this.db
        .prepare('SELECT id, customer_id, partner_id, name, computer_name, kind, first_seen_at FROM devices WHERE removed_at IS NULL')
        .all() as { id: number; customer_id: number; partner_id: number; name: string; computer_name: string | null; kind: DeviceKind; first_seen_at: number }[];
      for (const row of deviceRows) {
        const device: StoredDevice = {
          id: row.id,
          customerId: row.customer_id,
          partnerId: row.partner_id,
          name: row.name,
          computerName: row.computer_name,
          kind: row.kind,
          firstSeenAt: row.first_seen_at,
          total: null,
          dataSources: [],
        };
        devices.set(row.id, device);
        customers.get(row.customer_id)?.devices.push(device);
      }
      for (const row of this.db.prepare('SELECT * FROM data_sources ORDER BY device_id, code').all() as DataSourceRow[]) {
        const device = devices.get(row.device_id);
        if (!device) continue;
        const state = fromRow(row);
        if (row.code === TOTAL) device.total = state;
        else if (state.active) device.dataSources.push(state);
      }
      return [...customers.values()].filter((c) => c.devices.length > 0);
    });
  }

  /** Partner id → name, for showing a device's site. */
  partnerNames(): Map<number, string> {
    return this.guard(() => {
      const rows = this.db.prepare('SELECT id, name FROM partners').all() as { id: number; name: string }[];
      return new Map(rows.map((r) => [r.id, r.name]));
    });
  }

  /** Newest first. */
  runs(deviceId: number, options: { dataSource?: string; limit?: number } = {}): StoredRun[] {
    return this.guard(() => {
      const rows = this.db
        .prepare(`SELECT * FROM runs WHERE device_id = ? ${options.dataSource ? 'AND data_source = ?' : ''}
                  ORDER BY session_at DESC, data_source LIMIT ?`)
        .all(...[deviceId, ...(options.dataSource ? [options.dataSource] : []), options.limit ?? 200]) as Record<string, unknown>[];
      return rows.map((r) => ({
        id: r.id as number,
        deviceId: r.device_id as number,
        dataSource: r.data_source as string,
        sessionAt: r.session_at as number,
        coveStatus: r.cove_status as number | null,
        errors: r.errors as number | null,
        selectedSize: r.selected_size as number | null,
        sentSize: r.sent_size as number | null,
        durationSeconds: r.duration_seconds as number | null,
        origin: r.origin as StoredRun['origin'],
      }));
    });
  }

  countRuns(): number {
    return this.guard(() => this.db.prepare('SELECT COUNT(*) FROM runs').pluck().get() as number);
  }
}

interface DeviceRow {
  id: number;
  customer_id: number;
  partner_id: number;
  name: string;
  computer_name: string | null;
  kind: string;
  os_type: number | null;
  account_type: number | null;
  os_version: string | null;
  client_version: string | null;
  used_storage: number | null;
  removed_at: number | null;
}

function sameDevice(row: DeviceRow, p: ReturnType<typeof deviceParams>): boolean {
  return (
    row.removed_at === null && row.customer_id === p.customerId && row.partner_id === p.partnerId && row.name === p.name &&
    row.computer_name === p.computerName && row.kind === p.kind && row.os_type === p.osType && row.account_type === p.accountType &&
    row.os_version === p.osVersion && row.client_version === p.clientVersion && row.used_storage === p.usedStorage
  );
}

function sameState(row: DataSourceRow, state: DataSourceState, active: boolean): boolean {
  return (
    row.active === (active ? 1 : 0) && row.cove_status === state.coveStatus && row.errors === state.errors &&
    row.color_bar === state.colorBar && row.last_success_at === state.lastSuccessAt && row.last_session_at === state.lastSessionAt &&
    row.selected_size === state.selectedSize && row.sent_size === state.sentSize && row.duration_seconds === state.durationSeconds
  );
}

function deviceParams(device: DeviceSnapshot, customerId: number, now: number) {
  return {
    id: device.accountId,
    customerId,
    partnerId: device.partnerId,
    name: device.name,
    computerName: device.computerName,
    kind: device.kind,
    osType: device.osType,
    accountType: device.accountType,
    osVersion: device.osVersion,
    clientVersion: device.clientVersion,
    usedStorage: device.usedStorage,
    now,
  };
}

function fromRow(row: DataSourceRow): StoredDataSource {
  return {
    code: row.code,
    active: row.active === 1,
    coveStatus: row.cove_status,
    errors: row.errors,
    colorBar: row.color_bar,
    lastSuccessAt: row.last_success_at,
    lastSessionAt: row.last_session_at,
    selectedSize: row.selected_size,
    sentSize: row.sent_size,
    durationSeconds: row.duration_seconds,
  };
}

/** Writes data-source state and the runs it implies, reusing prepared statements across a snapshot. */
class DataSourceWriter {
  private readonly upsertState;
  private readonly upsertRun;
  private readonly insertBackfill;
  private readonly deactivate;

  constructor(
    db: Db,
    private readonly now: number,
  ) {
    this.upsertState = db.prepare(`
      INSERT INTO data_sources (device_id, code, active, cove_status, errors, color_bar, last_success_at, last_session_at,
                                selected_size, sent_size, duration_seconds, changed_at)
      VALUES (@deviceId, @code, @active, @coveStatus, @errors, @colorBar, @lastSuccessAt, @lastSessionAt,
              @selectedSize, @sentSize, @durationSeconds, @now)
      ON CONFLICT(device_id, code) DO UPDATE SET
        active = excluded.active, cove_status = excluded.cove_status, errors = excluded.errors,
        color_bar = excluded.color_bar, last_success_at = excluded.last_success_at,
        last_session_at = excluded.last_session_at, selected_size = excluded.selected_size,
        sent_size = excluded.sent_size, duration_seconds = excluded.duration_seconds, changed_at = excluded.changed_at
      WHERE active IS NOT excluded.active OR cove_status IS NOT excluded.cove_status OR errors IS NOT excluded.errors
         OR color_bar IS NOT excluded.color_bar OR last_success_at IS NOT excluded.last_success_at
         OR last_session_at IS NOT excluded.last_session_at OR selected_size IS NOT excluded.selected_size
         OR sent_size IS NOT excluded.sent_size OR duration_seconds IS NOT excluded.duration_seconds`);
    // The same session seen again (e.g. running, then completed) updates its run instead of adding one.
    this.upsertRun = db.prepare(`
      INSERT INTO runs (device_id, data_source, session_at, cove_status, errors, selected_size, sent_size, duration_seconds, origin, recorded_at)
      VALUES (@deviceId, @code, @lastSessionAt, @coveStatus, @errors, @selectedSize, @sentSize, @durationSeconds, 'session', @now)
      ON CONFLICT(device_id, data_source, session_at) DO UPDATE SET
        cove_status = excluded.cove_status, errors = excluded.errors, selected_size = excluded.selected_size,
        sent_size = excluded.sent_size, duration_seconds = excluded.duration_seconds, origin = 'session'
      WHERE cove_status IS NOT excluded.cove_status OR errors IS NOT excluded.errors
         OR selected_size IS NOT excluded.selected_size OR sent_size IS NOT excluded.sent_size
         OR duration_seconds IS NOT excluded.duration_seconds OR origin IS NOT 'session'`);
    this.insertBackfill = db.prepare(`
      INSERT OR IGNORE INTO runs (device_id, data_source, session_at, cove_status, origin, recorded_at)
      VALUES (?, ?, ?, ?, 'colour-bar', ?)`);
    this.deactivate = db.prepare(`UPDATE data_sources SET active = 0, changed_at = ? WHERE device_id = ? AND active = 1 AND code NOT IN (SELECT value FROM json_each(?))`);
  }

  /** Returns how many runs were added. */
  write(deviceId: number, state: DataSourceState, active: boolean, previous: DataSourceRow | undefined): number {
    // Unchanged facts mean an unchanged run too: nothing to write.
    if (previous && sameState(previous, state, active)) return 0;
    const params = { ...state, deviceId, active: active ? 1 : 0, now: this.now };
    this.upsertState.run(params);
    let added = 0;
    if (!previous) added += this.backfillFromColorBar(deviceId, state);
    if (state.lastSessionAt !== null) {
      const isNewSession = previous?.last_session_at !== state.lastSessionAt;
      const changes = this.upsertRun.run(params).changes;
      if (isNewSession && changes > 0) added++;
    }
    return added;
  }

  deactivateOthers(deviceId: number, activeCodes: string[]): void {
    this.deactivate.run(this.now, deviceId, JSON.stringify(activeCodes));
  }

  /**
   * First sight of a data source: one run per day the 28-day colour bar shows (oldest → newest,
   * the newest digit is today in UTC, `0` = no backup that day), except the day of the last
   * session, which is recorded with its exact time.
   */
  private backfillFromColorBar(deviceId: number, state: DataSourceState): number {
    if (!state.colorBar) return 0;
    const today = Math.floor(this.now / DAY_SECONDS) * DAY_SECONDS;
    const lastSessionDay = state.lastSessionAt === null ? null : Math.floor(state.lastSessionAt / DAY_SECONDS) * DAY_SECONDS;
    let added = 0;
    const bar = state.colorBar;
    for (let i = 0; i < bar.length; i++) {
      const status = Number(bar[i]);
      if (status === 0) continue;
      const day = today - (bar.length - 1 - i) * DAY_SECONDS;
      if (day === lastSessionDay) continue;
      added += this.insertBackfill.run(deviceId, state.code, day, status, this.now).changes;
    }
    return added;
  }
}
