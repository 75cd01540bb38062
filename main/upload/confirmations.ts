/**
 * A technician confirms runs (one by one, per device, or per customer with filters); each
 * confirmation and the upload it queues are written in ONE transaction, so there is never a
 * confirmed run without its upload, nor an upload without its confirmation.
 *
 * Rules:
 * - A successful run needs only who confirmed it (and an optional note). A failed or warning run
 *   also needs an outcome: `reviewed`, or `mark_success` with a reason (Backupchecks' "Mark as
 *   Success"). Success runs are always `reviewed`, whatever outcome a bulk call names.
 * - Colour-bar runs (origin 'colour-bar') cannot be confirmed: they carry only a day, and the
 *   upload's external id needs the real session time (see `uploadBlocker`). Unfinished sessions
 *   (running, no backup) cannot be confirmed either.
 * - Per device and per customer, a device's Total (D09) runs are left out when it has
 *   per-data-source runs: the Total is Cove's summary of those, and uploading both would give
 *   Backupchecks two runs for one session. Name `dataSource: 'D09'` to select Totals explicitly.
 * - Un-confirming is allowed only while the upload has not reached Backupchecks: queued,
 *   retrying, or rejected (refused, so nothing is stored there).
 */
import { TOTAL } from '../cove/column-codes';
import type { DeviceKind } from '../monitor/backup-status';
import { type Db, storeError } from '../store/database';
import { REVIEW_OUTCOMES, type ReviewOutcome, type RunStatus } from '../backupchecks/backupchecks-contract';
import {
  type PayloadConfirmation,
  type PayloadRun,
  backupchecksStatus,
  buildReviewBody,
  buildRunBody,
  externalIdFor,
  type UploadBlockReason,
  uploadBlocker,
} from '../backupchecks/backupchecks-payload';
import { TimeZoneError, assertTimeZone, isCalendarDate, localDate, utcWindowAround } from './local-day';

/** `run`: upload the whole run. `review`: Backupchecks imports Cove itself; send only the review. */
export type UploadMode = 'run' | 'review';

export interface ConfirmationInput {
  /** The technician's display name ("Reviewed by" in Backupchecks). */
  by: string;
  note?: string | null;
  /** Required when the selection holds failed or warning runs. */
  outcome?: ReviewOutcome;
  /** Required with `mark_success`. */
  reason?: string | null;
}

export interface RunFilter {
  statuses?: readonly RunStatus[];
  /** Runs whose session time falls on this calendar date in this IANA time zone. */
  localDay?: { date: string; timeZone: string };
  /** One data source code (e.g. `D01`, or `D09` for Totals). */
  dataSource?: string;
  /** Session time bounds, Unix seconds: from inclusive, to exclusive. */
  from?: number;
  to?: number;
}

export type SkipReason = 'already-confirmed' | UploadBlockReason;

export interface ConfirmedRun {
  runId: number;
  externalId: string;
  status: RunStatus;
  outcome: ReviewOutcome;
}

export interface SkippedRun {
  runId: number;
  externalId: string;
  reason: SkipReason;
  explanation: string;
}

export interface ConfirmResult {
  confirmed: ConfirmedRun[];
  skipped: SkippedRun[];
}

export interface RunCandidate {
  runId: number;
  externalId: string;
  deviceId: number;
  deviceName: string;
  customerId: number;
  customerName: string;
  dataSource: string;
  sessionAt: number;
  /** `null` while the session is unfinished. */
  status: RunStatus | null;
  origin: 'session' | 'colour-bar';
  confirmed: boolean;
  /** Why it cannot be confirmed, or `null`. */
  blocker: string | null;
}

export interface ConfirmationView {
  runId: number;
  confirmedBy: string;
  confirmedAt: number;
  note: string | null;
  outcome: ReviewOutcome;
  reason: string | null;
  externalId: string;
  uploadState: string;
  /** Whether `unconfirm` is still allowed. */
  canUnconfirm: boolean;
}

export type ConfirmationErrorCode = 'invalid-input' | 'outcome-required' | 'not-found' | 'not-confirmable' | 'not-confirmed' | 'already-uploaded';

export class ConfirmationError extends Error {
  override readonly name = 'ConfirmationError';
  constructor(
    readonly code: ConfirmationErrorCode,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem} ${fix}`);
  }
}

export interface ConfirmationsOptions {
  mode?: UploadMode;
  /** Unix seconds. */
  now?: () => number;
  producer?: string;
  /** For error messages naming the database file. */
  file?: string;
}

/** Outbox states in which the upload has not reached Backupchecks, so un-confirming is honest. */
export const UNCONFIRMABLE_STATES = ['queued', 'retrying', 'rejected'] as const;

const MAX_TEXT = 4000;

interface CandidateRow {
  id: number;
  device_id: number;
  data_source: string;
  session_at: number;
  cove_status: number | null;
  errors: number | null;
  duration_seconds: number | null;
  origin: 'session' | 'colour-bar';
  device_name: string;
  kind: DeviceKind;
  customer_id: number;
  customer_name: string;
  confirmed: number;
  /** 1 for a Total whose session was also recorded per data source. */
  summarises_sources: number;
}

type Selector = { runIds: readonly number[] } | { deviceId: number } | { customerId: number };

export class Confirmations {
  private readonly mode: UploadMode;
  private readonly now: () => number;
  private readonly producer: string | undefined;
  private readonly file: string;

  constructor(
    private readonly db: Db,
    options: ConfirmationsOptions = {},
  ) {
    this.mode = options.mode ?? 'run';
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.producer = options.producer;
    this.file = options.file ?? db.name;
  }

  /** Confirms exactly these runs. All or nothing: one unknown or unconfirmable run refuses the lot. */
  confirmRuns(runIds: readonly number[], input: ConfirmationInput): ConfirmResult {
    return this.confirm({ runIds }, input, {});
  }

  /** Confirms the device's confirmable runs that match `filter`; the rest are reported as skipped. */
  confirmDevice(deviceId: number, input: ConfirmationInput, filter: RunFilter = {}): ConfirmResult {
    return this.confirm({ deviceId }, input, filter);
  }

  /** Confirms the customer's confirmable runs that match `filter` (e.g. all successful runs of one local day). */
  confirmCustomer(customerId: number, input: ConfirmationInput, filter: RunFilter = {}): ConfirmResult {
    return this.confirm({ customerId }, input, filter);
  }

  /** What a confirmation with this selection and filter would touch (for a preview), oldest first. */
  candidates(selector: Selector, filter: RunFilter = {}): RunCandidate[] {
    validateFilter(filter);
    return this.guard(() => this.select(selector, filter).map(toCandidate));
  }

  /** Withdraws a confirmation and its upload, while the upload has not reached Backupchecks. */
  unconfirm(runId: number): void {
    this.guard(() =>
      this.db
        .transaction(() => {
          const row = this.db
            .prepare('SELECT c.run_id, o.state, o.external_id FROM run_confirmations c LEFT JOIN upload_outbox o ON o.run_id = c.run_id WHERE c.run_id = ?')
            .get(runId) as { run_id: number; state: string | null; external_id: string | null } | undefined;
          if (!row) throw new ConfirmationError('not-confirmed', `Run ${runId} is not confirmed.`, 'Nothing to undo.');
          if (row.state !== null && !(UNCONFIRMABLE_STATES as readonly string[]).includes(row.state)) {
            throw new ConfirmationError(
              'already-uploaded',
              `Run ${row.external_id} can no longer be un-confirmed: its upload is ${row.state === 'sending' ? 'being sent right now' : `already ${row.state}`}.`,
              row.state === 'sending'
                ? 'Wait for the upload to finish; if Backupchecks refuses it, it can be un-confirmed then.'
                : 'Backupchecks has it; change its review in Backupchecks itself.',
            );
          }
          this.db.prepare('DELETE FROM upload_outbox WHERE run_id = ?').run(runId);
          this.db.prepare('DELETE FROM run_confirmations WHERE run_id = ?').run(runId);
        })
        .immediate(),
    );
  }

  /** The confirmation of a run with its upload state, or `null`. */
  confirmation(runId: number): ConfirmationView | null {
    const row = this.guard(() =>
      this.db
        .prepare(`SELECT c.*, o.external_id, o.state FROM run_confirmations c LEFT JOIN upload_outbox o ON o.run_id = c.run_id WHERE c.run_id = ?`)
        .get(runId),
    ) as { run_id: number; confirmed_by: string; confirmed_at: number; note: string | null; outcome: ReviewOutcome; reason: string | null; external_id: string | null; state: string | null } | undefined;
    if (!row) return null;
    return {
      runId: row.run_id,
      confirmedBy: row.confirmed_by,
      confirmedAt: row.confirmed_at,
      note: row.note,
      outcome: row.outcome,
      reason: row.reason,
      externalId: row.external_id ?? '',
      uploadState: row.state ?? 'missing',
      canUnconfirm: row.state === null || (UNCONFIRMABLE_STATES as readonly string[]).includes(row.state),
    };
  }

  private confirm(selector: Selector, input: ConfirmationInput, filter: RunFilter): ConfirmResult {
    const clean = validateInput(input);
    validateFilter(filter);
    return this.guard(() =>
      this.db
        .transaction(() => {
          const rows = this.select(selector, filter);
          const result: ConfirmResult = { confirmed: [], skipped: [] };
          if ('runIds' in selector) this.assertAllConfirmable(selector.runIds, rows);

          const todo: CandidateRow[] = [];
          for (const row of rows) {
            const blocker = blockerOf(row);
            if (blocker) result.skipped.push({ runId: row.id, externalId: externalIdOf(row), reason: blocker.reason, explanation: blocker.explanation });
            else if (row.confirmed) result.skipped.push({ runId: row.id, externalId: externalIdOf(row), reason: 'already-confirmed', explanation: 'It was already confirmed.' });
            else todo.push(row);
          }
          const needOutcome = todo.filter((r) => backupchecksStatus(r.cove_status) !== 'Success');
          if (needOutcome.length > 0 && clean.outcome === null) {
            throw new ConfirmationError(
              'outcome-required',
              `${needOutcome.length} of the ${todo.length} run${todo.length === 1 ? '' : 's'} to confirm failed or had warnings (e.g. ${externalIdOf(needOutcome[0])}); those need an outcome. Nothing was confirmed.`,
              'Choose outcome "reviewed" (looked at, accepted as is) or "mark_success" with a reason, or confirm only successful runs (statuses: ["Success"]).',
            );
          }

          const now = this.now();
          const insertConfirmation = this.db.prepare(
            'INSERT INTO run_confirmations (run_id, confirmed_by, confirmed_at, note, outcome, reason) VALUES (?, ?, ?, ?, ?, ?)',
          );
          const insertOutbox = this.db.prepare(`
            INSERT INTO upload_outbox (run_id, external_id, mode, payload, state, attempts, next_attempt_at, detail, created_at, updated_at)
            VALUES (?, ?, ?, ?, 'queued', 0, ?, 'Waiting to be uploaded.', ?, ?)
            ON CONFLICT(external_id) DO UPDATE SET
              run_id = excluded.run_id, mode = excluded.mode, payload = excluded.payload, state = 'queued', attempts = 0,
              next_attempt_at = excluded.next_attempt_at, receipt_id = NULL, last_http_status = NULL, last_error = NULL,
              detail = excluded.detail, updated_at = excluded.updated_at, sent_at = NULL
            WHERE upload_outbox.run_id IS NULL AND upload_outbox.state IN ('queued', 'retrying', 'rejected')`);
          for (const row of todo) {
            const status = backupchecksStatus(row.cove_status) as RunStatus;
            const outcome: ReviewOutcome = status === 'Success' ? 'reviewed' : (clean.outcome as ReviewOutcome);
            const confirmation: PayloadConfirmation = {
              confirmedBy: clean.by,
              confirmedAt: now,
              note: clean.note,
              outcome,
              reason: outcome === 'mark_success' ? clean.reason : null,
            };
            const externalId = externalIdOf(row);
            insertConfirmation.run(row.id, confirmation.confirmedBy, now, confirmation.note, outcome, confirmation.reason);
            const written = insertOutbox.run(row.id, externalId, this.mode, JSON.stringify(this.payload(row, confirmation)), now, now, now).changes;
            if (written === 0) {
              throw new ConfirmationError(
                'already-uploaded',
                `Run ${externalId} was uploaded before (the cache was reset since) and cannot be queued again. Nothing was confirmed.`,
                'Leave it out of the selection; Backupchecks already has it.',
              );
            }
            result.confirmed.push({ runId: row.id, externalId, status, outcome });
          }
          return result;
        })
        .immediate(),
    );
  }

  private payload(row: CandidateRow, confirmation: PayloadConfirmation): unknown {
    if (this.mode === 'review') return buildReviewBody(confirmation);
    const dataSourceRuns =
      row.data_source === TOTAL
        ? (this.db
            .prepare('SELECT device_id, data_source, session_at, cove_status, errors, duration_seconds, origin FROM runs WHERE device_id = ? AND session_at = ? AND data_source <> ? ORDER BY data_source')
            .all(row.device_id, row.session_at, TOTAL) as RunRow[]).map(toPayloadRun)
        : [];
    return buildRunBody({
      run: toPayloadRun(row),
      device: { id: row.device_id, name: row.device_name, kind: row.kind },
      customer: { id: row.customer_id, name: row.customer_name },
      confirmation,
      dataSourceRuns,
      producer: this.producer,
    });
  }

  private assertAllConfirmable(runIds: readonly number[], rows: CandidateRow[]): void {
    const found = new Set(rows.map((r) => r.id));
    const missing = runIds.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new ConfirmationError('not-found', `No run with id ${missing.join(', ')} in the cache. Nothing was confirmed.`, 'Refresh the list and select again.');
    }
    const blocked = rows.map((r) => ({ r, blocker: blockerOf(r) })).filter((x) => x.blocker !== null);
    if (blocked.length > 0) {
      const first = blocked[0];
      throw new ConfirmationError(
        'not-confirmable',
        `${blocked.length === 1 ? 'Run' : `${blocked.length} runs, e.g.`} ${externalIdOf(first.r)} cannot be confirmed. ${first.blocker?.explanation} Nothing was confirmed.`,
        'Leave it out of the selection.',
      );
    }
  }

  private select(selector: Selector, filter: RunFilter): CandidateRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if ('runIds' in selector) {
      where.push('r.id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(selector.runIds));
    } else if ('deviceId' in selector) {
      where.push('r.device_id = ?');
      params.push(selector.deviceId);
    } else {
      where.push('d.customer_id = ?');
      params.push(selector.customerId);
    }
    if (filter.dataSource !== undefined) {
      where.push('r.data_source = ?');
      params.push(filter.dataSource);
    } else if (!('runIds' in selector)) {
      where.push(`(r.data_source <> '${TOTAL}' OR NOT EXISTS (SELECT 1 FROM runs s WHERE s.device_id = r.device_id AND s.data_source <> '${TOTAL}'))`);
    }
    if (filter.from !== undefined) {
      where.push('r.session_at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('r.session_at < ?');
      params.push(filter.to);
    }
    if (filter.localDay) {
      const window = utcWindowAround(filter.localDay.date);
      where.push('r.session_at >= ? AND r.session_at < ?');
      params.push(window.from, window.to);
    }
    const rows = this.db
      .prepare(`
        SELECT r.id, r.device_id, r.data_source, r.session_at, r.cove_status, r.errors, r.duration_seconds, r.origin,
               d.name AS device_name, d.kind, c.id AS customer_id, c.name AS customer_name,
               (rc.run_id IS NOT NULL) AS confirmed,
               (r.data_source = '${TOTAL}' AND EXISTS (SELECT 1 FROM runs s WHERE s.device_id = r.device_id
                  AND s.session_at = r.session_at AND s.data_source <> '${TOTAL}')) AS summarises_sources
        FROM runs r
        JOIN devices d ON d.id = r.device_id
        JOIN customers c ON c.id = d.customer_id
        LEFT JOIN run_confirmations rc ON rc.run_id = r.id
        WHERE ${where.join(' AND ')}
        ORDER BY r.session_at, r.id`)
      .all(...params) as CandidateRow[];
    const day = filter.localDay;
    const statuses = filter.statuses;
    return rows.filter(
      (r) =>
        (!day || localDate(r.session_at, day.timeZone) === day.date) &&
        (!statuses || statuses.includes(backupchecksStatus(r.cove_status) as RunStatus)),
    );
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw storeError(error, this.file);
    }
  }
}

function blockerOf(row: CandidateRow) {
  return uploadBlocker(toPayloadRun(row), { sessionHasDataSourceRuns: row.summarises_sources === 1 });
}

type RunRow = Pick<CandidateRow, 'device_id' | 'data_source' | 'session_at' | 'cove_status' | 'errors' | 'duration_seconds' | 'origin'>;

function toPayloadRun(row: RunRow): PayloadRun {
  return {
    deviceId: row.device_id,
    dataSource: row.data_source,
    sessionAt: row.session_at,
    coveStatus: row.cove_status,
    errors: row.errors,
    durationSeconds: row.duration_seconds,
    origin: row.origin,
  };
}

function externalIdOf(row: RunRow): string {
  return externalIdFor(toPayloadRun(row));
}

function toCandidate(row: CandidateRow): RunCandidate {
  return {
    runId: row.id,
    externalId: externalIdOf(row),
    deviceId: row.device_id,
    deviceName: row.device_name,
    customerId: row.customer_id,
    customerName: row.customer_name,
    dataSource: row.data_source,
    sessionAt: row.session_at,
    status: backupchecksStatus(row.cove_status),
    origin: row.origin,
    confirmed: row.confirmed === 1,
    blocker: blockerOf(row)?.explanation ?? null,
  };
}

function validateInput(input: ConfirmationInput): { by: string; note: string | null; outcome: ReviewOutcome | null; reason: string | null } {
  const by = (input.by ?? '').trim();
  if (by === '') throw new ConfirmationError('invalid-input', 'A confirmation needs the name of who confirms.', 'Pass the technician\'s display name as "by".');
  if (by.length > 200) throw new ConfirmationError('invalid-input', 'The confirming name is longer than 200 characters.', 'Use a shorter display name.');
  const note = input.note?.trim() || null;
  const reason = input.reason?.trim() || null;
  if ((note?.length ?? 0) > MAX_TEXT || (reason?.length ?? 0) > MAX_TEXT) {
    throw new ConfirmationError('invalid-input', `The note or reason is longer than ${MAX_TEXT} characters.`, 'Shorten it; a ticket is the place for long write-ups.');
  }
  const outcome = input.outcome ?? null;
  if (outcome !== null && !(REVIEW_OUTCOMES as readonly string[]).includes(outcome)) {
    throw new ConfirmationError('invalid-input', `"${outcome}" is not an outcome.`, 'Use "reviewed" or "mark_success".');
  }
  if (outcome === 'mark_success' && reason === null) {
    throw new ConfirmationError(
      'invalid-input',
      'Marking a failed or warning run as a success needs a reason. Nothing was confirmed.',
      'Say why it counts as a success (e.g. "locked PST, user informed"), or use outcome "reviewed".',
    );
  }
  return { by, note, outcome, reason };
}

function validateFilter(filter: RunFilter): void {
  if (filter.localDay) {
    if (!isCalendarDate(filter.localDay.date)) {
      throw new ConfirmationError('invalid-input', `"${filter.localDay.date}" is not a date.`, 'Give the day as YYYY-MM-DD, e.g. 2026-03-01.');
    }
    try {
      assertTimeZone(filter.localDay.timeZone);
    } catch (error) {
      if (error instanceof TimeZoneError) throw new ConfirmationError('invalid-input', error.message, 'Use an IANA name such as "Europe/Amsterdam" or "America/New_York".');
      throw error;
    }
  }
}
