/**
 * The confirm-and-upload channels of the window contract (issue 5) answered by AppService.
 * Electron-free: the IPC layer (main/electron/ipc-handlers.ts) and the browser bridge spread the
 * same map into theirs, each after checking the request with upload-requests.ts.
 */
import type { RequestOf, ResponseOf } from '../../preload/contract';
import type { AppService } from './app-service';
import type { UploadChannel } from './upload-requests';

/** The part of AppService the window reaches for confirmations and uploads. */
export type UploadBackend = Pick<AppService, 'previewConfirm' | 'confirmRuns' | 'unconfirmRun' | 'uploadNow' | 'outbox' | 'uploadAttempts'>;

export type UploadHandlers = {
  [C in UploadChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

export function createUploadHandlers(service: UploadBackend): UploadHandlers {
  return {
    'app:preview-confirm': (selection) => service.previewConfirm(selection),
    'app:confirm-runs': (request) => service.confirmRuns(request),
    'app:unconfirm-run': ({ runId }) => service.unconfirmRun(runId),
    'app:upload-now': () => service.uploadNow(),
    'app:get-outbox': (request) => service.outbox(request),
    'app:get-upload-attempts': ({ externalId }) => service.uploadAttempts(externalId),
  };
}
