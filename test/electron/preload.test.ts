/**
 * The preload bridge: it exposes only `window.coveTray`, invokes only contract channels (one
 * argument at most), subscribes only to contract events, hides the IPC event object and
 * returns working unsubscribe functions.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import type { AppState, CoveTrayApi } from '../../preload/contract';
import { contextBridge, ipcRenderer } from './fake-electron';
import { makeState } from './fake-app-service';

let api: CoveTrayApi;

beforeAll(async () => {
  await import('../../preload/index');
  api = contextBridge.exposed.coveTray as CoveTrayApi;
});

beforeEach(() => {
  ipcRenderer.invoke.mockClear();
  ipcRenderer.removeAllListeners();
});

describe('preload bridge', () => {
  it('exposes coveTray with just invoke and on', () => {
    expect(Object.keys(contextBridge.exposed)).toEqual(['coveTray']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('invokes contract channels, passing at most one request argument', async () => {
    await api.invoke('app:get-state');
    await api.invoke('app:get-customer', { customerId: 4 });
    await (api.invoke as (channel: string, ...args: unknown[]) => Promise<unknown>)('app:search', { query: 'x' }, 'smuggled');
    expect(ipcRenderer.invoke.mock.calls).toEqual([['app:get-state'], ['app:get-customer', { customerId: 4 }], ['app:search', { query: 'x' }]]);
  });

  it('rejects channels outside the contract without touching IPC', async () => {
    const raw = api.invoke as (channel: unknown, ...args: unknown[]) => Promise<unknown>;
    await expect(raw('electron-store-get-data')).rejects.toThrow(/Unknown channel/);
    await expect(raw('app:state-changed')).rejects.toThrow(/Unknown channel/);
    await expect(raw(undefined)).rejects.toThrow(/Unknown channel/);
    await expect(raw({ toString: () => 'app:get-state' })).rejects.toThrow(/Unknown channel/);
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('delivers event payloads without the IPC event, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = api.on('app:state-changed', (...args: unknown[]) => seen.push(args));
    const state: AppState = makeState();
    ipcRenderer.emit('app:state-changed', { sender: 'ipc-event-with-sender' }, state);
    expect(seen).toEqual([[state]]);
    off();
    ipcRenderer.emit('app:state-changed', {}, state);
    expect(seen).toHaveLength(1);
    expect(ipcRenderer.listenerCount('app:state-changed')).toBe(0);
  });

  it('keeps separate subscriptions separate', () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.on('app:navigate', a);
    api.on('app:navigate', b);
    offA();
    ipcRenderer.emit('app:navigate', {}, { customerId: 3, deviceId: null });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith({ customerId: 3, deviceId: null });
  });

  it('refuses to subscribe to anything else', () => {
    const raw = api.on as (channel: unknown, listener: unknown) => () => void;
    expect(() => raw('ELECTRON_BROWSER_WINDOW_ALERT', () => undefined)).toThrow(/Unknown event channel/);
    expect(() => raw('app:get-state', () => undefined)).toThrow(/Unknown event channel/);
    expect(() => raw('app:navigate', 'not a function')).toThrow(/must be a function/);
    expect(ipcRenderer.eventNames()).toEqual([]);
  });
});
