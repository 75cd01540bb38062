/**
 * The notification channels of the window contract (issue 4) answered by NotificationService.
 * Electron-free: the IPC layer (main/electron/ipc-handlers.ts) and the browser bridge spread the
 * same map into theirs, each after checking the request with notification-requests.ts.
 */
import type { RequestOf, ResponseOf } from '../../preload/contract';
import type { NavigateTarget } from '../../preload/notification-contract';
import type { NotificationChannel } from './notification-requests';
import type { NotificationService } from './notification-service';

/** The part of NotificationService the window reaches (and the tray's snooze controls use). */
export type NotificationBackend = Pick<
  NotificationService,
  | 'recent'
  | 'find'
  | 'acknowledge'
  | 'unacknowledge'
  | 'acknowledgementList'
  | 'snooze'
  | 'unsnooze'
  | 'snoozedUntil'
  | 'snoozeFor'
  | 'snoozeList'
  | 'settingsView'
  | 'saveSettings'
>;

export type NotificationHandlers = {
  [C in NotificationChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

export function createNotificationHandlers(notifications: NotificationBackend, pendingNavigation: () => NavigateTarget | null = () => null): NotificationHandlers {
  return {
    'app:get-notifications': ({ limit }) => notifications.recent(limit),
    'app:acknowledge': (request) => notifications.acknowledge(request),
    'app:unacknowledge': ({ deviceId }) => notifications.unacknowledge(deviceId),
    'app:get-acknowledgements': () => notifications.acknowledgementList(),
    'app:snooze': ({ scope, duration }) => notifications.snoozeFor(scope, duration),
    'app:unsnooze': ({ scope }) => {
      notifications.unsnooze(scope);
      return notifications.snoozeList();
    },
    'app:get-snoozes': () => notifications.snoozeList(),
    'app:get-notification-settings': () => notifications.settingsView(),
    'app:save-notification-settings': (input) => notifications.saveSettings(input),
    'app:pending-navigation': () => pendingNavigation(),
  };
}
