import { useMemo } from 'react';
import type { SearchHit } from '../../preload/contract';
import { useInvoke } from '../hooks/useInvoke';
import { useListKeys } from '../hooks/useListKeys';
import { Icon } from './Icon';
import { StatusPill } from './StatusPill';
import { VirtualList } from './VirtualList';

export interface SearchResultsProps {
  query: string;
  /** Changes when new data arrives, so the hits are looked up again. */
  dataVersion: string;
  selectedKey: string | null;
  onSelect(key: string): void;
  onOpen(hit: SearchHit): void;
}

export function hitKey(hit: SearchHit): string {
  return hit.kind === 'customer' ? `c${hit.customerId}` : `d${hit.deviceId}`;
}

/** Customers and devices whose name (or computer name) contains the query, across all customers. */
export function SearchResults({ query, dataVersion, selectedKey, onSelect, onOpen }: SearchResultsProps) {
  const trimmed = query.trim();
  const result = useInvoke(`${trimmed}\u0000${dataVersion}`, (api) => api.invoke('app:search', { query: trimmed }), 80);
  const hits = result.data ?? [];
  const selectedIndex = useMemo(() => {
    const index = hits.findIndex((hit) => hitKey(hit) === selectedKey);
    return index >= 0 ? index : hits.length > 0 ? 0 : -1;
  }, [hits, selectedKey]);

  useListKeys({
    count: hits.length,
    selectedIndex,
    onSelect: (index) => onSelect(hitKey(hits[index])),
    onOpen: (index) => onOpen(hits[index]),
  });

  return (
    <section className="page page-search" aria-label="Search results">
      <div className="toolbar">
        <p className="toolbar-text" role="status">
          {result.loading && !result.data ? (
            'Searching…'
          ) : (
            <>
              {hits.length === 0 ? 'Nothing matches' : hits.length >= 50 ? 'First 50 matches for' : `${hits.length} ${hits.length === 1 ? 'match' : 'matches'} for`}{' '}
              <q>{trimmed}</q>
              <span className="muted"> · all customers, healthy ones too</span>
            </>
          )}
        </p>
      </div>
      {result.error && <p className="inline-error">Search failed: {result.error}</p>}
      {hits.length > 0 && (
        <VirtualList
          items={hits}
          rowHeight={44}
          selectedIndex={selectedIndex}
          onSelect={(index) => onSelect(hitKey(hits[index]))}
          onOpen={(index) => onOpen(hits[index])}
          rowKey={hitKey}
          idPrefix="hit"
          label="Search results"
          className="grid-hits"
          renderRow={(hit) => (
            <>
              <StatusPill status={hit.status} />
              <span className="cell-main">
                {hit.kind === 'customer' ? (
                  <span className="name">{hit.customerName}</span>
                ) : (
                  <>
                    <span className="name">
                      <Icon name="device" className="name-icon" />
                      {hit.deviceName}
                    </span>
                    <span className="sub">{hit.customerName}</span>
                  </>
                )}
              </span>
              <span className="cell-kind muted">{hit.kind === 'customer' ? 'Customer' : 'Device'}</span>
            </>
          )}
        />
      )}
    </section>
  );
}
