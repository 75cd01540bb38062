/**
 * The tray's snooze controls: the adapter over the real notification engine's global snooze,
 * and the shell tests' stand-in, which must lapse on its own like the engine (seconds in the engine, Dates in the tray).
 */
import { describe, expect, it, vi } from 'vitest';
import { engineControls } from '../../main/electron/notification-controls';
import { SnoozeState } from './fake-snooze';

describe('SnoozeState', () => {
  it('remembers a snooze until it lapses, and resumes on request', () => {
    let now = 1_000_000;
    const state = new SnoozeState(() => now);
    expect(state.snoozedUntil()).toBeNull();
    state.snoozeAll(new Date(now + 3600_000));
    expect(state.snoozedUntil()?.getTime()).toBe(now + 3600_000);
    now += 3600_000;
    expect(state.snoozedUntil()).toBeNull();
    state.snoozeAll(new Date(now + 1000));
    state.resume();
    expect(state.snoozedUntil()).toBeNull();
  });

  it('ignores a snooze that ends in the past', () => {
    const state = new SnoozeState(() => 5000);
    state.snoozeAll(new Date(4000));
    expect(state.snoozedUntil()).toBeNull();
  });
});

describe('engineControls', () => {
  it('snoozes, reads and lifts the engine\'s global snooze', () => {
    let until: number | null = null;
    const engine = {
      snooze: vi.fn((_scope, duration: { until: number }) => {
        until = duration.until;
        return { scope: { kind: 'all' as const }, until, createdAt: 0 };
      }),
      unsnooze: vi.fn(() => {
        until = null;
      }),
      snoozedUntil: vi.fn(() => until),
    };
    const controls = engineControls(engine as never);
    controls.snoozeAll(new Date('2026-03-11T08:00:00.500Z'));
    expect(engine.snooze).toHaveBeenCalledWith({ kind: 'all' }, { until: Date.parse('2026-03-11T08:00:00Z') / 1000 });
    expect(controls.snoozedUntil()).toEqual(new Date('2026-03-11T08:00:00Z'));
    controls.resume();
    expect(engine.unsnooze).toHaveBeenCalledWith({ kind: 'all' });
    expect(controls.snoozedUntil()).toBeNull();
  });
});
