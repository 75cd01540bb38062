/**
 * The outbox as the window shows it: counts per state and one line per upload with its reason.
 *
 * States: queued → sending → sent | staged | conflict | rejected, with retrying between sending
 * attempts. The last four are terminal: the upload reached Backupchecks (sent, staged), or
 * Backupchecks gave a final answer (conflict, rejected), each with its explanation in `reason`.
 */
import { type Db, storeError } from '../store/database';

export const OUTBOX_STATES = ['queued', 'sending', 'retrying', 'sent', 'staged', 'conflict', 'rejected'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export const PENDING_STATES: readonly OutboxState[] = ['queued', 'sending', 'retrying'];
export const TERMINAL_STATES: readonly OutboxState[] = ['sent', 'staged', 'conflict', 'rejected'];

export interface OutboxItemView {
  id: number;
  /** `null` when the cache was reset since (the upload goes on from its snapshot). */
  runId: number | null;
  externalId: string;
  mode: 'run' | 'review';
  state: OutboxState;
  attempts: number;
  /** Unix seconds; set while queued or retrying. */
  nextAttemptAt: number | null;
  /** Backupchecks' run id, or `staged:<id>`. */
  receiptId: string | null;
  /** Why the item is in its state, in words for a technician. */
  reason: string | null;
  lastError: string | null;
  lastHttpStatus: number | null;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}

export interface OutboxSummary {
  counts: Record<OutboxState, number>;
  total: number;
  /** Items still to be delivered (queued, sending, retrying). */
  pending: number;
  /** Newest problems first: pending items, then the rest by last change. */
  items: OutboxItemView[];
}

export interface UploadAttemptView {
  attemptedAt: number;
  externalId: string;
  requestId: string;
  httpStatus: number | null;
  networkError: string | null;
  resultState: OutboxState;
  durationMs: number | null;
}

interface OutboxRow {
  id: number;
  run_id: number | null;
  external_id: string;
  mode: 'run' | 'review';
  state: OutboxState;
  attempts: number;
  next_attempt_at: number | null;
  receipt_id: string | null;
  detail: string | null;
  last_error: string | null;
  last_http_status: number | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

function guard<T>(db: Db, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw storeError(error, db.name);
  }
}

export function outboxSummary(db: Db, options: { states?: readonly OutboxState[]; limit?: number } = {}): OutboxSummary {
  return guard(db, () => {
    const counts = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
    for (const row of db.prepare('SELECT state, COUNT(*) AS n FROM upload_outbox GROUP BY state').all() as { state: OutboxState; n: number }[]) {
      counts[row.state] = row.n;
    }
    const states = options.states ?? OUTBOX_STATES;
    const rows = db
      .prepare(`SELECT * FROM upload_outbox WHERE state IN (SELECT value FROM json_each(?))
                ORDER BY state IN ('sent', 'staged', 'conflict', 'rejected'), updated_at DESC, id DESC LIMIT ?`)
      .all(JSON.stringify(states), options.limit ?? 200) as OutboxRow[];
    return {
      counts,
      total: OUTBOX_STATES.reduce((sum, s) => sum + counts[s], 0),
      pending: PENDING_STATES.reduce((sum, s) => sum + counts[s], 0),
      items: rows.map(toView),
    };
  });
}

/** One upload by external id, or `null`. */
export function outboxItem(db: Db, externalId: string): OutboxItemView | null {
  const row = guard(db, () => db.prepare('SELECT * FROM upload_outbox WHERE external_id = ?').get(externalId)) as OutboxRow | undefined;
  return row ? toView(row) : null;
}

/** Every attempt for one upload, oldest first (the audit trail). */
export function uploadAttempts(db: Db, externalId: string): UploadAttemptView[] {
  const rows = guard(db, () => db.prepare('SELECT * FROM upload_attempts WHERE external_id = ? ORDER BY id').all(externalId)) as Record<string, unknown>[];
  return rows.map((r) => ({
    attemptedAt: r.attempted_at as number,
    externalId: r.external_id as string,
    requestId: r.request_id as string,
    httpStatus: r.http_status as number | null,
    networkError: r.network_error as string | null,
    resultState: r.result_state as OutboxState,
    durationMs: r.duration_ms as number | null,
  }));
}

function toView(row: OutboxRow): OutboxItemView {
  return {
    id: row.id,
    runId: row.run_id,
    externalId: row.external_id,
    mode: row.mode,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    receiptId: row.receipt_id,
    reason: row.detail,
    lastError: row.last_error,
    lastHttpStatus: row.last_http_status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
  };
}
