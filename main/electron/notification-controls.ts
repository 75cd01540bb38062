/**
 * What the tray menu needs from the notification engine (main/notify/): snooze everything until
 * a time, or resume. `engineControls` adapts the real engine (main.ts passes it AppService's
 * NotificationService, which has the engine's signatures).
 */
import type { NotificationEngine } from '../notify/notification-engine';

export interface NotificationControls {
  snoozeAll(until: Date): void;
  resume(): void;
  /** When the snooze ends, or null when notifications are on. */
  snoozedUntil(): Date | null;
}

/** The tray's controls over the engine's global ("all") snooze; the engine counts in Unix seconds. */
export function engineControls(engine: Pick<NotificationEngine, 'snooze' | 'unsnooze' | 'snoozedUntil'>): NotificationControls {
  const all = { kind: 'all' } as const;
  return {
    snoozeAll: (until) => {
      engine.snooze(all, { until: Math.floor(until.getTime() / 1000) });
    },
    resume: () => engine.unsnooze(all),
    snoozedUntil: () => {
      const until = engine.snoozedUntil(all);
      return until === null ? null : new Date(until * 1000);
    },
  };
}
