import { memo, useLayoutEffect, useMemo } from 'react';
import type { AppState, CustomerSummary } from '../../preload/contract';
import { isProblem } from '../format/status-labels';
import { formatAge, formatCount, formatFull, plural } from '../format/time-format';
import { useListKeys } from '../hooks/useListKeys';
import { mark, markAfterPaint } from '../timing';
import { CountsSummary } from './CountsSummary';
import { HistoryBar } from './HistoryBar';
import { StatusPill } from './StatusPill';
import { VirtualList } from './VirtualList';

export interface CustomerListProps {
  state: AppState;
  now: number;
  problemsOnly: boolean;
  onProblemsOnly(on: boolean): void;
  selectedId: number | null;
  onSelect(customerId: number): void;
  onOpen(customerId: number): void;
}

const ROW_HEIGHT = 44;
let firstListMarked = false;

/** Every customer, worst first; problems only unless asked otherwise. */
export function CustomerList({ state, now, problemsOnly, onProblemsOnly, selectedId, onSelect, onOpen }: CustomerListProps) {
  const customers = useMemo(() => (problemsOnly ? state.customers.filter((c) => isProblem(c.status)) : state.customers), [state.customers, problemsOnly]);
  const selectedIndex = useMemo(() => {
    const index = customers.findIndex((c) => c.id === selectedId);
    return index >= 0 ? index : customers.length > 0 ? 0 : -1;
  }, [customers, selectedId]);
  const deviceTotal = useMemo(() => state.customers.reduce((n, c) => n + c.deviceCount, 0), [state.customers]);

  useListKeys({
    count: customers.length,
    selectedIndex,
    onSelect: (index) => onSelect(customers[index].id),
    onOpen: (index) => onOpen(customers[index].id),
  });

  // Marked at commit: the rows are in the DOM and paint next.
  useLayoutEffect(() => {
    if (customers.length > 0 && !firstListMarked) {
      firstListMarked = true;
      mark('cove:customers-rendered');
      markAfterPaint('cove:customers-painted');
    }
  }, [customers.length]);

  return (
    <section className="page page-customers" aria-label="Customers">
      <div className="toolbar">
        <div className="toolbar-summary">
          <CountsSummary counts={state.counts} />
          <span className="muted">
            {plural(state.customers.length, 'customer')}, {plural(deviceTotal, 'device')}
          </span>
        </div>
        <label className="switch">
          <input type="checkbox" role="switch" checked={problemsOnly} onChange={(event) => onProblemsOnly(event.target.checked)} />
          <span className="switch-track" aria-hidden="true" />
          Problems only
        </label>
      </div>
      {customers.length === 0 ? (
        <EmptyCustomers state={state} problemsOnly={problemsOnly} onShowAll={() => onProblemsOnly(false)} />
      ) : (
        <VirtualList
          items={customers}
          rowHeight={ROW_HEIGHT}
          selectedIndex={selectedIndex}
          onSelect={(index) => onSelect(customers[index].id)}
          onOpen={(index) => onOpen(customers[index].id)}
          rowKey={(c) => c.id}
          idPrefix="customer"
          label={problemsOnly ? 'Customers with problems, worst first' : 'Customers, worst first'}
          className="grid-customers"
          header={
            <div className="list-head" aria-hidden="true">
              <span>Status</span>
              <span>Customer</span>
              <span>Devices</span>
              <span className="col-age" title="The oldest last success among the customer's devices">Oldest success</span>
              <span className="col-history">Last 28 days</span>
            </div>
          }
          renderRow={(customer) => <CustomerRow customer={customer} now={now} />}
        />
      )}
      {problemsOnly && customers.length > 0 && (
        <p className="list-foot muted">
          {formatCount(customers.length)} of {plural(state.customers.length, 'customer')} need attention.{' '}
          <button type="button" className="link-button" onClick={() => onProblemsOnly(false)}>
            Show all
          </button>
        </p>
      )}
    </section>
  );
}

/** Memoised: scrolling and moving the selection re-render the list, not the rows already drawn. */
const CustomerRow = memo(function CustomerRow({ customer, now }: { customer: CustomerSummary; now: number }) {
  const problems = customer.deviceCount - customer.counts.ok - customer.counts.running;
  return (
    <>
      <StatusPill status={customer.status} />
      <span className="cell-main">
        <span className="name">{customer.name}</span>
      </span>
      <span className="cell-counts">
        {problems > 0 ? (
          <>
            <CountsSummary counts={customer.counts} include={['failed', 'stale', 'warning', 'unknown', 'never']} compact />
            <span className="muted of-total">of {formatCount(customer.deviceCount)}</span>
          </>
        ) : (
          <span className="muted">{plural(customer.deviceCount, 'device')}</span>
        )}
      </span>
      <span className="col-age cell-age" title={customer.oldestLastSuccessAt ? `Oldest last success: ${formatFull(customer.oldestLastSuccessAt)}` : 'No device has a successful backup'}>
        {formatAge(customer.oldestLastSuccessAt, now)}
      </span>
      <span className="col-history">
        <HistoryBar history={customer.history} now={now} />
      </span>
    </>
  );
});

function EmptyCustomers({ state, problemsOnly, onShowAll }: { state: AppState; problemsOnly: boolean; onShowAll(): void }) {
  if (state.customers.length === 0) {
    return (
      <div className="empty">
        <p className="empty-title">{state.asOf ? 'No customers' : 'No data yet'}</p>
        <p className="muted">{state.asOf ? 'The Cove account has no devices under this partner.' : 'The list fills in after the first successful poll.'}</p>
      </div>
    );
  }
  return (
    <div className="empty" data-testid="no-problems">
      <p className="empty-title">{state.dataUnavailable ? 'No problems in the last data we have' : 'No problems'}</p>
      <p className="muted">
        {state.dataUnavailable
          ? 'But that data is out of date; see the banner above.'
          : `All ${plural(state.customers.length, 'customer')} backed up as expected.`}
      </p>
      {problemsOnly && (
        <button type="button" className="button" onClick={onShowAll}>
          Show all customers
        </button>
      )}
    </div>
  );
}
