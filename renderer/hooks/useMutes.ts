import { useCallback, useState } from 'react';
import type { AcknowledgementView, SnoozeScopeView, SnoozeView } from '../../preload/contract';
import { useInvoke } from './useInvoke';

export interface Mutes {
  acknowledgements: AcknowledgementView[];
  snoozes: SnoozeView[];
  /** Re-reads both, e.g. right after an acknowledgement or a snooze made here. */
  reload(): void;
}

/**
 * Acknowledgements and snoozes in force. `version` changes with the app state's notification
 * summary (acknowledged count, global snooze), so a change made from the tray shows here too.
 */
export function useMutes(version: string): Mutes {
  const [bump, setBump] = useState(0);
  const acknowledgements = useInvoke(`acks\u0000${version}\u0000${bump}`, (api) => api.invoke('app:get-acknowledgements'));
  const snoozes = useInvoke(`snoozes\u0000${version}\u0000${bump}`, (api) => api.invoke('app:get-snoozes'));
  const reload = useCallback(() => setBump((b) => b + 1), []);
  return { acknowledgements: acknowledgements.data ?? [], snoozes: snoozes.data ?? [], reload };
}

export function sameScope(a: SnoozeScopeView, b: SnoozeScopeView): boolean {
  if (a.kind === 'device') return b.kind === 'device' && a.deviceId === b.deviceId;
  if (a.kind === 'customer') return b.kind === 'customer' && a.customerId === b.customerId;
  return b.kind === 'all';
}
