/**
 * The one contract between the window and the main process: channel names, request and
 * response types. Imported by main (handlers), the preload bridge, the browser bridge and the
 * renderer, so both ends are typed from a single place. Types only, plus the channel names:
 * nothing here may pull Node or Electron into the renderer.
 */
import type { BackupStatus, DeviceKind, StatusCounts } from '../main/monitor/backup-status';
import type {
  AcknowledgeRequest,
  AcknowledgeResult,
  AcknowledgementView,
  NavigateTarget,
  NotificationSettingsInput,
  NotificationSettingsView,
  NotificationSummary,
  NotificationView,
  SaveNotificationSettingsResult,
  SnoozeRequest,
  SnoozeResult,
  SnoozeScopeView,
  SnoozeView,
} from './notification-contract';
// Confirm and upload (issue 5): the shapes live in ./upload-contract.ts.
import type {
  BackupchecksSettingsView,
  ConfirmPreview,
  ConfirmRequest,
  ConfirmResponse,
  ConfirmSelection,
  OutboxRequest,
  OutboxView,
  RunUploadView,
  UnconfirmResponse,
  UploadAttemptView,
  UploadNowResult,
  UploadSummaryView,
} from './upload-contract';

export type { BackupStatus, DeviceKind, StatusCounts };
// Notifications (issue 4): the shapes live in ./notification-contract.ts.
export type * from './notification-contract';
// Confirm and upload (issue 5)
export type * from './upload-contract';

/** What the tray icon shows, in order of precedence. */
export type OverallState = 'unavailable' | 'failed' | 'stale' | 'warning' | 'ok' | 'empty';

export type PollProblemKind = 'credentials' | 'permission' | 'unreachable' | 'protocol' | 'rpc' | 'storage' | 'configuration' | 'keychain';

export interface PollProblem {
  kind: PollProblemKind;
  /** The cause, in plain words. */
  message: string;
  /** What to do about it. */
  fix: string;
}

export interface PollView {
  state: 'idle' | 'polling' | 'paused';
  /** ISO 8601 UTC of the last attempt, successful or not. */
  lastAttemptAt: string | null;
  /** The last poll failed: why, and what to do. `null` after a success. */
  problem: PollProblem | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
  intervalMinutes: number;
}

export interface CustomerSummary {
  id: number;
  name: string;
  status: BackupStatus;
  counts: StatusCounts;
  deviceCount: number;
  /** The oldest "last success" among its devices: how overdue the worst device is. */
  oldestLastSuccessAt: string | null;
  /** 28 days, oldest first: the worst Cove session status any device showed that day (0 = none). */
  history: number[];
}

export interface AppState {
  source: 'cove' | 'demo';
  /** "Demo data" or the Cove partner name. */
  accountLabel: string;
  /** When the data was read from Cove (last successful poll). */
  asOf: string | null;
  /** Data older than two poll intervals, or the last poll failed: never show it as healthy. */
  dataUnavailable: boolean;
  overall: OverallState;
  counts: StatusCounts;
  poll: PollView;
  customers: CustomerSummary[];
  /** Notifications (issue 4): worst unacknowledged state, failing count, all acknowledged, snooze. Always sent by AppService. */
  notifications?: NotificationSummary;
  /** Confirm and upload (issue 5): confirmed runs not yet uploaded, the uploader's state. Always sent by AppService. */
  upload?: UploadSummaryView;
}

export interface DataSourceView {
  code: string;
  name: string;
  status: BackupStatus;
  coveStatus: number | null;
  coveStatusName: string;
  lastSessionAt: string | null;
  lastSuccessAt: string | null;
  errors: number;
  history: number[];
}

export interface DeviceView {
  id: number;
  name: string;
  computer: string | null;
  kind: DeviceKind;
  partnerId: number;
  partnerName: string | null;
  status: BackupStatus;
  coveStatus: number | null;
  coveStatusName: string;
  lastSessionAt: string | null;
  lastSuccessAt: string | null;
  errors: number;
  history: number[];
  dataSources: DataSourceView[];
}

export interface CustomerDetail extends CustomerSummary {
  devices: DeviceView[];
}

export interface RunView {
  id: number;
  dataSource: string;
  dataSourceName: string;
  sessionAt: string;
  /** Colour-bar backfills only know the day. */
  precision: 'exact' | 'day';
  coveStatus: number | null;
  coveStatusName: string;
  status: BackupStatus;
  errors: number | null;
  selectedSize: number | null;
  sentSize: number | null;
  durationSeconds: number | null;
  /** Confirm and upload (issue 5): confirmable or why not, its confirmation and upload state. Always sent by AppService. */
  upload?: RunUploadView;
}

export interface RunsRequest {
  deviceId: number;
  dataSource?: string;
  limit?: number;
}

export interface SearchHit {
  kind: 'customer' | 'device';
  customerId: number;
  customerName: string;
  deviceId: number | null;
  deviceName: string | null;
  status: BackupStatus;
}

export interface StaleThresholdsView {
  server: number;
  workstation: number;
  m365: number;
  unknown: number;
}

export interface SettingsView {
  coveUrl: string;
  partner: string;
  username: string;
  /** Whether a token is saved; the token itself never leaves the main process. */
  coveTokenSaved: boolean;
  pollIntervalMinutes: number;
  staleThresholdHours: StaleThresholdsView;
  displayName: string;
  /** False where no OS keychain is available: secrets cannot be saved. */
  keychainAvailable: boolean;
  keychainProblem: string | null;
  /** Confirm and upload (issue 5): where confirmed runs go. Always sent by AppService. */
  backupchecks?: BackupchecksSettingsView;
  /** Whether an API key is saved for that server; the key itself never leaves the main process. */
  backupchecksKeySaved?: boolean;
}

export interface SettingsInput {
  coveUrl: string;
  partner: string;
  username: string;
  /** Write-only. Omitted or empty: keep the saved token. */
  coveToken?: string;
  pollIntervalMinutes: number;
  staleThresholdHours: StaleThresholdsView;
  displayName: string;
  /** Confirm and upload (issue 5). Omitted: keep the saved Backupchecks settings. */
  backupchecks?: BackupchecksSettingsView;
  /** Write-only. Omitted or empty: keep the saved key. Checked with the server before it is kept. */
  backupchecksKey?: string;
}

export type SaveSettingsResult =
  | { ok: true; settings: SettingsView }
  | { ok: false; field: keyof SettingsInput | null; message: string };

/** Request → response per invoke channel. */
export interface InvokeContract {
  'app:get-state': { request: void; response: AppState };
  'app:poll-now': { request: void; response: AppState };
  'app:get-customer': { request: { customerId: number }; response: CustomerDetail | null };
  'app:get-runs': { request: RunsRequest; response: RunView[] };
  'app:search': { request: { query: string }; response: SearchHit[] };
  'app:get-settings': { request: void; response: SettingsView };
  'app:save-settings': { request: SettingsInput; response: SaveSettingsResult };
  'app:use-demo': { request: void; response: AppState };
  'app:open-external': { request: { url: string }; response: boolean };
  // Notifications (issue 4)
  'app:get-notifications': { request: { limit?: number }; response: NotificationView[] };
  'app:acknowledge': { request: AcknowledgeRequest; response: AcknowledgeResult };
  'app:unacknowledge': { request: { deviceId: number }; response: AcknowledgementView[] };
  'app:get-acknowledgements': { request: void; response: AcknowledgementView[] };
  'app:snooze': { request: SnoozeRequest; response: SnoozeResult };
  'app:unsnooze': { request: { scope: SnoozeScopeView }; response: SnoozeView[] };
  'app:get-snoozes': { request: void; response: SnoozeView[] };
  'app:get-notification-settings': { request: void; response: NotificationSettingsView };
  'app:save-notification-settings': { request: NotificationSettingsInput; response: SaveNotificationSettingsResult };
  /** The window asks once it listens: a notification click that opened (or started) it waits here. */
  'app:pending-navigation': { request: void; response: NavigateTarget | null };
  // Confirm and upload (issue 5)
  'app:preview-confirm': { request: ConfirmSelection; response: ConfirmPreview };
  'app:confirm-runs': { request: ConfirmRequest; response: ConfirmResponse };
  'app:unconfirm-run': { request: { runId: number }; response: UnconfirmResponse };
  'app:upload-now': { request: void; response: UploadNowResult };
  'app:get-outbox': { request: OutboxRequest; response: OutboxView };
  'app:get-upload-attempts': { request: { externalId: string }; response: UploadAttemptView[] };
}

export type InvokeChannel = keyof InvokeContract;
export type RequestOf<C extends InvokeChannel> = InvokeContract[C]['request'];
export type ResponseOf<C extends InvokeChannel> = InvokeContract[C]['response'];

/** Main → window pushes. */
export interface EventContract {
  'app:state-changed': AppState;
  /** Open a customer or device (from a notification click or the tray); `view: 'problems'` opens the problems list. */
  'app:navigate': NavigateTarget;
  // Notifications (issue 4): each notification as it is shown, for the log panel.
  'app:notification': NotificationView;
}

export type EventChannel = keyof EventContract;

export const INVOKE_CHANNELS: readonly InvokeChannel[] = [
  'app:get-state',
  'app:poll-now',
  'app:get-customer',
  'app:get-runs',
  'app:search',
  'app:get-settings',
  'app:save-settings',
  'app:use-demo',
  'app:open-external',
  // Notifications (issue 4)
  'app:get-notifications',
  'app:acknowledge',
  'app:unacknowledge',
  'app:get-acknowledgements',
  'app:snooze',
  'app:unsnooze',
  'app:get-snoozes',
  'app:get-notification-settings',
  'app:save-notification-settings',
  'app:pending-navigation',
  // Confirm and upload (issue 5)
  'app:preview-confirm',
  'app:confirm-runs',
  'app:unconfirm-run',
  'app:upload-now',
  'app:get-outbox',
  'app:get-upload-attempts',
];

export const EVENT_CHANNELS: readonly EventChannel[] = [
  'app:state-changed',
  'app:navigate',
  // Notifications (issue 4)
  'app:notification',
];

/** What `window.coveTray` offers the renderer: typed calls on the allow-listed channels, never raw IPC. */
export interface CoveTrayApi {
  invoke<C extends InvokeChannel>(channel: C, ...request: RequestOf<C> extends void ? [] : [RequestOf<C>]): Promise<ResponseOf<C>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventContract[E]) => void): () => void;
}
