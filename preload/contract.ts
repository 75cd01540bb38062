/**
 * The one contract between the window and the main process: channel names, request and
 * response types. Imported by main (handlers), the preload bridge, the browser bridge and the
 * renderer, so both ends are typed from a single place. Types only, plus the channel names:
 * nothing here may pull Node or Electron into the renderer.
 */
import type { BackupStatus, DeviceKind, StatusCounts } from '../main/monitor/backup-status';

export type { BackupStatus, DeviceKind, StatusCounts };

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
}

export type InvokeChannel = keyof InvokeContract;
export type RequestOf<C extends InvokeChannel> = InvokeContract[C]['request'];
export type ResponseOf<C extends InvokeChannel> = InvokeContract[C]['response'];

/** Main → window pushes. */
export interface EventContract {
  'app:state-changed': AppState;
  /** Open a customer or device (from a notification click or the tray). */
  'app:navigate': { customerId: number | null; deviceId: number | null };
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
];

export const EVENT_CHANNELS: readonly EventChannel[] = ['app:state-changed', 'app:navigate'];

/** What `window.coveTray` offers the renderer: typed calls on the allow-listed channels, never raw IPC. */
export interface CoveTrayApi {
  invoke<C extends InvokeChannel>(channel: C, ...request: RequestOf<C> extends void ? [] : [RequestOf<C>]): Promise<ResponseOf<C>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventContract[E]) => void): () => void;
}
