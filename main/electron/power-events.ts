/**
 * Sleep and lock pause polling; wake and unlock poll right away (the poll scheduler resets
 * its backoff on resume). lock-screen/unlock-screen only fire on macOS and Windows.
 */
import { powerMonitor } from 'electron';

export interface Pausable {
  pause(): void;
  resume(): Promise<void>;
}

const PAUSE_EVENTS = ['suspend', 'lock-screen'] as const;
const RESUME_EVENTS = ['resume', 'unlock-screen'] as const;

export function watchPowerEvents(poller: Pausable, onError: (error: unknown) => void = console.error): () => void {
  const pause = () => poller.pause();
  const resume = () => {
    poller.resume().catch(onError);
  };
  for (const event of PAUSE_EVENTS) powerMonitor.on(event as 'suspend', pause);
  for (const event of RESUME_EVENTS) powerMonitor.on(event as 'resume', resume);
  return () => {
    for (const event of PAUSE_EVENTS) powerMonitor.off(event as 'suspend', pause);
    for (const event of RESUME_EVENTS) powerMonitor.off(event as 'resume', resume);
  };
}
