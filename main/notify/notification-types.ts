/**
 * The shapes the notification rules, the engine and (later) the Electron adapter share.
 * Plain data only: an adapter can show a `Notification` without knowing how it was decided.
 * Times are Unix seconds (UTC).
 */
import type { PollFailureKind } from '../monitor/poll-cycle';

export type Urgency = 'normal' | 'critical';

export type NotificationTarget =
  | { kind: 'device'; deviceId: number; customerId: number }
  | { kind: 'customer'; customerId: number }
  | { kind: 'problems' };

/** `confirm`: "Confirm & upload" the device's newest session (issue 5); only on single-device notifications. */
export type NotificationAction = 'open' | 'acknowledge' | 'confirm';

/** Per-device changes, least severe first (the batcher shows the most severe last, so it ends on top). */
export const DEVICE_EVENT_CATEGORIES = ['recovered', 'reminder', 'never', 'stale', 'failed', 'escalated'] as const;
export type DeviceEventCategory = (typeof DEVICE_EVENT_CATEGORIES)[number];

export type ConnectionEventCategory = 'connection-lost' | 'connection-restored';

export type NotificationKind = DeviceEventCategory | ConnectionEventCategory | 'summary' | 'digest';

export interface Notification {
  /** The notification log's row id: stable, so a click from the OS notification centre can find it later. */
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  urgency: Urgency;
  target: NotificationTarget;
  actions?: NotificationAction[];
  createdAt: number;
}

/** A notification before it is logged (and so before it has an id). */
export type NotificationDraft = Omit<Notification, 'id' | 'createdAt'>;

/** One device's change in one poll: the unit the batcher groups per customer and category. */
export interface DeviceEvent {
  category: DeviceEventCategory;
  deviceId: number;
  deviceName: string;
  customerId: number;
  customerName: string;
  /** Names of the data sources involved; empty when only the device as a whole (its Total) is. */
  sources: string[];
  /** Consecutive failed sessions, for `escalated`. */
  failures?: number;
  /** When the problem behind this event began (acknowledgements only hide problems older than themselves). */
  since: number;
  /** The device already had a problem the technician was told about before this poll. */
  hadProblem: boolean;
  /** For `reminder`: who acknowledged it and why. */
  acknowledgement?: { by: string; reason: string };
}

/** Why a poll got no data (the poll log's outcomes other than ok). */
export type PollProblemKind = Exclude<PollFailureKind, 'ok'>;

/** The monitor itself cannot see: notified once when it starts, once when it ends. */
export interface ConnectionEvent {
  category: ConnectionEventCategory;
  kind: PollProblemKind;
  /** Plain-words cause, for `connection-lost`. */
  problem?: string;
  since: number;
  /** Another outage was already told about (e.g. unreachable before credentials). */
  hadProblem: boolean;
}

export interface Acknowledgement {
  deviceId: number;
  by: string;
  reason: string;
  at: number;
  expiresAt: number;
}

export type SnoozeScope = { kind: 'device'; deviceId: number } | { kind: 'customer'; customerId: number } | { kind: 'all' };

/** `tomorrow` ends at 08:00 the next morning in the technician's time zone (after midnight but before 04:00: this morning). */
export type SnoozeDuration = '1h' | '4h' | 'tomorrow';

export interface Snooze {
  scope: SnoozeScope;
  until: number;
  createdAt: number;
}

export interface QuietHours {
  enabled: boolean;
  /** Local wall-clock time, `HH:MM` (24 h). When start > end the window crosses midnight. */
  start: string;
  end: string;
  /** IANA time zone, e.g. `Europe/Amsterdam`. */
  timeZone: string;
}

/** A change that happened while it was muted, kept until the mute ends and then summed up in one digest. */
export interface HeldChange {
  /** `device:<id>` or `connection`. */
  subject: string;
  deviceId: number | null;
  customerId: number | null;
  name: string;
  category: DeviceEventCategory | ConnectionEventCategory;
  at: number;
  /** A problem of this subject had been shown before the mute: its recovery is news even if the rest was held. */
  announced: boolean;
}
