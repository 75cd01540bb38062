/**
 * The window's own channels (issue 3) answered by AppService: one map, used by the Electron IPC
 * layer and the browser bridge, each of which checks who asks and what was sent before calling.
 */
import type { RequestOf, ResponseOf } from '../../preload/contract';
import type { AppService } from './app-service';

/** The part of AppService the window's own channels reach. */
export type WindowBackend = Pick<AppService, 'state' | 'pollNow' | 'customer' | 'runs' | 'search' | 'settingsView' | 'saveSettings' | 'useDemo'>;

type WindowChannel =
  | 'app:get-state'
  | 'app:poll-now'
  | 'app:get-customer'
  | 'app:get-runs'
  | 'app:search'
  | 'app:get-settings'
  | 'app:save-settings'
  | 'app:use-demo'
  | 'app:open-external';

export type WindowHandlers = { [C in WindowChannel]: (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>> };

/** `openExternal` decides about links: Electron checks its allow-list, a browser tab opens links itself. */
export function createWindowHandlers(service: WindowBackend, openExternal: (url: string) => boolean | Promise<boolean>): WindowHandlers {
  return {
    'app:get-state': () => service.state(),
    'app:poll-now': () => service.pollNow(),
    'app:get-customer': ({ customerId }) => service.customer(customerId),
    'app:get-runs': (request) => service.runs(request),
    'app:search': ({ query }) => service.search(query),
    'app:get-settings': () => service.settingsView(),
    'app:save-settings': (input) => service.saveSettings(input),
    'app:use-demo': () => service.useDemo(),
    'app:open-external': ({ url }) => openExternal(url),
  };
}
