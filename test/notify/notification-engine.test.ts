/**
 * The engine over a real FleetStore file, fed with hand-made snapshots (no HTTP): the parts the
 * simulator timelines do not reach, and the engine's own API.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_STALE_THRESHOLDS } from '../../main/monitor/backup-status';
import { buildFleetReport } from '../../main/monitor/fleet-report';
import type { PollResult } from '../../main/monitor/poll-cycle';
import { NotificationEngine, type NotificationSettings } from '../../main/notify/notification-engine';
import { LOG_LIMIT, NotificationRepository } from '../../main/notify/notification-repository';
import type { Notification } from '../../main/notify/notification-types';
import type { FleetSnapshot } from '../../main/cove/cove-types';
import { CoveError } from '../../main/cove/cove-errors';
import { LATEST_SCHEMA_VERSION } from '../../main/store/migrations';
import { FleetStore } from '../../main/store/fleet-store';
import { ACME, CAFE, device, deviceWithSession, snapshot } from '../helpers/snapshots';
import { useTempDir } from '../helpers/temp-dir';

const HOUR = 3600;
const T0 = 1_780_012_800 + 10 * HOUR; // 10:00 UTC
const tempDir = useTempDir();
const stores: FleetStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function setup(settings: Partial<NotificationSettings> = {}) {
  const file = path.join(tempDir(), 'cache.db');
  const store = FleetStore.open(file);
  stores.push(store);
  let clock = T0;
  const engine = new NotificationEngine(store.db, { settings: { timeZone: 'UTC', ...settings }, clock: () => clock * 1000 });
  const okPoll = (at: number): PollResult => ({ ok: true, at, durationMs: 1, calls: 4, applied: { devices: 0, newRuns: 0, newDevices: 0, removedDevices: 0, renamedDevices: 0 }, unreadableRows: 0, unreadableReason: null });
  /** Applies a snapshot as a poll would, then asks the engine. */
  const poll = (snap: FleetSnapshot): Notification[] => {
    clock = snap.fetchedAt;
    store.applySnapshot(snap);
    const report = buildFleetReport(store.readFleet(), { source: 'demo', asOf: snap.fetchedAt, now: snap.fetchedAt, thresholds: DEFAULT_STALE_THRESHOLDS });
    return engine.afterPoll(okPoll(snap.fetchedAt), report, snap.fetchedAt);
  };
  return { file, store, engine, poll, setClock: (s: number) => (clock = s) };
}

const titles = (ns: Notification[]) => ns.map((n) => n.title);

describe('NotificationEngine', () => {
  it('adds schema version 3 with its tables', () => {
    const { store } = setup();
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
    const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'notify_%' ORDER BY name").pluck().all();
    expect(tables).toEqual(['notify_acknowledgements', 'notify_held', 'notify_log', 'notify_meta', 'notify_snoozes', 'notify_subjects']);
  });

  it('a device that never backed up is told once its 48 h onboarding grace has passed', () => {
    const { poll } = setup();
    expect(poll(snapshot(T0, [device(1, ACME.id)]))).toEqual([]);
    expect(poll(snapshot(T0 + 47 * HOUR, [device(1, ACME.id)]))).toEqual([]);
    expect(titles(poll(snapshot(T0 + 48 * HOUR, [device(1, ACME.id)])))).toEqual(['Acme Ltd: device-1 has never backed up']);
    expect(poll(snapshot(T0 + 49 * HOUR, [device(1, ACME.id)]))).toEqual([]);
  });

  it('a stale device is told when its last success passes the threshold', () => {
    const { poll } = setup();
    const ok = () => deviceWithSession(1, ACME.id, T0 - HOUR, 5);
    expect(poll(snapshot(T0, [ok()]))).toEqual([]);
    expect(poll(snapshot(T0 + 22 * HOUR, [ok()]))).toEqual([]);
    const [stale] = poll(snapshot(T0 + 24 * HOUR, [ok()]));
    expect(stale).toMatchObject({ kind: 'stale', title: 'Acme Ltd: device-1 has no recent backup', target: { kind: 'device', deviceId: 1, customerId: ACME.id } });
  });

  it('a failing device that leaves Cove is forgotten silently, with anything held for it', () => {
    const { poll, engine } = setup();
    expect(poll(snapshot(T0, [deviceWithSession(1, ACME.id, T0 - 60, 5), deviceWithSession(2, CAFE.id, T0 - 60, 5)]))).toEqual([]);
    engine.snooze({ kind: 'all' }, '1h', T0);
    expect(poll(snapshot(T0 + 300, [deviceWithSession(1, ACME.id, T0 + 200, 2), deviceWithSession(2, CAFE.id, T0 - 60, 5)]))).toEqual([]);
    expect(poll(snapshot(T0 + 600, [deviceWithSession(2, CAFE.id, T0 - 60, 5)]))).toEqual([]);
    expect(poll(snapshot(T0 + 2 * HOUR, [deviceWithSession(2, CAFE.id, T0 - 60, 5)]))).toEqual([]); // no digest for a device that is gone
  });

  it('a cache that switches Cove accounts does not trip over notification state', () => {
    const { poll, store } = setup();
    expect(titles(poll(snapshot(T0, [deviceWithSession(1, ACME.id, T0 - 60, 2)])))).toEqual(['Acme Ltd: device-1 failed']);
    const other = { ...snapshot(T0 + 300, [deviceWithSession(9, 900, T0, 5)], [{ id: 900, parentId: 800, name: 'Other', level: 'EndCustomer' as const }]), root: { id: 800, parentId: null, name: 'Other MSP', level: 'Reseller' as const } };
    expect(poll(other)).toEqual([]);
    expect(store.db.prepare('SELECT COUNT(*) FROM notify_subjects WHERE device_id = 1').pluck().get()).toBe(0);
  });

  it('several devices of one customer in one poll: one notification with their names', () => {
    const { poll } = setup();
    const fleet = (status: number) => [1, 2, 3].map((id) => deviceWithSession(id, ACME.id, T0 - 60, id === 3 ? 5 : status));
    expect(poll(snapshot(T0, fleet(5)))).toEqual([]);
    const [batch] = poll(snapshot(T0 + 300, [1, 2, 3].map((id) => deviceWithSession(id, ACME.id, id === 3 ? T0 - 60 : T0 + 100, id === 3 ? 5 : 2))));
    expect(batch).toMatchObject({ kind: 'failed', title: 'Acme Ltd: 2 devices failed', body: 'device-1 (Files and Folders), device-2 (Files and Folders).', target: { kind: 'customer', customerId: ACME.id } });
  });

  describe('acknowledge', () => {
    it('needs a reason and a name, and lasts 24 h by default', () => {
      const { engine } = setup();
      expect(() => engine.acknowledge(1, { by: 'sam', reason: '  ' })).toThrow(/reason/);
      expect(() => engine.acknowledge(1, { by: '', reason: 'on it' })).toThrow(/who/);
      expect(engine.acknowledge(1, { by: ' sam ', reason: ' on it ' })).toEqual({ deviceId: 1, by: 'sam', reason: 'on it', at: T0, expiresAt: T0 + 24 * HOUR });
      expect(engine.acknowledge(2, { by: 'sam', reason: 'vendor ticket', hours: 72 }).expiresAt).toBe(T0 + 72 * HOUR);
      expect(engine.acknowledgements().map((a) => a.deviceId)).toEqual([1, 2]);
      engine.unacknowledge(1);
      expect(engine.acknowledgements().map((a) => a.deviceId)).toEqual([2]);
      expect(engine.acknowledgements(T0 + 73 * HOUR)).toEqual([]);
    });

    it('survives a restart', () => {
      const { engine, store } = setup();
      engine.acknowledge(1, { by: 'sam', reason: 'on it' });
      expect(new NotificationEngine(store.db, { clock: () => T0 * 1000 }).acknowledgements()).toHaveLength(1);
    });
  });

  describe('snooze', () => {
    it('lists and lifts snoozes; unsnoozing releases the digest at once', () => {
      const { engine, poll } = setup();
      expect(poll(snapshot(T0, [deviceWithSession(1, ACME.id, T0 - 60, 5)]))).toEqual([]);
      engine.snooze({ kind: 'device', deviceId: 1 }, '4h');
      expect(engine.isSnoozed({ kind: 'device', deviceId: 1 })).toBe(true);
      expect(engine.isSnoozed({ kind: 'all' })).toBe(false);
      expect(poll(snapshot(T0 + 300, [deviceWithSession(1, ACME.id, T0 + 200, 2)]))).toEqual([]);
      engine.unsnooze({ kind: 'device', deviceId: 1 });
      expect(engine.snoozes()).toEqual([]);
      expect(titles(engine.releaseDigest(T0 + 400))).toEqual(['While muted: 1 device failed']);
      expect(engine.releaseDigest(T0 + 500)).toEqual([]);
    });

    it('until a given time (the tray menu\'s "pause until"), which must lie ahead', () => {
      const { engine } = setup();
      engine.snooze({ kind: 'all' }, { until: T0 + 90 * 60 });
      expect(engine.snoozedUntil({ kind: 'all' })).toBe(T0 + 90 * 60);
      expect(engine.snoozedUntil({ kind: 'customer', customerId: 1 })).toBeNull();
      expect(() => engine.snooze({ kind: 'all' }, { until: T0 })).toThrow(/future/);
      engine.unsnooze({ kind: 'all' });
      expect(engine.snoozedUntil({ kind: 'all' })).toBeNull();
    });

    it('"tomorrow" uses the quiet-hours time zone (the technician’s)', () => {
      const { engine } = setup({ timeZone: 'Europe/Amsterdam' });
      expect(engine.snooze({ kind: 'all' }, 'tomorrow', Date.parse('2026-01-15T15:00:00Z') / 1000).until).toBe(Date.parse('2026-01-16T07:00:00Z') / 1000);
    });
  });

  describe('quiet hours', () => {
    it('off by default in the configured time zone; validated and kept in SQLite', () => {
      const { engine, store } = setup({ timeZone: 'Europe/Amsterdam' });
      expect(engine.quietHours()).toEqual({ enabled: false, start: '22:00', end: '07:00', timeZone: 'Europe/Amsterdam' });
      expect(() => engine.setQuietHours({ enabled: true, start: '22:00', end: '7:00', timeZone: 'UTC' })).toThrow(/HH:MM/);
      expect(() => engine.setQuietHours({ enabled: true, start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
      engine.setQuietHours({ enabled: true, start: '21:30', end: '06:45', timeZone: 'America/New_York' });
      expect(new NotificationEngine(store.db).quietHours()).toEqual({ enabled: true, start: '21:30', end: '06:45', timeZone: 'America/New_York' });
    });
  });

  it('a login failure during quiet hours is held; the digest names it; its end while still muted leaves nothing', () => {
    const { engine, poll, store } = setup();
    expect(poll(snapshot(T0, [deviceWithSession(1, ACME.id, T0 - 60, 5)]))).toEqual([]);
    engine.setQuietHours({ enabled: true, start: '10:00', end: '12:00', timeZone: 'UTC' });
    const report = buildFleetReport(store.readFleet(), { source: 'demo', asOf: T0, now: T0, thresholds: DEFAULT_STALE_THRESHOLDS });
    const refused = (at: number): PollResult => ({ ok: false, at, durationMs: 1, calls: 1, kind: 'credentials', error: new CoveError('credentials', 'Cove refused the login (error 2100: bad).', 'Fix it.') });
    expect(engine.afterPoll(refused(T0 + 300), report, T0 + 300)).toEqual([]);
    expect(engine.afterPoll(refused(T0 + 2 * HOUR + 60), report, T0 + 2 * HOUR + 60).map((n) => [n.title, n.body])).toEqual([
      ['While muted: Cove refused the login', 'Cove refused the login.'],
    ]);
    // Told (by the digest), so its end is news; a second outage that ends inside quiet hours is not.
    expect(titles(poll(snapshot(T0 + 2 * HOUR + 360, [deviceWithSession(1, ACME.id, T0 - 60, 5)])))).toEqual(['Cove accepts the login again']);
    const nextNight = T0 + 24 * HOUR;
    expect(engine.afterPoll(refused(nextNight), report, nextNight)).toEqual([]);
    const fresh = () => [deviceWithSession(1, ACME.id, nextNight - 60, 5)];
    expect(poll(snapshot(nextNight + 300, fresh()))).toEqual([]);
    expect(poll(snapshot(nextNight + 3 * HOUR, fresh()))).toEqual([]);
  });

  it('settings are validated; flap control can be switched on later', () => {
    const { engine, poll } = setup();
    expect(() => engine.updateSettings({ escalateAfterFailures: 0 })).toThrow();
    engine.updateSettings({ flapControl: true });
    expect(poll(snapshot(T0, [deviceWithSession(1, ACME.id, T0 - 60, 5)]))).toEqual([]);
    expect(poll(snapshot(T0 + 300, [deviceWithSession(1, ACME.id, T0 + 200, 2)]))).toEqual([]);
    expect(titles(poll(snapshot(T0 + 600, [deviceWithSession(1, ACME.id, T0 + 200, 2)])))).toEqual(['Acme Ltd: device-1 failed']);
  });

  it('logs what it showed, newest first, pruned to the newest rows', () => {
    const { store, engine, poll } = setup();
    poll(snapshot(T0, [deviceWithSession(1, ACME.id, T0 - 60, 2)]));
    const [logged] = engine.recentNotifications();
    expect(logged).toMatchObject({ id: expect.stringMatching(/^\d+$/), kind: 'failed', createdAt: T0, actions: ['open', 'acknowledge', 'confirm'] });
    const repo = new NotificationRepository(store.db);
    const draft = { kind: 'failed' as const, title: 't', body: 'b', urgency: 'normal' as const, target: { kind: 'problems' as const } };
    repo.appendLog(Array.from({ length: LOG_LIMIT + 5 }, () => draft), T0 + 1);
    expect(repo.recentLog(LOG_LIMIT * 2)).toHaveLength(LOG_LIMIT);
    expect(repo.recentLog(1)[0].actions).toBeUndefined();
  });
});
