/**
 * Confirm and upload (issue 5): what the window sees of confirmations and of the Backupchecks
 * outbox. Types only, re-exported by contract.ts; times are ISO 8601 UTC strings. The
 * Backupchecks API key never appears here: the window learns only whether one is saved.
 */

/** Backupchecks' run status (docs/backupchecks-api.md, "Cove status → Backupchecks status"). */
export type UploadRunStatus = 'Success' | 'Warning' | 'Failed';

/** `reviewed`: looked at, accepted as is. `mark_success`: Backupchecks' "Mark as Success" (needs a reason). */
export type ReviewOutcomeView = 'reviewed' | 'mark_success';

/** `run`: upload whole runs. `review`: Backupchecks imports Cove itself; send only the review. */
export type UploadModeView = 'run' | 'review';

/**
 * queued → sending → sent | staged | conflict | rejected, with retrying between attempts.
 * The last four are final, each with its explanation.
 */
export type UploadState = 'queued' | 'sending' | 'retrying' | 'sent' | 'staged' | 'conflict' | 'rejected';

export interface RunConfirmationView {
  confirmedBy: string;
  confirmedAt: string;
  note: string | null;
  outcome: ReviewOutcomeView;
  /** Set with `mark_success`. */
  reason: string | null;
  externalId: string;
  uploadState: UploadState;
  /** Queued, but held until "Upload confirmed" (automatic upload is off). */
  waitingForUpload: boolean;
  /** Backupchecks' run id, or `staged:<id>`, once delivered. */
  receiptId: string | null;
  /** Why the upload is in its state, in words. */
  detail: string | null;
  /** Un-confirming is allowed until Backupchecks holds the run (queued, retrying, rejected). */
  canUnconfirm: boolean;
}

/** A run's place in the confirm-and-upload flow. */
export interface RunUploadView {
  /** How Backupchecks would record it; `null` while the session is unfinished. */
  status: UploadRunStatus | null;
  /** Why it cannot be confirmed (a colour-bar backfill, an unfinished session), or `null`. */
  blocker: string | null;
  confirmation: RunConfirmationView | null;
}

export interface UploadProblem {
  message: string;
  fix: string;
}

/**
 * The uploader: `not-configured` (no Backupchecks URL or key yet), `credentials` (the key was
 * refused; uploads paused until a new one is saved), `offline` (paused until the network is back).
 */
export type UploadSenderState = 'idle' | 'sending' | 'waiting' | 'offline' | 'credentials' | 'stopped' | 'not-configured';

export interface UploadSummaryView {
  /** `demo-stub`: the built-in reference receiver (demo mode). `none`: no Backupchecks configured. */
  destination: 'demo-stub' | 'server' | 'none';
  /** Where uploads go, or `null` when nowhere yet. */
  url: string | null;
  mode: UploadModeView;
  autoUpload: boolean;
  /** Confirmed runs not yet delivered (queued, sending, retrying): the tray's "Upload N confirmed runs". */
  pending: number;
  /** Of those, how many wait for "Upload confirmed" (automatic upload off). */
  waitingForUpload: number;
  sender: UploadSenderState;
  problem: UploadProblem | null;
}

export interface ConfirmFilter {
  statuses?: UploadRunStatus[];
  /** A calendar day in the computer's time zone: `YYYY-MM-DD`, or `today`. */
  localDay?: string;
  /** One data source code, e.g. `D01` (`D09` selects Totals). */
  dataSource?: string;
}

export type ConfirmSelection =
  | { kind: 'runs'; runIds: number[] }
  | { kind: 'device'; deviceId: number; filter?: ConfirmFilter }
  | { kind: 'customer'; customerId: number; filter?: ConfirmFilter };

export interface ConfirmRequest {
  selection: ConfirmSelection;
  note?: string;
  /** Required when the selection holds failed or warning runs. */
  outcome?: ReviewOutcomeView;
  /** Required with `mark_success`. */
  reason?: string;
}

export interface ConfirmedRunView {
  runId: number;
  externalId: string;
  status: UploadRunStatus;
  outcome: ReviewOutcomeView;
}

export interface SkippedRunView {
  runId: number;
  externalId: string;
  reason: 'already-confirmed' | 'colour-bar' | 'not-finished' | 'total-of-data-sources';
  explanation: string;
}

export type ConfirmErrorCode = 'invalid-input' | 'outcome-required' | 'not-found' | 'not-confirmable' | 'not-confirmed' | 'already-uploaded' | 'no-data' | 'storage';

export type ConfirmResponse =
  | { ok: true; confirmed: ConfirmedRunView[]; skipped: SkippedRunView[]; /** Sending started right away (automatic upload on). */ uploading: boolean }
  | { ok: false; code: ConfirmErrorCode; message: string; fix: string };

export type UnconfirmResponse = { ok: true } | { ok: false; code: ConfirmErrorCode; message: string; fix: string };

export interface ConfirmCandidateView {
  runId: number;
  externalId: string;
  deviceId: number;
  deviceName: string;
  customerName: string;
  dataSource: string;
  dataSourceName: string;
  sessionAt: string;
  status: UploadRunStatus | null;
  confirmed: boolean;
  blocker: string | null;
}

/** What a confirmation with this selection would do. */
export interface ConfirmPreview {
  /** The calendar day `localDay` resolved to (e.g. "today" → 2026-03-10), or `null`. */
  localDay: string | null;
  timeZone: string;
  /** Runs matching the selection. */
  total: number;
  /** Would be confirmed now. */
  confirmable: number;
  /** Of those, failed or warning runs: the confirmation needs an outcome. */
  needOutcome: number;
  alreadyConfirmed: number;
  /** Colour-bar or unfinished runs, which cannot be confirmed. */
  blocked: number;
  /** The first 200 matches, oldest first. */
  runs: ConfirmCandidateView[];
}

export interface UploadNowResult {
  /** Uploads attempted by this click. */
  attempted: number;
  /** Where they ended up. */
  outcomes: Partial<Record<UploadState, number>>;
  /** Why nothing (more) could be sent now: not configured, offline, key refused. */
  problem: UploadProblem | null;
  summary: UploadSummaryView;
}

export interface OutboxRequest {
  states?: UploadState[];
  limit?: number;
}

export interface OutboxItemView {
  id: number;
  /** `null` when the cache was reset since (the upload goes on from its snapshot). */
  runId: number | null;
  externalId: string;
  deviceId: number | null;
  deviceName: string | null;
  dataSource: string | null;
  dataSourceName: string | null;
  sessionAt: string | null;
  mode: UploadModeView;
  state: UploadState;
  waitingForUpload: boolean;
  attempts: number;
  /** Set while queued or retrying. */
  nextAttemptAt: string | null;
  receiptId: string | null;
  /** Why the item is in its state, in words. */
  reason: string | null;
  lastError: string | null;
  lastHttpStatus: number | null;
  updatedAt: string;
  sentAt: string | null;
}

export interface OutboxView {
  summary: UploadSummaryView;
  counts: Record<UploadState, number>;
  total: number;
  /** Unfinished first, then the rest by last change, newest first. */
  items: OutboxItemView[];
}

/** One upload attempt: the audit trail of an item. */
export interface UploadAttemptView {
  attemptedAt: string;
  /** Items sent in one batch share it; `interrupted` marks a crash before the answer. */
  requestId: string;
  httpStatus: number | null;
  networkError: string | null;
  resultState: UploadState;
  durationMs: number | null;
}

export interface BackupchecksSettingsView {
  /** The Backupchecks web app, e.g. `https://backupchecks.example.com`; empty = not configured. */
  url: string;
  mode: UploadModeView;
  /** Send confirmed runs at once; otherwise they wait for "Upload confirmed". */
  autoUpload: boolean;
}
