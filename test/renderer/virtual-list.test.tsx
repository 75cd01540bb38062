// @vitest-environment jsdom
/** The windowing arithmetic of the virtual lists, and a 20,000-row list rendering only what fits. */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualList, visibleRange } from '../../renderer/components/VirtualList';
import { useWindowTestEnvironment } from './setup-dom';

useWindowTestEnvironment();
afterEach(() => vi.unstubAllGlobals());

describe('visibleRange', () => {
  it.each([
    { case: 'at the top: what fits, plus 5 below', top: 0, height: 440, count: 100, first: 0, last: 15 },
    { case: 'scrolled: 5 above and 5 below', top: 440, height: 440, count: 100, first: 5, last: 25 },
    { case: 'part of a row counts as in view', top: 450, height: 440, count: 100, first: 5, last: 26 },
    { case: 'near the end: stops at the last row', top: 4000, height: 440, count: 100, first: 85, last: 100 },
    { case: 'shorter than the box', top: 0, height: 440, count: 3, first: 0, last: 3 },
    { case: 'empty list', top: 0, height: 440, count: 0, first: 0, last: 0 },
  ])('$case', ({ top, height, count, first, last }) => {
    expect(visibleRange({ top, height }, 44, count)).toEqual({ first, last });
  });
});

/** A ResizeObserver the test drives (jsdom has none): returns the function that reports a new height. */
function stubResizeObserver(): (height: number) => void {
  let callback: ResizeObserverCallback = () => undefined;
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(observe: ResizeObserverCallback) {
        callback = observe;
      }
      observe() {}
      disconnect() {}
    },
  );
  return (height) => callback([{ contentRect: { height } } as ResizeObserverEntry], {} as ResizeObserver);
}

describe('VirtualList', () => {
  const items = Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `Device ${i}` }));

  function List({ selectedIndex }: { selectedIndex: number }) {
    return (
      <VirtualList
        items={items}
        rowHeight={44}
        selectedIndex={selectedIndex}
        onSelect={() => undefined}
        onOpen={() => undefined}
        rowKey={(item) => item.id}
        renderRow={(item) => <span>{item.name}</span>}
        label="Devices"
        idPrefix="device"
      />
    );
  }

  // jsdom has no ResizeObserver: the list keeps its first estimate, the window's height.
  const viewHeight = () => window.innerHeight;

  it('renders only the rows that fit and sizes the scroll area for all', () => {
    render(<List selectedIndex={0} />);
    const list = screen.getByRole('listbox', { name: 'Devices' });
    expect(screen.getAllByRole('option')).toHaveLength(Math.ceil(viewHeight() / 44) + 5);
    expect((list.firstElementChild as HTMLElement).style.height).toBe(`${20_000 * 44}px`);
    expect(list.getAttribute('aria-activedescendant')).toBe('device-0');
  });

  it('scrolls the selected row into view and renders the rows around it', () => {
    const { rerender } = render(<List selectedIndex={0} />);
    const list = screen.getByRole('listbox', { name: 'Devices' });
    rerender(<List selectedIndex={19_999} />);
    // Aligned to the bottom edge: the least scrolling that shows the row.
    expect(list.scrollTop).toBe(20_000 * 44 - viewHeight());
    fireEvent.scroll(list);
    const names = screen.getAllByRole('option').map((o) => o.textContent);
    expect(names).toContain('Device 19999');
    expect(names).not.toContain('Device 0');
    expect(screen.getByRole('option', { selected: true }).textContent).toBe('Device 19999');

    rerender(<List selectedIndex={3} />);
    // Above the view: aligned to the top edge.
    expect(list.scrollTop).toBe(3 * 44);
  });

  it('keeps a selection further down in view once the real height replaces the estimate', () => {
    // The browser reports the box 500 px tall after its layout.
    const report = stubResizeObserver();
    render(<List selectedIndex={300} />);
    const list = screen.getByRole('listbox', { name: 'Devices' });
    // Scrolled for the estimate (the window's height) first…
    expect(list.scrollTop).toBe(301 * 44 - viewHeight());
    act(() => report(500));
    // …then again for the real height, so the row sits at the bottom edge of what is visible.
    expect(list.scrollTop).toBe(301 * 44 - 500);
    fireEvent.scroll(list);
    expect(screen.getByRole('option', { selected: true }).textContent).toBe('Device 300');
  });

  it('starts the next move from where the last one scrolled, even before the scroll event arrives', () => {
    const { rerender } = render(<List selectedIndex={0} />);
    const list = screen.getByRole('listbox', { name: 'Devices' });
    // End then Home within one frame: no scroll event in between.
    rerender(<List selectedIndex={19_999} />);
    rerender(<List selectedIndex={0} />);
    expect(list.scrollTop).toBe(0);
    expect(screen.getByRole('option', { selected: true }).textContent).toBe('Device 0');
  });

  it('keeps the selected row in the document when scrolled away from it, for aria-activedescendant', () => {
    render(<List selectedIndex={0} />);
    const list = screen.getByRole('listbox', { name: 'Devices' });
    list.scrollTop = 40_000;
    fireEvent.scroll(list);
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toContain('Device 909');
    expect(document.getElementById(list.getAttribute('aria-activedescendant') ?? '')?.textContent).toBe('Device 0');
    // Each row says where it sits in the whole list, whatever the document order.
    const row = screen.getAllByRole('option').find((o) => o.textContent === 'Device 909');
    expect([row?.getAttribute('aria-posinset'), row?.getAttribute('aria-setsize')]).toEqual(['910', '20000']);
  });

  it('leaves a list the reader scrolled away from where it is when the window resizes', () => {
    const report = stubResizeObserver();
    render(<List selectedIndex={0} />);
    const list = screen.getByRole('listbox', { name: 'Devices' });
    act(() => report(500));
    list.scrollTop = 30_000;
    fireEvent.scroll(list);
    act(() => report(499));
    expect(list.scrollTop).toBe(30_000);
  });
});
