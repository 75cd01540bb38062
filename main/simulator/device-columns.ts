/**
 * One device as EnumerateAccountStatistics sees it at one instant: column code → string value, or
 * `null` when Cove would omit the column. The session state is computed only if a column needs it,
 * which keeps filtering and paging 20,000 devices by static columns cheap.
 */
import { PROPERTY, TOTAL, dataSourceCode, type ParsedColumn } from '../cove/column-codes';
import { toUnixSeconds, type DeviceSpec } from './fleet-model';
import { deviceStateAt, type DeviceState, type SimDataSourceState } from './session-model';

export interface PartnerDirectory {
  /** I8: the partner the device sits under. */
  partnerName(partnerId: number): string;
  /** I63: the EndCustomer (or the MSP itself) owning that partner. */
  companyName(partnerId: number): string;
}

type NumericField = Exclude<keyof SimDataSourceState, 'dataSource' | 'running'>;

/** F number → ground-truth field. Fields not listed (F10, F11, F13, F14, F19, ...) are never reported. */
const STATISTIC_FIELDS: Readonly<Record<number, NumericField>> = {
  0: 'coveStatus',
  1: 'selectedItems',
  2: 'processedItems',
  3: 'selectedBytes',
  4: 'processedBytes',
  5: 'sentBytes',
  6: 'errors',
  7: 'protectedBytes',
  8: 'colorBar',
  9: 'lastSuccessAt',
  12: 'durationSeconds',
  15: 'lastSessionAt',
  16: 'lastSuccessStatus',
  17: 'lastCompletedStatus',
  18: 'lastCompletedAt',
  20: 'mailboxes',
  21: 'sharedMailboxes',
};

/** I-codes beyond column-codes.ts' PROPERTY that the simulator reports. */
const EXTRA_PROPERTY = {
  timeStamp: 6,
  productId: 9,
  productName: 10,
  manufacturer: 44,
  model: 45,
  profileId: 54,
  profileName: 56,
  companyName: 63,
  physicality: 81,
} as const;

export function nameAt(spec: DeviceSpec, atMs: number): string {
  let name = spec.names[0].name;
  for (const entry of spec.names) if (entry.fromMs <= atMs) name = entry.name;
  return name;
}

export class DeviceRow {
  private cachedState: DeviceState | null = null;

  constructor(
    readonly spec: DeviceSpec,
    private readonly seed: number,
    readonly atMs: number,
    private readonly directory: PartnerDirectory,
  ) {}

  get state(): DeviceState {
    this.cachedState ??= deviceStateAt(this.spec, this.seed, this.atMs);
    return this.cachedState;
  }

  value(column: ParsedColumn): string | null {
    return column.kind === 'property' ? this.property(column.number) : this.statistic(column.dataSource, column.field);
  }

  private property(n: number): string | null {
    const spec = this.spec;
    switch (n) {
      case PROPERTY.deviceId:
        return String(spec.accountId);
      case PROPERTY.name:
        return nameAt(spec, this.atMs);
      case PROPERTY.creationTime:
        return String(toUnixSeconds(spec.createdMs));
      case EXTRA_PROPERTY.timeStamp:
        return String(this.state.lastActivityAt);
      case PROPERTY.customerName:
        return this.directory.partnerName(spec.partnerId);
      case EXTRA_PROPERTY.productId:
        return String(spec.product.id);
      case EXTRA_PROPERTY.productName:
        return spec.product.name;
      case PROPERTY.usedStorage:
        return String(this.state.usedStorage);
      case PROPERTY.osVersion:
        return spec.hardware?.os ?? null;
      case PROPERTY.clientVersion:
        return spec.clientVersion;
      case PROPERTY.computerName:
        return spec.computerName;
      case PROPERTY.osType:
        return String(spec.osType);
      case EXTRA_PROPERTY.manufacturer:
        return spec.hardware?.manufacturer ?? null;
      case EXTRA_PROPERTY.model:
        return spec.hardware?.model ?? null;
      case EXTRA_PROPERTY.profileId:
        return spec.profile ? String(spec.profile.id) : null;
      case EXTRA_PROPERTY.profileName:
        return spec.profile?.name ?? null;
      case PROPERTY.accountType:
        return String(spec.accountType);
      case EXTRA_PROPERTY.companyName:
        return this.directory.companyName(spec.partnerId);
      case PROPERTY.activeDataSources:
        return spec.dataSources.length > 0 ? spec.dataSources.join('') : null;
      case EXTRA_PROPERTY.physicality:
        return spec.hardware?.physicality ?? null;
      default:
        return null;
    }
  }

  private statistic(dataSource: number, field: number): string | null {
    const key = STATISTIC_FIELDS[field];
    if (!key) return null;
    const code = dataSourceCode(dataSource);
    // A data source the device does not have (not in I78) has no values at all.
    const index = code === TOTAL ? -1 : this.spec.dataSources.indexOf(code);
    if (code !== TOTAL && index < 0) return null;
    const state = index < 0 ? this.state.total : this.state.sources[index];
    const value = state[key];
    return value === null ? null : String(value);
  }
}
