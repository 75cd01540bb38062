/**
 * The contract's invoke channels answered by AppService, for the browser bridge. Requests come
 * from a page over HTTP, so each one is checked with the same schemas as Electron's IPC
 * (main/app/request-schemas.ts) before AppService sees it.
 */
import { INVOKE_CHANNELS, type InvokeChannel, type NavigateTarget, type RequestOf, type ResponseOf } from '../../preload/contract';
import { parseRequest } from '../app/request-schemas';
import { type WindowBackend, createWindowHandlers } from '../app/window-handlers';

export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
}

type Handler<C extends InvokeChannel> = (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
/** Channels the bridge answers; the rest get HTTP 501 until someone wires them. */
export type BridgeHandlers = { [C in InvokeChannel]?: Handler<C> };

/** Channels added from outside (notifications, uploads…), or replacements for the window's own. */
export type ExtraChannels = BridgeHandlers;

/** The part of AppService the window reaches. */
export type BridgeBackend = WindowBackend;

export function createBridgeHandlers(service: BridgeBackend, takePendingNavigation: () => NavigateTarget | null = () => null): BridgeHandlers {
  return {
    // A browser tab opens links itself; the bridge never launches anything on the host.
    ...createWindowHandlers(service, () => false),
    // A navigation asked for before any window listened (see BrowserBridge.navigate).
    'app:pending-navigation': () => takePendingNavigation(),
  };
}

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(value);
}

/**
 * Shape checks with the same schemas the Electron IPC layer uses; the meaning of values (ranges,
 * URLs) is AppService's to judge.
 */
export function validateRequest<C extends InvokeChannel>(channel: C, request: unknown): RequestOf<C> {
  // A page over HTTP sends `null` for "no request" where IPC sends undefined.
  const parsed = parseRequest(channel, request === null ? undefined : request);
  if (!parsed.ok) throw new BadRequestError(parsed.message);
  return parsed.value as RequestOf<C>;
}
