/**
 * When to notify: pure rules over the last notified state (per device and data source), the
 * current report and the poll result. Transition-only: a fact the technician was already told
 * about stays silent, across polls and across restarts, because the notified state is the input.
 */
import { TOTAL } from '../cove/column-codes';
import type { BackupStatus } from '../monitor/backup-status';
import type { FleetReport } from '../monitor/fleet-report';
import type { PollResult } from '../monitor/poll-cycle';
import type { ConnectionEvent, DeviceEvent, PollProblemKind } from './notification-types';

const HOUR_SECONDS = 3600;

/** The states worth a notification. */
export const PROBLEM_KINDS = ['failed', 'stale', 'never'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

const PROBLEM_RANK: Record<ProblemKind, number> = { never: 1, stale: 2, failed: 3 };

export interface NotificationRuleSettings {
  /** Notify a problem only once it was seen on two consecutive (successful) polls. */
  flapControl: boolean;
  /** Consecutive failed sessions after which a failure escalates to a critical notification. */
  escalateAfterFailures: number;
  /** A device that never backed up is a problem only this long after it was first seen. */
  onboardingGraceHours: number;
}

export const DEFAULT_RULE_SETTINGS: NotificationRuleSettings = {
  flapControl: false,
  escalateAfterFailures: 3,
  onboardingGraceHours: 48,
};

/** What a status means for notifications: a problem, good (ends a problem), or no news either way. */
export type Verdict = ProblemKind | 'good' | 'hold';

export function classifyStatus(status: BackupStatus, firstSeenAt: number, now: number, graceHours: number): Verdict {
  switch (status) {
    case 'failed':
    case 'stale':
      return status;
    case 'never':
      return now - firstSeenAt >= graceHours * HOUR_SECONDS ? 'never' : 'hold';
    case 'ok':
    case 'warning': // a completed session (with errors) ends a failure; warnings themselves are not notified
      return 'good';
    case 'running': // a retry in progress says nothing yet: keep the last verdict until it ends
    case 'unknown':
      return 'hold';
  }
}

/** The remembered state of one device (its Total, code D09) or one of its data sources. */
export interface SubjectState {
  deviceId: number;
  code: string;
  /** When the engine (or, for the Total, the cache) first saw it: the start of its onboarding grace. */
  firstSeenAt: number;
  /** The status at the last evaluated poll. */
  observed: BackupStatus | null;
  /** A problem seen once and waiting for a second poll (flap control). */
  pending: ProblemKind | null;
  pendingSince: number | null;
  /** The problem the technician was told about (or that was consumed while muted); null = nothing outstanding. */
  notified: ProblemKind | null;
  problemSince: number | null;
  /** The escalation for the current failure was sent. */
  escalated: boolean;
}

export function subjectKey(deviceId: number, code: string): string {
  return `${deviceId}:${code}`;
}

export type SubjectChange =
  | { type: 'enter'; kind: ProblemKind }
  | { type: 'escalate'; failures: number }
  | { type: 'recover' }
  | null;

export interface SubjectContext {
  now: number;
  firstSeenAt: number;
  settings: NotificationRuleSettings;
  /** Consecutive failed sessions, newest first; only asked when an escalation is possible. */
  consecutiveFailures: () => number;
}

function freshState(deviceId: number, code: string, firstSeenAt: number): SubjectState {
  return { deviceId, code, firstSeenAt, observed: null, pending: null, pendingSince: null, notified: null, problemSince: null, escalated: false };
}

/** One subject, one poll. Returns its next state and what (if anything) to tell. */
export function stepSubject(previous: SubjectState, status: BackupStatus, context: SubjectContext): { next: SubjectState; change: SubjectChange } {
  const { now, settings } = context;
  const next: SubjectState = { ...previous, firstSeenAt: context.firstSeenAt, observed: status };
  const verdict = classifyStatus(status, context.firstSeenAt, now, settings.onboardingGraceHours);

  if (verdict === 'hold') return { next, change: null };

  if (verdict === 'good') {
    next.pending = null;
    next.pendingSince = null;
    if (previous.notified === null) return { next, change: null }; // a blip nobody was told about stays silent
    next.notified = null;
    next.problemSince = null;
    next.escalated = false;
    return { next, change: { type: 'recover' } };
  }

  const escalation = (): number | null => {
    if (verdict !== 'failed' || next.escalated) return null;
    const failures = context.consecutiveFailures();
    return failures >= settings.escalateAfterFailures ? failures : null;
  };

  if (previous.notified === null) {
    if (settings.flapControl && previous.pending === null) {
      next.pending = verdict;
      next.pendingSince = now;
      return { next, change: null };
    }
    next.notified = verdict;
    next.problemSince = previous.pending !== null ? (previous.pendingSince ?? now) : now;
    next.pending = null;
    next.pendingSince = null;
    next.escalated = false;
    const failures = escalation();
    if (failures !== null) {
      // Already past the threshold (e.g. it failed for days while the app was closed): one critical toast, not two.
      next.escalated = true;
      return { next, change: { type: 'escalate', failures } };
    }
    return { next, change: { type: 'enter', kind: verdict } };
  }

  if (PROBLEM_RANK[verdict] > PROBLEM_RANK[previous.notified]) {
    // Worse than what was told (stale → failed, never → failed): a new problem.
    next.notified = verdict;
    next.problemSince = now;
    next.escalated = false;
    const failures = escalation();
    if (failures !== null) {
      next.escalated = true;
      return { next, change: { type: 'escalate', failures } };
    }
    return { next, change: { type: 'enter', kind: verdict } };
  }
  if (PROBLEM_RANK[verdict] < PROBLEM_RANK[previous.notified]) {
    // Milder than what was told (failed → stale): still a problem, nothing new to say.
    next.notified = verdict;
    next.escalated = false;
    return { next, change: null };
  }
  const failures = escalation();
  if (failures !== null) {
    next.escalated = true;
    return { next, change: { type: 'escalate', failures } };
  }
  return { next, change: null };
}

export interface FleetEvaluationInput {
  report: FleetReport;
  /** Remembered subject states, keyed by `subjectKey`. */
  previous: ReadonlyMap<string, SubjectState>;
  /** Device id → first seen by the cache (Unix seconds). */
  deviceFirstSeen: ReadonlyMap<number, number>;
  consecutiveFailures: (deviceId: number, code: string) => number;
  now: number;
  settings: NotificationRuleSettings;
}

export interface DeviceInfo {
  id: number;
  name: string;
  customerId: number;
  customerName: string;
}

export interface FleetEvaluation {
  events: DeviceEvent[];
  /** Subjects whose state changed (to be saved). */
  changed: SubjectState[];
  /** Remembered subjects that left the report (device removed, data source dropped): forgotten silently. */
  removed: SubjectState[];
  /** Every device in the report. */
  devices: Map<number, DeviceInfo>;
  /** Devices with a notified problem after this poll. */
  problemDevices: Set<number>;
  /** Devices whose last notified problem ended in this poll. */
  recoveredDevices: Set<number>;
}

function sameState(a: SubjectState, b: SubjectState): boolean {
  return (
    a.firstSeenAt === b.firstSeenAt && a.observed === b.observed && a.pending === b.pending && a.pendingSince === b.pendingSince &&
    a.notified === b.notified && a.problemSince === b.problemSince && a.escalated === b.escalated
  );
}

/** Every device and data source in the report, one poll. Device-level events merge the subjects' changes. */
export function evaluateFleet(input: FleetEvaluationInput): FleetEvaluation {
  const { report, previous, now, settings } = input;
  const result: FleetEvaluation = { events: [], changed: [], removed: [], devices: new Map(), problemDevices: new Set(), recoveredDevices: new Set() };
  const seen = new Set<string>();

  for (const customer of report.customers) {
    for (const device of customer.devices) {
      result.devices.set(device.id, { id: device.id, name: device.name, customerId: customer.id, customerName: customer.name });
      const deviceFirstSeen = input.deviceFirstSeen.get(device.id);
      const subjects = [
        { code: TOTAL, name: null as string | null, status: device.status },
        ...device.dataSources.filter((ds) => ds.code !== TOTAL).map((ds) => ({ code: ds.code, name: ds.name as string | null, status: ds.status })),
      ];
      let wasProblem = false;
      let isProblem = false;
      let anyRecovered = false;
      const entered: { kind: ProblemKind; name: string | null }[] = [];
      const escalated: { failures: number; name: string | null; since: number }[] = [];

      for (const subject of subjects) {
        const key = subjectKey(device.id, subject.code);
        seen.add(key);
        const before = previous.get(key);
        // The Total's grace starts when the cache first saw the device; a data source's when it appeared.
        const firstSeenAt =
          subject.code === TOTAL
            ? (deviceFirstSeen ?? before?.firstSeenAt ?? now)
            : Math.max(deviceFirstSeen ?? 0, before?.firstSeenAt ?? now);
        const prior = before ?? freshState(device.id, subject.code, firstSeenAt);
        const { next, change } = stepSubject(prior, subject.status, {
          now,
          firstSeenAt,
          settings,
          consecutiveFailures: () => input.consecutiveFailures(device.id, subject.code),
        });
        if (!before || !sameState(before, next)) result.changed.push(next);
        if (prior.notified !== null) wasProblem = true;
        if (next.notified !== null) isProblem = true;
        if (change?.type === 'recover') anyRecovered = true;
        if (change?.type === 'enter') entered.push({ kind: change.kind, name: subject.name });
        if (change?.type === 'escalate') escalated.push({ failures: change.failures, name: subject.name, since: next.problemSince ?? now });
      }

      const base = { deviceId: device.id, deviceName: device.name, customerId: customer.id, customerName: customer.name, hadProblem: wasProblem };
      if (isProblem) result.problemDevices.add(device.id);
      if (escalated.length > 0) {
        result.events.push({
          ...base,
          category: 'escalated',
          sources: namesOf(escalated),
          failures: Math.max(...escalated.map((e) => e.failures)),
          since: Math.min(...escalated.map((e) => e.since)),
        });
      } else if (entered.length > 0) {
        const worst = entered.reduce((a, b) => (PROBLEM_RANK[b.kind] > PROBLEM_RANK[a.kind] ? b : a)).kind;
        result.events.push({ ...base, category: worst, sources: namesOf(entered.filter((e) => e.kind === worst)), since: now });
      } else if (wasProblem && !isProblem && anyRecovered) {
        // Only when nothing the technician was told about is still wrong: no "fixed" while half broken.
        result.recoveredDevices.add(device.id);
        result.events.push({ ...base, category: 'recovered', sources: [], since: now });
      }
    }
  }

  for (const [key, state] of previous) if (!seen.has(key)) result.removed.push(state);
  return result;
}

function namesOf(items: { name: string | null }[]): string[] {
  return [...new Set(items.map((i) => i.name).filter((n): n is string => n !== null))];
}

/** Consecutive failed sessions, newest first; running sessions are skipped, anything else ends the streak. */
export function countConsecutiveFailures(statuses: readonly BackupStatus[]): number {
  let count = 0;
  for (const status of statuses) {
    if (status === 'running') continue;
    if (status !== 'failed') break;
    count++;
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// The poll itself: "we cannot see" is a state of its own (never silently green).

export interface ConnectionState {
  /** First failed poll of the current outage. */
  failingSince: number | null;
  failingKind: PollProblemKind | null;
  /** The outage kind the technician was told about. */
  notifiedKind: PollProblemKind | null;
}

export const HEALTHY_CONNECTION: ConnectionState = { failingSince: null, failingKind: null, notifiedKind: null };

/** Kinds in one group are the same news: unreachable → protocol is still "Cove is down". */
export function connectionGroup(kind: PollProblemKind): 'access' | 'connection' | 'storage' {
  switch (kind) {
    case 'credentials':
    case 'permission':
    case 'configuration':
      return 'access';
    case 'storage':
      return 'storage';
    default:
      return 'connection';
  }
}

/**
 * Access and storage problems need the technician now; transport problems often fix themselves,
 * so they are told only once the outage has lasted two poll intervals (normally the third failed
 * poll in a row; counted from the first failed poll, so the outage really is longer than that).
 */
export function evaluateConnection(previous: ConnectionState, poll: PollResult, pollIntervalSeconds: number): { next: ConnectionState; event: ConnectionEvent | null } {
  if (poll.ok) {
    const event: ConnectionEvent | null = previous.notifiedKind
      ? { category: 'connection-restored', kind: previous.notifiedKind, since: previous.failingSince ?? poll.at, hadProblem: true }
      : null;
    return { next: HEALTHY_CONNECTION, event };
  }
  const kind = poll.kind;
  const since = previous.failingSince ?? poll.at;
  const due = connectionGroup(kind) !== 'connection' || poll.at - since >= 2 * pollIntervalSeconds;
  const alreadyTold = previous.notifiedKind !== null && connectionGroup(previous.notifiedKind) === connectionGroup(kind);
  if (due && !alreadyTold) {
    const problem = poll.error.problem;
    return { next: { failingSince: since, failingKind: kind, notifiedKind: kind }, event: { category: 'connection-lost', kind, problem, since, hadProblem: previous.notifiedKind !== null } };
  }
  return { next: { failingSince: since, failingKind: kind, notifiedKind: previous.notifiedKind }, event: null };
}
