/**
 * What keeps a notification from being shown: acknowledgements (per failing device, with a reason
 * and an expiry), snoozes (device, customer or everything) and quiet hours. Muted changes are
 * held and, when the mute ends, summed up in one digest; nothing is replayed. Pure functions.
 */
import type { DeviceInfo } from './notification-rules';
import type { Acknowledgement, DeviceEvent, HeldChange, QuietHours, Snooze, SnoozeDuration, SnoozeScope } from './notification-types';
import { addLocalDays, parseClockTime, wallTime, wallTimeToSeconds } from './zoned-time';

const HOUR_SECONDS = 3600;

export const DEFAULT_ACKNOWLEDGEMENT_HOURS = 24;
/** "Until tomorrow" ends at this local hour. */
export const MORNING_HOUR = 8;
const NIGHT_ENDS_HOUR = 4;

// --- acknowledgements -------------------------------------------------------------------------

export interface AcknowledgementOutcome {
  /** Events still to show (escalations of acknowledged problems removed, expiry reminders added). */
  events: DeviceEvent[];
  /** Acknowledgements to delete: the device recovered or left Cove, or the acknowledgement expired. */
  cleared: number[];
}

/**
 * An acknowledgement hides what was already wrong when it was given (the escalation of that
 * failure too). A problem that begins later, e.g. another data source failing, is new and shown.
 * It clears itself on recovery; when it expires while the device still fails, one reminder.
 */
export function applyAcknowledgements(input: {
  events: readonly DeviceEvent[];
  acknowledgements: ReadonlyMap<number, Acknowledgement>;
  devices: ReadonlyMap<number, DeviceInfo>;
  problemDevices: ReadonlySet<number>;
  now: number;
}): AcknowledgementOutcome {
  const { acknowledgements, now } = input;
  const cleared = new Set<number>();
  const events: DeviceEvent[] = [];
  for (const event of input.events) {
    const ack = acknowledgements.get(event.deviceId);
    if (event.category === 'recovered') {
      if (ack) cleared.add(event.deviceId);
      events.push(event);
      continue;
    }
    if (ack && ack.expiresAt > now && event.since <= ack.at) continue;
    events.push(event);
  }
  for (const ack of acknowledgements.values()) {
    if (cleared.has(ack.deviceId)) continue;
    const device = input.devices.get(ack.deviceId);
    if (!device) {
      cleared.add(ack.deviceId);
      continue;
    }
    if (ack.expiresAt > now) continue;
    cleared.add(ack.deviceId);
    // A fresh event for this device already tells the news; otherwise remind once.
    if (input.problemDevices.has(ack.deviceId) && !events.some((e) => e.deviceId === ack.deviceId)) {
      events.push({
        category: 'reminder',
        deviceId: device.id,
        deviceName: device.name,
        customerId: device.customerId,
        customerName: device.customerName,
        sources: [],
        since: ack.at,
        hadProblem: true,
        acknowledgement: { by: ack.by, reason: ack.reason },
      });
    }
  }
  return { events, cleared: [...cleared] };
}

export function isAcknowledged(ack: Acknowledgement | undefined, now: number): boolean {
  return ack !== undefined && ack.expiresAt > now;
}

// --- snoozes and quiet hours ------------------------------------------------------------------

export function snoozeUntil(duration: SnoozeDuration, now: number, timeZone: string): number {
  switch (duration) {
    case '1h':
      return now + HOUR_SECONDS;
    case '4h':
      return now + 4 * HOUR_SECONDS;
    case 'tomorrow': {
      // 08:00 on the next calendar day, found by local date so a DST change tonight is handled.
      // Before 04:00 the technician's night has not ended: "tomorrow" is this morning.
      const days = wallTime(now, timeZone).hour < NIGHT_ENDS_HOUR ? 0 : 1;
      const date = addLocalDays(now, days, timeZone);
      return wallTimeToSeconds({ ...date, hour: MORNING_HOUR, minute: 0, second: 0 }, timeZone);
    }
  }
}

export function sameScope(a: SnoozeScope, b: SnoozeScope): boolean {
  if (a.kind === 'all' || b.kind === 'all') return a.kind === b.kind;
  if (a.kind === 'device') return b.kind === 'device' && a.deviceId === b.deviceId;
  return b.kind === 'customer' && a.customerId === b.customerId;
}

/** Inside the window [start, end) of local wall-clock time; a window with start > end crosses midnight. */
export function isQuietTime(now: number, quiet: QuietHours): boolean {
  if (!quiet.enabled) return false;
  const start = parseClockTime(quiet.start);
  const end = parseClockTime(quiet.end);
  if (start === end) return false;
  const local = wallTime(now, quiet.timeZone);
  const minute = local.hour * 60 + local.minute;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** What a held change or a new event belongs to; the connection is muted only by "everything". */
export type MuteSubject = { deviceId: number; customerId: number } | 'connection';

export type MuteReason = 'quiet-hours' | 'snooze-all' | 'snooze-customer' | 'snooze-device';

export function muteReason(subject: MuteSubject, snoozes: readonly Snooze[], quiet: QuietHours, now: number): MuteReason | null {
  if (isQuietTime(now, quiet)) return 'quiet-hours';
  for (const snooze of snoozes) {
    if (snooze.until <= now) continue;
    const scope = snooze.scope;
    if (scope.kind === 'all') return 'snooze-all';
    if (subject === 'connection') continue;
    if (scope.kind === 'customer' && scope.customerId === subject.customerId) return 'snooze-customer';
    if (scope.kind === 'device' && scope.deviceId === subject.deviceId) return 'snooze-device';
  }
  return null;
}

// --- the digest --------------------------------------------------------------------------------

const ENDS_A_PROBLEM = new Set<HeldChange['category']>(['recovered', 'connection-restored']);

/**
 * Folds a muted change into what is already held for the same subject: the latest change wins,
 * but a problem that began and ended unseen leaves nothing (no "fixed" for a break nobody saw).
 * Returns null when nothing is left to hold.
 */
export function holdChange(existing: HeldChange | undefined, incoming: HeldChange): HeldChange | null {
  if (!existing) return incoming;
  const announced = existing.announced;
  if (ENDS_A_PROBLEM.has(incoming.category) && !ENDS_A_PROBLEM.has(existing.category) && !announced) return null;
  return { ...incoming, announced };
}

export function heldFromEvent(event: DeviceEvent, at: number): HeldChange {
  return {
    subject: `device:${event.deviceId}`,
    deviceId: event.deviceId,
    customerId: event.customerId,
    name: event.deviceName,
    category: event.category,
    at,
    announced: event.hadProblem,
  };
}
