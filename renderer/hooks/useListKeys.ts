import { useEffect, useRef } from 'react';

export interface ListKeysOptions {
  count: number;
  selectedIndex: number;
  onSelect(index: number): void;
  onOpen(index: number): void;
  /** Rows a Page Up / Page Down moves. */
  pageSize?: number;
  enabled?: boolean;
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target.isContentEditable) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/** The search box hands arrows and Enter to the list, so you can type, arrow down and open. */
function isSearchField(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement && target.dataset.listKeys === 'true';
}

function isControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a, input, select, textarea, summary, [role="switch"]') !== null;
}

/**
 * Keyboard moves for the one list on screen: j/k or arrows move, Home/End and Page Up/Down jump,
 * Enter opens. Keys typed into text fields stay there.
 */
export function useListKeys(options: ListKeysOptions): void {
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    if (options.enabled === false) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const { count, selectedIndex, onSelect, onOpen, pageSize = 10 } = latest.current;
      if (count === 0) return;
      const target = event.target;
      const inText = isTextField(target);
      const inSearch = isSearchField(target);
      const move = (to: number) => {
        event.preventDefault();
        onSelect(Math.max(0, Math.min(count - 1, to)));
      };
      const from = selectedIndex < 0 ? -1 : selectedIndex;
      switch (event.key) {
        case 'j':
          if (!inText) move(from + 1);
          return;
        case 'k':
          if (!inText) move(Math.max(from - 1, 0));
          return;
        case 'ArrowDown':
          if (!inText || inSearch) move(from + 1);
          return;
        case 'ArrowUp':
          if (!inText || inSearch) move(Math.max(from - 1, 0));
          return;
        case 'PageDown':
          if (!inText) move(from + pageSize);
          return;
        case 'PageUp':
          if (!inText) move(from - pageSize);
          return;
        case 'Home':
          if (!inText) move(0);
          return;
        case 'End':
          if (!inText) move(count - 1);
          return;
        case 'Enter':
          if (isControl(target) && !inSearch) return;
          if (selectedIndex >= 0 && selectedIndex < count) {
            event.preventDefault();
            onOpen(selectedIndex);
          }
          return;
        default:
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [options.enabled]);
}
