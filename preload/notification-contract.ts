/**
 * The notification part of the window contract (issue 4): what the log panel, the acknowledge
 * and snooze actions and the notification settings send and receive. Types only; the channel
 * names live in preload/contract.ts with the rest. Times are ISO 8601 UTC strings, like the
 * rest of the contract.
 */
import type { BackupStatus } from '../main/monitor/backup-status';

export type NotificationKindView =
  | 'recovered'
  | 'reminder'
  | 'never'
  | 'stale'
  | 'failed'
  | 'escalated'
  | 'connection-lost'
  | 'connection-restored'
  | 'summary'
  | 'digest';

/** Where a click on the notification leads: a device, a customer, or the problems list. */
export type NotificationTargetView =
  | { kind: 'device'; deviceId: number; customerId: number }
  | { kind: 'customer'; customerId: number }
  | { kind: 'problems' };

/** `confirm`: "Confirm & upload", offered on a single device's failure or recovery. */
export type NotificationActionView = 'open' | 'acknowledge' | 'confirm';

/** One notification the app showed (or would have shown): a row of the log panel. */
export interface NotificationView {
  /** The log's row id, stable across restarts. */
  id: string;
  kind: NotificationKindView;
  title: string;
  body: string;
  urgency: 'normal' | 'critical';
  target: NotificationTargetView;
  actions: NotificationActionView[];
  createdAt: string;
}

/** What the tray (and the window's header) needs from the notification side. Part of AppState. */
export interface NotificationSummary {
  /** Worst status over devices nobody acknowledged; 'ok' when there is none. */
  worstUnacknowledged: BackupStatus;
  /** Devices failed, stale, or never backed up after their onboarding grace. */
  failing: number;
  /** Of those, acknowledged. */
  acknowledged: number;
  /** Something fails and every failure is acknowledged: the tray shows its muted icon. */
  allAcknowledged: boolean;
  /** Everything is snoozed until then, or null. */
  snoozedUntil: string | null;
  /** Quiet hours are in force right now. */
  quietHoursNow: boolean;
}

export interface AcknowledgementView {
  deviceId: number;
  /** Null when the device is no longer in the cache. */
  deviceName: string | null;
  customerId: number | null;
  customerName: string | null;
  by: string;
  reason: string;
  at: string;
  expiresAt: string;
}

export interface AcknowledgeRequest {
  deviceId: number;
  /** Required: why nobody needs to be told about this failure for now. */
  reason: string;
  /** Default: the acknowledgement hours in the notification settings (24). */
  hours?: number;
}

export type AcknowledgeResult = { ok: true; acknowledgement: AcknowledgementView } | { ok: false; message: string };

export type SnoozeScopeView = { kind: 'device'; deviceId: number } | { kind: 'customer'; customerId: number } | { kind: 'all' };

/** 1 hour, 4 hours, or until 08:00 tomorrow in the notification time zone (before 04:00: this morning). */
export type SnoozeDurationView = '1h' | '4h' | 'tomorrow';

export interface SnoozeRequest {
  scope: SnoozeScopeView;
  duration: SnoozeDurationView;
}

export interface SnoozeView {
  scope: SnoozeScopeView;
  /** "Everything", the customer's name or the device's name. */
  label: string;
  until: string;
  createdAt: string;
}

export type SnoozeResult = { ok: true; snooze: SnoozeView } | { ok: false; message: string };

export interface QuietHoursView {
  enabled: boolean;
  /** Local wall-clock time, HH:MM (24 h); start after end crosses midnight. */
  start: string;
  end: string;
}

/** The settings the window edits; the rest (maxNames) stays in the settings file. */
export interface NotificationSettingsInput {
  flapControl: boolean;
  escalateAfterFailures: number;
  onboardingGraceHours: number;
  acknowledgementHours: number;
  maxCustomerNotifications: number;
  /** IANA time zone for quiet hours and "until tomorrow 08:00". */
  timeZone: string;
  quietHours: QuietHoursView;
}

export interface NotificationSettingsView extends NotificationSettingsInput {
  /** The OS time zone, offered as the default. */
  systemTimeZone: string;
}

export type SaveNotificationSettingsResult =
  | { ok: true; settings: NotificationSettingsView }
  | { ok: false; field: keyof NotificationSettingsInput | null; message: string };

/**
 * Where a notification click (or the tray) sends the window. `customerId` null = the customer
 * list; `view: 'problems'` opens it on the problems; `acknowledge` opens the device's
 * acknowledge dialog (the notification's Acknowledge action); `confirm` opens the device's
 * confirm dialog on its newest finished session, uploading once confirmed (Confirm & upload).
 */
export interface NavigateTarget {
  customerId: number | null;
  deviceId: number | null;
  view?: 'problems';
  acknowledge?: boolean;
  confirm?: boolean;
}
