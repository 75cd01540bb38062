import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useRef } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  selectedIndex: number;
  onSelect(index: number): void;
  onOpen(index: number): void;
  rowKey(item: T): string | number;
  renderRow(item: T, index: number): ReactNode;
  /** Accessible name of the list. */
  label: string;
  /** Prefix for row ids (aria-activedescendant). */
  idPrefix: string;
  /** Column headings shown above the scrolling rows. */
  header?: ReactNode;
  className?: string;
}

/**
 * A virtualised listbox: only the rows in view exist, so 20,000 devices scroll as smoothly as 20.
 * The selection is a single highlighted row (aria-activedescendant), moved by the page's keys.
 * Rows are positioned through the CSSOM (React's style prop), which the strict CSP allows.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, selectedIndex, onSelect, onOpen, rowKey, renderRow, label, idPrefix, header, className } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 5,
    initialRect: { width: 800, height: 600 },
    getItemKey: (index) => rowKey(items[index]),
  });

  useEffect(() => {
    if (selectedIndex >= 0 && selectedIndex < items.length) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, items.length, virtualizer]);

  const selected = selectedIndex >= 0 && selectedIndex < items.length ? items[selectedIndex] : null;
  return (
    <div className={`vlist ${className ?? ''}`}>
      {header}
      <div
        ref={scrollRef}
        className="vlist-scroll"
        role="listbox"
        aria-label={label}
        tabIndex={0}
        aria-activedescendant={selected ? `${idPrefix}-${rowKey(selected)}` : undefined}
      >
        <div className="vlist-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index];
            const isSelected = row.index === selectedIndex;
            return (
              <div
                key={row.key}
                id={`${idPrefix}-${rowKey(item)}`}
                role="option"
                aria-selected={isSelected}
                className={`row${isSelected ? ' is-selected' : ''}`}
                style={{ transform: `translateY(${row.start}px)`, height: rowHeight }}
                onMouseDown={() => onSelect(row.index)}
                onClick={() => onOpen(row.index)}
              >
                {renderRow(item, row.index)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
