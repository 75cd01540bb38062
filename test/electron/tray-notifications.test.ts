/**
 * The tray rules for notifications (issue 4), pure: the muted icon when every failure is
 * acknowledged, the worst unacknowledged state otherwise, and the failing count in the tooltip.
 */
import { describe, expect, it } from 'vitest';
import { failingLine, trayIconState, trayTitle, trayTooltip, unacknowledgedOverall } from '../../main/electron/tray-appearance';
import type { NotificationSummary } from '../../preload/notification-contract';
import { NOW, makeState } from './fake-app-service';

const none = { notificationsPausedUntil: null };
const summary = (overrides: Partial<NotificationSummary> = {}): NotificationSummary => ({
  worstUnacknowledged: 'failed',
  failing: 2,
  acknowledged: 0,
  allAcknowledged: false,
  snoozedUntil: null,
  quietHoursNow: false,
  ...overrides,
});
const allAcked = summary({ worstUnacknowledged: 'ok', acknowledged: 2, allAcknowledged: true });

describe('tray icon with notifications', () => {
  it.each([
    ['all acknowledged → muted', makeState({ overall: 'failed', notifications: allAcked }), 'muted'],
    ['one unacknowledged failure', makeState({ overall: 'failed', notifications: summary({ acknowledged: 1 }) }), 'failed'],
    ['acknowledged failure, unacknowledged warning', makeState({ overall: 'failed', notifications: summary({ worstUnacknowledged: 'warning', failing: 1, acknowledged: 0 }) }), 'warning'],
    ['never backed up past its grace, unacknowledged', makeState({ overall: 'ok', notifications: summary({ worstUnacknowledged: 'never', failing: 1 }) }), 'stale'],
    ['never backed up, still in its grace', makeState({ overall: 'ok', notifications: summary({ worstUnacknowledged: 'never', failing: 0 }) }), 'ok'],
    ['muted loses to unavailable data', makeState({ overall: 'unavailable', dataUnavailable: true, notifications: allAcked }), 'unavailable'],
    ['muted loses to the demo', makeState({ source: 'demo', overall: 'failed', notifications: allAcked }), 'demo'],
    ['no devices stays empty', makeState({ overall: 'empty', notifications: summary({ worstUnacknowledged: 'ok', failing: 0 }) }), 'empty'],
  ] as const)('%s', (_name, state, icon) => expect(trayIconState(state, none)).toBe(icon));

  it('paused (snoozed) wins over muted', () => {
    expect(trayIconState(makeState({ overall: 'failed', notifications: allAcked }), { notificationsPausedUntil: new Date(NOW + 1000) })).toBe('paused');
  });

  it('maps every status', () => {
    expect(['failed', 'stale', 'warning', 'unknown', 'running', 'ok'].map((s) => unacknowledgedOverall(s as never, 1))).toEqual(['failed', 'stale', 'warning', 'warning', 'ok', 'ok']);
  });
});

describe('tooltip and title', () => {
  it('counts failing devices and acknowledgements, and says when quiet hours hold notifications', () => {
    expect(failingLine(makeState({ notifications: summary({ failing: 1 }) }))).toBe('1 failing device');
    expect(failingLine(makeState({ notifications: summary({ acknowledged: 1 }) }))).toBe('2 failing devices, 1 acknowledged');
    expect(failingLine(makeState({ notifications: allAcked }))).toBe('2 failing devices, all acknowledged');
    expect(failingLine(makeState({ notifications: summary({ failing: 0 }) }))).toBeNull();
    const text = trayTooltip(makeState({ notifications: summary({ quietHoursNow: true }) }), none, NOW, 'linux');
    expect(text.split('\n')).toEqual(['Cove Tray Monitor – Acme MSP (admin@acme.example)', '40 ok', '2 failing devices', 'Data from 3 min ago', 'Quiet hours: notifications held']);
  });

  it('titles the macOS menu bar with the failing count, never for the demo or unavailable data', () => {
    expect(trayTitle(makeState({ notifications: summary() }))).toBe('2');
    expect(trayTitle(makeState({ source: 'demo', notifications: summary() }))).toBe('');
    expect(trayTitle(makeState({ dataUnavailable: true, notifications: summary() }))).toBe('');
    expect(trayTitle(makeState())).toBe('');
  });
});
