/**
 * Payload schemas for the notification channels of the window contract (issue 4). Electron-free
 * so both the Electron IPC layer (main/app/request-schemas.ts) and the browser bridge check
 * requests with the same rules. Shape and size only: whether a reason is empty, a time zone
 * exists or quiet hours read HH:MM is NotificationService's to judge, with a message the window
 * can show.
 */
import { z } from 'zod';

const id = z.number().int().safe();
const text = (max: number) => z.string().max(max);
const none = z.undefined();

export const snoozeScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('device'), deviceId: id }),
  z.strictObject({ kind: z.literal('customer'), customerId: id }),
  z.strictObject({ kind: z.literal('all') }),
]);

export const notificationsRequestSchema = z.strictObject({ limit: z.number().int().min(1).max(1000).optional() });

export const acknowledgeRequestSchema = z.strictObject({
  deviceId: id,
  reason: text(500),
  hours: z.number().finite().optional(),
});

export const deviceRequestSchema = z.strictObject({ deviceId: id });

export const snoozeRequestSchema = z.strictObject({
  scope: snoozeScopeSchema,
  duration: z.enum(['1h', '4h', 'tomorrow']),
});

export const unsnoozeRequestSchema = z.strictObject({ scope: snoozeScopeSchema });

export const notificationSettingsInputSchema = z.strictObject({
  flapControl: z.boolean(),
  escalateAfterFailures: z.number().finite(),
  onboardingGraceHours: z.number().finite(),
  acknowledgementHours: z.number().finite(),
  maxCustomerNotifications: z.number().finite(),
  timeZone: text(64),
  quietHours: z.strictObject({ enabled: z.boolean(), start: text(5), end: text(5) }),
});

/** Spread into the IPC schema map; keys are the contract's notification channels. */
export const NOTIFICATION_REQUEST_SCHEMAS = {
  'app:get-notifications': notificationsRequestSchema,
  'app:acknowledge': acknowledgeRequestSchema,
  'app:unacknowledge': deviceRequestSchema,
  'app:get-acknowledgements': none,
  'app:snooze': snoozeRequestSchema,
  'app:unsnooze': unsnoozeRequestSchema,
  'app:get-snoozes': none,
  'app:get-notification-settings': none,
  'app:save-notification-settings': notificationSettingsInputSchema,
  'app:pending-navigation': none,
} as const;

export type NotificationChannel = keyof typeof NOTIFICATION_REQUEST_SCHEMAS;
