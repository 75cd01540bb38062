import { describe, expect, it } from 'vitest';
import { DEFAULT_STALE_THRESHOLDS, type BackupStatus, type DeviceKind } from '../../main/monitor/backup-status';
import { deviceKind, isStale, judge, statusFromCoveCode, worstStatus } from '../../main/monitor/status-rules';

const NOW = 1_780_000_000;
const HOUR = 3600;

describe('statusFromCoveCode', () => {
  it.each<[number | null, BackupStatus]>([
    [5, 'ok'],
    [8, 'warning'],
    [12, 'warning'],
    [2, 'failed'],
    [3, 'failed'],
    [6, 'failed'],
    [7, 'failed'],
    [10, 'failed'],
    [11, 'failed'],
    [1, 'running'],
    [9, 'running'],
    [0, 'never'],
    [null, 'never'],
    [4, 'unknown'],
    [13, 'unknown'],
    [99, 'unknown'],
  ])('Cove status %s is %s', (code, expected) => {
    expect(statusFromCoveCode(code)).toBe(expected);
  });
});

describe('judge (status with the stale rule)', () => {
  it.each<[string, number | null, number | null, DeviceKind, BackupStatus]>([
    ['server ok within 24 h', 5, NOW - 23 * HOUR, 'server', 'ok'],
    ['server ok but last success 25 h ago', 5, NOW - 25 * HOUR, 'server', 'stale'],
    ['workstation 48 h ago is fine', 5, NOW - 48 * HOUR, 'workstation', 'ok'],
    ['workstation 73 h ago is stale', 5, NOW - 73 * HOUR, 'workstation', 'stale'],
    ['m365 25 h ago is stale', 5, NOW - 25 * HOUR, 'm365', 'stale'],
    ['a failure stays a failure however old the last success', 2, NOW - 500 * HOUR, 'server', 'failed'],
    ['warning with an old success is stale', 8, NOW - 30 * HOUR, 'server', 'stale'],
    ['running with an old success is stale', 1, NOW - 30 * HOUR, 'server', 'stale'],
    ['no success at all is never, not stale', null, null, 'server', 'never'],
    ['running for the first time', 1, null, 'server', 'running'],
    ['unknown code, recent success', 42, NOW - HOUR, 'server', 'unknown'],
    ['unknown kind uses its own threshold', 5, NOW - 25 * HOUR, 'unknown', 'stale'],
  ])('%s', (_name, coveStatus, lastSuccessAt, kind, expected) => {
    expect(judge({ coveStatus, lastSuccessAt }, kind, NOW, DEFAULT_STALE_THRESHOLDS)).toBe(expected);
  });

  it('honours configured thresholds', () => {
    const thresholds = { ...DEFAULT_STALE_THRESHOLDS, server: 48 };
    expect(isStale({ coveStatus: 5, lastSuccessAt: NOW - 30 * HOUR }, 'server', NOW, thresholds)).toBe(false);
    expect(isStale({ coveStatus: 5, lastSuccessAt: NOW - 49 * HOUR }, 'server', NOW, thresholds)).toBe(true);
  });
});

describe('worstStatus', () => {
  it.each<[BackupStatus[], BackupStatus]>([
    [['ok', 'running', 'never', 'unknown', 'warning', 'stale', 'failed'], 'failed'],
    [['ok', 'stale', 'warning'], 'stale'],
    [['ok', 'warning', 'unknown'], 'warning'],
    [['never', 'unknown'], 'unknown'],
    [['running', 'never'], 'never'],
    [['ok', 'running'], 'running'],
    [['ok'], 'ok'],
    [[], 'never'],
  ])('worst of %j is %s', (statuses, expected) => {
    expect(worstStatus(statuses)).toBe(expected);
  });
});

describe('deviceKind', () => {
  it.each<[number | null, number | null, string[], DeviceKind]>([
    [2, 1, ['D01', 'D02'], 'server'],
    [1, 1, ['D01'], 'workstation'],
    [0, 2, ['D19', 'D20', 'D05', 'D23'], 'm365'],
    [null, 2, [], 'm365'],
    [null, null, ['D19', 'D20'], 'm365'],
    [0, 1, [], 'unknown'],
    [null, null, ['D01'], 'unknown'],
    [null, null, [], 'unknown'],
  ])('OT %s, AT %s, sources %j → %s', (osType, accountType, sources, expected) => {
    expect(deviceKind(osType, accountType, sources)).toBe(expected);
  });
});
