/**
 * The contract's invoke channels answered by AppService, for the browser bridge. Requests come
 * from a page over HTTP, so each one is checked for shape before AppService sees it.
 * (Electron's IPC layer has the same map with zod schemas in main/electron/, which this
 * Electron-free folder may not import.)
 */
import { INVOKE_CHANNELS, type InvokeChannel, type NavigateTarget, type RequestOf, type ResponseOf, type SettingsInput } from '../../preload/contract';
import { backupchecksSettingsInputSchema } from '../app/upload-requests';
import { type WindowBackend, createWindowHandlers } from '../app/window-handlers';

export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
}

type Handler<C extends InvokeChannel> = (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
/** Channels the bridge answers; the rest get HTTP 501 until someone wires them. */
export type BridgeHandlers = { [C in InvokeChannel]?: Handler<C> };

/**
 * A channel added from outside (notifications, uploads…): its handler and the shape check for
 * its request (throw to refuse; e.g. a zod schema's `parse`).
 */
export interface ExtraChannel<C extends InvokeChannel = InvokeChannel> {
  validate(request: unknown): RequestOf<C>;
  handle: Handler<C>;
}
export type ExtraChannels = { [C in InvokeChannel]?: ExtraChannel<C> };

/** The part of AppService the window reaches. */
export type BridgeBackend = WindowBackend;

/** The window's own channels (issue 3); `ExtraChannels` add the others. */
export const CORE_CHANNELS = [
  'app:get-state',
  'app:poll-now',
  'app:get-customer',
  'app:get-runs',
  'app:search',
  'app:get-settings',
  'app:save-settings',
  'app:use-demo',
  'app:open-external',
  'app:pending-navigation',
] as const satisfies readonly InvokeChannel[];

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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function check(condition: boolean, channel: InvokeChannel, what: string): void {
  if (!condition) throw new BadRequestError(`Invalid request for ${channel}: ${what}`);
}

/** Shape checks per channel; the meaning of values (ranges, URLs) is AppService's to judge. */
export function validateRequest<C extends InvokeChannel>(channel: C, request: unknown, extra: ExtraChannels = {}): RequestOf<C> {
  const added = extra[channel] as ExtraChannel<C> | undefined;
  if (added) {
    try {
      return added.validate(request);
    } catch (error) {
      throw new BadRequestError(`Invalid request for ${channel}: ${describeInvalid(error)}`);
    }
  }
  switch (channel as string) {
    case 'app:get-state':
    case 'app:poll-now':
    case 'app:get-settings':
    case 'app:use-demo':
    case 'app:pending-navigation':
      check(request === undefined || request === null, channel, 'takes no request');
      return undefined as RequestOf<C>;
    case 'app:get-customer':
      check(isRecord(request) && isId(request.customerId), channel, 'customerId must be an integer');
      break;
    case 'app:get-runs':
      check(isRecord(request) && isId(request.deviceId), channel, 'deviceId must be an integer');
      if (isRecord(request)) {
        check(request.dataSource === undefined || isText(request.dataSource, 64), channel, 'dataSource must be a short string');
        check(request.limit === undefined || (isId(request.limit) && request.limit >= 1 && request.limit <= 10_000), channel, 'limit must be 1..10000');
      }
      break;
    case 'app:search':
      check(isRecord(request) && isText(request.query, 256), channel, 'query must be a string of at most 256 characters');
      break;
    case 'app:save-settings': {
      const input = request as Partial<Record<keyof SettingsInput, unknown>>;
      check(isRecord(request), channel, 'settings must be an object');
      check(isText(input.coveUrl, 2048) && isText(input.partner, 512) && isText(input.username, 512) && isText(input.displayName, 512), channel, 'text fields must be strings');
      check(input.coveToken === undefined || isText(input.coveToken, 4096), channel, 'coveToken must be a string');
      check(isNumber(input.pollIntervalMinutes), channel, 'pollIntervalMinutes must be a number');
      const stale = input.staleThresholdHours;
      check(isRecord(stale) && ['server', 'workstation', 'm365', 'unknown'].every((k) => isNumber(stale[k])), channel, 'staleThresholdHours needs four numbers');
      // Confirm and upload (issue 5) rides along; its own schema checks it.
      check(input.backupchecks === undefined || backupchecksSettingsInputSchema.safeParse(input.backupchecks).success, channel, 'backupchecks must be { url, mode, autoUpload }');
      check(input.backupchecksKey === undefined || isText(input.backupchecksKey, 4096), channel, 'backupchecksKey must be a string');
      break;
    }
    case 'app:open-external':
      check(isRecord(request) && isText(request.url, 4096), channel, 'url must be a string');
      break;
    default:
      throw new BadRequestError(`The browser bridge does not check ${String(channel)} yet`);
  }
  return request as RequestOf<C>;
}

/** A zod error's first issue as "path: message"; zod 4's own message is a JSON dump. */
function describeInvalid(error: unknown): string {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues?.length) return `${issues[0].path.map(String).join('.') || '(request)'}: ${issues[0].message}`;
  return (error as Error).message.split('\n')[0];
}
