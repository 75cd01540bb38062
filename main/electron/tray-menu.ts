/**
 * The tray's context menu as a plain template: pure, so a test can find an item and click it.
 * Linux desktops may never deliver a tray click, so everything is reachable from this menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { morningLabel, nextMorning } from './tray-appearance';

export interface TrayMenuModel {
  /** One line of status, e.g. "2 failed, 40 ok – data from 3 min ago". */
  statusLine: string;
  polling: boolean;
  notificationsPausedUntil: Date | null;
  startAtLogin: boolean;
  startAtLoginSupported: boolean;
  /** Confirm and upload (issue 5): confirmed runs not yet uploaded to Backupchecks. */
  confirmedToUpload?: number;
}

export interface TrayMenuActions {
  open(): void;
  pollNow(): void;
  pauseNotifications(until: Date): void;
  resumeNotifications(): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
  /** Confirm and upload (issue 5): "Upload N confirmed runs"; the item is shown when given. */
  uploadNow?(): void;
}

const HOUR_MS = 60 * 60_000;

export function buildTrayMenu(model: TrayMenuModel, actions: TrayMenuActions, clock: () => Date = () => new Date()): MenuItemConstructorOptions[] {
  const paused = model.notificationsPausedUntil !== null;
  return [
    { id: 'status', label: model.statusLine, enabled: false },
    { type: 'separator' },
    { id: 'open', label: 'Open Cove Tray Monitor', click: () => actions.open() },
    { id: 'poll-now', label: model.polling ? 'Polling…' : 'Poll now', enabled: !model.polling, click: () => actions.pollNow() },
    // Confirm and upload (issue 5)
    ...(actions.uploadNow ? [uploadItem(model.confirmedToUpload ?? 0, actions.uploadNow)] : []),
    {
      id: 'pause',
      label: paused ? 'Notifications paused' : 'Pause notifications',
      submenu: [
        // The time is taken when clicked, not when the menu was built.
        { id: 'pause-hour', label: 'For 1 hour', click: () => actions.pauseNotifications(new Date(clock().getTime() + HOUR_MS)) },
        { id: 'pause-morning', label: morningLabel(clock()), click: () => actions.pauseNotifications(nextMorning(clock())) },
        { type: 'separator' },
        { id: 'resume-notifications', label: 'Resume notifications', enabled: paused, click: () => actions.resumeNotifications() },
      ],
    },
    { type: 'separator' },
    {
      id: 'start-at-login',
      label: 'Start at login',
      type: 'checkbox',
      checked: model.startAtLogin,
      enabled: model.startAtLoginSupported,
      click: (item) => actions.setStartAtLogin(item.checked),
    },
    { type: 'separator' },
    { id: 'quit', label: 'Quit', click: () => actions.quit() },
  ];
}

/** "Upload 3 confirmed runs" to Backupchecks; disabled while there is nothing to upload. */
function uploadItem(count: number, uploadNow: () => void): MenuItemConstructorOptions {
  return {
    id: 'upload-now',
    label: count === 0 ? 'Upload confirmed runs' : `Upload ${count} confirmed run${count === 1 ? '' : 's'}`,
    enabled: count > 0,
    click: () => uploadNow(),
  };
}
