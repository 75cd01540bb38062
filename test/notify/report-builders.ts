/** Small hand-made FleetReports for the pure notification rules. */
import { dataSourceName } from '../../main/cove/column-codes';
import type { BackupStatus } from '../../main/monitor/backup-status';
import { emptyCounts } from '../../main/monitor/backup-status';
import type { CustomerReport, DeviceReport, FleetReport } from '../../main/monitor/fleet-report';
import { worstStatus } from '../../main/monitor/status-rules';

export interface DeviceSpec {
  id: number;
  name?: string;
  status: BackupStatus;
  /** code → status; D01 etc. */
  sources?: Record<string, BackupStatus>;
}

export interface CustomerSpec {
  id: number;
  name: string;
  devices: DeviceSpec[];
}

export function deviceReport(spec: DeviceSpec, partnerId: number): DeviceReport {
  return {
    id: spec.id,
    name: spec.name ?? `DEV-${spec.id}`,
    computer: null,
    kind: 'server',
    partnerId,
    status: spec.status,
    coveStatus: null,
    lastSessionAt: null,
    lastSuccessAt: null,
    errors: 0,
    dataSources: Object.entries(spec.sources ?? {}).map(([code, status]) => ({
      code,
      name: dataSourceName(code),
      status,
      coveStatus: null,
      lastSessionAt: null,
      lastSuccessAt: null,
      errors: 0,
    })),
  };
}

export function report(customers: CustomerSpec[]): FleetReport {
  return {
    source: 'cove',
    asOf: null,
    customers: customers.map((c): CustomerReport => {
      const devices = c.devices.map((d) => deviceReport(d, c.id));
      const counts = emptyCounts();
      for (const d of devices) counts[d.status]++;
      return { id: c.id, name: c.name, status: worstStatus(devices.map((d) => d.status)), counts, devices };
    }),
  };
}

/** One customer, devices given as id → status (each with a D01 of the same status). */
export function simpleReport(statuses: Record<number, BackupStatus>, customer = { id: 1, name: 'Acme Ltd (it@acme.example)' }): FleetReport {
  return report([{ ...customer, devices: Object.entries(statuses).map(([id, status]) => ({ id: Number(id), status, sources: { D01: status } })) }]);
}
