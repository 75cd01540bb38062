/**
 * Answers the window's invoke channels. Every call first checks who is asking (our page, top
 * frame) and what it sent (the channel's zod schema); only then does AppService see it.
 */
import { type IpcMainInvokeEvent, ipcMain } from 'electron';
import { INVOKE_CHANNELS, type InvokeChannel, type ResponseOf } from '../../preload/contract';
import { type WindowBackend as CoreWindowBackend, createWindowHandlers } from '../app/window-handlers';
import { type NotificationBackend, createNotificationHandlers } from '../app/notification-handlers';
import { type UploadBackend, createUploadHandlers } from '../app/upload-handlers';
import type { NavigateTarget } from '../../preload/notification-contract';
import { type ParsedRequest, parseRequest } from '../app/request-schemas';
import { type SenderFrameInfo, isTrustedSender } from './security-policy';

export type InvokeHandlers = {
  [C in InvokeChannel]: (request: ParsedRequest<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

/** The part of AppService the window reaches. */
export type WindowBackend = CoreWindowBackend & {
  // Notifications (issue 4)
  notifications: NotificationBackend;
} & UploadBackend; // Confirm and upload (issue 5)

export function createInvokeHandlers(
  service: WindowBackend,
  openExternal: (url: string) => Promise<boolean>,
  pendingNavigation: () => NavigateTarget | null = () => null,
): InvokeHandlers {
  return {
    ...createWindowHandlers(service, openExternal),
    // Notifications (issue 4)
    ...createNotificationHandlers(service.notifications, pendingNavigation),
    // Confirm and upload (issue 5)
    ...createUploadHandlers(service),
  };
}

export function senderFrameInfo(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): SenderFrameInfo | null {
  let frame: IpcMainInvokeEvent['senderFrame'];
  try {
    frame = event.senderFrame;
  } catch {
    // Reading senderFrame of a frame that navigated away or was destroyed can throw.
    return null;
  }
  if (!frame) return null;
  return { url: frame.url, isMainFrame: frame.parent === null };
}

export class IpcRefusedError extends Error {
  override readonly name = 'IpcRefusedError';
}

async function answer<C extends InvokeChannel>(channel: C, handlers: InvokeHandlers, event: IpcMainInvokeEvent, payload: unknown): Promise<ResponseOf<C>> {
  if (!isTrustedSender(senderFrameInfo(event))) throw new IpcRefusedError(`Refused ${channel}: the sender is not the app's own page`);
  const parsed = parseRequest(channel, payload);
  if (!parsed.ok) throw new IpcRefusedError(parsed.message);
  return handlers[channel](parsed.value);
}

/** Registers one handler per contract channel; returns a function that removes them. */
export function registerIpcHandlers(handlers: InvokeHandlers): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => answer(channel, handlers, event, payload));
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
