/** The 28-day bar is one element: its background draws a cell per day, colour and height by status. */
import { describe, expect, it } from 'vitest';
import { historyBarStyle, historyDayTitle } from '../../renderer/components/HistoryBar';

describe('historyBarStyle', () => {
  // Cove codes: 5 Completed, 2 Failed, 8 Completed with errors, 0 no backup that day.
  const style = historyBarStyle([0, 5, 2, 8]);
  /** Splits a CSS list at its top-level commas (the gradients have commas inside). */
  const layers = (value: unknown) => {
    const parts: string[] = [];
    let depth = 0;
    let current = '';
    for (const char of String(value)) {
      if (char === ',' && depth === 0) {
        parts.push(current.trim());
        current = '';
        continue;
      }
      if (char === '(') depth++;
      if (char === ')') depth--;
      current += char;
    }
    return [...parts, current.trim()];
  };

  it('draws one layer per day, left to right, 5 px cells 1 px apart', () => {
    expect(style.width).toBe(4 * 6 - 1);
    expect(layers(style.backgroundPosition)).toEqual(['0px 100%', '6px 100%', '12px 100%', '18px 100%']);
  });

  it('says the status with colour and height alike: failures tallest, no backup a flat line', () => {
    expect(layers(style.backgroundImage)).toEqual([
      'linear-gradient(var(--bar-none), var(--bar-none))',
      'linear-gradient(var(--bar-ok), var(--bar-ok))',
      'linear-gradient(var(--failed), var(--failed))',
      'linear-gradient(var(--bar-warning), var(--bar-warning))',
    ]);
    expect(layers(style.backgroundSize)).toEqual(['5px 3px', '5px 10px', '5px 16px', '5px 13px']);
  });

  it('draws nothing for no history', () => {
    expect(historyBarStyle([])).toMatchObject({ width: 0, backgroundImage: '' });
  });
});

describe('historyDayTitle', () => {
  it("names the day and Cove's status for it, today on the right", () => {
    const now = new Date(2026, 11, 3, 14, 5).getTime();
    expect(historyDayTitle([5, 2], 1, now)).toMatch(/3.*: Failed$/);
    expect(historyDayTitle([5, 2], 0, now)).toMatch(/2.*: Completed$/);
  });
});
