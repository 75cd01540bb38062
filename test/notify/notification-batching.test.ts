import { describe, expect, it } from 'vitest';
import { CoveError } from '../../main/cove/cove-errors';
import type { PollResult } from '../../main/monitor/poll-cycle';
import { batchDeviceEvents, connectionDraft, customerLabel, digestDraft, listNames } from '../../main/notify/notification-batching';
import type { DeviceEvent, HeldChange } from '../../main/notify/notification-types';
import { trayState } from '../../main/notify/tray-state';
import { report, simpleReport } from './report-builders';

const NOW = 1_780_000_000;

function event(deviceId: number, category: DeviceEvent['category'], customerId = 10, extra: Partial<DeviceEvent> = {}): DeviceEvent {
  return {
    category,
    deviceId,
    deviceName: `FS${String(deviceId).padStart(2, '0')}`,
    customerId,
    customerName: customerId === 10 ? 'Acme Ltd (it@acme.example)' : `Customer ${customerId}`,
    sources: [],
    since: NOW,
    hadProblem: false,
    ...extra,
  };
}

describe('text helpers', () => {
  it.each([
    ['Acme Ltd (it@acme.example)', 'Acme Ltd'],
    ["O'Brien Dental (frontdesk@obrien-dental.example)", "O'Brien Dental"],
    ['Smith & Sons', 'Smith & Sons'],
    ['Site (North)', 'Site (North)'], // only an address in brackets is dropped
  ])('customerLabel(%s) → %s', (name, label) => expect(customerLabel(name)).toBe(label));

  it('lists a few names and counts the rest', () => {
    expect(listNames(['a', 'b'], 5)).toBe('a, b');
    expect(listNames(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 5)).toBe('a, b, c, d, e and 2 more');
  });
});

describe('batchDeviceEvents', () => {
  it('one device: targets the device, offers acknowledge and Confirm & upload, names the data sources', () => {
    expect(batchDeviceEvents([event(1, 'failed', 10, { sources: ['Files and Folders'] })])).toEqual([
      {
        kind: 'failed',
        title: 'Acme Ltd: FS01 failed',
        body: 'The last backup failed: Files and Folders.',
        urgency: 'normal',
        target: { kind: 'device', deviceId: 1, customerId: 10 },
        actions: ['open', 'acknowledge', 'confirm'],
      },
    ]);
  });

  it('one notification per customer and category, the most severe last', () => {
    const drafts = batchDeviceEvents([
      event(3, 'failed'),
      event(1, 'escalated', 10, { failures: 3 }),
      event(2, 'failed', 10, { sources: ['System State'] }),
      event(4, 'recovered', 20),
      event(5, 'stale', 20),
    ]);
    expect(drafts.map((d) => [d.kind, d.title, d.body, d.urgency, d.target])).toEqual([
      ['recovered', 'Customer 20: FS04 recovered', 'Its last backup succeeded.', 'normal', { kind: 'device', deviceId: 4, customerId: 20 }],
      ['stale', 'Customer 20: FS05 has no recent backup', 'No successful backup within the stale threshold.', 'normal', { kind: 'device', deviceId: 5, customerId: 20 }],
      ['failed', 'Acme Ltd: 2 devices failed', 'FS02 (System State), FS03.', 'normal', { kind: 'customer', customerId: 10 }],
      ['escalated', 'Acme Ltd: FS01 failed 3 times in a row', '3 backups in a row failed.', 'critical', { kind: 'device', deviceId: 1, customerId: 10 }],
    ]);
    expect(drafts[0].actions).toEqual(['open', 'confirm']); // nothing to acknowledge on a recovery
  });

  it('Confirm & upload only on one device\'s failure or recovery, never on batches, summaries or outages', () => {
    const single = (category: DeviceEvent['category']) => batchDeviceEvents([event(1, category, 10, { failures: 3 })])[0].actions;
    expect(single('failed')).toEqual(['open', 'acknowledge', 'confirm']);
    expect(single('escalated')).toEqual(['open', 'acknowledge', 'confirm']);
    expect(single('reminder')).toEqual(['open', 'acknowledge', 'confirm']);
    expect(single('recovered')).toEqual(['open', 'confirm']);
    // No new finished session to confirm.
    expect(single('stale')).toEqual(['open', 'acknowledge']);
    expect(single('never')).toEqual(['open', 'acknowledge']);

    const batches = batchDeviceEvents([event(1, 'failed'), event(2, 'failed'), event(3, 'recovered'), event(4, 'recovered')]);
    expect(batches.map((d) => [d.target.kind, d.actions])).toEqual([
      ['customer', ['open']],
      ['customer', ['open']],
    ]);
    const [summary] = batchDeviceEvents([1, 2, 3, 4, 5, 6].map((c) => event(c, 'failed', c)));
    expect(summary).toMatchObject({ kind: 'summary', actions: ['open'] });
    const digest = digestDraft([{ subject: 'device:1', deviceId: 1, customerId: 10, name: 'FS01', category: 'failed', at: NOW, announced: false }]);
    expect(digest).toMatchObject({ target: { kind: 'device' }, actions: ['open'] });
    const outage = connectionDraft({ category: 'connection-lost', kind: 'unreachable', problem: 'x', since: NOW, hadProblem: false });
    const back = connectionDraft({ category: 'connection-restored', kind: 'unreachable', since: NOW, hadProblem: true });
    expect([outage.actions, back.actions]).toEqual([['open'], ['open']]);
    const all = [...batches, summary, digest, outage, back];
    expect(all.some((d) => d?.actions?.includes('confirm'))).toBe(false);
  });

  it('five customers still get their own notifications; six get one summary', () => {
    const five = [1, 2, 3, 4, 5].map((c) => event(c, 'failed', c));
    expect(batchDeviceEvents(five)).toHaveLength(5);
    const six = [1, 2, 3, 4, 5, 6].map((c) => event(c, 'failed', c));
    expect(batchDeviceEvents(six)).toEqual([
      {
        kind: 'summary',
        title: 'Backup problems at 6 customers',
        body: '6 devices: 6 failed. Customer 1, Customer 2, Customer 3, Customer 4, Customer 5 and 1 more.',
        urgency: 'normal',
        target: { kind: 'problems' },
        actions: ['open'],
      },
    ]);
  });

  it('500 devices failing at once: one summary, the worst customers named first', () => {
    const events = Array.from({ length: 500 }, (_, i) => event(i + 1, i < 3 ? 'escalated' : 'failed', 100 + (i % 40), { failures: 3 }));
    const drafts = batchDeviceEvents(events);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      kind: 'summary',
      title: 'Backup problems at 40 customers',
      body: '500 devices: 3 keep failing, 497 failed. Customer 100, Customer 101, Customer 102, Customer 103, Customer 104 and 35 more.',
      urgency: 'critical',
    });
  });

  it('500 devices of one customer: one batch', () => {
    const drafts = batchDeviceEvents(Array.from({ length: 500 }, (_, i) => event(i + 1, 'failed')));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ title: 'Acme Ltd: 500 devices failed', body: 'FS01, FS02, FS03, FS04, FS05 and 495 more.', target: { kind: 'customer', customerId: 10 } });
  });

  it('only recoveries at many customers', () => {
    const drafts = batchDeviceEvents([1, 2, 3, 4, 5, 6].map((c) => event(c, 'recovered', c)));
    expect(drafts[0].title).toBe('Backups recovered at 6 customers');
  });

  it('an expired acknowledgement reminder says who and why', () => {
    const [draft] = batchDeviceEvents([event(1, 'reminder', 10, { acknowledgement: { by: 'sam', reason: 'new disk on order' } })]);
    expect(draft).toMatchObject({ title: 'Acme Ltd: FS01 is still failing', body: 'Acknowledged by sam ("new disk on order") expired; it is still failing.' });
  });
});

describe('digestDraft', () => {
  const held = (id: number, category: HeldChange['category']): HeldChange => ({ subject: `device:${id}`, deviceId: id, customerId: 10, name: `FS0${id}`, category, at: NOW, announced: false });

  it('nothing held: no digest', () => {
    expect(digestDraft([])).toBeNull();
  });

  it('counts and names per change, worst first', () => {
    const connection: HeldChange = { subject: 'connection', deviceId: null, customerId: null, name: 'Cove cannot be reached', category: 'connection-lost', at: NOW, announced: false };
    expect(digestDraft([held(3, 'recovered'), held(1, 'failed'), held(2, 'failed'), connection])).toEqual({
      kind: 'digest',
      title: 'While muted: Cove cannot be reached, 2 devices failed, 1 device recovered',
      body: 'Cove cannot be reached. Failed: FS01, FS02. Recovered: FS03.',
      urgency: 'normal',
      target: { kind: 'problems' },
      actions: ['open'],
    });
  });

  it('one device: the digest opens it', () => {
    expect(digestDraft([held(1, 'failed')])?.target).toEqual({ kind: 'device', deviceId: 1, customerId: 10 });
  });
});

describe('connectionDraft', () => {
  it('credentials: critical, with the cause', () => {
    expect(connectionDraft({ category: 'connection-lost', kind: 'credentials', problem: 'Cove refused the login (error 2100: bad).', since: NOW, hadProblem: false })).toEqual({
      kind: 'connection-lost',
      title: 'Cove refused the login',
      body: 'Cove refused the login (error 2100: bad). Backup status is not being updated.',
      urgency: 'critical',
      target: { kind: 'problems' },
      actions: ['open'],
    });
  });

  it('unreachable is normal urgency; its end says so', () => {
    expect(connectionDraft({ category: 'connection-lost', kind: 'unreachable', problem: 'x', since: NOW, hadProblem: false }).urgency).toBe('normal');
    expect(connectionDraft({ category: 'connection-restored', kind: 'unreachable', since: NOW, hadProblem: true })).toMatchObject({ title: 'Cove is reachable again', body: 'Backup status is up to date again.' });
  });
});

describe('trayState', () => {
  const okPoll: PollResult = { ok: true, at: NOW, durationMs: 1, calls: 1, applied: { devices: 0, newRuns: 0, newDevices: 0, removedDevices: 0, renamedDevices: 0 }, unreadableRows: 0, unreadableReason: null };

  it('worst unacknowledged status and the failing count', () => {
    const r = simpleReport({ 1: 'failed', 2: 'stale', 3: 'warning', 4: 'ok' });
    expect(trayState(r, () => false, { now: NOW, lastPoll: okPoll })).toEqual({ status: 'failed', failing: 2, acknowledged: 0, allAcknowledged: false, pollProblem: null });
    expect(trayState(r, (id) => id === 1, { now: NOW })).toMatchObject({ status: 'stale', failing: 2, acknowledged: 1, allAcknowledged: false });
  });

  it('everything failing acknowledged → the muted icon', () => {
    const r = simpleReport({ 1: 'failed', 2: 'ok' });
    expect(trayState(r, (id) => id === 1, { now: NOW })).toEqual({ status: 'ok', failing: 1, acknowledged: 1, allAcknowledged: true, pollProblem: null });
  });

  it('a data source counts: a device whose Total is fine but one source is stale is failing', () => {
    const r = report([{ id: 1, name: 'Acme', devices: [{ id: 1, status: 'ok', sources: { D01: 'ok', D02: 'stale' } }] }]);
    expect(trayState(r, () => false, { now: NOW })).toMatchObject({ status: 'stale', failing: 1 });
  });

  it('a new device inside its grace is not counted as failing', () => {
    const r = simpleReport({ 1: 'never', 2: 'never' });
    const firstSeen = new Map([[1, NOW - 3600], [2, NOW - 72 * 3600]]);
    expect(trayState(r, () => false, { now: NOW, deviceFirstSeen: firstSeen })).toMatchObject({ failing: 1 });
  });

  it('a failed poll is its own state, never green', () => {
    const failed: PollResult = { ok: false, at: NOW, durationMs: 1, calls: 1, kind: 'unreachable', error: new CoveError('unreachable', 'down', 'wait') };
    expect(trayState(simpleReport({ 1: 'ok' }), () => false, { now: NOW, lastPoll: failed })).toMatchObject({ status: 'ok', pollProblem: 'unreachable' });
  });
});
