/**
 * A stand-in for AppService's NotificationService in the shell tests: an in-memory log, snoozes
 * with the engine's signatures (so engineControls() drives it like the real one) and recorded calls.
 */
import { vi } from 'vitest';
import type { NotificationBackend } from '../../main/app/notification-handlers';
import type { Snooze, SnoozeScope } from '../../main/notify/notification-types';
import type { AcknowledgementView, NotificationSettingsView, NotificationView, SnoozeView } from '../../preload/notification-contract';

export const NOTIFICATION_SETTINGS_VIEW: NotificationSettingsView = {
  flapControl: false,
  escalateAfterFailures: 3,
  onboardingGraceHours: 48,
  acknowledgementHours: 24,
  maxCustomerNotifications: 5,
  timeZone: 'Europe/Amsterdam',
  quietHours: { enabled: false, start: '22:00', end: '07:00' },
  systemTimeZone: 'Europe/Amsterdam',
};

export function makeNotification(overrides: Partial<NotificationView> = {}): NotificationView {
  return {
    id: '7',
    kind: 'failed',
    title: 'Contoso: SRV-01 failed',
    body: 'Files and Folders',
    urgency: 'normal',
    target: { kind: 'device', deviceId: 42, customerId: 5 },
    actions: ['open', 'acknowledge'],
    createdAt: '2026-03-10T14:30:00.000Z',
    ...overrides,
  };
}

export type FakeNotifications = NotificationBackend & { log: NotificationView[]; snoozeState: Map<string, Snooze> };

export function fakeNotifications(): FakeNotifications {
  const log: NotificationView[] = [];
  const snoozeState = new Map<string, Snooze>();
  const key = (scope: SnoozeScope) => JSON.stringify(scope);
  const view = (s: Snooze): SnoozeView => ({ scope: s.scope, label: 'Everything', until: new Date(s.until * 1000).toISOString(), createdAt: new Date(s.createdAt * 1000).toISOString() });
  const fake: FakeNotifications = {
    log,
    snoozeState,
    recent: vi.fn((limit = 200) => log.slice(0, limit)),
    find: vi.fn(async (id: string) => log.find((n) => n.id === id) ?? null),
    acknowledge: vi.fn(({ deviceId, reason }) => {
      const acknowledgement: AcknowledgementView = {
        deviceId,
        deviceName: 'SRV-01',
        customerId: 5,
        customerName: 'Contoso',
        by: 'Tech',
        reason,
        at: '2026-03-10T14:30:00.000Z',
        expiresAt: '2026-03-11T14:30:00.000Z',
      };
      return { ok: true as const, acknowledgement };
    }),
    unacknowledge: vi.fn(() => []),
    acknowledgementList: vi.fn(() => []),
    snooze: vi.fn((scope: SnoozeScope, duration, now = 0) => {
      const until = typeof duration === 'object' ? duration.until : now + 3600;
      const snooze = { scope, until, createdAt: now };
      snoozeState.set(key(scope), snooze);
      return snooze;
    }),
    unsnooze: vi.fn((scope: SnoozeScope) => {
      snoozeState.delete(key(scope));
    }),
    snoozedUntil: vi.fn((scope: SnoozeScope) => snoozeState.get(key(scope))?.until ?? null),
    snoozeFor: vi.fn((scope: SnoozeScope) => {
      const snooze = fake.snooze(scope, '1h', 0);
      return { ok: true as const, snooze: view(snooze) };
    }),
    snoozeList: vi.fn(() => [...snoozeState.values()].map(view)),
    settingsView: vi.fn(() => NOTIFICATION_SETTINGS_VIEW),
    saveSettings: vi.fn(() => ({ ok: true as const, settings: NOTIFICATION_SETTINGS_VIEW })),
  };
  return fake;
}
