import { describe, expect, it } from 'vitest';
import type { BackupStatus } from '../../main/monitor/backup-status';
import type { PollResult } from '../../main/monitor/poll-cycle';
import { CoveError } from '../../main/cove/cove-errors';
import {
  type ConnectionState,
  DEFAULT_RULE_SETTINGS,
  HEALTHY_CONNECTION,
  type SubjectState,
  classifyStatus,
  countConsecutiveFailures,
  evaluateConnection,
  evaluateFleet,
  stepSubject,
  subjectKey,
} from '../../main/notify/notification-rules';
import { report, simpleReport } from './report-builders';

const NOW = 1_780_000_000;
const HOUR = 3600;

function subject(overrides: Partial<SubjectState> = {}): SubjectState {
  return { deviceId: 1, code: 'D09', firstSeenAt: NOW - 100 * HOUR, observed: null, pending: null, pendingSince: null, notified: null, problemSince: null, escalated: false, ...overrides };
}

describe('classifyStatus', () => {
  it.each<[BackupStatus, number, string]>([
    ['failed', 0, 'failed'],
    ['stale', 0, 'stale'],
    ['ok', 0, 'good'],
    ['warning', 0, 'good'], // completed with errors ends a failure; it is not itself notified
    ['running', 0, 'hold'], // a retry in progress tells nothing yet
    ['unknown', 0, 'hold'],
    ['never', 47, 'hold'], // inside the 48 h onboarding grace
    ['never', 48, 'never'],
    ['never', 500, 'never'],
  ])('%s, first seen %i h ago → %s', (status, hoursAgo, verdict) => {
    expect(classifyStatus(status, NOW - hoursAgo * HOUR, NOW, 48)).toBe(verdict);
  });
});

describe('stepSubject', () => {
  const cases: {
    name: string;
    before: Partial<SubjectState>;
    status: BackupStatus;
    flap?: boolean;
    failures?: number;
    change: unknown;
    after: Partial<SubjectState>;
  }[] = [
    { name: 'ok stays silent', before: {}, status: 'ok', change: null, after: { notified: null } },
    { name: 'entering failed notifies', before: {}, status: 'failed', change: { type: 'enter', kind: 'failed' }, after: { notified: 'failed', problemSince: NOW } },
    { name: 'entering stale notifies', before: {}, status: 'stale', change: { type: 'enter', kind: 'stale' }, after: { notified: 'stale' } },
    { name: 'still failing is silent', before: { notified: 'failed', problemSince: NOW - HOUR }, status: 'failed', failures: 2, change: null, after: { notified: 'failed', problemSince: NOW - HOUR } },
    { name: 'recovery of a notified failure', before: { notified: 'failed', problemSince: NOW - HOUR, escalated: true }, status: 'ok', change: { type: 'recover' }, after: { notified: null, escalated: false, problemSince: null } },
    { name: 'completed with errors is a recovery', before: { notified: 'failed' }, status: 'warning', change: { type: 'recover' }, after: { notified: null } },
    { name: 'a running retry keeps the failure', before: { notified: 'failed', problemSince: NOW - HOUR }, status: 'running', change: null, after: { notified: 'failed', observed: 'running' } },
    { name: 'stale → failed is new news', before: { notified: 'stale', problemSince: NOW - 9 * HOUR }, status: 'failed', change: { type: 'enter', kind: 'failed' }, after: { notified: 'failed', problemSince: NOW } },
    { name: 'never → failed is new news', before: { notified: 'never' }, status: 'failed', change: { type: 'enter', kind: 'failed' }, after: { notified: 'failed' } },
    { name: 'failed → stale is silent', before: { notified: 'failed', escalated: true }, status: 'stale', change: null, after: { notified: 'stale', escalated: false } },
    { name: 'escalates at the threshold', before: { notified: 'failed', problemSince: NOW - HOUR }, status: 'failed', failures: 3, change: { type: 'escalate', failures: 3 }, after: { escalated: true, problemSince: NOW - HOUR } },
    { name: 'escalates once', before: { notified: 'failed', escalated: true }, status: 'failed', failures: 4, change: null, after: { escalated: true } },
    { name: 'enters already past the threshold: one critical', before: {}, status: 'failed', failures: 5, change: { type: 'escalate', failures: 5 }, after: { notified: 'failed', escalated: true } },
    { name: 'stale never escalates', before: { notified: 'stale' }, status: 'stale', failures: 9, change: null, after: { escalated: false } },
    { name: 'flap control: first sight waits', before: {}, status: 'failed', flap: true, change: null, after: { pending: 'failed', pendingSince: NOW, notified: null } },
    { name: 'flap control: second poll confirms', before: { pending: 'failed', pendingSince: NOW - 300 }, status: 'failed', flap: true, change: { type: 'enter', kind: 'failed' }, after: { pending: null, notified: 'failed', problemSince: NOW - 300 } },
    { name: 'flap control: a blip clears silently', before: { pending: 'failed', pendingSince: NOW - 300 }, status: 'ok', flap: true, change: null, after: { pending: null, notified: null } },
    { name: 'flap control: a running retry keeps it pending', before: { pending: 'failed', pendingSince: NOW - 300 }, status: 'running', flap: true, change: null, after: { pending: 'failed' } },
    { name: 'never inside the grace is silent', before: { firstSeenAt: NOW - HOUR }, status: 'never', change: null, after: { notified: null } },
  ];

  it.each(cases)('$name', ({ before, status, flap, failures, change, after }) => {
    const prior = subject(before);
    let asked = 0;
    const result = stepSubject(prior, status, {
      now: NOW,
      firstSeenAt: prior.firstSeenAt,
      settings: { ...DEFAULT_RULE_SETTINGS, flapControl: flap ?? false },
      consecutiveFailures: () => {
        asked++;
        return failures ?? 1;
      },
    });
    expect(result.change).toEqual(change);
    expect(result.next).toMatchObject({ observed: status, ...after });
    if (status !== 'failed') expect(asked).toBe(0); // the runs table is only read when an escalation is possible
  });
});

describe('countConsecutiveFailures', () => {
  it.each<[BackupStatus[], number]>([
    [[], 0],
    [['ok', 'failed', 'failed'], 0],
    [['failed', 'failed', 'ok', 'failed'], 2],
    [['running', 'failed', 'failed', 'failed'], 3],
    [['failed', 'warning', 'failed'], 1],
  ])('%j → %i', (statuses, count) => expect(countConsecutiveFailures(statuses)).toBe(count));
});

describe('evaluateFleet', () => {
  const settings = DEFAULT_RULE_SETTINGS;
  const firstSeen = new Map([[1, NOW - 100 * HOUR], [2, NOW - 100 * HOUR], [3, NOW - HOUR]]);
  const run = (r: ReturnType<typeof report>, previous = new Map<string, SubjectState>(), failures = 1) =>
    evaluateFleet({ report: r, previous, deviceFirstSeen: firstSeen, consecutiveFailures: () => failures, now: NOW, settings });
  const remember = (evaluation: ReturnType<typeof run>, previous = new Map<string, SubjectState>()) => {
    const next = new Map(previous);
    for (const s of evaluation.changed) next.set(subjectKey(s.deviceId, s.code), s);
    for (const s of evaluation.removed) next.delete(subjectKey(s.deviceId, s.code));
    return next;
  };

  it('merges a device and its failing data sources into one event naming the sources', () => {
    const r = report([{ id: 7, name: 'Acme', devices: [{ id: 1, name: 'FS01', status: 'failed', sources: { D01: 'failed', D02: 'ok' } }] }]);
    const result = run(r);
    expect(result.events).toEqual([
      { category: 'failed', deviceId: 1, deviceName: 'FS01', customerId: 7, customerName: 'Acme', sources: ['Files and Folders'], since: NOW, hadProblem: false },
    ]);
    expect(result.problemDevices).toEqual(new Set([1]));
    // Unchanged facts the next time: silent.
    expect(run(r, remember(result)).events).toEqual([]);
  });

  it('says "recovered" only when everything that was told about is fine again', () => {
    const failing = report([{ id: 7, name: 'Acme', devices: [{ id: 1, status: 'failed', sources: { D01: 'failed', D02: 'failed' } }] }]);
    const state = remember(run(failing));
    const half = report([{ id: 7, name: 'Acme', devices: [{ id: 1, status: 'failed', sources: { D01: 'ok', D02: 'failed' } }] }]);
    const halfResult = run(half, state);
    expect(halfResult.events).toEqual([]);
    const fine = report([{ id: 7, name: 'Acme', devices: [{ id: 1, status: 'ok', sources: { D01: 'ok', D02: 'ok' } }] }]);
    const fineResult = run(fine, remember(halfResult, state));
    expect(fineResult.events.map((e) => e.category)).toEqual(['recovered']);
    expect(fineResult.recoveredDevices).toEqual(new Set([1]));
  });

  it('a second data source failing on an already failing device is news', () => {
    const one = report([{ id: 7, name: 'Acme', devices: [{ id: 1, status: 'failed', sources: { D01: 'failed', D02: 'ok' } }] }]);
    const state = remember(run(one));
    const two = report([{ id: 7, name: 'Acme', devices: [{ id: 1, status: 'failed', sources: { D01: 'failed', D02: 'failed' } }] }]);
    expect(run(two, state).events).toMatchObject([{ category: 'failed', sources: ['System State'], hadProblem: true }]);
  });

  it('escalation wins over entering, and carries the longest streak', () => {
    const r = report([{ id: 7, name: 'Acme', devices: [{ id: 1, status: 'failed', sources: { D01: 'failed' } }] }]);
    expect(run(r, new Map(), 4).events).toMatchObject([{ category: 'escalated', failures: 4, sources: ['Files and Folders'] }]);
  });

  it('a device that never backed up is a problem only after its onboarding grace', () => {
    const r = simpleReport({ 2: 'never', 3: 'never' });
    expect(run(r).events.map((e) => [e.deviceId, e.category])).toEqual([[2, 'never']]);
  });

  it('forgets devices and data sources that left Cove, silently', () => {
    const state = remember(run(simpleReport({ 1: 'failed', 2: 'failed' })));
    const result = run(simpleReport({ 1: 'failed' }), state);
    expect(result.events).toEqual([]);
    expect(result.removed.map((s) => subjectKey(s.deviceId, s.code)).sort()).toEqual(['2:D01', '2:D09']);
  });

  it('writes only subjects whose state changed', () => {
    const r = simpleReport({ 1: 'ok', 2: 'failed' });
    const state = remember(run(r));
    expect(run(r, state).changed).toEqual([]);
  });
});

describe('evaluateConnection', () => {
  const INTERVAL = 300;
  const ok = (at: number): PollResult => ({ ok: true, at, durationMs: 5, calls: 4, applied: { devices: 1, newRuns: 0, newDevices: 0, removedDevices: 0, renamedDevices: 0 }, unreadableRows: 0, unreadableReason: null });
  const failed = (at: number, kind: 'credentials' | 'unreachable' | 'protocol'): PollResult => ({
    ok: false,
    at,
    durationMs: 5,
    calls: 1,
    kind,
    error: new CoveError(kind, `problem ${kind}`, 'fix'),
  });
  const sequence = (polls: PollResult[]) => {
    let state: ConnectionState = HEALTHY_CONNECTION;
    return polls.map((p) => {
      const { next, event } = evaluateConnection(state, p, INTERVAL);
      state = next;
      return event ? `${event.category}:${event.kind}` : '-';
    });
  };

  it.each<[string, PollResult[], string[]]>([
    ['credentials: told at once, recovery once', [failed(0, 'credentials'), failed(300, 'credentials'), ok(600), ok(900)], ['connection-lost:credentials', '-', 'connection-restored:credentials', '-']],
    ['unreachable: told once it lasted two intervals', [failed(0, 'unreachable'), failed(300, 'unreachable'), failed(600, 'unreachable'), failed(900, 'unreachable'), ok(1200)], ['-', '-', 'connection-lost:unreachable', '-', 'connection-restored:unreachable']],
    ['a short outage is not told, nor its end', [failed(0, 'unreachable'), failed(300, 'unreachable'), ok(600)], ['-', '-', '-']],
    ['unreachable → protocol is the same news', [failed(0, 'unreachable'), failed(600, 'protocol'), failed(900, 'unreachable')], ['-', 'connection-lost:protocol', '-']],
    ['unreachable → credentials is new news', [failed(0, 'unreachable'), failed(600, 'unreachable'), failed(900, 'credentials'), ok(1200)], ['-', 'connection-lost:unreachable', 'connection-lost:credentials', 'connection-restored:credentials']],
  ])('%s', (_name, polls, expected) => {
    expect(sequence(polls)).toEqual(expected);
  });

  it('carries the plain-words cause', () => {
    expect(evaluateConnection(HEALTHY_CONNECTION, failed(0, 'credentials'), INTERVAL).event).toEqual({
      category: 'connection-lost',
      kind: 'credentials',
      problem: 'problem credentials',
      since: 0,
      hadProblem: false,
    });
  });
});
