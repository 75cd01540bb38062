/**
 * A stand-in for AppService that the shell tests drive by hand: no Cove, no cache, no timers.
 */
import { vi } from 'vitest';
import { fakeNotifications } from './fake-notifications';
import type { AppState, CustomerDetail, SaveSettingsResult, SettingsView } from '../../preload/contract';
import type { TrayAppService } from '../../main/electron/app-shell';
import type { ConfirmPreview, ConfirmResponse, OutboxView, UnconfirmResponse, UploadAttemptView, UploadNowResult, UploadSummaryView } from '../../preload/contract';

/** Confirm and upload (issue 5): nothing confirmed, the demo stub as destination. */
export const UPLOAD_SUMMARY: UploadSummaryView = {
  destination: 'demo-stub',
  url: 'http://127.0.0.1:8765',
  mode: 'run',
  autoUpload: false,
  pending: 0,
  waitingForUpload: 0,
  sender: 'idle',
  problem: null,
};

export const NOW = Date.parse('2026-03-10T14:30:00Z');

export function makeState(overrides: Partial<AppState> = {}, poll: Partial<AppState['poll']> = {}): AppState {
  return {
    source: 'cove',
    accountLabel: 'Acme MSP (admin@acme.example)',
    asOf: new Date(NOW - 3 * 60_000).toISOString(),
    dataUnavailable: false,
    overall: 'ok',
    counts: { ok: 40, warning: 0, failed: 0, stale: 0, running: 0, never: 0, unknown: 0 },
    customers: [],
    ...overrides,
    poll: {
      state: 'idle',
      lastAttemptAt: new Date(NOW - 3 * 60_000).toISOString(),
      problem: null,
      consecutiveFailures: 0,
      nextPollAt: new Date(NOW + 2 * 60_000).toISOString(),
      intervalMinutes: 5,
      ...poll,
    },
  };
}

const SETTINGS_VIEW: SettingsView = {
  coveUrl: 'https://api.backup.management/jsonapi',
  partner: 'Acme MSP (admin@acme.example)',
  username: 'api-user',
  coveTokenSaved: true,
  pollIntervalMinutes: 5,
  staleThresholdHours: { server: 24, workstation: 72, m365: 24, unknown: 24 },
  displayName: 'Tech',
  keychainAvailable: true,
  keychainProblem: null,
};

export class FakeAppService implements TrayAppService {
  current: AppState = makeState();
  private readonly listeners = new Set<(state: AppState) => void>();

  start = vi.fn(async () => undefined);
  close = vi.fn(async () => undefined);
  pause = vi.fn(() => undefined);
  resume = vi.fn(async () => undefined);
  pollNow = vi.fn(async () => this.current);
  state = vi.fn(() => this.current);
  customer = vi.fn((customerId: number): CustomerDetail | null => (customerId === 5 ? { ...customerSummary(5), devices: [] } : null));
  runs = vi.fn(() => []);
  search = vi.fn(() => []);
  settingsView = vi.fn(async () => SETTINGS_VIEW);
  saveSettings = vi.fn(async (): Promise<SaveSettingsResult> => ({ ok: true, settings: SETTINGS_VIEW }));
  useDemo = vi.fn(async () => this.current);
  // Notifications (issue 4)
  notifications = fakeNotifications();
  // Confirm and upload (issue 5)
  previewConfirm = vi.fn((): ConfirmPreview => ({ localDay: null, timeZone: 'UTC', total: 0, confirmable: 0, needOutcome: 0, alreadyConfirmed: 0, blocked: 0, runs: [] }));
  confirmRuns = vi.fn((): ConfirmResponse => ({ ok: true, confirmed: [], skipped: [], uploading: false }));
  unconfirmRun = vi.fn((): UnconfirmResponse => ({ ok: true }));
  uploadNow = vi.fn(async (): Promise<UploadNowResult> => ({ attempted: 0, outcomes: {}, problem: null, summary: this.current.upload ?? UPLOAD_SUMMARY }));
  outbox = vi.fn((): OutboxView => ({
    summary: this.current.upload ?? UPLOAD_SUMMARY,
    counts: { queued: 0, sending: 0, retrying: 0, sent: 0, staged: 0, conflict: 0, rejected: 0 },
    total: 0,
    items: [],
  }));
  uploadAttempts = vi.fn((): UploadAttemptView[] => []);

  onStateChanged(listener: (state: AppState) => void): () => boolean {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Changes the state and tells the listeners, as a finished poll would. */
  emit(state: AppState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}

function customerSummary(id: number) {
  return {
    id,
    name: 'Contoso',
    status: 'ok' as const,
    counts: { ok: 1, warning: 0, failed: 0, stale: 0, running: 0, never: 0, unknown: 0 },
    deviceCount: 1,
    oldestLastSuccessAt: null,
    history: [],
  };
}
