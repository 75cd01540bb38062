import { useEffect, useMemo, useRef } from 'react';
import type { DataSourceView, DeviceView, RunView } from '../../preload/contract';
import { KIND_LABELS, STATUS_ORDER } from '../format/status-labels';
import { formatAge, formatBytes, formatDay, formatDuration, formatFull, formatTime, plural } from '../format/time-format';
import { useInvoke } from '../hooks/useInvoke';
import { useListKeys } from '../hooks/useListKeys';
import { KIND_ICON } from './CustomerPage';
import { DeviceNotifications } from './DeviceNotifications';
import { HistoryBar } from './HistoryBar';
import { Icon } from './Icon';
import { PageHeading } from './PageHeading';
// Confirm and upload (issue 5)
import { RunConfirmToolbar, RunSelectCell, RunUploadCell, SelectAllCell, uploadVersion, useRunConfirmState, useUploadSummary } from './RunConfirm';
import { StatusPill } from './StatusPill';

export interface DevicePageProps {
  customerId: number;
  deviceId: number;
  dataVersion: string;
  now: number;
  /** The data source whose runs are shown; null = all of them. */
  dataSource: string | null;
  onDataSource(code: string | null): void;
  selectedSource: string | null;
  onSelectSource(code: string): void;
  onBack(): void;
  onHome(): void;
  /** Notifications (issue 4): acknowledge and snooze; the version re-reads them when they may have changed. */
  muteVersion?: string;
  /** A notification's Acknowledge action opened this device: open the dialog. */
  acknowledgeRequested?: boolean;
  onAcknowledgeHandled?(): void;
  /** A notification's "Confirm & upload" action opened this device: open the confirm dialog on its newest session. */
  confirmRequested?: boolean;
  onConfirmHandled?(): void;
}

const RUN_LIMIT = 200;

/** A device in Cove's terms: its data sources, then the run history the cache holds. */
export function DevicePage(props: DevicePageProps) {
  const { customerId, deviceId, dataVersion, now, dataSource, onDataSource, selectedSource, onSelectSource, onBack, onHome } = props;
  const { muteVersion, acknowledgeRequested, onAcknowledgeHandled, confirmRequested, onConfirmHandled } = props;
  const customerResult = useInvoke(`${customerId}\u0000${dataVersion}`, (api) => api.invoke('app:get-customer', { customerId }));
  const customer = customerResult.data && customerResult.data.id === customerId ? customerResult.data : null;
  const device = customer?.devices.find((d) => d.id === deviceId) ?? null;
  // Problems first, as everywhere else; Cove's order within the same status.
  const sources = useMemo(() => [...(device?.dataSources ?? [])].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status)), [device]);
  const selectedIndex = useMemo(() => {
    const index = sources.findIndex((s) => s.code === selectedSource);
    return index >= 0 ? index : sources.length > 0 ? 0 : -1;
  }, [sources, selectedSource]);

  useListKeys({
    count: sources.length,
    selectedIndex,
    onSelect: (index) => onSelectSource(sources[index].code),
    onOpen: (index) => onDataSource(sources[index].code === dataSource ? null : sources[index].code),
  });

  const crumbs = [
    { label: 'Customers', onClick: onHome },
    { label: customer?.name ?? 'Customer', onClick: onBack },
  ];

  if (!device) {
    return (
      <section className="page" aria-busy={customerResult.loading}>
        <PageHeading crumbs={crumbs} title={customerResult.loading ? 'Loading…' : 'Device not found'} />
        {!customerResult.loading && <p className="empty muted">{customerResult.error ?? 'This device is no longer in the Cove data.'}</p>}
      </section>
    );
  }

  return (
    <section className="page page-device scroll" aria-label={device.name}>
      <PageHeading crumbs={crumbs} title={device.name}>
        <StatusPill status={device.status} />
      </PageHeading>
      <DeviceFacts device={device} now={now} />
      {muteVersion !== undefined && (
        <DeviceNotifications device={device} now={now} muteVersion={muteVersion} acknowledgeRequested={acknowledgeRequested} onAcknowledgeHandled={onAcknowledgeHandled} />
      )}

      <h2 className="section-title">Data sources</h2>
      {sources.length === 0 ? (
        <p className="muted section-empty">Cove reports no data sources for this device.</p>
      ) : (
        <div className="table table-sources" role="listbox" aria-label={`Data sources of ${device.name}`} tabIndex={0} aria-activedescendant={selectedIndex >= 0 ? `source-${sources[selectedIndex].code}` : undefined}>
          <div className="list-head" aria-hidden="true">
            <span>Status</span>
            <span>Data source</span>
            <span>Cove status</span>
            <span className="col-time">Last session</span>
            <span className="col-age">Last success</span>
            <span className="col-history">Last 28 days</span>
          </div>
          {sources.map((source, index) => (
            <SourceRow
              key={source.code}
              source={source}
              now={now}
              selected={index === selectedIndex}
              filtered={source.code === dataSource}
              onSelect={() => onSelectSource(source.code)}
              onOpen={() => onDataSource(source.code === dataSource ? null : source.code)}
            />
          ))}
        </div>
      )}

      <RunHistory
        deviceId={device.id}
        deviceName={device.name}
        dataSource={dataSource}
        sources={sources}
        dataVersion={dataVersion}
        now={now}
        onShowAll={() => onDataSource(null)}
        confirmRequested={confirmRequested}
        onConfirmHandled={onConfirmHandled}
      />
    </section>
  );
}

function DeviceFacts({ device, now }: { device: DeviceView; now: number }) {
  return (
    <dl className="facts">
      <div>
        <dt>Cove status</dt>
        <dd>
          <span className="nowrap">{device.coveStatusName}</span>
          {device.errors > 0 && (
            <>
              {' '}
              <span className="muted nowrap">· {plural(device.errors, 'error')}</span>
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Last session</dt>
        <dd title={formatFull(device.lastSessionAt)}>{formatTime(device.lastSessionAt, now)}</dd>
      </div>
      <div>
        <dt>Last success</dt>
        <dd title={formatFull(device.lastSuccessAt)}>
          <span className="nowrap">{formatTime(device.lastSuccessAt, now)}</span>
          {device.lastSuccessAt && (
            <>
              {' '}
              <span className="muted nowrap">· {formatAge(device.lastSuccessAt, now)}</span>
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Type</dt>
        <dd>
          <Icon name={KIND_ICON[device.kind]} className="kind-icon" />
          {KIND_LABELS[device.kind]}
        </dd>
      </div>
      {device.computer && (
        <div>
          <dt>Computer</dt>
          <dd>{device.computer}</dd>
        </div>
      )}
      {device.partnerName && (
        <div>
          <dt>Partner</dt>
          <dd>{device.partnerName}</dd>
        </div>
      )}
      <div className="facts-wide">
        <dt>Last 28 days</dt>
        <dd>
          <HistoryBar history={device.history} now={now} />
        </dd>
      </div>
    </dl>
  );
}

interface SourceRowProps {
  source: DataSourceView;
  now: number;
  selected: boolean;
  filtered: boolean;
  onSelect(): void;
  onOpen(): void;
}

function SourceRow({ source, now, selected, filtered, onSelect, onOpen }: SourceRowProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  return (
    <div
      ref={ref}
      id={`source-${source.code}`}
      role="option"
      aria-selected={selected}
      className={`row row-static${selected ? ' is-selected' : ''}${filtered ? ' is-filtered' : ''}`}
      onMouseDown={onSelect}
      onClick={onOpen}
    >
      <StatusPill status={source.status} />
      <span className="cell-main">
        <span className="name">{source.name}</span>
        {filtered && <span className="sub accent">Showing its runs below</span>}
      </span>
      <span className="cell-cove">
        <span>{source.coveStatusName}</span>
        {source.errors > 0 && <span className="sub">{plural(source.errors, 'error')}</span>}
      </span>
      <span className="col-time" title={formatFull(source.lastSessionAt)}>
        {formatTime(source.lastSessionAt, now)}
      </span>
      <span className="col-age cell-age" title={formatFull(source.lastSuccessAt)}>
        {formatAge(source.lastSuccessAt, now)}
      </span>
      <span className="col-history">
        <HistoryBar history={source.history} now={now} />
      </span>
    </div>
  );
}

interface RunHistoryProps {
  deviceId: number;
  deviceName: string;
  dataSource: string | null;
  sources: DataSourceView[];
  dataVersion: string;
  now: number;
  onShowAll(): void;
  confirmRequested?: boolean;
  onConfirmHandled?(): void;
}

function RunHistory({ deviceId, deviceName, dataSource, sources, dataVersion, now, onShowAll, confirmRequested, onConfirmHandled }: RunHistoryProps) {
  // Confirm and upload (issue 5): reload as confirmations and uploads move on.
  const upload = useUploadSummary();
  const confirm = useRunConfirmState();
  const result = useInvoke(`${deviceId}\u0000${dataSource ?? ''}\u0000${dataVersion}\u0000${uploadVersion(upload)}\u0000${confirm.revision}`, (api) =>
    api.invoke('app:get-runs', { deviceId, ...(dataSource ? { dataSource } : {}), limit: RUN_LIMIT }),
  );
  const runs: RunView[] = result.data ?? [];
  const sourceName = sources.find((s) => s.code === dataSource)?.name ?? dataSource;
  return (
    <>
      <div className="section-heading">
        <h2 className="section-title">
          Run history{sourceName ? <span className="muted"> · {sourceName}</span> : <span className="muted"> · all data sources</span>}
        </h2>
        {dataSource ? (
          <button type="button" className="link-button" onClick={onShowAll}>
            Show all data sources
          </button>
        ) : (
          sources.length > 1 && <span className="muted small">Enter on a data source shows only its runs</span>
        )}
      </div>
      <RunConfirmToolbar
        deviceId={deviceId}
        deviceName={deviceName}
        runs={runs}
        confirm={confirm}
        summary={upload}
        confirmRequested={confirmRequested}
        onConfirmHandled={onConfirmHandled}
      />
      {result.error && <p className="inline-error">The run history could not be read: {result.error}</p>}
      {runs.length === 0 ? (
        <p className="muted section-empty">{result.loading ? 'Loading…' : 'No runs in the cache yet.'}</p>
      ) : (
        <table className="runs" aria-label="Run history, newest first">
          <thead>
            <tr>
              <SelectAllCell runs={runs} confirm={confirm} />
              <th scope="col">When</th>
              <th scope="col">Data source</th>
              <th scope="col">Cove status</th>
              <th scope="col" className="num">Errors</th>
              <th scope="col" className="num">Selected</th>
              <th scope="col" className="num">Sent</th>
              <th scope="col" className="num">Duration</th>
              <th scope="col">Backupchecks</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} data-status={run.status}>
                <RunSelectCell run={run} confirm={confirm} />
                <td title={run.precision === 'exact' ? formatFull(run.sessionAt) : 'Cove\'s colour bar only records the day'}>
                  {run.precision === 'exact' ? formatTime(run.sessionAt, now) : <>{formatDay(run.sessionAt, now)} <span className="muted small">(day only)</span></>}
                </td>
                <td>{run.dataSourceName}</td>
                <td>
                  <StatusPill status={run.status} label={run.coveStatusName} />
                </td>
                <td className="num">{run.errors ?? '—'}</td>
                <td className="num">{formatBytes(run.selectedSize)}</td>
                <td className="num">{formatBytes(run.sentSize)}</td>
                <td className="num">{formatDuration(run.durationSeconds)}</td>
                <RunUploadCell run={run} now={now} confirm={confirm} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {runs.length >= RUN_LIMIT && <p className="muted small">Showing the newest {RUN_LIMIT} runs.</p>}
    </>
  );
}
