/**
 * The shared status vocabulary, the CSP the Electron side sends, and the time, size and navigation helpers say what they should.
 */
import { describe, expect, it } from 'vitest';
import { sessionStatusName } from '../../main/cove/session-status';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/security-policy';
import { contentSecurityPolicy } from '../../main/app/content-security-policy';
import { STATUS_ORDER } from '../../renderer/format/status-labels';
import { formatAge, formatBytes, formatDay, formatDuration, formatHistoryDay, formatIn, historyDay } from '../../renderer/format/time-format';
import { HOME, navigate } from '../../renderer/navigation';

describe('shared vocabulary', () => {
  it('names Cove session statuses in Cove\'s words, unknown codes included', () => {
    expect(sessionStatusName(null)).toBe('No backup');
    expect(sessionStatusName(8)).toBe('Completed with errors');
    expect(sessionStatusName(42)).toBe('Unknown status 42');
  });

  it('orders statuses worst first, as the reports do', () => {
    expect(STATUS_ORDER).toEqual(['failed', 'stale', 'warning', 'unknown', 'never', 'running', 'ok']);
  });
});

describe('content security policy', () => {
  it('is the policy the Electron protocol handler sends', () => {
    expect(contentSecurityPolicy({ asHeader: true })).toBe(CONTENT_SECURITY_POLICY);
  });

  it('allows the page no network and no inline code or styles', () => {
    const policy = contentSecurityPolicy();
    expect(policy).toContain("connect-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    // frame-ancestors is ignored (with a console warning) in a <meta> tag.
    expect(policy).not.toContain('frame-ancestors');
    expect(contentSecurityPolicy({ connectSelf: true })).toContain("connect-src 'self'");
  });
});

describe('formatting', () => {
  const now = Date.parse('2026-12-03T14:05:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it('says how old something is', () => {
    expect(formatAge(null, now)).toBe('never');
    expect(formatAge(ago(20_000), now)).toBe('just now');
    expect(formatAge(ago(12 * 60_000), now)).toBe('12 min ago');
    expect(formatAge(ago(5 * 3_600_000), now)).toBe('5 h ago');
    expect(formatAge(ago(47 * 3_600_000), now)).toBe('47 h ago');
    expect(formatAge(ago(3 * 86_400_000 + 1000), now)).toBe('3 d ago');
  });

  it('says when something is due', () => {
    expect(formatIn(ago(-2_000), now)).toBe('now');
    expect(formatIn(ago(-25_000), now)).toBe('in 25 s');
    expect(formatIn(ago(-4 * 60_000), now)).toBe('in 4 min');
    expect(formatIn(ago(-65 * 60_000), now)).toBe('in 1 h 5 min');
    expect(formatIn(ago(-120 * 60_000), now)).toBe('in 2 h');
  });

  it('formats sizes and durations', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_250_000)).toBe('1.3 MB');
    expect(formatBytes(496e9)).toBe('496 GB');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe('3 h 05 min');
  });

  it('ends the 28-day bar today in UTC, as the cache reads it', () => {
    expect(historyDay(27, 28, now).toISOString()).toBe(`${new Date(now).toISOString().slice(0, 10)}T00:00:00.000Z`);
    const first = historyDay(0, 28, now);
    expect(Math.round((historyDay(27, 28, now).getTime() - first.getTime()) / 86_400_000)).toBe(27);
  });

  it.each(['America/New_York', 'Pacific/Auckland', 'UTC'])('names a bar day and a backfilled run the same in %s', (zone) => {
    const saved = process.env.TZ;
    process.env.TZ = zone;
    try {
      // 02:00 UTC on Thursday 3 December: still Wednesday evening in New York, Thursday afternoon in Auckland.
      const early = Date.parse('2026-12-03T02:00:00Z');
      expect(formatHistoryDay(historyDay(27, 28, early))).toMatch(/Thu.*3/);
      // The cache stores that day's backfilled run at its UTC midnight; the run history names it alike.
      expect(formatDay('2026-12-03T00:00:00.000Z', early)).toBe(formatHistoryDay(historyDay(27, 28, early)));
      expect(formatDay('2025-12-31T00:00:00.000Z', early)).toMatch(/31.*2025/);
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe('navigation', () => {
  it('stacks pages so Esc walks back', () => {
    let stack = [HOME];
    stack = navigate(stack, { type: 'push', route: { page: 'customer', customerId: 1 } });
    stack = navigate(stack, { type: 'push', route: { page: 'customer', customerId: 1 } });
    expect(stack).toHaveLength(2);
    stack = navigate(stack, { type: 'back' });
    stack = navigate(stack, { type: 'back' });
    expect(stack).toEqual([HOME]);
  });

  it('rebuilds the path for a notification click', () => {
    expect(navigate([HOME], { type: 'navigate', customerId: 7, deviceId: 9 })).toEqual([
      HOME,
      { page: 'customer', customerId: 7 },
      { page: 'device', customerId: 7, deviceId: 9 },
    ]);
    expect(navigate([HOME], { type: 'navigate', customerId: null, deviceId: null })).toEqual([HOME]);
  });
});
