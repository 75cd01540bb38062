/**
 * Notifications wired into AppService (issue 4), end to end without Electron: the real
 * AppService polls the Cove simulator (as a configured account) into a real SQLite cache, and
 * what the notification engine decides reaches the injected Notifier. A restart with unchanged
 * facts is silent; a change made while the app was closed is told once at launch; the tray's
 * summary, acknowledgements, snoozes with their digest, and the settings round-trip.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppService } from '../../main/app/app-service';
import type { Notifier } from '../../main/app/notification-service';
import type { Timers } from '../../main/monitor/poll-scheduler';
import { MemorySecretStore, coveTokenAccount } from '../../main/config/secret-store';
import { JsonFileSettingsRepository } from '../../main/config/settings-file';
import { DEFAULT_SETTINGS, readSettingsFile } from '../../main/config/settings';
import { settingsFilePath } from '../../main/config/app-paths';
import { type CoveSimulator, SimClock, startCoveSimulator } from '../../main/simulator/cove-simulator';
import type { NotificationView } from '../../preload/notification-contract';

const START_MS = Date.UTC(2026, 2, 2, 10, 0);
const MINUTE_MS = 60_000;

/** Timers that never fire on their own: the test runs the digest check by hand. */
class ManualTimers implements Timers {
  pending = new Map<number, { callback: () => void; ms: number }>();
  private next = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { callback, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Runs the notification service's once-a-minute digest check. */
  fireDigestCheck(): void {
    // A snapshot: the check schedules the next one while it runs.
    for (const [id, t] of [...this.pending]) {
      if (t.ms === MINUTE_MS) {
        this.pending.delete(id);
        t.callback();
      }
    }
  }
}

class RecordingNotifier implements Notifier {
  shown: NotificationView[] = [];
  show(notification: NotificationView): void {
    this.shown.push(notification);
  }
  take(): NotificationView[] {
    return this.shown.splice(0);
  }
}

let sim: CoveSimulator;
let dataDir: string;
let secrets: MemorySecretStore;
let services: AppService[] = [];
const servers: number[] = [];

beforeAll(async () => {
  sim = await startCoveSimulator({ devices: 72, seed: 11, clock: new SimClock(START_MS) });
  for (const d of sim.fleet.devices()) sim.fleet.removeDevice(d.accountId);
  const customers = sim.fleet.partners().filter((p) => p.level === 'EndCustomer');
  for (const [i, name] of ['SRV-ALPHA', 'SRV-BRAVO', 'SRV-CHARLIE'].entries()) {
    const info = sim.fleet.addDevice({ partnerId: customers[i].id, kind: 'server', name });
    sim.fleet.runSessionNow(info.accountId, { status: 5 });
    sim.fleet.forceNextSession(info.accountId, { status: 5, count: 30 });
    servers.push(info.accountId);
  }
});

afterAll(async () => {
  await sim?.close();
});

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cove-app-notify-'));
  secrets = new MemorySecretStore();
  const { partner, username, token } = sim.credentials;
  await secrets.set(coveTokenAccount(partner, username), token);
  new JsonFileSettingsRepository(settingsFilePath(dataDir)).write({
    ...DEFAULT_SETTINGS,
    cove: { url: sim.url, partner, username },
    displayName: 'Sam',
    notifications: { ...DEFAULT_SETTINGS.notifications, timeZone: 'UTC' },
  });
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function launch(notifier: Notifier, timers = new ManualTimers()): { service: AppService; timers: ManualTimers } {
  const service = new AppService({
    dataDir,
    settings: new JsonFileSettingsRepository(settingsFilePath(dataDir)),
    secrets,
    now: () => sim.clock.now(),
    timers,
    notifier,
  });
  services.push(service);
  return { service, timers };
}

function fail(index: number): void {
  sim.fleet.runSessionNow(servers[index], { status: 2, dataSource: 'D01' });
  sim.clock.advance(MINUTE_MS);
}

function recover(index: number): void {
  sim.fleet.runSessionNow(servers[index], { status: 5 });
  sim.clock.advance(MINUTE_MS);
}

async function quit(service: AppService): Promise<void> {
  services = services.filter((s) => s !== service);
  await service.close();
}

describe('AppService notifications', () => {
  it('hands a poll\'s notifications to the Notifier; a restart with unchanged facts is silent; a change while closed is told once at launch', async () => {
    const notifier = new RecordingNotifier();
    const first = launch(notifier).service;
    await first.start();
    expect(notifier.take()).toEqual([]);

    fail(0);
    await first.pollNow();
    const shown = notifier.take();
    expect(shown.map((n) => [n.kind, n.title])).toEqual([['failed', expect.stringContaining('SRV-ALPHA')]]);
    expect(shown[0].target).toMatchObject({ kind: 'device', deviceId: servers[0] });
    expect(first.notifications.recent()).toEqual(shown);
    expect(first.state().notifications).toMatchObject({ failing: 1, acknowledged: 0, allAcknowledged: false, worstUnacknowledged: 'failed' });

    // Still failing: nothing new.
    sim.clock.advance(5 * MINUTE_MS);
    await first.pollNow();
    expect(notifier.take()).toEqual([]);
    await quit(first);

    // Restart, nothing changed.
    const second = launch(notifier).service;
    await second.start();
    expect(notifier.take()).toEqual([]);
    expect(second.notifications.recent()).toHaveLength(1);
    await quit(second);

    // While the app is closed, BRAVO fails and ALPHA recovers: told once, at launch.
    fail(1);
    recover(0);
    const third = launch(notifier).service;
    await third.start();
    const atLaunch = notifier.take();
    expect(atLaunch.map((n) => n.kind).sort()).toEqual(['failed', 'recovered']);
    expect(atLaunch.find((n) => n.kind === 'failed')?.title).toContain('SRV-BRAVO');
    expect(atLaunch.find((n) => n.kind === 'recovered')?.title).toContain('SRV-ALPHA');
    await third.pollNow();
    expect(notifier.take()).toEqual([]);
    recover(1);
  });

  it('acknowledges with a reason (the tray then mutes), and snoozes everything until a digest', async () => {
    const notifier = new RecordingNotifier();
    const { service, timers } = launch(notifier);
    await service.start();
    fail(0);
    await service.pollNow();
    notifier.take();

    expect(service.notifications.acknowledge({ deviceId: servers[0], reason: '  ' })).toMatchObject({ ok: false });
    const ack = service.notifications.acknowledge({ deviceId: servers[0], reason: 'Replacing the disk' });
    expect(ack).toMatchObject({ ok: true, acknowledgement: { deviceId: servers[0], deviceName: 'SRV-ALPHA', by: 'Sam', reason: 'Replacing the disk' } });
    if (ack.ok) expect(Date.parse(ack.acknowledgement.expiresAt) - Date.parse(ack.acknowledgement.at)).toBe(24 * 3600_000);
    expect(service.state().notifications).toMatchObject({ failing: 1, acknowledged: 1, allAcknowledged: true, worstUnacknowledged: 'ok' });
    expect(service.notifications.acknowledgementList().map((a) => a.deviceId)).toEqual([servers[0]]);

    // Snooze everything for an hour: a new failure is held, not shown.
    const snoozed = service.notifications.snoozeFor({ kind: 'all' }, '1h');
    expect(snoozed).toMatchObject({ ok: true, snooze: { label: 'Everything', until: new Date(sim.clock.now() - (sim.clock.now() % 1000) + 3600_000).toISOString() } });
    expect(service.state().notifications?.snoozedUntil).not.toBeNull();
    fail(2);
    await service.pollNow();
    expect(notifier.take()).toEqual([]);
    expect(service.state().notifications).toMatchObject({ failing: 2, acknowledged: 1, allAcknowledged: false, worstUnacknowledged: 'failed' });

    // The hour passes; the once-a-minute check sends one digest.
    sim.clock.advance(61 * MINUTE_MS);
    timers.fireDigestCheck();
    const digest = notifier.take();
    expect(digest.map((n) => n.kind)).toEqual(['digest']);
    expect(digest[0].body).toContain('SRV-CHARLIE');
    expect(service.notifications.snoozeList()).toEqual([]);

    // Un-acknowledge: the tray is no longer muted.
    service.notifications.unacknowledge(servers[0]);
    expect(service.state().notifications?.allAcknowledged).toBe(false);
    recover(0);
    recover(2);
  });

  it('keeps the notification settings in the settings file and applies quiet hours with a digest when they end', async () => {
    const notifier = new RecordingNotifier();
    const { service } = launch(notifier);
    await service.start();
    const view = service.notifications.settingsView();
    expect(view).toMatchObject({ flapControl: false, escalateAfterFailures: 3, onboardingGraceHours: 48, acknowledgementHours: 24, timeZone: 'UTC', quietHours: { enabled: false } });

    const bad = service.notifications.saveSettings({ ...view, quietHours: { enabled: true, start: '25:00', end: '07:00' } });
    expect(bad).toMatchObject({ ok: false, field: 'quietHours' });
    expect(service.notifications.saveSettings({ ...view, timeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, field: 'timeZone' });

    // Quiet all day long (10:00–09:59 UTC covers now): a failure is held.
    const saved = service.notifications.saveSettings({ ...view, quietHours: { enabled: true, start: '00:00', end: '23:59' } });
    expect(saved.ok).toBe(true);
    expect(readSettingsFile(settingsFilePath(dataDir)).notifications.quietHours).toEqual({ enabled: true, start: '00:00', end: '23:59' });
    expect(service.state().notifications?.quietHoursNow).toBe(true);
    fail(1);
    await service.pollNow();
    expect(notifier.take()).toEqual([]);

    // Switching quiet hours off tells what they held, once.
    service.notifications.saveSettings({ ...view, quietHours: { enabled: false, start: '00:00', end: '23:59' } });
    expect(notifier.take().map((n) => n.kind)).toEqual(['digest']);
    recover(1);
  });

  it('finds a logged notification for a click that started the app, once the cache is open', async () => {
    const notifier = new RecordingNotifier();
    const first = launch(notifier).service;
    await first.start();
    fail(2);
    await first.pollNow();
    const [shown] = notifier.take();
    await quit(first);

    const second = launch(notifier).service;
    const found = second.notifications.find(shown.id);
    expect(second.notifications.isOpen).toBe(false);
    await second.start();
    await expect(found).resolves.toEqual(shown);
    await expect(second.notifications.find('999999')).resolves.toBeNull();
    recover(2);
  });

  it('reads an old settings file without a notifications section', () => {
    const file = settingsFilePath(dataDir);
    const { notifications: _gone, ...old } = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify(old));
    const settings = readSettingsFile(file);
    expect(settings.notifications.quietHours).toEqual({ enabled: false, start: '22:00', end: '07:00' });
    expect(settings.notifications.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
