/**
 * What the tray shows for an AppState: which icon and which tooltip. Pure, so every state can
 * be table-tested; tray-controller.ts applies the result.
 */
import type { AppState, BackupStatus, OverallState } from '../../preload/contract';

/** One icon per state; `resources/tray/` holds a distinct shape for each. `muted`: every failure is acknowledged. */
export const TRAY_ICON_STATES = ['ok', 'warning', 'failed', 'stale', 'unavailable', 'paused', 'demo', 'empty', 'muted'] as const;
export type TrayIconState = (typeof TRAY_ICON_STATES)[number];

export interface TrayExtras {
  /** Notifications snoozed from the tray menu until this time. */
  notificationsPausedUntil: Date | null;
}

/**
 * Precedence: demo (never mistaken for real data) › data unavailable (never green on old data
 * or a failed poll) › paused (polling paused, or notifications snoozed) › muted (something
 * fails and all of it is acknowledged) › the worst status nobody acknowledged.
 */
export function trayIconState(state: AppState, extras: TrayExtras): TrayIconState {
  if (state.source === 'demo') return 'demo';
  if (state.dataUnavailable || state.overall === 'unavailable') return 'unavailable';
  if (state.poll.state === 'paused' || extras.notificationsPausedUntil !== null) return 'paused';
  const n = state.notifications;
  if (!n || state.overall === 'empty') return state.overall;
  if (n.allAcknowledged) return 'muted';
  return unacknowledgedOverall(n.worstUnacknowledged, n.failing - n.acknowledged);
}

/** The worst unacknowledged device status as an icon; a device never backed up past its grace counts as "no recent backup". */
export function unacknowledgedOverall(worst: BackupStatus, unacknowledgedFailing: number): Exclude<OverallState, 'unavailable' | 'empty'> {
  switch (worst) {
    case 'failed':
    case 'stale':
      return worst;
    case 'warning':
    case 'unknown':
      return 'warning';
    case 'never':
      return unacknowledgedFailing > 0 ? 'stale' : 'ok';
    default:
      return 'ok';
  }
}

/** "3 failing devices, 2 acknowledged"; null when nothing fails (or the state predates notifications). */
export function failingLine(state: AppState): string | null {
  const n = state.notifications;
  if (!n || n.failing === 0) return null;
  const devices = `${n.failing} failing device${n.failing === 1 ? '' : 's'}`;
  if (n.allAcknowledged) return `${devices}, all acknowledged`;
  return n.acknowledged > 0 ? `${devices}, ${n.acknowledged} acknowledged` : devices;
}

/** The menu-bar title next to the icon (macOS): the number of failing devices, or nothing. */
export function trayTitle(state: AppState): string {
  const failing = state.notifications?.failing ?? 0;
  return state.source !== 'demo' && !state.dataUnavailable && failing > 0 ? String(failing) : '';
}

/** Statuses in the order the tooltip lists them: worst first, zeros left out. */
const TOOLTIP_ORDER: readonly BackupStatus[] = ['failed', 'stale', 'warning', 'unknown', 'never', 'running', 'ok'];

export function countsLine(state: AppState): string {
  const parts = TOOLTIP_ORDER.filter((s) => state.counts[s] > 0).map((s) => `${state.counts[s]} ${s === 'never' ? 'never run' : s}`);
  return parts.length ? parts.join(', ') : 'No devices';
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

export function formatClock(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

export function dataAgeLine(state: AppState, now: number): string {
  if (!state.asOf) return 'No data yet';
  return `Data from ${formatAge(now - Date.parse(state.asOf))}`;
}

/** Windows cuts tray tooltips at 127 characters. */
const WINDOWS_TOOLTIP_MAX = 127;

export function trayTooltip(state: AppState, extras: TrayExtras, now: number, platform: NodeJS.Platform = process.platform): string {
  const lines = [`Cove Tray Monitor – ${state.source === 'demo' ? 'Demo data' : state.accountLabel}`, countsLine(state), dataAgeLine(state, now)];
  const failing = failingLine(state);
  if (failing) lines.splice(2, 0, failing);
  if (state.poll.problem) lines.push(`Data unavailable: ${state.poll.problem.message}`);
  else if (state.dataUnavailable) lines.push('Data unavailable: too old');
  if (state.poll.state === 'paused') lines.push('Polling paused');
  if (extras.notificationsPausedUntil) lines.push(`Notifications paused until ${formatClock(extras.notificationsPausedUntil)}`);
  else if (state.notifications?.quietHoursNow) lines.push('Quiet hours: notifications held');
  const text = lines.join('\n');
  if (platform !== 'win32' || text.length <= WINDOWS_TOOLTIP_MAX) return text;
  return `${text.slice(0, WINDOWS_TOOLTIP_MAX - 1)}…`;
}

/**
 * "Until tomorrow 08:00", by the notification engine's rule (main/notify/mute-rules.ts): 08:00
 * the next day, except before 04:00, when the night has not ended and it is this morning.
 */
export function nextMorning(now: Date, hour = 8, nightEndsHour = 4): Date {
  const days = now.getHours() < nightEndsHour ? 0 : 1;
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hour, 0, 0, 0);
}

/** Menu label for the morning snooze: "Until tomorrow 08:00", or "Until 08:00" after midnight. */
export function morningLabel(now: Date, hour = 8): string {
  const until = nextMorning(now, hour);
  const clock = formatClock(until);
  return until.getDate() === now.getDate() ? `Until ${clock}` : `Until tomorrow ${clock}`;
}
