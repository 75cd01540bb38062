import { type ReactNode, type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

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
  /** Whether `height` is the real one yet, or still the first estimate. */
  measured: boolean;
}

interface ViewportHandle {
  viewport: Viewport;
  /** The newest position and size, ahead of the render they cause. */
  latest: RefObject<Viewport>;
  /** Scrolls to `top` and renders the rows there now, without waiting for the scroll event. */
  scrollTo(top: number): void;
}

/**
 * Where the scroll box is and how tall, without ever reading the layout while React renders:
 * scroll events carry the position and a ResizeObserver the size, which it reports right after
 * the browser's own layout. Until then the list is at the top and taken to be as tall as the
 * window, so the first render already fills whatever part of it is visible and the first paint
 * waits for nothing.
 */
function useViewport(scrollRef: RefObject<HTMLDivElement | null>, rowHeight: number): ViewportHandle {
  const [viewport, setViewport] = useState<Viewport>(() => ({ top: 0, height: typeof window === 'undefined' ? 800 : window.innerHeight, measured: false }));
  const latest = useRef(viewport);

  /** Renders again only when another row comes into view or the box changes size; `now`: before the next paint. */
  const update = useCallback(
    (next: Partial<Viewport>, now: boolean) => {
      const previous = latest.current;
      latest.current = { ...previous, ...next };
      const moved = Math.floor(latest.current.top / rowHeight) !== Math.floor(previous.top / rowHeight);
      if (!moved && latest.current.height === previous.height && latest.current.measured === previous.measured) return;
      if (now) flushSync(() => setViewport(latest.current));
      else setViewport(latest.current);
    },
    [rowHeight],
  );

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    // Scroll events come just before the browser paints the new position: render the rows for it
    // in the same frame, so a fast scroll does not show an empty band for a frame.
    const onScroll = () => update({ top: element.scrollTop }, true);
    element.addEventListener('scroll', onScroll, { passive: true });
    const observer =
      typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(([entry]) => update({ height: entry.contentRect.height, top: element.scrollTop, measured: true }, false));
    observer?.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, [scrollRef, update]);

  const scrollTo = useCallback(
    (top: number) => {
      const element = scrollRef.current;
      if (!element) return;
      element.scrollTop = top;
      // Where the browser put it (clamped at the ends); the next move must start from here.
      update({ top: element.scrollTop }, false);
    },
    [scrollRef, update],
  );

  return { viewport, latest, scrollTo };
}

/** The rows to render: those in view and a few beyond, as indexes [first, last). */
export function visibleRange(viewport: Pick<Viewport, 'top' | 'height'>, rowHeight: number, count: number): { first: number; last: number } {
  const first = Math.max(0, Math.floor(viewport.top / rowHeight) - OVERSCAN_ROWS);
  const last = Math.min(count, Math.ceil((viewport.top + viewport.height) / rowHeight) + OVERSCAN_ROWS);
  return { first, last: Math.max(first, last) };
}

/**
 * A virtualised listbox: only the rows in view exist, so 20,000 devices scroll as smoothly as 20.
 * Every row has the same height, which makes windowing a little arithmetic; a library for rows
 * of any height would add more code to the window's start than this whole component.
 * The selection is a single highlighted row (aria-activedescendant), moved by the page's keys;
 * each row says its place in the whole list (aria-posinset of aria-setsize).
 * Rows are positioned through the CSSOM (React's style prop), which the strict CSP allows.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, selectedIndex, onSelect, onOpen, rowKey, renderRow, label, idPrefix, header, className } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const { viewport, latest, scrollTo } = useViewport(scrollRef, rowHeight);

  // Keep the selected row in view when the selection moves, scrolling as little as possible; and
  // once more when the real height replaces the estimate (a list opened with its selection further
  // down was scrolled for the estimate). Not on later resizes: the reader may have scrolled away.
  useEffect(() => {
    if (selectedIndex < 0 || selectedIndex >= items.length) return;
    const top = selectedIndex * rowHeight;
    const { top: scrolled, height } = latest.current;
    if (top < scrolled) scrollTo(top);
    else if (top + rowHeight > scrolled + height) scrollTo(top + rowHeight - height);
  }, [selectedIndex, items.length, rowHeight, latest, scrollTo, viewport.measured]);

  const { first, last } = visibleRange(viewport, rowHeight, items.length);
  const selected = selectedIndex >= 0 && selectedIndex < items.length ? items[selectedIndex] : null;
  // The selected row always exists, even scrolled out of view: aria-activedescendant must name an element.
  const indexes: number[] = [];
  if (selected && (selectedIndex < first || selectedIndex >= last)) indexes.push(selectedIndex);
  for (let index = first; index < last; index++) indexes.push(index);
  const rows: ReactNode[] = [];
  for (const index of indexes) {
    const item = items[index];
    const isSelected = index === selectedIndex;
    rows.push(
      <div
        key={rowKey(item)}
        id={`${idPrefix}-${rowKey(item)}`}
        role="option"
        aria-selected={isSelected}
        // Only some rows exist: tell assistive technology where each sits in the whole list.
        aria-setsize={items.length}
        aria-posinset={index + 1}
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
