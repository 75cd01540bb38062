/**
 * Derives a device's backup state at an instant from its spec, the seed and scripted overrides.
 * Sessions follow the device's schedule; each outcome is a pure function of
 * (seed, AccountId, session index), so the state is reproducible and moves as the clock moves.
 */
import {
  COLOR_BAR_DAYS,
  DAY_MS,
  DEVICE_WIDE_STATUSES,
  OUTCOME_WEIGHTS,
  STATUS_SEVERITY,
  SUCCESS_STATUSES,
  toUnixSeconds,
  utcDay,
  type DeviceSpec,
  type ExtraSession,
  type HealthProfile,
  type OutcomeOverride,
} from './fleet-model';
import { TOTAL } from '../cove/column-codes';
import { hash4, unit4 } from './seeded-random';

/** Ground truth for one data source (or the Total, `D09`); `null` = Cove omits that column. */
export interface SimDataSourceState {
  dataSource: string;
  /** F00, Cove's session status code; 1 or 9 while a session runs. */
  coveStatus: number | null;
  /** F06 */
  errors: number | null;
  running: boolean;
  /** F15, unix seconds (session start). */
  lastSessionAt: number | null;
  /** F09, unix seconds: start of the last session that ended 5 or 8 (0 if none did). */
  lastSuccessAt: number | null;
  /** F16 */
  lastSuccessStatus: number | null;
  /** F18 */
  lastCompletedAt: number | null;
  /** F17 */
  lastCompletedStatus: number | null;
  /** F12, of the last finished session. */
  durationSeconds: number | null;
  /** F08: 28 digits, oldest day first, '0' = no session that day. */
  colorBar: string | null;
  /** F01, F02, F03, F04, F05, F07: of the last finished session. */
  selectedItems: number | null;
  processedItems: number | null;
  selectedBytes: number | null;
  processedBytes: number | null;
  sentBytes: number | null;
  protectedBytes: number | null;
  /** F20 / F21 (M365 only). */
  mailboxes: number | null;
  sharedMailboxes: number | null;
}

export interface DeviceState {
  total: SimDataSourceState;
  /** Aligned with the device's data sources (I78 order). */
  sources: SimDataSourceState[];
  /** I6: unix seconds of the last contact (end of the last session, or creation). */
  lastActivityAt: number;
  /** I14, bytes. */
  usedStorage: number;
}

interface SessionRecord {
  /** Scheduled session index, or null for an extra session. */
  index: number | null;
  /** Hash key: the index, or a value derived from the start minute for extra sessions. */
  key: number;
  startMs: number;
  endMs: number;
  extra: ExtraSession | null;
  /** Memoised outcome, filled by HistoryScan. */
  result?: SessionResult;
}

interface SessionResult extends Outcome {
  total: number;
  totalErrors: number;
}

const SALT = { skip: 11, jitter: 12, duration: 13, outcome: 14, culprit: 15, errors: 16, size: 100 } as const;
const EXTRA_KEY_BIT = 0x40000000;

/** Scheduled (not skipped) and extra sessions starting within [fromMs, toMs], oldest first. */
function sessionsBetween(spec: DeviceSpec, seed: number, fromMs: number, toMs: number): SessionRecord[] {
  const sessions: SessionRecord[] = [];
  const lo = Math.max(fromMs, spec.createdMs);
  const hi = Math.min(toMs, (spec.removedMs ?? Infinity) - 1);
  const s = spec.schedule;
  const scheduledHi = Math.min(hi, (spec.stoppedMs ?? Infinity) - 1);
  if (s && lo <= scheduledHi) {
    const first = Math.floor((lo - s.offsetMs - s.jitterMs) / s.periodMs);
    const last = Math.floor((scheduledHi - s.offsetMs) / s.periodMs);
    for (let k = first; k <= last; k++) {
      const startMs = k * s.periodMs + s.offsetMs + Math.floor(unit4(seed, spec.accountId, k, SALT.jitter) * s.jitterMs);
      if (startMs < lo || startMs > scheduledHi || isSkipped(spec, seed, k, startMs) || insideExtra(spec, startMs)) continue;
      const endMs = startMs + Math.round(s.durationMs * (0.6 + 0.8 * unit4(seed, spec.accountId, k, SALT.duration)));
      sessions.push({ index: k, key: k, startMs, endMs, extra: null });
    }
  }
  if (spec.extraSessions.length === 0) return sessions;
  for (const extra of spec.extraSessions) {
    if (extra.startMs < lo || extra.startMs > hi) continue;
    const key = EXTRA_KEY_BIT | (Math.floor(extra.startMs / 60_000) & (EXTRA_KEY_BIT - 1));
    sessions.push({ index: null, key, startMs: extra.startMs, endMs: extra.endMs, extra });
  }
  return sessions.sort((a, b) => a.startMs - b.startMs);
}

function isSkipped(spec: DeviceSpec, seed: number, k: number, startMs: number): boolean {
  const s = spec.schedule;
  if (!s || (s.offChance === 0 && s.weekendOffChance === 0)) return false;
  const weekday = (utcDay(startMs) + 4) % 7; // 1970-01-01 was a Thursday
  const chance = weekday === 0 || weekday === 6 ? s.offChance + s.weekendOffChance : s.offChance;
  return unit4(seed, spec.accountId, k, SALT.skip) < chance;
}

/** A device does not start its scheduled backup while another (long) session is still running. */
function insideExtra(spec: DeviceSpec, startMs: number): boolean {
  return spec.extraSessions.some((e) => startMs >= e.startMs && startMs < e.endMs);
}

function sessionResult(spec: DeviceSpec, seed: number, session: SessionRecord): SessionResult {
  const n = spec.dataSources.length;
  const u = unit4(seed, spec.accountId, session.key, SALT.errors);
  const override = session.extra?.outcome ?? (session.index === null ? undefined : spec.forced.get(session.index));
  if (override && !override.dataSource) {
    return withTotals(spread(n, override.status, override.errors ?? defaultErrors(override.status, u), 0));
  }
  let outcome: Outcome | null = null;
  for (const e of spec.episodes) {
    if (session.startMs < e.fromMs || session.startMs >= e.toMs) continue;
    // Later episodes win; a device-wide one replaces whatever came before it.
    if (e.dataSource) setSource(spec, (outcome ??= natural(spec, seed, session, drawStatus(spec, seed, session.key), u)), e, u);
    else outcome = natural(spec, seed, session, e.status, u);
  }
  if (!outcome) {
    const status = drawStatus(spec, seed, session.key);
    // Most sessions simply complete: share one result instead of allocating (20,000-device fleets).
    if (status === 5 && !override) return allCompleted(n);
    outcome = natural(spec, seed, session, status, u);
  }
  if (override) setSource(spec, outcome, override, u);
  return withTotals(outcome);
}

/** An unscripted outcome: the failing data source (the "culprit") is drawn per session. */
function natural(spec: DeviceSpec, seed: number, session: SessionRecord, status: number, u: number): Outcome {
  const n = spec.dataSources.length;
  return spread(n, status, defaultErrors(status, u), hash4(seed, spec.accountId, session.key, SALT.culprit) % n);
}

/** Outcome weights as cumulative thresholds in [0, 1], per health profile. */
function cumulative(entries: readonly (readonly [number, number])[]): (readonly [number, number])[] {
  const sum = entries.reduce((total, [, weight]) => total + weight, 0);
  let running = 0;
  return entries.map(([status, weight]) => [status, (running += weight) / sum] as const);
}

const CUMULATIVE_WEIGHTS: Readonly<Record<HealthProfile, readonly (readonly [number, number])[]>> = {
  healthy: cumulative(OUTCOME_WEIGHTS.healthy),
  flaky: cumulative(OUTCOME_WEIGHTS.flaky),
  troubled: cumulative(OUTCOME_WEIGHTS.troubled),
};

function drawStatus(spec: DeviceSpec, seed: number, key: number): number {
  const u = unit4(seed, spec.accountId, key, SALT.outcome);
  const entries = CUMULATIVE_WEIGHTS[spec.health];
  for (const [status, threshold] of entries) if (u < threshold) return status;
  return entries[entries.length - 1][0];
}

const ALL_COMPLETED: SessionResult[] = [];

function allCompleted(n: number): SessionResult {
  ALL_COMPLETED[n] ??= { statuses: new Array<number>(n).fill(5), errors: new Array<number>(n).fill(0), total: 5, totalErrors: 0 };
  return ALL_COMPLETED[n];
}

function withTotals({ statuses, errors }: Outcome): SessionResult {
  let totalErrors = 0;
  for (const e of errors) totalErrors += e;
  return { statuses, errors, total: worstStatus(statuses), totalErrors };
}

/** Per data source, aligned with the device's data sources. */
interface Outcome {
  statuses: number[];
  errors: number[];
}

/** Device-wide outcomes hit every data source; others hit one "culprit" while the rest complete. */
function spread(n: number, status: number, errors: number, culprit: number): Outcome {
  const statuses = new Array<number>(n).fill(DEVICE_WIDE_STATUSES.has(status) ? status : 5);
  const errorCounts = new Array<number>(n).fill(0);
  statuses[culprit] = status;
  errorCounts[culprit] = errors;
  return { statuses, errors: errorCounts };
}

function setSource(spec: DeviceSpec, outcome: Outcome, o: OutcomeOverride, u: number): void {
  const i = spec.dataSources.indexOf(o.dataSource ?? '');
  if (i < 0) return;
  outcome.statuses[i] = o.status;
  outcome.errors[i] = o.errors ?? defaultErrors(o.status, u);
}

function defaultErrors(status: number, u: number): number {
  switch (status) {
    case 8:
      return 1 + Math.floor(u * 40);
    case 2:
      return 1 + Math.floor(u * 12);
    case 3:
    case 6:
      return Math.floor(u * 3);
    case 12:
      return Math.floor(u * 5);
    case 10:
      return 1;
    default:
      return 0;
  }
}

const SEVERITY_RANK = new Map(STATUS_SEVERITY.map((status, rank) => [status, rank]));

function worstStatus(statuses: readonly number[]): number {
  let worst = 5;
  for (const s of statuses) if ((SEVERITY_RANK.get(s) ?? 0) < (SEVERITY_RANK.get(worst) ?? 0)) worst = s;
  return worst;
}

/**
 * One digit per day. Codes ≥ 10 do not fit a digit; they are drawn as the console dashboard buckets
 * them: 10 OverQuota and 11 NoSelection as 2 (failed), 12 Restarted as 8 (completed with errors).
 */
function barDigit(status: number): string {
  if (status === 10 || status === 11) return '2';
  if (status === 12) return '8';
  return String(status);
}

/** State of every channel (0 = Total, i + 1 = data source i) at `t`. */
export function deviceStateAt(spec: DeviceSpec, seed: number, t: number): DeviceState {
  const scan = new HistoryScan(spec, seed, t);
  const today = utcDay(t);
  const barFromMs = (today - COLOR_BAR_DAYS + 1) * DAY_MS;
  const recent = sessionsBetween(spec, seed, barFromMs, t);
  scan.consume(recent);
  // Older history only matters for F09/F16 (or F15 of a long-stale device); widen the window as needed.
  let windowEnd = barFromMs - 1;
  let span = COLOR_BAR_DAYS * DAY_MS;
  while (!scan.complete() && windowEnd >= spec.createdMs) {
    const from = windowEnd - span + 1;
    scan.consume(sessionsBetween(spec, seed, from, windowEnd));
    windowEnd = from - 1;
    span *= 2;
  }
  if (!scan.last) return neverRunState(spec, spec.zeroTimestamps);

  const channels = spec.dataSources.length + 1;
  const states: SimDataSourceState[] = [];
  for (let c = 0; c < channels; c++) states.push(scan.channelState(c, colorBar(scan, recent, c, today)));
  const last = scan.last;
  return {
    total: states[0],
    sources: states.slice(1),
    lastActivityAt: toUnixSeconds(Math.min(t, last.endMs)),
    usedStorage: Math.round((states[0].protectedBytes ?? 0) * 1.3),
  };
}

function colorBar(scan: HistoryScan, recent: SessionRecord[], channel: number, today: number): string {
  const digits = new Array<string>(COLOR_BAR_DAYS).fill('0');
  const firstDay = today - COLOR_BAR_DAYS + 1;
  for (const session of recent) digits[utcDay(session.startMs) - firstDay] = barDigit(scan.statusAt(session, channel));
  return digits.join('');
}

/** Walks sessions newest → oldest and remembers the last, last finished and last successful one. */
class HistoryScan {
  last: SessionRecord | null = null;
  private lastFinished: SessionRecord | null = null;
  private readonly lastSuccess: (SessionRecord | null)[];

  constructor(
    private readonly spec: DeviceSpec,
    private readonly seed: number,
    private readonly t: number,
  ) {
    this.lastSuccess = new Array<SessionRecord | null>(spec.dataSources.length + 1).fill(null);
  }

  complete(): boolean {
    return this.last !== null && this.lastFinished !== null && this.lastSuccess.every((s) => s !== null);
  }

  consume(oldestFirst: SessionRecord[]): void {
    for (let i = oldestFirst.length - 1; i >= 0; i--) {
      const session = oldestFirst[i];
      this.last ??= session;
      if (session.endMs > this.t) continue;
      this.lastFinished ??= session;
      for (let c = 0; c < this.lastSuccess.length; c++) {
        if (!this.lastSuccess[c] && SUCCESS_STATUSES.has(this.finalStatus(session, c))) this.lastSuccess[c] = session;
      }
      if (this.complete()) return;
    }
  }

  result(session: SessionRecord): SessionResult {
    session.result ??= sessionResult(this.spec, this.seed, session);
    return session.result;
  }

  finalStatus(session: SessionRecord, channel: number): number {
    const r = this.result(session);
    return channel === 0 ? r.total : r.statuses[channel - 1];
  }

  finalErrors(session: SessionRecord, channel: number): number {
    const r = this.result(session);
    return channel === 0 ? r.totalErrors : r.errors[channel - 1];
  }

  /** Status as Cove shows it at `t`: 1 while running, 9 once the running session has met an error. */
  statusAt(session: SessionRecord, channel: number): number {
    if (this.t >= session.endMs) return this.finalStatus(session, channel);
    return this.errorsSoFar(session, channel) > 0 ? 9 : 1;
  }

  /** Errors of a running session accumulate evenly over its run. */
  private errorsSoFar(session: SessionRecord, channel: number): number {
    const progress = (this.t - session.startMs) / (session.endMs - session.startMs);
    return Math.floor(this.finalErrors(session, channel) * progress);
  }

  channelState(channel: number, bar: string): SimDataSourceState {
    const last = this.last as SessionRecord;
    const status = this.statusAt(last, channel);
    const running = this.t < last.endMs;
    const finished = this.lastFinished;
    const success = this.lastSuccess[channel];
    const errors = running ? this.errorsSoFar(last, channel) : this.finalErrors(last, channel);
    return {
      dataSource: channel === 0 ? TOTAL : this.spec.dataSources[channel - 1],
      coveStatus: status,
      errors,
      running,
      lastSessionAt: toUnixSeconds(last.startMs),
      lastSuccessAt: success ? toUnixSeconds(success.startMs) : 0,
      lastSuccessStatus: success ? this.finalStatus(success, channel) : null,
      lastCompletedAt: finished ? toUnixSeconds(finished.startMs) : null,
      lastCompletedStatus: finished ? this.finalStatus(finished, channel) : null,
      durationSeconds: finished ? Math.round((finished.endMs - finished.startMs) / 1000) : null,
      colorBar: bar,
      ...(finished ? this.sizes(finished, channel) : NO_SIZES),
      ...this.mailboxCounts(channel),
    };
  }

  private sizes(session: SessionRecord, channel: number): Sizes {
    if (channel === 0) {
      const total = { ...ZERO_SIZES };
      for (let c = 1; c <= this.spec.dataSources.length; c++) {
        const s = this.sizes(session, c);
        for (const k of SIZE_KEYS) total[k] += s[k];
      }
      return total;
    }
    const i = channel - 1;
    const growth = 1 + (0.0004 * (session.startMs - this.spec.createdMs)) / DAY_MS;
    const u = unit4(this.seed, this.spec.accountId, session.key, SALT.size + channel);
    const status = this.finalStatus(session, channel);
    // Incremental backups move a few percent; sessions that never started move nothing.
    const fraction = status === 7 || status === 11 ? 0 : 0.002 + 0.03 * u;
    const selectedBytes = Math.round(this.spec.baseSelectedBytes[i] * growth);
    const selectedItems = Math.round(this.spec.baseSelectedItems[i] * growth);
    const processedBytes = Math.round(selectedBytes * fraction);
    return {
      selectedItems,
      processedItems: Math.round(selectedItems * fraction),
      selectedBytes,
      processedBytes,
      sentBytes: Math.round(processedBytes * (0.25 + 0.3 * u)),
      protectedBytes: Math.round(selectedBytes * 0.98),
    };
  }

  private mailboxCounts(channel: number): { mailboxes: number | null; sharedMailboxes: number | null } {
    const users = this.spec.mailboxes;
    const source = channel === 0 ? TOTAL : this.spec.dataSources[channel - 1];
    if (users === 0) return { mailboxes: null, sharedMailboxes: null };
    if (source === 'D19') return { mailboxes: users, sharedMailboxes: Math.round(users * 0.12) };
    if (source === 'D20') return { mailboxes: Math.round(users * 0.9), sharedMailboxes: null };
    if (source === TOTAL) return { mailboxes: users, sharedMailboxes: null };
    return { mailboxes: null, sharedMailboxes: null };
  }
}

type Sizes = Record<(typeof SIZE_KEYS)[number], number>;
const SIZE_KEYS = ['selectedItems', 'processedItems', 'selectedBytes', 'processedBytes', 'sentBytes', 'protectedBytes'] as const;
const ZERO_SIZES: Sizes = { selectedItems: 0, processedItems: 0, selectedBytes: 0, processedBytes: 0, sentBytes: 0, protectedBytes: 0 };
const NO_SIZES = {
  selectedItems: null,
  processedItems: null,
  selectedBytes: null,
  processedBytes: null,
  sentBytes: null,
  protectedBytes: null,
};

/** A device without any session: every column absent, or (`zeros`) Cove's "0" placeholders. */
function neverRunState(spec: DeviceSpec, zeros: boolean): DeviceState {
  const zero = zeros ? 0 : null;
  const state = (dataSource: string): SimDataSourceState => ({
    dataSource,
    coveStatus: zero,
    errors: zero,
    running: false,
    lastSessionAt: zero,
    lastSuccessAt: zero,
    lastSuccessStatus: null,
    lastCompletedAt: null,
    lastCompletedStatus: null,
    durationSeconds: null,
    colorBar: zeros ? '0'.repeat(COLOR_BAR_DAYS) : null,
    ...NO_SIZES,
    mailboxes: null,
    sharedMailboxes: null,
  });
  return {
    total: state(TOTAL),
    sources: spec.dataSources.map(state),
    lastActivityAt: toUnixSeconds(spec.createdMs),
    usedStorage: 0,
  };
}

/** Indices of the next `count` scheduled sessions that end at or after `t` (a running one included). */
export function nextScheduledIndices(spec: DeviceSpec, seed: number, t: number, count: number): number[] {
  const s = spec.schedule;
  if (!s) return [];
  const indices: number[] = [];
  // Look ahead up to a year: workstations skip days, but not that many.
  const sessions = sessionsBetween(spec, seed, t - s.periodMs, t + 366 * DAY_MS);
  for (const session of sessions) {
    if (session.index === null || session.endMs < t) continue;
    indices.push(session.index);
    if (indices.length === count) break;
  }
  return indices;
}
