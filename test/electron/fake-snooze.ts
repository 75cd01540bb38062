/** A stand-in for the tray's notification controls in shell tests that need no engine. */
import type { NotificationControls } from '../../main/electron/notification-controls';

/** Keeps the snooze time and lets it lapse. */
export class SnoozeState implements NotificationControls {
  private until: Date | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  snoozeAll(until: Date): void {
    this.until = until.getTime() > this.now() ? until : null;
  }

  resume(): void {
    this.until = null;
  }

  snoozedUntil(): Date | null {
    if (this.until && this.until.getTime() <= this.now()) this.until = null;
    return this.until;
  }
}
