/**
 * The pure tray rules (tray-appearance.ts): which icon wins, what the tooltip says, and the snooze times.
 */
import { describe, expect, it } from 'vitest';
import { TRAY_ICON_STATES, countsLine, formatAge, morningLabel, nextMorning, trayIconState, trayTooltip } from '../../main/electron/tray-appearance';
import { buildTrayMenu } from '../../main/electron/tray-menu';
import { snoozeUntil } from '../../main/notify/mute-rules';
import { NOW, makeState } from './fake-app-service';

const none = { notificationsPausedUntil: null };

describe('trayIconState', () => {
  it.each([
    ['ok', makeState({ overall: 'ok' }), 'ok'],
    ['warning', makeState({ overall: 'warning' }), 'warning'],
    ['failed', makeState({ overall: 'failed' }), 'failed'],
    ['stale', makeState({ overall: 'stale' }), 'stale'],
    ['no devices', makeState({ overall: 'empty' }), 'empty'],
    ['data unavailable', makeState({ overall: 'unavailable', dataUnavailable: true }), 'unavailable'],
    ['old data even if the last verdict was ok', makeState({ overall: 'ok', dataUnavailable: true }), 'unavailable'],
    ['paused polling', makeState({ overall: 'failed' }, { state: 'paused' }), 'paused'],
    ['paused but the data is unavailable', makeState({ overall: 'unavailable', dataUnavailable: true }, { state: 'paused' }), 'unavailable'],
    ['demo, whatever the fleet shows', makeState({ source: 'demo', overall: 'failed' }), 'demo'],
    ['demo while unavailable', makeState({ source: 'demo', dataUnavailable: true, overall: 'unavailable' }), 'demo'],
  ] as const)('%s → %s', (_name, state, icon) => expect(trayIconState(state, none)).toBe(icon));

  it('shows paused while notifications are snoozed', () => {
    expect(trayIconState(makeState({ overall: 'failed' }), { notificationsPausedUntil: new Date(NOW + 1000) })).toBe('paused');
  });

  it('never shows green for data that is unavailable, in any combination', () => {
    for (const overall of ['ok', 'warning', 'failed', 'stale', 'empty', 'unavailable'] as const) {
      for (const poll of ['idle', 'polling', 'paused'] as const) {
        expect(trayIconState(makeState({ overall, dataUnavailable: true }, { state: poll }), none)).not.toBe('ok');
      }
    }
  });

  it('lists every icon state the generator draws', () => {
    expect(TRAY_ICON_STATES).toEqual(['ok', 'warning', 'failed', 'stale', 'unavailable', 'paused', 'demo', 'empty', 'muted']);
  });
});

describe('trayTooltip', () => {
  it('gives the account, the counts per status and the age of the data', () => {
    const state = makeState({ counts: { ok: 30, warning: 1, failed: 2, stale: 3, running: 1, never: 1, unknown: 1 } });
    expect(trayTooltip(state, none, NOW, 'linux')).toBe(
      'Cove Tray Monitor – Acme MSP (admin@acme.example)\n2 failed, 3 stale, 1 warning, 1 unknown, 1 never run, 1 running, 30 ok\nData from 3 min ago',
    );
  });

  it('says Demo data in demo mode', () => {
    expect(trayTooltip(makeState({ source: 'demo', accountLabel: 'Demo data' }), none, NOW, 'linux').split('\n')[0]).toBe('Cove Tray Monitor – Demo data');
  });

  it('explains why the data is unavailable', () => {
    const failed = makeState({ dataUnavailable: true, overall: 'unavailable' }, { problem: { kind: 'credentials', message: 'Cove refused the API token', fix: 'Open Settings' } });
    expect(trayTooltip(failed, none, NOW, 'linux')).toContain('Data unavailable: Cove refused the API token');
    const old = makeState({ dataUnavailable: true, overall: 'unavailable', asOf: new Date(NOW - 26 * 3600_000).toISOString() });
    expect(trayTooltip(old, none, NOW, 'linux')).toContain('Data from 26 h ago\nData unavailable: too old');
    expect(trayTooltip(makeState({ asOf: null, dataUnavailable: true, overall: 'unavailable' }), none, NOW, 'linux')).toContain('No data yet');
  });

  it('mentions paused polling and snoozed notifications', () => {
    const until = new Date(2026, 2, 11, 8, 0);
    const text = trayTooltip(makeState({}, { state: 'paused' }), { notificationsPausedUntil: until }, NOW, 'linux');
    expect(text).toContain('Polling paused');
    expect(text).toContain('Notifications paused until 08:00');
  });

  it('stays within the 127 characters Windows shows', () => {
    const state = makeState(
      { accountLabel: 'A very long partner name (someone@very-long-domain.example)', dataUnavailable: true, overall: 'unavailable' },
      { problem: { kind: 'unreachable', message: 'The Cove API did not answer within 30 seconds from any of the endpoints tried', fix: '' } },
    );
    const text = trayTooltip(state, none, NOW, 'win32');
    expect(text.length).toBeLessThanOrEqual(127);
    expect(text.endsWith('…')).toBe(true);
    expect(trayTooltip(state, none, NOW, 'linux').length).toBeGreaterThan(127);
  });

  it('counts nothing as "No devices"', () => {
    expect(countsLine(makeState({ counts: { ok: 0, warning: 0, failed: 0, stale: 0, running: 0, never: 0, unknown: 0 } }))).toBe('No devices');
  });
});

describe('formatAge', () => {
  it.each([
    [-5000, 'just now'],
    [30_000, 'just now'],
    [60_000, '1 min ago'],
    [59 * 60_000, '59 min ago'],
    [60 * 60_000, '1 h ago'],
    [47 * 3600_000, '47 h ago'],
    [72 * 3600_000, '3 days ago'],
  ])('%d ms → %s', (ms, text) => expect(formatAge(ms)).toBe(text));
});

describe('snooze times', () => {
  it('"until tomorrow 08:00" is 08:00 the next day, or this morning before 04:00', () => {
    expect(nextMorning(new Date(2026, 2, 10, 14, 30))).toEqual(new Date(2026, 2, 11, 8, 0));
    expect(nextMorning(new Date(2026, 2, 10, 8, 0))).toEqual(new Date(2026, 2, 11, 8, 0));
    expect(nextMorning(new Date(2026, 2, 10, 5, 0))).toEqual(new Date(2026, 2, 11, 8, 0));
    expect(nextMorning(new Date(2026, 2, 11, 1, 15))).toEqual(new Date(2026, 2, 11, 8, 0));
    expect(nextMorning(new Date(2026, 11, 31, 22, 0))).toEqual(new Date(2027, 0, 1, 8, 0));
  });

  it('agrees with the notification engine\'s "tomorrow" at every hour of the day', () => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    for (let hour = 0; hour < 24; hour++) {
      const now = new Date(2026, 5, 15, hour, 20);
      expect(nextMorning(now).getTime() / 1000, `${hour}:20`).toBe(snoozeUntil('tomorrow', Math.floor(now.getTime() / 1000), timeZone));
    }
  });

  it('labels the menu item to match', () => {
    expect(morningLabel(new Date(2026, 2, 10, 14, 30))).toBe('Until tomorrow 08:00');
    expect(morningLabel(new Date(2026, 2, 11, 1, 15))).toBe('Until 08:00');
  });

  it('takes the time at the click, not when the menu was built', () => {
    let now = new Date(2026, 2, 10, 14, 30);
    const paused: Date[] = [];
    const actions = { open() {}, pollNow() {}, pauseNotifications: (d: Date) => paused.push(d), resumeNotifications() {}, setStartAtLogin() {}, quit() {} };
    const template = buildTrayMenu({ statusLine: '', polling: false, notificationsPausedUntil: null, startAtLogin: false, startAtLoginSupported: true }, actions, () => now);
    now = new Date(2026, 2, 10, 15, 0);
    const pause = template.find((i) => i.id === 'pause')!.submenu as { id?: string; click?: () => void }[];
    pause.find((i) => i.id === 'pause-hour')!.click!();
    expect(paused[0]).toEqual(new Date(2026, 2, 10, 16, 0));
  });
});
