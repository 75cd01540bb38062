/**
 * Scripted timelines against the Cove simulator over real HTTP; each poll's notifications are
 * asserted exactly. See timeline-harness.ts for how the fleet is kept quiet apart from the script.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationSettings } from '../../main/notify/notification-engine';
import type { Notification } from '../../main/notify/notification-types';
import { useTempDir } from '../helpers/temp-dir';
import { HOUR_MS, MINUTE_MS, START_MS, Timeline, shown } from './timeline-harness';

const DAY_MS = 24 * HOUR_MS;
const tempDir = useTempDir();
const open: Timeline[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function timeline(settings: Partial<NotificationSettings> = {}, generated?: { devices: number; seed: number }): Promise<Timeline> {
  const t = await Timeline.start({ dir: tempDir(), settings, generated });
  open.push(t);
  return t;
}

const deviceTarget = (t: Timeline, deviceId: number, customer = 0) => ({ kind: 'device' as const, deviceId, customerId: t.customerId(customer) });

function failed(t: Timeline, deviceId: number, name: string, customer = 0) {
  return {
    kind: 'failed',
    title: `${t.customerLabel(customer)}: ${name} failed`,
    body: 'The last backup failed: Files and Folders.',
    urgency: 'normal',
    target: deviceTarget(t, deviceId, customer),
    actions: ['open', 'acknowledge', 'confirm'],
  };
}

function recovered(t: Timeline, deviceId: number, name: string, customer = 0) {
  return {
    kind: 'recovered',
    title: `${t.customerLabel(customer)}: ${name} recovered`,
    body: 'Its last backup succeeded.',
    urgency: 'normal',
    target: deviceTarget(t, deviceId, customer),
    actions: ['open', 'confirm'],
  };
}

const kinds = (notifications: Notification[]) => notifications.map((n) => n.kind);

describe('timelines on the simulator', () => {
  it('fail → still failing → recover: one toast each way', async () => {
    const t = await timeline();
    const fs01 = t.addServer(0, 'ACME-FS01');
    t.addServer(0, 'ACME-FS02');
    expect(await t.poll()).toEqual([]);

    t.advance(5 * MINUTE_MS);
    t.session(fs01, 2);
    expect(shown(await t.poll())).toEqual([failed(t, fs01, 'ACME-FS01')]);
    expect(await t.pollEvery(5, t.sim.clock.now() + 30 * MINUTE_MS)).toEqual([]);

    t.session(fs01, 5);
    expect(shown(await t.poll())).toEqual([recovered(t, fs01, 'ACME-FS01')]);
    t.advance(5 * MINUTE_MS);
    expect(await t.poll()).toEqual([]);
    expect(kinds(t.engine.recentNotifications())).toEqual(['recovered', 'failed']);
  });

  it('escalation: the third failure in a row is one critical toast; recovery resets the count', async () => {
    const t = await timeline();
    const fs01 = t.addServer(0, 'ACME-FS01');
    expect(await t.poll()).toEqual([]);
    const failAndPoll = async () => {
      t.advance(30 * MINUTE_MS);
      t.session(fs01, 2);
      return shown(await t.poll());
    };

    expect(await failAndPoll()).toEqual([failed(t, fs01, 'ACME-FS01')]);
    expect(await failAndPoll()).toEqual([]);
    expect(await failAndPoll()).toEqual([
      {
        kind: 'escalated',
        title: `${t.customerLabel(0)}: ACME-FS01 failed 3 times in a row`,
        body: '3 backups in a row failed: Files and Folders.',
        urgency: 'critical',
        target: deviceTarget(t, fs01),
        actions: ['open', 'acknowledge', 'confirm'],
      },
    ]);
    expect(await failAndPoll()).toEqual([]);

    t.session(fs01, 5);
    expect(shown(await t.poll())).toEqual([recovered(t, fs01, 'ACME-FS01')]);
    expect(await failAndPoll()).toEqual([failed(t, fs01, 'ACME-FS01')]);
  });

  it('flapping without flap control: every transition is told', async () => {
    const t = await timeline({ flapControl: false });
    const fs01 = t.addServer(0, 'ACME-FS01');
    expect(await t.poll()).toEqual([]);
    t.session(fs01, 2);
    expect(kinds(await t.poll())).toEqual(['failed']);
    t.session(fs01, 5);
    expect(kinds(await t.poll())).toEqual(['recovered']);
  });

  it('flapping with flap control: a blip is silent (and never "fixed"); a failure seen twice is told', async () => {
    const t = await timeline({ flapControl: true });
    const fs01 = t.addServer(0, 'ACME-FS01');
    expect(await t.poll()).toEqual([]);

    t.session(fs01, 2);
    expect(await t.poll()).toEqual([]);
    t.session(fs01, 5);
    expect(await t.poll()).toEqual([]); // the blip ended: no "recovered" for a failure nobody saw

    t.advance(10 * MINUTE_MS);
    t.session(fs01, 2);
    expect(await t.poll()).toEqual([]);
    t.advance(5 * MINUTE_MS);
    expect(shown(await t.poll())).toEqual([failed(t, fs01, 'ACME-FS01')]);
    t.advance(5 * MINUTE_MS);
    expect(await t.poll()).toEqual([]);
    t.session(fs01, 5);
    expect(shown(await t.poll())).toEqual([recovered(t, fs01, 'ACME-FS01')]);
  });

  it('a restart with unchanged facts is silent, and the tray still shows the failure', async () => {
    const t = await timeline();
    const fs01 = t.addServer(0, 'ACME-FS01');
    t.addServer(1, 'CAFE-FS01');
    expect(await t.poll()).toEqual([]);
    t.session(fs01, 2);
    expect(kinds(await t.poll())).toEqual(['failed']);

    t.restart();
    t.advance(5 * MINUTE_MS);
    expect(await t.poll()).toEqual([]);
    expect(t.engine.trayState(t.report(), t.nowSeconds(), t.lastPoll)).toEqual({ status: 'failed', failing: 1, acknowledged: 0, allAcknowledged: false, pollProblem: null });
    expect(kinds(t.engine.recentNotifications())).toEqual(['failed']); // the log survives too
  });

  it('a change made while the app was closed is told once at launch', async () => {
    const t = await timeline();
    const fs01 = t.addServer(0, 'ACME-FS01');
    const cafe = t.addServer(1, 'CAFE-FS01');
    expect(await t.poll()).toEqual([]);
    t.session(fs01, 2);
    expect(kinds(await t.poll())).toEqual(['failed']);

    // Closed for two hours; meanwhile CAFE-FS01 fails and ACME-FS01 keeps failing.
    t.advance(2 * HOUR_MS);
    t.session(cafe, 2);
    t.restart();
    expect(shown(await t.poll())).toEqual([failed(t, cafe, 'CAFE-FS01', 1)]);
    t.advance(5 * MINUTE_MS);
    expect(await t.poll()).toEqual([]);
  });

  it('500 devices failing at once in a generated fleet: one summary', async () => {
    const t = await timeline({}, { devices: 500, seed: 5 });
    const baseline = await t.poll();
    expect(baseline.length).toBeLessThanOrEqual(5); // the generated fleet's own problems, batched
    const live = t.sim.fleet.devices().filter((d) => d.dataSources.length > 0);
    expect(live.length).toBeGreaterThan(450);
    t.advance(5 * MINUTE_MS);
    t.sim.fleet.failMany(live.map((d) => d.accountId), 2);
    t.advance(MINUTE_MS);

    const notifications = await t.poll();
    expect(notifications).toHaveLength(1);
    const [summary] = shown(notifications);
    expect(summary).toMatchObject({ kind: 'summary', target: { kind: 'problems' }, actions: ['open'] });
    expect(summary.title).toMatch(/^Backup problems at \d+ customers$/);
    const told = Number(/^(\d+) devices: /.exec(summary.body)?.[1]);
    expect(told).toBeGreaterThan(400);
  });

  it('500 devices of three customers failing at once: three batches naming a few', async () => {
    const t = await timeline();
    const names: string[][] = [[], [], []];
    for (let i = 0; i < 500; i++) {
      const customer = i % 3;
      const name = `C${customer}-SRV${String(i).padStart(3, '0')}`;
      names[customer].push(name);
      t.addServer(customer, name);
    }
    expect(await t.poll()).toEqual([]);
    t.sim.fleet.failMany(t.sim.fleet.devices().map((d) => d.accountId), 2);
    t.advance(MINUTE_MS);

    const expected = [0, 1, 2]
      .map((c) => ({
        kind: 'failed',
        title: `${t.customerLabel(c)}: ${names[c].length} devices failed`,
        body: `${names[c].slice(0, 5).map((n) => `${n} (Files and Folders)`).join(', ')} and ${names[c].length - 5} more.`,
        urgency: 'normal',
        target: { kind: 'customer', customerId: t.customerId(c) },
        actions: ['open'],
      }))
      .sort((a, b) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base' }));
    expect(shown(await t.poll())).toEqual(expected);
  });

  it('snooze everything for 1 h: nothing shown, then one digest; a blip inside leaves no trace', async () => {
    const t = await timeline();
    const a1 = t.addServer(0, 'ACME-FS01');
    const a2 = t.addServer(0, 'ACME-FS02');
    const c1 = t.addServer(1, 'CAFE-FS01');
    expect(await t.poll()).toEqual([]);

    const snooze = t.engine.snooze({ kind: 'all' }, '1h');
    expect(snooze.until).toBe(t.nowSeconds() + 3600);
    t.session(a1, 2);
    t.session(c1, 2);
    expect(await t.poll()).toEqual([]);
    t.session(a2, 2);
    expect(await t.poll()).toEqual([]);
    t.session(a2, 5);
    expect(await t.poll()).toEqual([]);
    expect(await t.pollEvery(10, snooze.until * 1000 - MINUTE_MS)).toEqual([]);

    t.advanceTo(snooze.until * 1000 + MINUTE_MS);
    expect(shown(await t.poll())).toEqual([
      {
        kind: 'digest',
        title: 'While muted: 2 devices failed',
        body: 'Failed: ACME-FS01, CAFE-FS01.',
        urgency: 'normal',
        target: { kind: 'problems' },
        actions: ['open'],
      },
    ]);
    t.advance(5 * MINUTE_MS);
    expect(await t.poll()).toEqual([]);
    expect(t.engine.snoozes()).toEqual([]);
    // The digest told about the failure, so its end is news.
    t.session(a1, 5);
    expect(shown(await t.poll())).toEqual([recovered(t, a1, 'ACME-FS01')]);
  });

  it('a snooze that ends with nothing changed says nothing', async () => {
    const t = await timeline();
    const a1 = t.addServer(0, 'ACME-FS01');
    expect(await t.poll()).toEqual([]);
    t.session(a1, 2);
    expect(kinds(await t.poll())).toEqual(['failed']);
    t.engine.snooze({ kind: 'customer', customerId: t.customerId(0) }, '4h');
    expect(await t.pollEvery(30, t.sim.clock.now() + 5 * HOUR_MS)).toEqual([]);
  });

  it('snoozing a customer mutes only that customer', async () => {
    const t = await timeline();
    const a1 = t.addServer(0, 'ACME-FS01');
    const c1 = t.addServer(1, 'CAFE-FS01');
    expect(await t.poll()).toEqual([]);
    const snooze = t.engine.snooze({ kind: 'customer', customerId: t.customerId(0) }, '4h');
    t.session(a1, 2);
    t.session(c1, 2);
    expect(shown(await t.poll())).toEqual([failed(t, c1, 'CAFE-FS01', 1)]);
    t.advanceTo(snooze.until * 1000 + MINUTE_MS);
    expect(shown(await t.poll())).toEqual([
      { kind: 'digest', title: 'While muted: 1 device failed', body: 'Failed: ACME-FS01.', urgency: 'normal', target: deviceTarget(t, a1), actions: ['open'] },
    ]);
  });

  it('a device snoozed until tomorrow 08:00 stays muted overnight, then one digest', async () => {
    const t = await timeline();
    const a1 = t.addServer(0, 'ACME-FS01');
    expect(await t.poll()).toEqual([]);
    const snooze = t.engine.snooze({ kind: 'device', deviceId: a1 }, 'tomorrow');
    expect(snooze.until * 1000).toBe(START_MS + DAY_MS - 2 * HOUR_MS); // 08:00 UTC, the engine's time zone here
    t.sim.fleet.forceNextSession(a1, { status: 2, count: 1 }); // tonight's backup fails too
    t.advance(5 * MINUTE_MS);
    t.session(a1, 2);
    expect(await t.pollEvery(60, snooze.until * 1000)).toEqual([]);
    t.advanceTo(snooze.until * 1000 + 5 * MINUTE_MS);
    expect(shown(await t.poll())).toEqual([
      { kind: 'digest', title: 'While muted: 1 device failed', body: 'Failed: ACME-FS01.', urgency: 'normal', target: deviceTarget(t, a1), actions: ['open'] },
    ]);
  });

  it('quiet hours 22:00–07:00 (Auckland): silent through the night, one digest in the morning', async () => {
    const t = await timeline();
    // 10:00 UTC is 23:00 in Auckland (NZDT, UTC+13): the quiet window is 09:00–18:00 UTC today.
    t.engine.setQuietHours({ enabled: true, start: '22:00', end: '07:00', timeZone: 'Pacific/Auckland' });
    const a1 = t.addServer(0, 'ACME-FS01');
    const a2 = t.addServer(0, 'ACME-FS02');
    expect(await t.poll()).toEqual([]);
    t.sim.fleet.forceNextSession(a1, { status: 2, count: 1 });
    t.session(a1, 2);
    t.session(a2, 2);
    expect(await t.poll()).toEqual([]);
    t.session(a2, 5);
    expect(await t.poll()).toEqual([]);
    expect(await t.pollEvery(60, START_MS + 7 * HOUR_MS + 59 * MINUTE_MS)).toEqual([]); // up to 06:59 NZDT

    t.advanceTo(START_MS + 8 * HOUR_MS + MINUTE_MS); // 07:01 NZDT
    expect(shown(await t.poll())).toEqual([
      { kind: 'digest', title: 'While muted: 1 device failed', body: 'Failed: ACME-FS01.', urgency: 'normal', target: deviceTarget(t, a1), actions: ['open'] },
    ]);
    t.advance(5 * MINUTE_MS);
    expect(await t.poll()).toEqual([]);
  });

  it('an acknowledgement hides the failure and its escalation, then expires after 24 h with one reminder', async () => {
    const t = await timeline();
    const a1 = t.addServer(0, 'ACME-FS01');
    t.addServer(0, 'ACME-FS02');
    expect(await t.poll()).toEqual([]);
    t.session(a1, 2);
    expect(kinds(await t.poll())).toEqual(['failed']);

    const ack = t.engine.acknowledge(a1, { by: 'sam', reason: 'replacing the disk' });
    expect(ack.expiresAt).toBe(t.nowSeconds() + 24 * 3600);
    expect(t.engine.trayState(t.report())).toEqual({ status: 'ok', failing: 1, acknowledged: 1, allAcknowledged: true, pollProblem: null });

    t.sim.fleet.forceNextSession(a1, { status: 2, count: 2 });
    t.advance(2 * HOUR_MS);
    t.session(a1, 2); // two in a row
    expect(await t.poll()).toEqual([]);
    // Overnight the scheduled backup fails as well: three in a row, but acknowledged.
    expect(await t.pollEvery(60, ack.expiresAt * 1000 - MINUTE_MS)).toEqual([]);
    expect(t.engine.acknowledgements()).toHaveLength(1);

    t.advanceTo(ack.expiresAt * 1000 + 5 * MINUTE_MS);
    expect(shown(await t.poll())).toEqual([
      {
        kind: 'reminder',
        title: `${t.customerLabel(0)}: ACME-FS01 is still failing`,
        body: 'Acknowledged by sam ("replacing the disk") expired; it is still failing.',
        urgency: 'normal',
        target: deviceTarget(t, a1),
        actions: ['open', 'acknowledge', 'confirm'],
      },
    ]);
    expect(t.engine.acknowledgements()).toEqual([]);
    t.advance(5 * MINUTE_MS);
    expect(await t.poll()).toEqual([]);
    expect(t.engine.trayState(t.report()).allAcknowledged).toBe(false);
  });

  it('an acknowledgement clears itself on recovery; the next failure is told again', async () => {
    const t = await timeline();
    const a1 = t.addServer(0, 'ACME-FS01');
    expect(await t.poll()).toEqual([]);
    t.session(a1, 2);
    expect(kinds(await t.poll())).toEqual(['failed']);
    t.engine.acknowledge(a1, { by: 'sam', reason: 'on it' });
    t.session(a1, 5);
    expect(shown(await t.poll())).toEqual([recovered(t, a1, 'ACME-FS01')]);
    expect(t.engine.acknowledgements()).toEqual([]);
    t.advance(10 * MINUTE_MS);
    t.session(a1, 2);
    expect(shown(await t.poll())).toEqual([failed(t, a1, 'ACME-FS01')]);
  });

  it('wrong API token: told once, critical; its recovery once, with what changed meanwhile', async () => {
    const t = await timeline();
    const a1 = t.addServer(0, 'ACME-FS01');
    expect(await t.poll()).toEqual([]);

    t.useToken('not-the-token');
    t.advance(5 * MINUTE_MS);
    const lost = shown(await t.poll());
    expect(lost).toEqual([
      {
        kind: 'connection-lost',
        title: 'Cove refused the login',
        body: expect.stringMatching(/^Cove refused the login \(error 2100: .+\)\. Backup status is not being updated\.$/),
        urgency: 'critical',
        target: { kind: 'problems' },
        actions: ['open'],
      },
    ]);
    t.advance(5 * MINUTE_MS);
    expect(await t.poll()).toEqual([]);
    expect(t.engine.trayState(t.report(), t.nowSeconds(), t.lastPoll).pollProblem).toBe('credentials');

    t.session(a1, 2); // happens while the monitor is blind
    t.useToken(t.sim.credentials.token);
    t.advance(5 * MINUTE_MS);
    expect(shown(await t.poll())).toEqual([
      { kind: 'connection-restored', title: 'Cove accepts the login again', body: 'Backup status is up to date again.', urgency: 'normal', target: { kind: 'problems' }, actions: ['open'] },
      failed(t, a1, 'ACME-FS01'),
    ]);
    t.advance(5 * MINUTE_MS);
    expect(await t.poll()).toEqual([]);
  });

  it('Cove unreachable: told once it lasted two poll intervals, and its end once', async () => {
    const t = await timeline({ pollIntervalMinutes: 5 });
    t.addServer(0, 'ACME-FS01');
    expect(await t.poll()).toEqual([]);
    t.sim.faults.http5xx({ rate: 1, status: 503 });
    const polls: string[][] = [];
    for (let i = 0; i < 4; i++) {
      t.advance(5 * MINUTE_MS);
      polls.push(kinds(await t.poll()));
    }
    expect(polls).toEqual([[], [], ['connection-lost'], []]);
    expect(t.engine.recentNotifications(1)[0]).toMatchObject({ title: 'Cove cannot be reached', urgency: 'normal' });
    t.sim.faults.clear();
    t.advance(5 * MINUTE_MS);
    expect(shown(await t.poll())).toEqual([
      { kind: 'connection-restored', title: 'Cove is reachable again', body: 'Backup status is up to date again.', urgency: 'normal', target: { kind: 'problems' }, actions: ['open'] },
    ]);
  });

  it('a short outage is neither told nor "restored"', async () => {
    const t = await timeline();
    t.addServer(0, 'ACME-FS01');
    expect(await t.poll()).toEqual([]);
    t.sim.faults.http5xx({ rate: 1 });
    t.advance(5 * MINUTE_MS);
    expect(await t.poll()).toEqual([]);
    t.sim.faults.clear();
    t.advance(5 * MINUTE_MS);
    expect(await t.poll()).toEqual([]);
  });
});
