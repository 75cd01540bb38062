import { useState } from 'react';
import type { OutboxItemView, UploadAttemptView, UploadState, UploadSummaryView } from '../../preload/contract';
import { useApi } from '../api';
import { UPLOAD_STATE_LABELS, UPLOAD_STATE_TONE, receiptLabel } from '../format/upload-labels';
import { formatFull, formatIn, formatTime, plural } from '../format/time-format';
import { useInvoke } from '../hooks/useInvoke';
import { PageHeading } from './PageHeading';
import { UploadNowButton, uploadVersion, useUploadSummary } from './RunConfirm';

export interface OutboxPageProps {
  now: number;
  onBack(): void;
  onOpenSettings(): void;
}

const SHOWN_STATES: readonly UploadState[] = ['queued', 'sending', 'retrying', 'sent', 'staged', 'conflict', 'rejected'];

function destinationLine(summary: UploadSummaryView): string {
  if (summary.destination === 'demo-stub') return `The built-in Backupchecks stub (demo mode) at ${summary.url}`;
  if (summary.destination === 'server') return `Backupchecks at ${summary.url}${summary.mode === 'review' ? ' (reviews only)' : ''}`;
  return 'Backupchecks is not set up yet';
}

const SENDER_LABELS: Record<UploadSummaryView['sender'], string> = {
  idle: 'Ready',
  sending: 'Sending…',
  waiting: 'Waiting to retry',
  offline: 'Paused: offline',
  credentials: 'Paused: API key refused',
  stopped: 'Stopped',
  'not-configured': 'Not set up',
};

/** The upload outbox: every confirmed run's upload with its state, and each upload's attempts. */
export function OutboxPage({ now, onBack, onOpenSettings }: OutboxPageProps) {
  const pushed = useUploadSummary();
  const [revision, setRevision] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const result = useInvoke(`outbox\u0000${uploadVersion(pushed)}\u0000${revision}`, (api) => api.invoke('app:get-outbox', { limit: 200 }));
  const outbox = result.data;
  const summary = pushed ?? outbox?.summary ?? null;

  return (
    <section className="page page-outbox scroll" aria-label="Uploads to Backupchecks">
      <PageHeading crumbs={[{ label: 'Customers', onClick: onBack }]} title="Uploads to Backupchecks">
        <UploadNowButton
          summary={summary}
          className="button button-primary"
          onResult={(line) => {
            setMessage(line);
            setRevision((r) => r + 1);
          }}
        />
      </PageHeading>

      {summary && (
        <dl className="facts">
          <div>
            <dt>Destination</dt>
            <dd data-testid="upload-destination">{destinationLine(summary)}</dd>
          </div>
          <div>
            <dt>Uploader</dt>
            <dd>{SENDER_LABELS[summary.sender]}</dd>
          </div>
          <div>
            <dt>Waiting</dt>
            <dd>
              {plural(summary.pending, 'confirmed run')}
              {summary.waitingForUpload > 0 && <span className="muted"> · {summary.waitingForUpload} until “Upload confirmed”</span>}
            </dd>
          </div>
          <div>
            <dt>Automatic upload</dt>
            <dd>{summary.autoUpload ? 'On: confirmed runs go at once' : 'Off'}</dd>
          </div>
        </dl>
      )}

      {summary?.problem && (
        <div className="callout callout-error" role="alert">
          <p className="callout-title">{summary.problem.message}</p>
          <p>{summary.problem.fix}</p>
          {(summary.sender === 'credentials' || summary.destination === 'none') && (
            <button type="button" className="button" onClick={onOpenSettings}>
              Open Settings
            </button>
          )}
        </div>
      )}
      <p className="outbox-status muted small" role="status">
        {message ?? ''}
      </p>

      {outbox && (
        <div className="counts outbox-counts" aria-label="Uploads by state">
          {SHOWN_STATES.filter((s) => outbox.counts[s] > 0).map((s) => (
            <span key={s} className={`upload-state tone-${UPLOAD_STATE_TONE[s]}`}>
              {outbox.counts[s]} {UPLOAD_STATE_LABELS[s].toLowerCase()}
            </span>
          ))}
        </div>
      )}

      {result.error && <p className="inline-error">The outbox could not be read: {result.error}</p>}
      {!outbox || outbox.items.length === 0 ? (
        <p className="muted section-empty">
          {result.loading && !outbox ? 'Loading…' : 'Nothing confirmed yet. Confirm runs in a device’s run history; their uploads show here.'}
        </p>
      ) : (
        <ul className="outbox" aria-label="Uploads, unfinished first">
          {outbox.items.map((item) => (
            <OutboxRow key={item.id} item={item} now={now} />
          ))}
        </ul>
      )}
      {outbox && outbox.total > outbox.items.length && <p className="muted small">Showing {outbox.items.length} of {outbox.total}.</p>}
    </section>
  );
}

function stateDetail(item: OutboxItemView, now: number): string {
  if (item.waitingForUpload) return 'Waiting for “Upload confirmed”';
  switch (item.state) {
    case 'queued':
      return item.nextAttemptAt ? `Next attempt ${formatIn(item.nextAttemptAt, now)}` : 'Queued';
    case 'retrying':
      return `Next attempt ${formatIn(item.nextAttemptAt, now)} (${formatTime(item.nextAttemptAt, now)})`;
    case 'sending':
      return 'Sending now';
    case 'sent':
    case 'staged':
      return `Receipt: ${receiptLabel(item.receiptId) ?? '—'}`;
    default:
      return '';
  }
}

function OutboxRow({ item, now }: { item: OutboxItemView; now: number }) {
  const api = useApi();
  const [attempts, setAttempts] = useState<UploadAttemptView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    if (attempts !== null) return;
    api.invoke('app:get-upload-attempts', { externalId: item.externalId }).then(setAttempts, (err: unknown) => setError((err as Error).message));
  };
  const label = item.waitingForUpload ? 'Waiting' : UPLOAD_STATE_LABELS[item.state];
  return (
    <li className="outbox-item" data-state={item.state}>
      <details onToggle={(event) => (event.currentTarget as HTMLDetailsElement).open && load()}>
        <summary>
          <span className={`upload-state tone-${item.waitingForUpload ? 'never' : UPLOAD_STATE_TONE[item.state]}`}>{label}</span>
          <span className="cell-main">
            <span className="name">
              {item.deviceName ?? `Device ${item.deviceId ?? '?'}`} · {item.dataSourceName ?? item.dataSource ?? ''}
            </span>
            <span className="sub" title={formatFull(item.sessionAt)}>
              Session {formatTime(item.sessionAt, now)} · <code>{item.externalId}</code>
            </span>
          </span>
          <span className="outbox-detail">
            <span>{stateDetail(item, now)}</span>
            {item.reason && item.state !== 'sent' && <span className="sub">{item.reason}</span>}
          </span>
          <span className="muted small outbox-attempts">{plural(item.attempts, 'attempt')}</span>
        </summary>
        <div className="outbox-audit">
          {item.lastError && !item.reason?.includes(item.lastError) && <p className="muted small">Last error: {item.lastError}</p>}
          {item.state === 'sent' && item.reason && <p className="muted small">{item.reason}</p>}
          {error && <p className="inline-error">{error}</p>}
          {attempts === null ? (
            !error && <p className="muted small">Loading the attempts…</p>
          ) : attempts.length === 0 ? (
            <p className="muted small">Not attempted yet.</p>
          ) : (
            <table className="runs" aria-label={`Upload attempts of ${item.externalId}`}>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Answer</th>
                  <th scope="col">Result</th>
                  <th scope="col" className="num">Took</th>
                </tr>
              </thead>
              <tbody>
                {attempts.map((a, index) => (
                  <tr key={index}>
                    <td title={formatFull(a.attemptedAt)}>{formatTime(a.attemptedAt, now)}</td>
                    <td>{a.httpStatus !== null ? `HTTP ${a.httpStatus}` : (a.networkError ?? 'no answer')}</td>
                    <td>{UPLOAD_STATE_LABELS[a.resultState]}</td>
                    <td className="num">{a.durationMs !== null ? `${a.durationMs} ms` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </details>
    </li>
  );
}
