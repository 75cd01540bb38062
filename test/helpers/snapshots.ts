import type { DataSourceState, DeviceSnapshot, FleetSnapshot, Partner } from '../../main/cove/cove-types';

export const ROOT: Partner = { id: 100, parentId: null, name: 'Northwind MSP (ops@northwind.example)', level: 'Reseller' };
export const ACME: Partner = { id: 200, parentId: 100, name: 'Acme Ltd (it@acme.example)', level: 'EndCustomer' };
export const ACME_BRANCH: Partner = { id: 201, parentId: 200, name: 'Acme Branch', level: 'Site' };
export const CAFE: Partner = { id: 300, parentId: 100, name: 'Café Müller GmbH', level: 'EndCustomer' };

export function state(code: string, facts: Partial<DataSourceState> = {}): DataSourceState {
  return {
    code,
    coveStatus: null,
    errors: null,
    colorBar: null,
    lastSuccessAt: null,
    lastSessionAt: null,
    selectedSize: null,
    sentSize: null,
    durationSeconds: null,
    ...facts,
  };
}

export function device(accountId: number, partnerId: number, facts: Partial<DeviceSnapshot> = {}): DeviceSnapshot {
  return {
    accountId,
    partnerId,
    name: `device-${accountId}`,
    computerName: `PC-${accountId}`,
    partnerName: null,
    osType: 2,
    accountType: 1,
    kind: 'server',
    osVersion: null,
    clientVersion: null,
    usedStorage: null,
    activeDataSources: ['D01'],
    total: state('D09'),
    dataSources: [state('D01')],
    ...facts,
  };
}

export function snapshot(fetchedAt: number, devices: DeviceSnapshot[], partners: Partner[] = [ACME, ACME_BRANCH, CAFE]): FleetSnapshot {
  return { fetchedAt, root: ROOT, partners, devices, unreadableRows: 0, unreadableReason: null, calls: 4 };
}

/** A device whose Total and D01 both ended a session at `at` with `coveStatus`. */
export function deviceWithSession(accountId: number, partnerId: number, at: number, coveStatus: number, extra: Partial<DeviceSnapshot> = {}): DeviceSnapshot {
  const facts = { coveStatus, lastSessionAt: at, lastSuccessAt: coveStatus === 5 ? at : null, errors: coveStatus === 5 ? 0 : 3 };
  return device(accountId, partnerId, { total: state('D09', facts), dataSources: [state('D01', facts)], ...extra });
}
