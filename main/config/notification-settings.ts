/**
 * Notification settings (issue 4) as they live in the settings file under `notifications`:
 * the engine's settings (main/notify/notification-engine.ts) plus quiet hours, every field with
 * a default so a config file written before this existed still parses. The poll interval is not
 * repeated here: the engine takes the app's own `pollIntervalMinutes`.
 */
import { z } from 'zod';
import { notificationSettingsSchema } from '../notify/notification-engine';
import { parseClockTime } from '../notify/zoned-time';

function isClockTime(text: string): boolean {
  try {
    parseClockTime(text);
    return true;
  } catch {
    return false;
  }
}

const clockTime = z.string().trim().refine(isClockTime, 'use HH:MM (24 h), e.g. 22:00');

export const DEFAULT_QUIET_HOURS = { enabled: false, start: '22:00', end: '07:00' } as const;

export const quietHoursSettingsSchema = z.object({
  enabled: z.boolean().default(DEFAULT_QUIET_HOURS.enabled),
  start: clockTime.default(DEFAULT_QUIET_HOURS.start),
  end: clockTime.default(DEFAULT_QUIET_HOURS.end),
});

export const notificationAppSettingsSchema = notificationSettingsSchema
  .omit({ pollIntervalMinutes: true })
  .extend({
    /** Off by default; in `timeZone` (which defaults to the OS time zone). */
    quietHours: quietHoursSettingsSchema.prefault({}),
  })
  .prefault({});

export type NotificationAppSettings = z.infer<typeof notificationAppSettingsSchema>;
