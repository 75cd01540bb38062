/**
 * Maps a cached Cove run, its device and customer, and the technician's confirmation onto the
 * Backupchecks contract body (docs/backupchecks-api.md). Pure: no I/O, no clock.
 *
 * Backupchecks' model (backupchecks.md §2): Job = the Cove device (account), JobRun = one session
 * of one data source, JobObject = the data source(s) the run covers.
 */
import { TOTAL, dataSourceName, sessionStatusName } from '../cove/column-codes';
import type { DeviceKind } from '../monitor/backup-status';
import { statusFromCoveCode } from '../monitor/status-rules';
import {
  EXTERNAL_ID_PATTERN,
  type ReviewBody,
  type ReviewOutcome,
  type RunBody,
  type RunObject,
  type RunStatus,
} from './backupchecks-contract';

export const BACKUP_SOFTWARE = 'Cove Data Protection';
export const DEFAULT_PRODUCER = 'cove-tray-monitor/0.1.0';

/** Backupchecks' own Cove job types (backupchecks.md §5.6; the literal strings are UNCONFIRMED there). */
const BACKUP_TYPE: Record<DeviceKind, string> = {
  server: 'Cove Server',
  workstation: 'Cove Workstation',
  m365: 'Cove Microsoft 365',
  unknown: 'Cove Device',
};

export interface PayloadRun {
  deviceId: number;
  dataSource: string;
  /** Cove's last-session time (F15), Unix seconds. */
  sessionAt: number;
  coveStatus: number | null;
  errors: number | null;
  durationSeconds: number | null;
  origin: 'session' | 'colour-bar';
}

export interface PayloadDevice {
  id: number;
  name: string;
  kind: DeviceKind;
}

export interface PayloadCustomer {
  id: number;
  name: string;
}

export interface PayloadConfirmation {
  confirmedBy: string;
  /** Unix seconds. */
  confirmedAt: number;
  note: string | null;
  outcome: ReviewOutcome;
  reason: string | null;
}

export interface RunPayloadInput {
  run: PayloadRun;
  device: PayloadDevice;
  customer: PayloadCustomer;
  confirmation: PayloadConfirmation;
  /** For a Total (D09) run: the device's data-source runs of the same session, sent as its objects. */
  dataSourceRuns?: readonly PayloadRun[];
  producer?: string;
}

export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}

/** Cove session status → Backupchecks status; `null` while a session is unfinished or unknown. */
export function backupchecksStatus(coveStatus: number | null): RunStatus | null {
  switch (statusFromCoveCode(coveStatus)) {
    case 'ok':
      return 'Success';
    case 'warning':
      return 'Warning';
    case 'failed':
      return 'Failed';
    default:
      return null;
  }
}

/**
 * Why a run cannot be uploaded, or `null` when it can. Colour-bar runs carry only a day, and the
 * external id needs the real session time: a made-up time would never match the run Backupchecks'
 * own Cove importer creates, and would collide with nothing or with the wrong session.
 */
export type UploadBlockReason = 'colour-bar' | 'not-finished' | 'total-of-data-sources';

/**
 * Why a run cannot be uploaded, or null. `sessionHasDataSourceRuns`: the same session was also
 * recorded per data source, so its Total (D09) would give Backupchecks a second run for it.
 */
export function uploadBlocker(
  run: Pick<PayloadRun, 'origin' | 'coveStatus'> & { dataSource?: string },
  context: { sessionHasDataSourceRuns?: boolean } = {},
): { reason: UploadBlockReason; explanation: string } | null {
  if (run.dataSource === TOTAL && context.sessionHasDataSourceRuns) {
    return {
      reason: 'total-of-data-sources',
      explanation: 'It is the Total of a session whose data sources are listed separately; confirm those instead, so Backupchecks gets one run per data source and no duplicate.',
    };
  }
  if (run.origin === 'colour-bar') {
    return {
      reason: 'colour-bar',
      explanation: 'It was read from Cove\'s 28-day colour bar, which gives only the day, not the session time Backupchecks needs to identify the run.',
    };
  }
  if (backupchecksStatus(run.coveStatus) === null) {
    return {
      reason: 'not-finished',
      explanation: `Its Cove status is "${sessionStatusName(run.coveStatus)}", not a finished session (Completed, Completed with errors, Failed, ...); confirm it once Cove reports how it ended.`,
    };
  }
  return null;
}

export function externalIdFor(run: Pick<PayloadRun, 'deviceId' | 'dataSource' | 'sessionAt'>): string {
  return `cove:${run.deviceId}:${run.dataSource}:${run.sessionAt}`;
}

export function parseExternalId(externalId: string): { accountId: number; dataSource: string; sessionAt: number } | null {
  const m = EXTERNAL_ID_PATTERN.exec(externalId);
  return m ? { accountId: Number(m[1]), dataSource: m[2], sessionAt: Number(m[3]) } : null;
}

/** Unix seconds → `2026-03-01T02:15:00Z`. */
export function isoUtc(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sessionMessage(run: PayloadRun): string {
  const name = sessionStatusName(run.coveStatus);
  return run.errors && run.errors > 0 ? `${name}: ${run.errors} error${run.errors === 1 ? '' : 's'}` : name;
}

function asObject(run: PayloadRun): RunObject {
  return {
    name: dataSourceName(run.dataSource),
    type: 'Datasource',
    status: backupchecksStatus(run.coveStatus) ?? 'Warning',
    message: sessionMessage(run),
  };
}

export function buildReviewBody(confirmation: PayloadConfirmation): ReviewBody {
  return {
    reviewed: true,
    reviewed_by: confirmation.confirmedBy,
    reviewed_at: isoUtc(confirmation.confirmedAt),
    outcome: confirmation.outcome,
    note: confirmation.note,
    reason: confirmation.outcome === 'mark_success' ? confirmation.reason : null,
  };
}

export function buildRunBody(input: RunPayloadInput): RunBody {
  const { run, device, customer, confirmation } = input;
  const blocker = uploadBlocker(run);
  if (blocker) throw new PayloadError(`Run ${externalIdFor(run)} cannot be uploaded: ${blocker.explanation}`);
  const siblings = run.dataSource === TOTAL ? (input.dataSourceRuns ?? []).filter((r) => r.dataSource !== TOTAL && uploadBlocker(r) === null) : [];
  return {
    source: 'api',
    producer: input.producer ?? DEFAULT_PRODUCER,
    external_id: externalIdFor(run),
    customer: { name: customer.name, external_ref: `cove-partner:${customer.id}` },
    job: {
      backup_software: BACKUP_SOFTWARE,
      backup_type: BACKUP_TYPE[device.kind],
      job_name: device.name,
      external_ref: `cove-account:${device.id}`,
    },
    run: {
      status: backupchecksStatus(run.coveStatus) as RunStatus,
      // F15 is taken as the session start (cove-api.md §5); the end is known only with a duration.
      started_at: isoUtc(run.sessionAt),
      ended_at: run.durationSeconds !== null && run.durationSeconds >= 0 ? isoUtc(run.sessionAt + run.durationSeconds) : null,
      message: sessionMessage(run),
      errors: [],
    },
    objects: siblings.length > 0 ? siblings.map(asObject) : [asObject(run)],
    review: buildReviewBody(confirmation),
  };
}
