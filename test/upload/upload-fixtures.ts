/**
 * Fixtures for the upload tests: a cache filled through FleetStore.applySnapshot, a receiver on
 * 127.0.0.1, a fake clock whose sleeps advance time at once, and a seeded random source.
 */
import path from 'node:path';
import { afterEach } from 'vitest';
import { BackupchecksClient } from '../../main/backupchecks/backupchecks-client';
import { type ReceiverOptions, ReferenceReceiver } from '../../main/backupchecks/reference-receiver';
import { FleetStore } from '../../main/store/fleet-store';
import { ACME, CAFE, deviceWithSession, snapshot } from '../helpers/snapshots';

export const API_KEY = 'test-key-1';
/** A UTC midnight in 2026, after any real "now" the confirmations might otherwise use. */
export const T0 = 1_780_012_800;
export const HOUR = 3600;

/** Cove status of device `id`'s session `i`: mostly Completed, some Failed or Completed with errors. */
export function statusOf(id: number, i: number): number {
  const roll = (id * 7 + i * 3) % 10;
  return roll === 0 ? 2 : roll === 1 ? 8 : 5;
}

/** Session time of session `i` (one a day). */
export function sessionTime(i: number): number {
  return T0 + i * 86_400 + 2 * HOUR;
}

/**
 * `devices` devices (ids 1..n; odd ones at Acme, even ones at Café Müller), each with `sessions`
 * daily sessions, written one poll per day: every device gets one D01 run and one D09 run a day.
 */
export function seedFleet(store: FleetStore, devices: number, sessions: number): void {
  for (let i = 0; i < sessions; i++) {
    const list = Array.from({ length: devices }, (_, k) => {
      const id = k + 1;
      return deviceWithSession(id, id % 2 === 1 ? ACME.id : CAFE.id, sessionTime(i), statusOf(id, i), { name: `HOST-${String(id).padStart(3, '0')}` });
    });
    store.applySnapshot(snapshot(sessionTime(i) + HOUR, list));
  }
}

export function openStore(dir: string, name = 'cache.db'): FleetStore {
  return FleetStore.open(path.join(dir, name));
}

/** Receivers started in a test are closed after it. */
export function useReceivers(): (dir: string, options?: Partial<ReceiverOptions>) => Promise<ReferenceReceiver> {
  const open: ReferenceReceiver[] = [];
  afterEach(async () => {
    for (const r of open.splice(0)) await r.close();
  });
  return async (dir, options = {}) => {
    const receiver = await ReferenceReceiver.start({ dbFile: path.join(dir, 'receiver.db'), apiKey: API_KEY, autoKnow: true, ...options });
    open.push(receiver);
    return receiver;
  };
}

export function clientFor(receiver: ReferenceReceiver, options: { apiKey?: string; timeoutMs?: number } = {}): BackupchecksClient {
  return new BackupchecksClient({ baseUrl: receiver.url, apiKey: options.apiKey ?? API_KEY, timeoutMs: options.timeoutMs ?? 5_000 });
}

/** A clock in epoch ms whose `sleep` advances it instantly (yielding to I/O once). */
export class FakeClock {
  constructor(public ms: number = T0 * 1000) {}
  readonly now = (): number => this.ms;
  readonly seconds = (): number => Math.floor(this.ms / 1000);
  readonly sleep = async (ms: number): Promise<void> => {
    this.ms += ms;
    await new Promise((resolve) => setImmediate(resolve));
  };
}

/** mulberry32: the same seed gives the same faults on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
