/**
 * The per-customer status report: what the CLI prints (as `--json`, exactly this shape) and what
 * the window starts from. Built from the cache, judged with the status rules at `now`.
 */
import { dataSourceName } from '../cove/column-codes';
import type { DataSource, StoredCustomer, StoredDataSource, StoredDevice } from '../store/fleet-store';
import { type BackupStatus, type DeviceKind, type StaleThresholds, type StatusCounts, emptyCounts } from './backup-status';
import { compareSeverity, judge, worstStatus } from './status-rules';

export interface DataSourceReport {
  code: string;
  name: string;
  status: BackupStatus;
  coveStatus: number | null;
  lastSessionAt: string | null;
  lastSuccessAt: string | null;
  errors: number;
}

export interface DeviceReport {
  id: number;
  name: string;
  computer: string | null;
  kind: DeviceKind;
  partnerId: number;
  status: BackupStatus;
  coveStatus: number | null;
  lastSessionAt: string | null;
  lastSuccessAt: string | null;
  errors: number;
  dataSources: DataSourceReport[];
}

export interface CustomerReport {
  id: number;
  name: string;
  status: BackupStatus;
  counts: StatusCounts;
  devices: DeviceReport[];
}

export interface FleetReport {
  source: DataSource;
  /** When the data was read from Cove (the last successful poll), ISO 8601 UTC. */
  asOf: string | null;
  customers: CustomerReport[];
}

export interface ReportOptions {
  source: DataSource;
  /** Unix seconds of the last successful poll. */
  asOf: number | null;
  /** Unix seconds; staleness is judged against it. */
  now: number;
  thresholds: StaleThresholds;
}

export function isoTime(seconds: number | null): string | null {
  if (seconds === null) return null;
  const date = new Date(seconds * 1000);
  // A time JavaScript cannot represent is no time at all, not a crash.
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

// One collator for all comparisons: localeCompare with options builds a new one per call.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);

function dataSourceReport(state: StoredDataSource, kind: DeviceKind, options: ReportOptions): DataSourceReport {
  return {
    code: state.code,
    name: dataSourceName(state.code),
    status: judge(state, kind, options.now, options.thresholds),
    coveStatus: state.coveStatus,
    lastSessionAt: isoTime(state.lastSessionAt),
    lastSuccessAt: isoTime(state.lastSuccessAt),
    errors: state.errors ?? 0,
  };
}

function deviceReport(device: StoredDevice, options: ReportOptions): DeviceReport {
  // A device without a Total row has never reported a session.
  const total = device.total ?? { coveStatus: null, lastSuccessAt: null, lastSessionAt: null, errors: null };
  return {
    id: device.id,
    name: device.name,
    computer: device.computerName,
    kind: device.kind,
    partnerId: device.partnerId,
    status: judge(total, device.kind, options.now, options.thresholds),
    coveStatus: total.coveStatus,
    lastSessionAt: isoTime(total.lastSessionAt),
    lastSuccessAt: isoTime(total.lastSuccessAt),
    errors: total.errors ?? 0,
    dataSources: device.dataSources.map((ds) => dataSourceReport(ds, device.kind, options)),
  };
}

export function customerReport(customer: StoredCustomer, options: ReportOptions): CustomerReport {
  const devices = customer.devices.map((d) => deviceReport(d, options)).sort((a, b) => compareSeverity(a.status, b.status) || byName(a, b));
  const counts = emptyCounts();
  for (const device of devices) counts[device.status]++;
  return { id: customer.id, name: customer.name, status: worstStatus(devices.map((d) => d.status)), counts, devices };
}

export function buildFleetReport(customers: readonly StoredCustomer[], options: ReportOptions): FleetReport {
  return {
    source: options.source,
    asOf: isoTime(options.asOf),
    customers: customers.map((c) => customerReport(c, options)).sort((a, b) => compareSeverity(a.status, b.status) || byName(a, b)),
  };
}
