/**
 * What we know about a Cove fleet after one poll, in our own words. Times are Unix seconds (UTC);
 * `null` means Cove did not say (never a 1970 date).
 */
import type { DeviceKind } from '../monitor/backup-status';

export type PartnerLevel =
  | 'Root' | 'SubRoot' | 'Distributor' | 'SubDistributor' | 'Reseller' | 'EndCustomer' | 'Site' | 'Undefined';

export interface Partner {
  id: number;
  parentId: number | null;
  name: string;
  level: PartnerLevel;
}

/** The last-session facts Cove reports for one data source, or for the Total (`D09`). */
export interface DataSourceState {
  code: string;
  coveStatus: number | null;
  errors: number | null;
  colorBar: string | null;
  lastSuccessAt: number | null;
  lastSessionAt: number | null;
  selectedSize: number | null;
  sentSize: number | null;
  durationSeconds: number | null;
}

export interface DeviceSnapshot {
  /** Cove account id: stable across renames, the key for everything. */
  accountId: number;
  /** The device's own partner (an EndCustomer or a Site). */
  partnerId: number;
  name: string;
  computerName: string | null;
  /** Partner name as Cove prints it on the device (I8), used when the partner is missing from the tree. */
  partnerName: string | null;
  osType: number | null;
  accountType: number | null;
  kind: DeviceKind;
  osVersion: string | null;
  clientVersion: string | null;
  usedStorage: number | null;
  activeDataSources: string[];
  total: DataSourceState;
  dataSources: DataSourceState[];
}

export interface FleetSnapshot {
  /** When the poll read the fleet (Unix seconds). */
  fetchedAt: number;
  root: Partner;
  partners: Partner[];
  devices: DeviceSnapshot[];
  /** Rows Cove sent that could not be read (no usable account or partner id); counted, never guessed. */
  unreadableRows: number;
  /** Why the first of them could not be read. */
  unreadableReason: string | null;
  /** HTTP requests the poll made. */
  calls: number;
}
