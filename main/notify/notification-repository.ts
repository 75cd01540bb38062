/**
 * The notification engine's state in the app's SQLite file (schema version 3): subject states,
 * acknowledgements, snoozes, held changes, small settings and the notification log. Reads the
 * fleet cache's `devices` and `runs` tables, never writes them.
 */
import { statusFromCoveCode } from '../monitor/status-rules';
import type { BackupStatus } from '../monitor/backup-status';
import type { Statement } from 'better-sqlite3';
import { type Db, storeError } from '../store/database';
import { type ConnectionState, HEALTHY_CONNECTION, type ProblemKind, type SubjectState, countConsecutiveFailures, subjectKey } from './notification-rules';
import type { Acknowledgement, HeldChange, Notification, NotificationDraft, QuietHours, Snooze, SnoozeScope } from './notification-types';

/** Rows the notifications panel keeps; older ones are pruned as new ones arrive. */
export const LOG_LIMIT = 1000;

interface SubjectRow {
  device_id: number;
  code: string;
  first_seen_at: number;
  observed: string | null;
  pending: string | null;
  pending_since: number | null;
  notified: string | null;
  problem_since: number | null;
  escalated: number;
}

interface LogRow {
  id: number;
  created_at: number;
  kind: string;
  title: string;
  body: string;
  urgency: string;
  target: string;
  actions: string | null;
}

function scopeKey(scope: SnoozeScope): [string, number] {
  switch (scope.kind) {
    case 'all':
      return ['all', 0];
    case 'device':
      return ['device', scope.deviceId];
    case 'customer':
      return ['customer', scope.customerId];
  }
}

function scopeFrom(kind: string, id: number): SnoozeScope {
  if (kind === 'device') return { kind: 'device', deviceId: id };
  if (kind === 'customer') return { kind: 'customer', customerId: id };
  return { kind: 'all' };
}

function toNotification(row: LogRow): Notification {
  const notification: Notification = {
    id: String(row.id),
    kind: row.kind as Notification['kind'],
    title: row.title,
    body: row.body,
    urgency: row.urgency as Notification['urgency'],
    target: JSON.parse(row.target) as Notification['target'],
    createdAt: row.created_at,
  };
  if (row.actions !== null) notification.actions = JSON.parse(row.actions) as Notification['actions'];
  return notification;
}

export class NotificationRepository {
  constructor(readonly db: Db) {}

  /** All or nothing; SQLite failures become StoreErrors naming the file, as the fleet cache's do. */
  transaction<T>(work: () => T): T {
    try {
      return this.db.transaction(work)();
    } catch (error) {
      throw storeError(error, this.db.name);
    }
  }

  // --- subjects ---

  subjects(): Map<string, SubjectState> {
    const rows = this.db.prepare('SELECT * FROM notify_subjects').all() as SubjectRow[];
    return new Map(
      rows.map((r) => [
        subjectKey(r.device_id, r.code),
        {
          deviceId: r.device_id,
          code: r.code,
          firstSeenAt: r.first_seen_at,
          observed: r.observed as BackupStatus | null,
          pending: r.pending as ProblemKind | null,
          pendingSince: r.pending_since,
          notified: r.notified as ProblemKind | null,
          problemSince: r.problem_since,
          escalated: r.escalated === 1,
        },
      ]),
    );
  }

  saveSubjects(changed: readonly SubjectState[], removed: readonly SubjectState[]): void {
    const upsert = this.db.prepare(`
      INSERT INTO notify_subjects (device_id, code, first_seen_at, observed, pending, pending_since, notified, problem_since, escalated)
      VALUES (@deviceId, @code, @firstSeenAt, @observed, @pending, @pendingSince, @notified, @problemSince, @escalated)
      ON CONFLICT(device_id, code) DO UPDATE SET
        first_seen_at = excluded.first_seen_at, observed = excluded.observed, pending = excluded.pending,
        pending_since = excluded.pending_since, notified = excluded.notified, problem_since = excluded.problem_since,
        escalated = excluded.escalated`);
    for (const s of changed) upsert.run({ ...s, escalated: s.escalated ? 1 : 0 });
    const remove = this.db.prepare('DELETE FROM notify_subjects WHERE device_id = ? AND code = ?');
    for (const s of removed) remove.run(s.deviceId, s.code);
  }

  // --- facts from the fleet cache ---

  deviceFirstSeen(): Map<number, number> {
    const rows = this.db.prepare('SELECT id, first_seen_at FROM devices').all() as { id: number; first_seen_at: number }[];
    return new Map(rows.map((r) => [r.id, r.first_seen_at]));
  }

  private recentRuns: Statement | null = null;

  /** Consecutive failed sessions of one device (D09) or data source, from the cached runs, newest first. */
  consecutiveFailures(deviceId: number, code: string, limit = 50): number {
    // Prepared once: a mass failure asks this for every failing device in one poll.
    this.recentRuns ??= this.db.prepare('SELECT cove_status FROM runs WHERE device_id = ? AND data_source = ? ORDER BY session_at DESC LIMIT ?').pluck();
    const statuses = this.recentRuns.all(deviceId, code, limit) as (number | null)[];
    return countConsecutiveFailures(statuses.map((s) => statusFromCoveCode(s)));
  }

  // --- acknowledgements ---

  acknowledgements(): Map<number, Acknowledgement> {
    const rows = this.db.prepare('SELECT * FROM notify_acknowledgements').all() as {
      device_id: number;
      acknowledged_by: string;
      reason: string;
      acknowledged_at: number;
      expires_at: number;
    }[];
    return new Map(rows.map((r) => [r.device_id, { deviceId: r.device_id, by: r.acknowledged_by, reason: r.reason, at: r.acknowledged_at, expiresAt: r.expires_at }]));
  }

  putAcknowledgement(ack: Acknowledgement): void {
    this.db
      .prepare('INSERT OR REPLACE INTO notify_acknowledgements (device_id, acknowledged_by, reason, acknowledged_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(ack.deviceId, ack.by, ack.reason, ack.at, ack.expiresAt);
  }

  deleteAcknowledgements(deviceIds: readonly number[]): void {
    const remove = this.db.prepare('DELETE FROM notify_acknowledgements WHERE device_id = ?');
    for (const id of deviceIds) remove.run(id);
  }

  // --- snoozes ---

  snoozes(): Snooze[] {
    const rows = this.db.prepare('SELECT * FROM notify_snoozes ORDER BY until').all() as { scope: string; target_id: number; until: number; created_at: number }[];
    return rows.map((r) => ({ scope: scopeFrom(r.scope, r.target_id), until: r.until, createdAt: r.created_at }));
  }

  putSnooze(snooze: Snooze): void {
    const [scope, id] = scopeKey(snooze.scope);
    this.db.prepare('INSERT OR REPLACE INTO notify_snoozes (scope, target_id, until, created_at) VALUES (?, ?, ?, ?)').run(scope, id, snooze.until, snooze.createdAt);
  }

  deleteSnooze(scope: SnoozeScope): void {
    const [kind, id] = scopeKey(scope);
    this.db.prepare('DELETE FROM notify_snoozes WHERE scope = ? AND target_id = ?').run(kind, id);
  }

  deleteExpiredSnoozes(now: number): void {
    this.db.prepare('DELETE FROM notify_snoozes WHERE until <= ?').run(now);
  }

  // --- held changes ---

  held(): Map<string, HeldChange> {
    const rows = this.db.prepare('SELECT * FROM notify_held').all() as {
      subject: string;
      device_id: number | null;
      customer_id: number | null;
      name: string;
      category: string;
      held_at: number;
      announced: number;
    }[];
    return new Map(
      rows.map((r) => [
        r.subject,
        { subject: r.subject, deviceId: r.device_id, customerId: r.customer_id, name: r.name, category: r.category as HeldChange['category'], at: r.held_at, announced: r.announced === 1 },
      ]),
    );
  }

  putHeld(change: HeldChange): void {
    this.db
      .prepare('INSERT OR REPLACE INTO notify_held (subject, device_id, customer_id, name, category, held_at, announced) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(change.subject, change.deviceId, change.customerId, change.name, change.category, change.at, change.announced ? 1 : 0);
  }

  deleteHeld(subjects: readonly string[]): void {
    const remove = this.db.prepare('DELETE FROM notify_held WHERE subject = ?');
    for (const s of subjects) remove.run(s);
  }

  // --- small settings and state ---

  private meta<T>(key: string): T | null {
    const value = this.db.prepare('SELECT value FROM notify_meta WHERE key = ?').pluck().get(key) as string | undefined;
    return value === undefined ? null : (JSON.parse(value) as T);
  }

  private setMeta(key: string, value: unknown): void {
    this.db.prepare('INSERT OR REPLACE INTO notify_meta (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));
  }

  quietHours(): QuietHours | null {
    return this.meta<QuietHours>('quiet_hours');
  }

  setQuietHours(quiet: QuietHours): void {
    this.setMeta('quiet_hours', quiet);
  }

  connection(): ConnectionState {
    return this.meta<ConnectionState>('connection') ?? HEALTHY_CONNECTION;
  }

  setConnection(state: ConnectionState): void {
    this.setMeta('connection', state);
  }

  // --- the log ---

  appendLog(drafts: readonly NotificationDraft[], now: number): Notification[] {
    if (drafts.length === 0) return [];
    const insert = this.db.prepare('INSERT INTO notify_log (created_at, kind, title, body, urgency, target, actions) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const logged = drafts.map((d) => {
      const id = insert.run(now, d.kind, d.title, d.body, d.urgency, JSON.stringify(d.target), d.actions ? JSON.stringify(d.actions) : null).lastInsertRowid;
      return { id: String(id), ...d, createdAt: now };
    });
    this.db.prepare('DELETE FROM notify_log WHERE id <= (SELECT id FROM notify_log ORDER BY id DESC LIMIT 1 OFFSET ?)').run(LOG_LIMIT);
    return logged;
  }

  /** Newest first. */
  recentLog(limit = 100): Notification[] {
    const rows = this.db.prepare('SELECT * FROM notify_log ORDER BY id DESC LIMIT ?').all(limit) as LogRow[];
    return rows.map(toNotification);
  }
}
