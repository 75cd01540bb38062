/**
 * Turns the cache and the report into what the window shows: customer summaries with a 28-day
 * history, device and data-source views in Cove's own terms, run history, search hits.
 */
import type {
  CustomerDetail,
  CustomerSummary,
  DataSourceView,
  DeviceView,
  OverallState,
  RunView,
  SearchHit,
} from '../../preload/contract';
import { dataSourceName, sessionStatusName } from '../cove/column-codes';
import type { BackupStatus, StatusCounts } from '../monitor/backup-status';
import type { CustomerReport, DeviceReport, FleetReport } from '../monitor/fleet-report';
import { isoTime } from '../monitor/fleet-report';
import { severityRank, statusFromCoveCode } from '../monitor/status-rules';
import type { StoredCustomer, StoredDevice, StoredRun } from '../store/fleet-store';

export const HISTORY_DAYS = 28;

/** A colour bar as 28 numbers, oldest first, padded with 0 (no backup) where Cove sent fewer. */
export function historyOf(colorBar: string | null): number[] {
  const digits = (colorBar ?? '').slice(-HISTORY_DAYS).split('').map(Number);
  return [...Array<number>(HISTORY_DAYS - digits.length).fill(0), ...digits];
}

/** Per day, the worst Cove status among several histories (0 = no backup on that day). */
export function worstHistory(histories: number[][]): number[] {
  const result = Array<number>(HISTORY_DAYS).fill(0);
  for (const history of histories) {
    history.forEach((code, day) => {
      if (code === 0) return;
      const current = result[day];
      if (current === 0 || severityRank(statusFromCoveCode(code)) < severityRank(statusFromCoveCode(current))) result[day] = code;
    });
  }
  return result;
}

function oldest(times: (string | null)[]): string | null {
  const present = times.filter((t): t is string => t !== null).sort();
  return present[0] ?? null;
}

export class FleetViews {
  private readonly storedById: Map<number, StoredCustomer>;
  private readonly reportById: Map<number, CustomerReport>;
  private readonly summaries: CustomerSummary[];

  constructor(
    stored: StoredCustomer[],
    readonly report: FleetReport,
    private readonly partnerNames: Map<number, string>,
  ) {
    this.storedById = new Map(stored.map((c) => [c.id, c]));
    this.reportById = new Map(report.customers.map((c) => [c.id, c]));
    this.summaries = report.customers.map((c) => this.summarise(c));
  }

  customers(): CustomerSummary[] {
    return this.summaries;
  }

  counts(): StatusCounts {
    const total: StatusCounts = { ok: 0, warning: 0, failed: 0, stale: 0, running: 0, never: 0, unknown: 0 };
    for (const c of this.report.customers) for (const key of Object.keys(total) as BackupStatus[]) total[key] += c.counts[key];
    return total;
  }

  overall(): OverallState {
    const counts = this.counts();
    if (this.report.customers.length === 0) return 'empty';
    if (counts.failed > 0) return 'failed';
    if (counts.stale > 0) return 'stale';
    if (counts.warning > 0 || counts.unknown > 0) return 'warning';
    return 'ok';
  }

  customer(id: number): CustomerDetail | null {
    const report = this.reportById.get(id);
    const stored = this.storedById.get(id);
    if (!report || !stored) return null;
    const storedDevices = new Map(stored.devices.map((d) => [d.id, d]));
    return {
      ...this.summarise(report),
      devices: report.devices.map((d) => this.deviceView(d, storedDevices.get(d.id))),
    };
  }

  search(query: string, limit = 50): SearchHit[] {
    const needle = fold(query);
    if (!needle) return [];
    const hits: SearchHit[] = [];
    for (const customer of this.report.customers) {
      if (fold(customer.name).includes(needle)) {
        hits.push({ kind: 'customer', customerId: customer.id, customerName: customer.name, deviceId: null, deviceName: null, status: customer.status });
      }
      for (const device of customer.devices) {
        if (fold(device.name).includes(needle) || (device.computer !== null && fold(device.computer).includes(needle))) {
          hits.push({ kind: 'device', customerId: customer.id, customerName: customer.name, deviceId: device.id, deviceName: device.name, status: device.status });
        }
      }
      if (hits.length >= limit) break;
    }
    return hits.slice(0, limit);
  }

  private summarise(customer: CustomerReport): CustomerSummary {
    const stored = this.storedById.get(customer.id);
    return {
      id: customer.id,
      name: customer.name,
      status: customer.status,
      counts: customer.counts,
      deviceCount: customer.devices.length,
      oldestLastSuccessAt: oldest(customer.devices.map((d) => d.lastSuccessAt)),
      history: worstHistory((stored?.devices ?? []).map((d) => historyOf(d.total?.colorBar ?? null))),
    };
  }

  private deviceView(device: DeviceReport, stored: StoredDevice | undefined): DeviceView {
    const storedSources = new Map((stored?.dataSources ?? []).map((s) => [s.code, s]));
    const dataSources: DataSourceView[] = device.dataSources.map((ds) => ({
      ...ds,
      coveStatusName: sessionStatusName(ds.coveStatus),
      history: historyOf(storedSources.get(ds.code)?.colorBar ?? null),
    }));
    return {
      ...device,
      partnerName: this.partnerNames.get(device.partnerId) ?? null,
      coveStatusName: sessionStatusName(device.coveStatus),
      history: historyOf(stored?.total?.colorBar ?? null),
      dataSources,
    };
  }
}

export function runView(run: StoredRun): RunView {
  return {
    id: run.id,
    dataSource: run.dataSource,
    dataSourceName: dataSourceName(run.dataSource),
    sessionAt: isoTime(run.sessionAt) as string,
    precision: run.origin === 'colour-bar' ? 'day' : 'exact',
    coveStatus: run.coveStatus,
    coveStatusName: sessionStatusName(run.coveStatus),
    status: statusFromCoveCode(run.coveStatus),
    errors: run.errors,
    selectedSize: run.selectedSize,
    sentSize: run.sentSize,
    durationSeconds: run.durationSeconds,
  };
}

/** Case- and accent-insensitive: "cafe" finds "Café Müller". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().trim();
}
