/**
 * The app calls `afterPoll` after every poll and shows what it returns; the engine decides with
 * the pure rules and keeps its memory in the app's SQLite file, so a restart with unchanged facts
 * stays silent and a change made while the app was closed is told once at launch.
 * Electron-free: an adapter turns the returned plain objects into OS notifications.
 */
import { z } from 'zod';
import type { FleetReport } from '../monitor/fleet-report';
import type { PollResult } from '../monitor/poll-cycle';
import type { Db } from '../store/database';
import { type BatchOptions, batchDeviceEvents, connectionDraft, connectionTitle, digestDraft } from './notification-batching';
import { NotificationRepository } from './notification-repository';
import { DEFAULT_RULE_SETTINGS, type NotificationRuleSettings, evaluateConnection, evaluateFleet } from './notification-rules';
import {
  DEFAULT_ACKNOWLEDGEMENT_HOURS,
  type MuteSubject,
  applyAcknowledgements,
  heldFromEvent,
  holdChange,
  isAcknowledged,
  muteReason,
  sameScope,
  snoozeUntil,
} from './mute-rules';
import type {
  Acknowledgement,
  ConnectionEvent,
  DeviceEvent,
  HeldChange,
  Notification,
  NotificationDraft,
  QuietHours,
  Snooze,
  SnoozeDuration,
  SnoozeScope,
} from './notification-types';
import { type TrayState, trayState } from './tray-state';
import { isValidTimeZone, parseClockTime, systemTimeZone } from './zoned-time';

const HOUR_SECONDS = 3600;

export interface NotificationSettings extends NotificationRuleSettings, BatchOptions {
  acknowledgementHours: number;
  /** The app's poll interval: a Cove outage is told once it lasted two of them. */
  pollIntervalMinutes: number;
  /** The technician's time zone: "until tomorrow 08:00" and the default quiet hours use it. */
  timeZone: string;
}

/** For the app's settings schema; every field has a default. */
export const notificationSettingsSchema = z.object({
  flapControl: z.boolean().default(DEFAULT_RULE_SETTINGS.flapControl),
  escalateAfterFailures: z.number().int().min(1).max(100).default(DEFAULT_RULE_SETTINGS.escalateAfterFailures),
  onboardingGraceHours: z.number().min(0).max(24 * 90).default(DEFAULT_RULE_SETTINGS.onboardingGraceHours),
  acknowledgementHours: z.number().positive().max(24 * 30).default(DEFAULT_ACKNOWLEDGEMENT_HOURS),
  pollIntervalMinutes: z.number().int().min(1).max(24 * 60).default(5),
  maxCustomerNotifications: z.number().int().min(1).max(50).default(5),
  maxNames: z.number().int().min(1).max(20).default(5),
  timeZone: z.string().refine(isValidTimeZone, 'not an IANA time zone').default(systemTimeZone),
});

const quietHoursSchema = z.object({
  enabled: z.boolean(),
  start: z.string().refine(isClockTime, 'use HH:MM (24 h)'),
  end: z.string().refine(isClockTime, 'use HH:MM (24 h)'),
  timeZone: z.string().refine(isValidTimeZone, 'not an IANA time zone'),
});

function isClockTime(text: string): boolean {
  try {
    parseClockTime(text);
    return true;
  } catch {
    return false;
  }
}

export function defaultQuietHours(timeZone: string): QuietHours {
  return { enabled: false, start: '22:00', end: '07:00', timeZone };
}

export interface NotificationEngineOptions {
  settings?: Partial<NotificationSettings>;
  /** Milliseconds, like runPollCycle's `now`; used by the methods that take no explicit time. */
  clock?: () => number;
}

export class NotificationEngine {
  private readonly repo: NotificationRepository;
  private settings: NotificationSettings;
  private readonly clock: () => number;

  constructor(db: Db, options: NotificationEngineOptions = {}) {
    this.repo = new NotificationRepository(db);
    this.settings = notificationSettingsSchema.parse(options.settings ?? {});
    this.clock = options.clock ?? Date.now;
  }

  private nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  currentSettings(): NotificationSettings {
    return { ...this.settings };
  }

  updateSettings(changes: Partial<NotificationSettings>): void {
    this.settings = notificationSettingsSchema.parse({ ...this.settings, ...changes });
  }

  /**
   * After each poll (ok or not): what to show now, least severe first so the most severe ends on
   * top. `report` is the cache judged at `now` (Unix seconds); it is ignored when the poll failed,
   * because the cache then holds nothing new.
   */
  afterPoll(poll: PollResult, report: FleetReport, now: number): Notification[] {
    return this.repo.transaction(() => {
      const snoozes = this.repo.snoozes();
      const quiet = this.quietHours();
      const held = this.repo.held();
      const isMuted = (subject: MuteSubject) => muteReason(subject, snoozes, quiet, now) !== null;

      const connection = evaluateConnection(this.repo.connection(), poll, this.settings.pollIntervalMinutes * 60);
      this.repo.setConnection(connection.next);

      let deviceEvents: DeviceEvent[] = [];
      if (poll.ok) {
        const evaluation = evaluateFleet({
          report,
          previous: this.repo.subjects(),
          deviceFirstSeen: this.repo.deviceFirstSeen(),
          consecutiveFailures: (deviceId, code) => this.repo.consecutiveFailures(deviceId, code),
          now,
          settings: this.settings,
        });
        this.repo.saveSubjects(evaluation.changed, evaluation.removed);
        const acks = applyAcknowledgements({
          events: evaluation.events,
          acknowledgements: this.repo.acknowledgements(),
          devices: evaluation.devices,
          problemDevices: evaluation.problemDevices,
          now,
        });
        this.repo.deleteAcknowledgements(acks.cleared);
        deviceEvents = acks.events;
        // Devices gone from Cove leave no digest entries behind.
        const gone = [...held.values()].filter((h) => h.deviceId !== null && !evaluation.devices.has(h.deviceId));
        this.dropHeld(held, gone.map((h) => h.subject));
      }

      // Muted changes are held; a visible change that ends a held problem folds into the digest.
      const releasing = new Set([...held.values()].filter((h) => !isMuted(muteSubjectOf(h))).map((h) => h.subject));
      const visible: DeviceEvent[] = [];
      for (const event of deviceEvents) {
        const change = heldFromEvent(event, now);
        if (isMuted({ deviceId: event.deviceId, customerId: event.customerId })) this.hold(held, change);
        else if (releasing.has(change.subject) && event.category === 'recovered') this.hold(held, change);
        else visible.push(event);
      }
      let connectionEvent: ConnectionEvent | null = connection.event;
      if (connectionEvent) {
        const change = heldFromConnection(connectionEvent, now);
        if (isMuted('connection') || (releasing.has(change.subject) && connectionEvent.category === 'connection-restored')) {
          this.hold(held, change);
          connectionEvent = null;
        }
      }

      const drafts: NotificationDraft[] = [];
      const digest = this.release(held, releasing);
      if (digest) drafts.push(digest);
      if (connectionEvent?.category === 'connection-restored') drafts.push(connectionDraft(connectionEvent));
      drafts.push(...batchDeviceEvents(visible, this.settings));
      if (connectionEvent?.category === 'connection-lost') drafts.push(connectionDraft(connectionEvent));

      this.repo.deleteExpiredSnoozes(now);
      return this.repo.appendLog(drafts, now);
    });
  }

  /**
   * The digest for mutes that ended since the last poll, without waiting for one (e.g. on a timer
   * or right after `unsnooze`). Empty when nothing was held or something still mutes it.
   */
  releaseDigest(now = this.nowSeconds()): Notification[] {
    return this.repo.transaction(() => {
      const snoozes = this.repo.snoozes();
      const quiet = this.quietHours();
      const held = this.repo.held();
      const releasing = new Set([...held.values()].filter((h) => muteReason(muteSubjectOf(h), snoozes, quiet, now) === null).map((h) => h.subject));
      const digest = this.release(held, releasing);
      this.repo.deleteExpiredSnoozes(now);
      return this.repo.appendLog(digest ? [digest] : [], now);
    });
  }

  private hold(held: Map<string, HeldChange>, change: HeldChange): void {
    const next = holdChange(held.get(change.subject), change);
    if (next) {
      held.set(change.subject, next);
      this.repo.putHeld(next);
    } else {
      this.dropHeld(held, [change.subject]);
    }
  }

  private dropHeld(held: Map<string, HeldChange>, subjects: readonly string[]): void {
    for (const s of subjects) held.delete(s);
    this.repo.deleteHeld(subjects);
  }

  private release(held: Map<string, HeldChange>, releasing: ReadonlySet<string>): NotificationDraft | null {
    const out = [...releasing].map((s) => held.get(s)).filter((h): h is HeldChange => h !== undefined);
    this.dropHeld(held, [...releasing]);
    return digestDraft(out, this.settings);
  }

  // --- acknowledgements ---

  /** "I'm on it": hides this failure (and its escalation) until it recovers or the acknowledgement expires. */
  acknowledge(deviceId: number, input: { by: string; reason: string; hours?: number }, now = this.nowSeconds()): Acknowledgement {
    const by = input.by.trim();
    const reason = input.reason.trim();
    if (reason === '') throw new RangeError('An acknowledgement needs a reason.');
    if (by === '') throw new RangeError('An acknowledgement needs the name of who gives it.');
    const hours = input.hours ?? this.settings.acknowledgementHours;
    if (!(hours > 0)) throw new RangeError('An acknowledgement must last a positive number of hours.');
    const ack: Acknowledgement = { deviceId, by, reason, at: now, expiresAt: now + Math.round(hours * HOUR_SECONDS) };
    this.repo.transaction(() => this.repo.putAcknowledgement(ack));
    return ack;
  }

  unacknowledge(deviceId: number): void {
    this.repo.transaction(() => this.repo.deleteAcknowledgements([deviceId]));
  }

  /** Acknowledgements still in force. */
  acknowledgements(now = this.nowSeconds()): Acknowledgement[] {
    return [...this.repo.acknowledgements().values()].filter((a) => isAcknowledged(a, now));
  }

  // --- snoozes and quiet hours ---

  /** 1 h, 4 h, until tomorrow 08:00 (in the quiet-hours time zone), or until a given time (Unix seconds). */
  snooze(scope: SnoozeScope, duration: SnoozeDuration | { until: number }, now = this.nowSeconds()): Snooze {
    const until = typeof duration === 'object' ? Math.floor(duration.until) : snoozeUntil(duration, now, this.quietHours().timeZone);
    if (!(until > now)) throw new RangeError('A snooze must end in the future.');
    const snooze: Snooze = { scope, until, createdAt: now };
    this.repo.transaction(() => this.repo.putSnooze(snooze));
    return snooze;
  }

  unsnooze(scope: SnoozeScope): void {
    this.repo.transaction(() => this.repo.deleteSnooze(scope));
  }

  /** Snoozes still in force. */
  snoozes(now = this.nowSeconds()): Snooze[] {
    return this.repo.snoozes().filter((s) => s.until > now);
  }

  /** When the snooze of exactly this scope ends (Unix seconds), or null. */
  snoozedUntil(scope: SnoozeScope, now = this.nowSeconds()): number | null {
    return this.snoozes(now).find((s) => sameScope(s.scope, scope))?.until ?? null;
  }

  isSnoozed(scope: SnoozeScope, now = this.nowSeconds()): boolean {
    return this.snoozedUntil(scope, now) !== null;
  }

  quietHours(): QuietHours {
    return this.repo.quietHours() ?? defaultQuietHours(this.settings.timeZone);
  }

  setQuietHours(quiet: QuietHours): QuietHours {
    const parsed = quietHoursSchema.parse(quiet);
    this.repo.transaction(() => this.repo.setQuietHours(parsed));
    return parsed;
  }

  // --- for the window and the tray ---

  /** The notifications panel: newest first. */
  recentNotifications(limit = 100): Notification[] {
    return this.repo.recentLog(limit);
  }

  trayState(report: FleetReport, now = this.nowSeconds(), lastPoll: PollResult | null = null): TrayState {
    const acks = this.repo.acknowledgements();
    return trayState(report, (id) => isAcknowledged(acks.get(id), now), {
      now,
      deviceFirstSeen: this.repo.deviceFirstSeen(),
      onboardingGraceHours: this.settings.onboardingGraceHours,
      lastPoll,
    });
  }
}

function muteSubjectOf(held: HeldChange): MuteSubject {
  return held.deviceId !== null && held.customerId !== null ? { deviceId: held.deviceId, customerId: held.customerId } : 'connection';
}

function heldFromConnection(event: ConnectionEvent, at: number): HeldChange {
  return { subject: 'connection', deviceId: null, customerId: null, name: connectionTitle(event), category: event.category, at, announced: event.hadProblem };
}
