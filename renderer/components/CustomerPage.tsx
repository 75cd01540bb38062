import { memo, useLayoutEffect, useMemo } from 'react';
import type { DeviceView } from '../../preload/contract';
import { KIND_LABELS } from '../format/status-labels';
import { formatAge, formatFull, plural } from '../format/time-format';
import { useInvoke } from '../hooks/useInvoke';
import { useListKeys } from '../hooks/useListKeys';
import { mark, markAfterPaint } from '../timing';
import { CountsSummary } from './CountsSummary';
import { CustomerSnooze } from './CustomerSnooze';
import { HistoryBar } from './HistoryBar';
import { Icon } from './Icon';
import { PageHeading } from './PageHeading';
// Confirm and upload (issue 5)
import { CustomerConfirmToday } from './RunConfirm';
import { StatusPill } from './StatusPill';
import { VirtualList } from './VirtualList';

export interface CustomerPageProps {
  customerId: number;
  dataVersion: string;
  now: number;
  selectedDeviceId: number | null;
  onSelect(deviceId: number): void;
  onOpen(deviceId: number): void;
  onBack(): void;
  /** Notifications (issue 4): snooze this customer; the version re-reads the snoozes. */
  muteVersion?: string;
}

export const KIND_ICON = { server: 'server', workstation: 'workstation', m365: 'm365', unknown: 'device' } as const;

/** One customer's devices, worst first, each with its Cove status and 28-day bar. */
export function CustomerPage({ customerId, dataVersion, now, selectedDeviceId, onSelect, onOpen, onBack, muteVersion }: CustomerPageProps) {
  const result = useInvoke(`${customerId}\u0000${dataVersion}`, (api) => api.invoke('app:get-customer', { customerId }));
  // An answer for the customer we came from must not show under this one's name.
  const customer = result.data && result.data.id === customerId ? result.data : null;
  const devices = customer?.devices ?? [];
  const selectedIndex = useMemo(() => {
    const index = devices.findIndex((d) => d.id === selectedDeviceId);
    return index >= 0 ? index : devices.length > 0 ? 0 : -1;
  }, [devices, selectedDeviceId]);

  useListKeys({
    count: devices.length,
    selectedIndex,
    onSelect: (index) => onSelect(devices[index].id),
    onOpen: (index) => onOpen(devices[index].id),
  });

  useLayoutEffect(() => {
    if (!customer) return;
    mark('cove:customer-rendered', customerId);
    markAfterPaint('cove:customer-painted', customerId);
  }, [customer, customerId]);

  if (!customer) {
    return (
      <section className="page" aria-busy={result.loading}>
        <PageHeading crumbs={[{ label: 'Customers', onClick: onBack }]} title={result.loading ? 'Loading…' : 'Customer not found'} />
        {!result.loading && <p className="empty muted">{result.error ?? 'This customer is no longer in the Cove data.'}</p>}
      </section>
    );
  }

  return (
    <section className="page page-customer" aria-label={customer.name}>
      <PageHeading crumbs={[{ label: 'Customers', onClick: onBack }]} title={customer.name}>
        <StatusPill status={customer.status} />
      </PageHeading>
      <div className="toolbar">
        <div className="toolbar-summary">
          <CountsSummary counts={customer.counts} />
          <span className="muted">{plural(customer.deviceCount, 'device')}</span>
        </div>
        <CustomerConfirmToday customerId={customer.id} customerName={customer.name} />
        <span className="toolbar-history muted">
          Last 28 days
          <HistoryBar history={customer.history} now={now} />
        </span>
      </div>
      {muteVersion !== undefined && <CustomerSnooze customerId={customerId} now={now} muteVersion={muteVersion} />}
      <VirtualList
        items={devices}
        rowHeight={48}
        selectedIndex={selectedIndex}
        onSelect={(index) => onSelect(devices[index].id)}
        onOpen={(index) => onOpen(devices[index].id)}
        rowKey={(d) => d.id}
        idPrefix="device"
        label={`Devices of ${customer.name}, worst first`}
        className="grid-devices"
        header={
          <div className="list-head" aria-hidden="true">
            <span>Status</span>
            <span>Device</span>
            <span>Cove status</span>
            <span className="col-age">Last success</span>
            <span className="col-history">Last 28 days</span>
          </div>
        }
        renderRow={(device) => <DeviceRow device={device} now={now} customerName={customer.name} />}
      />
    </section>
  );
}

/** Memoised: scrolling and moving the selection re-render the list, not the rows already drawn. */
const DeviceRow = memo(function DeviceRow({ device, now, customerName }: { device: DeviceView; now: number; customerName: string }) {
  return (
    <>
      <StatusPill status={device.status} />
      <span className="cell-main">
        <span className="name">{device.name}</span>
        <span className="sub">
          <Icon name={KIND_ICON[device.kind]} className="kind-icon" />
          {KIND_LABELS[device.kind]}
          {device.computer && device.computer !== device.name ? ` · ${device.computer}` : ''}
          {/* The site, when the device sits under one rather than the customer itself. */}
          {device.partnerName && device.partnerName !== customerName ? ` · ${device.partnerName}` : ''}
        </span>
      </span>
      <span className="cell-cove">
        <span>{device.coveStatusName}</span>
        {device.errors > 0 && <span className="sub">{plural(device.errors, 'error')}</span>}
      </span>
      <span className="col-age cell-age" title={device.lastSuccessAt ? `Last success: ${formatFull(device.lastSuccessAt)}` : 'No successful backup'}>
        {formatAge(device.lastSuccessAt, now)}
      </span>
      <span className="col-history">
        <HistoryBar history={device.history} now={now} />
      </span>
    </>
  );
});
