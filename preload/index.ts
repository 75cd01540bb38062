/**
 * The preload bridge: exposes `window.coveTray` (CoveTrayApi) and nothing else. Calls go only
 * to the contract's channels; listeners never see the IPC event object, and each `on` returns
 * its unsubscribe. Bundled to one CommonJS file because sandboxed preloads cannot import ESM.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { type CoveTrayApi, EVENT_CHANNELS, type EventChannel, type EventContract, INVOKE_CHANNELS, type InvokeChannel, type ResponseOf } from './contract';

const invokeChannels = new Set<string>(INVOKE_CHANNELS);
const eventChannels = new Set<string>(EVENT_CHANNELS);

export const coveTrayApi: CoveTrayApi = {
  invoke<C extends InvokeChannel>(channel: C, ...request: unknown[]): Promise<ResponseOf<C>> {
    if (typeof channel !== 'string' || !invokeChannels.has(channel)) {
      return Promise.reject(new Error(`Unknown channel: ${String(channel)}`));
    }
    // At most one request argument crosses: nothing extra can ride along.
    return ipcRenderer.invoke(channel, ...request.slice(0, 1)) as Promise<ResponseOf<C>>;
  },

  on<E extends EventChannel>(channel: E, listener: (payload: EventContract[E]) => void): () => void {
    if (typeof channel !== 'string' || !eventChannels.has(channel)) throw new Error(`Unknown event channel: ${String(channel)}`);
    if (typeof listener !== 'function') throw new Error('The listener must be a function');
    const wrapped = (_event: IpcRendererEvent, payload: EventContract[E]) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('coveTray', coveTrayApi);
