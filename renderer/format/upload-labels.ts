/** Words for the confirm-and-upload flow (issue 5): upload states, outcomes, results. */
import type { ReviewOutcomeView, UploadNowResult, UploadState } from '../../preload/contract';
import { plural } from './time-format';

export const UPLOAD_STATE_LABELS: Readonly<Record<UploadState, string>> = {
  queued: 'Queued',
  sending: 'Sending',
  retrying: 'Retrying',
  sent: 'Sent',
  staged: 'Staged',
  conflict: 'Conflict',
  rejected: 'Rejected',
};

/** The pill tone of each state: final answers that need a look are "warning"/"failed". */
export const UPLOAD_STATE_TONE: Readonly<Record<UploadState, 'ok' | 'running' | 'warning' | 'failed' | 'never'>> = {
  queued: 'never',
  sending: 'running',
  retrying: 'warning',
  sent: 'ok',
  staged: 'ok',
  conflict: 'warning',
  rejected: 'failed',
};

export const OUTCOME_LABELS: Readonly<Record<ReviewOutcomeView, string>> = {
  reviewed: 'Reviewed',
  mark_success: 'Marked as success',
};

/** A receipt id as Backupchecks names it: `812` → "run 812", `staged:17` → "inbox item 17". */
export function receiptLabel(receiptId: string | null): string | null {
  if (!receiptId) return null;
  return receiptId.startsWith('staged:') ? `inbox item ${receiptId.slice('staged:'.length)}` : `run ${receiptId}`;
}

/** "Uploaded 3 runs: 3 sent." or the problem. */
export function uploadResultLine(result: UploadNowResult): string {
  const parts = (['sent', 'staged', 'conflict', 'rejected', 'retrying', 'queued'] as const)
    .filter((s) => (result.outcomes[s] ?? 0) > 0)
    .map((s) => `${result.outcomes[s]} ${UPLOAD_STATE_LABELS[s].toLowerCase()}`);
  if (result.attempted === 0) return result.problem ? `${result.problem.message} ${result.problem.fix}` : 'Nothing to upload.';
  const line = `Uploaded ${plural(result.attempted, 'run')}: ${parts.join(', ')}.`;
  return result.problem ? `${line} ${result.problem.message}` : line;
}
