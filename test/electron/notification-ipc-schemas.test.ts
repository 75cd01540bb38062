/**
 * Payload schemas of the notification channels (issue 4): good requests pass unchanged; wrong
 * types, unknown scopes and durations, extra keys and oversized strings are refused before
 * NotificationService sees them.
 */
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_REQUEST_SCHEMAS } from '../../main/app/notification-requests';
import { IPC_REQUEST_SCHEMAS, parseRequest } from '../../main/app/request-schemas';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../preload/contract';

const settings = {
  flapControl: true,
  escalateAfterFailures: 3,
  onboardingGraceHours: 48,
  acknowledgementHours: 24,
  maxCustomerNotifications: 5,
  timeZone: 'Europe/Amsterdam',
  quietHours: { enabled: true, start: '22:00', end: '07:00' },
};

describe('notification request schemas', () => {
  it('are part of the IPC schema map and of the contract, with the log event', () => {
    for (const channel of Object.keys(NOTIFICATION_REQUEST_SCHEMAS)) {
      expect(IPC_REQUEST_SCHEMAS).toHaveProperty([channel]);
      expect(INVOKE_CHANNELS).toContain(channel);
    }
    expect(EVENT_CHANNELS).toContain('app:notification');
  });

  it.each([
    ['app:get-notifications', {}],
    ['app:get-notifications', { limit: 50 }],
    ['app:acknowledge', { deviceId: 42, reason: 'Replacing the disk' }],
    ['app:acknowledge', { deviceId: 42, reason: 'Replacing the disk', hours: 4 }],
    ['app:acknowledge', { deviceId: 42, reason: '' }],
    ['app:unacknowledge', { deviceId: 42 }],
    ['app:get-acknowledgements', undefined],
    ['app:snooze', { scope: { kind: 'device', deviceId: 42 }, duration: '1h' }],
    ['app:snooze', { scope: { kind: 'customer', customerId: 5 }, duration: '4h' }],
    ['app:snooze', { scope: { kind: 'all' }, duration: 'tomorrow' }],
    ['app:unsnooze', { scope: { kind: 'all' } }],
    ['app:get-snoozes', undefined],
    ['app:get-notification-settings', undefined],
    ['app:save-notification-settings', settings],
    ['app:pending-navigation', undefined],
  ] as const)('accepts %s %j', (channel, payload) => {
    expect(parseRequest(channel, payload)).toEqual({ ok: true, value: payload });
  });

  it.each([
    ['app:get-notifications', undefined],
    ['app:get-notifications', { limit: 0 }],
    ['app:get-notifications', { limit: 5000 }],
    ['app:acknowledge', { deviceId: 42 }],
    ['app:acknowledge', { deviceId: '42', reason: 'x' }],
    ['app:acknowledge', { deviceId: 42, reason: 'x'.repeat(501) }],
    ['app:acknowledge', { deviceId: 42, reason: 'x', hours: Number.POSITIVE_INFINITY }],
    ['app:acknowledge', { deviceId: 42, reason: 'x', by: 'someone else' }],
    ['app:unacknowledge', {}],
    ['app:get-acknowledgements', {}],
    ['app:snooze', { scope: { kind: 'all' }, duration: '1y' }],
    ['app:snooze', { scope: { kind: 'everyone' }, duration: '1h' }],
    ['app:snooze', { scope: { kind: 'device' }, duration: '1h' }],
    ['app:snooze', { scope: { kind: 'all', deviceId: 3 }, duration: '1h' }],
    ['app:snooze', { scope: { kind: 'all' }, duration: '1h', until: 0 }],
    ['app:unsnooze', { scope: 'all' }],
    ['app:save-notification-settings', { ...settings, quietHours: { enabled: true, start: '22:00' } }],
    ['app:save-notification-settings', { ...settings, quietHours: { ...settings.quietHours, start: '22:00:00' } }],
    ['app:save-notification-settings', { ...settings, flapControl: 'yes' }],
    ['app:save-notification-settings', { ...settings, timeZone: 'x'.repeat(65) }],
    ['app:save-notification-settings', { ...settings, maxNames: 3 }],
    ['app:pending-navigation', { customerId: 1 }],
  ] as const)('refuses %s %j', (channel, payload) => {
    const parsed = parseRequest(channel, payload);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(new RegExp(`^Invalid request for ${channel}`));
  });
});
