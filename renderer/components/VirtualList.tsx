import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';

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

/** Rows rendered beyond each edge of the visible part, so a key press or a short scroll never shows a gap. */
const OVERSCAN_ROWS = 5;

interface Viewport {
  /** Scroll position of the list (px). */
  top: number;
  /** Height of its visible part (px). */
  height: number;
}

/**
 * Where the scroll box is and how tall, without ever reading the layout while React renders:
 * scroll events carry the position and a ResizeObserver the size, which it reports right after
 * the browser's own layout. Until then the list is at the top and taken to be as tall as the
 * window, so the first render already fills whatever part of it is visible and the first paint
 * waits for nothing.
 */
function useViewport(scrollRef: RefObject<HTMLDivElement | null>, rowHeight: number): { viewport: Viewport; latest: RefObject<Viewport> } {
  const [viewport, setViewport] = useState<Viewport>(() => ({ top: 0, height: typeof window === 'undefined' ? 800 : window.innerHeight }));
  const latest = useRef(viewport);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const update = (next: Partial<Viewport>) => {
      const previous = latest.current;
      latest.current = { ...previous, ...next };
      // Render again only when another row scrolls into view or the box changes size.
      if (Math.floor(latest.current.top / rowHeight) !== Math.floor(previous.top / rowHeight) || latest.current.height !== previous.height) setViewport(latest.current);
    };
    const onScroll = () => update({ top: element.scrollTop });
    element.addEventListener('scroll', onScroll, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(([entry]) => update({ height: entry.contentRect.height, top: element.scrollTop }));
    observer?.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, [scrollRef, rowHeight]);

  return { viewport, latest };
}

/** The rows to render: those in view and a few beyond, as indexes [first, last). */
export function visibleRange(viewport: Viewport, rowHeight: number, count: number): { first: number; last: number } {
  const first = Math.max(0, Math.floor(viewport.top / rowHeight) - OVERSCAN_ROWS);
  const last = Math.min(count, Math.ceil((viewport.top + viewport.height) / rowHeight) + OVERSCAN_ROWS);
  return { first, last: Math.max(first, last) };
}

/**
 * A virtualised listbox: only the rows in view exist, so 20,000 devices scroll as smoothly as 20.
 * Every row has the same height, which makes windowing a little arithmetic; a library for rows
 * of any height would add more code to the window's start than this whole component.
 * The selection is a single highlighted row (aria-activedescendant), moved by the page's keys.
 * Rows are positioned through the CSSOM (React's style prop), which the strict CSP allows.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, selectedIndex, onSelect, onOpen, rowKey, renderRow, label, idPrefix, header, className } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const { viewport, latest } = useViewport(scrollRef, rowHeight);

  // Keep the selected row in view, scrolling as little as possible; again once the real height is
  // known (a list opened with its selection further down was scrolled for the estimate) and on resize.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || selectedIndex < 0 || selectedIndex >= items.length) return;
    const top = selectedIndex * rowHeight;
    const { top: scrolled, height } = latest.current;
    if (top < scrolled) element.scrollTop = top;
    else if (top + rowHeight > scrolled + height) element.scrollTop = top + rowHeight - height;
  }, [selectedIndex, items.length, rowHeight, latest, viewport.height]);

  const { first, last } = visibleRange(viewport, rowHeight, items.length);
  const selected = selectedIndex >= 0 && selectedIndex < items.length ? items[selectedIndex] : null;
  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index];
    const isSelected = index === selectedIndex;
    rows.push(
      <div
        key={rowKey(item)}
        id={`${idPrefix}-${rowKey(item)}`}
        role="option"
        aria-selected={isSelected}
        className={`row${isSelected ? ' is-selected' : ''}`}
        style={{ transform: `translateY(${index * rowHeight}px)`, height: rowHeight }}
        onMouseDown={() => onSelect(index)}
        onClick={() => onOpen(index)}
      >
        {renderRow(item, index)}
      </div>,
    );
  }

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
        <div className="vlist-inner" style={{ height: items.length * rowHeight }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
