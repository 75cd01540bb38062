import { describe, expect, it } from 'vitest';
import { buildRunBody } from '../../main/backupchecks/backupchecks-payload';
import type { ReferenceReceiver } from '../../main/backupchecks/reference-receiver';
import { Confirmations } from '../../main/upload/confirmations';
import { OutboxSender, type OutboxSenderOptions, type SenderStatus } from '../../main/upload/outbox-sender';
import { outboxItem, outboxSummary, uploadAttempts } from '../../main/upload/outbox-status';
import type { FleetStore } from '../../main/store/fleet-store';
import { ACME, CAFE, deviceWithSession, snapshot } from '../helpers/snapshots';
import { useTempDir } from '../helpers/temp-dir';
import { FakeClock, HOUR, T0, clientFor, openStore, seedFleet, sessionTime, useReceivers } from './upload-fixtures';

const tempDir = useTempDir();
const startReceiver = useReceivers();

interface Rig {
  store: FleetStore;
  receiver: ReferenceReceiver;
  clock: FakeClock;
  confirmations: Confirmations;
  sender: (options?: Partial<OutboxSenderOptions>) => OutboxSender;
}

async function rig(receiverOptions: Parameters<typeof startReceiver>[1] = {}, mode: 'run' | 'review' = 'run'): Promise<Rig> {
  const dir = tempDir();
  const store = openStore(dir);
  const receiver = await startReceiver(dir, receiverOptions);
  const clock = new FakeClock();
  const confirmations = new Confirmations(store.db, { now: clock.seconds, mode });
  const sender = (options: Partial<OutboxSenderOptions> = {}) =>
    new OutboxSender({ db: store.db, client: clientFor(receiver, { timeoutMs: 2_000 }), now: clock.now, sleep: clock.sleep, random: () => 0.5, backoffBaseMs: 1_000, backoffCapMs: 8_000, ...options });
  return { store, receiver, clock, confirmations, sender };
}

describe('outbox sender', () => {
  it('sends in batches and records a receipt and an audit row per item', async () => {
    const { store, receiver, confirmations, sender } = await rig();
    seedFleet(store, 24, 5); // 120 D01 runs
    confirmations.confirmCustomer(ACME.id, { by: 'J. Jansen', outcome: 'reviewed' });
    confirmations.confirmCustomer(CAFE.id, { by: 'J. Jansen', outcome: 'reviewed' });
    const status = await sender({ batchSize: 50 }).runUntilSettled();
    expect(status.state).toBe('idle');
    expect(receiver.requestLog().map((r) => r.items)).toEqual([50, 50, 20]);
    const summary = outboxSummary(store.db);
    expect(summary).toMatchObject({ total: 120, pending: 0, counts: { sent: 120, queued: 0, sending: 0, retrying: 0 } });
    const receivedIds = new Map(receiver.runs().map((r) => [r.externalId, String(r.id)]));
    for (const item of summary.items) {
      expect(item.receiptId).toBe(receivedIds.get(item.externalId));
      expect(item.reason).toMatch(/^Delivered: Backupchecks run \d+ \(created\)\.$/);
    }
    const attempts = uploadAttempts(store.db, summary.items[0].externalId);
    expect(attempts).toEqual([expect.objectContaining({ httpStatus: 201, networkError: null, resultState: 'sent' })]);
    expect(store.db.prepare('SELECT COUNT(*) FROM upload_attempts').pluck().get()).toBe(120);
    store.close();
  });

  it('pauses while offline and resumes when the network returns', async () => {
    const { store, receiver, confirmations, sender } = await rig();
    seedFleet(store, 2, 1);
    confirmations.confirmDevice(1, { by: 'J', outcome: 'reviewed' });
    let online = false;
    const states: SenderStatus['state'][] = [];
    const s = sender({ isOnline: () => online, onStatus: (st) => states.push(st.state) });
    expect(await s.sendRound()).toMatchObject({ offline: true, claimed: 0 });
    expect(await s.sendRound()).toMatchObject({ offline: true });
    expect(receiver.requestLog()).toEqual([]);
    online = true;
    expect(await s.sendRound()).toMatchObject({ offline: false, claimed: 1, outcomes: { sent: 1 } });
    expect(states).toEqual(['offline', 'sending', 'idle']);
    store.close();
  });

  it('backs off with full jitter: uniform up to base·2^(attempt-1), capped', async () => {
    const { store, receiver, clock, confirmations, sender } = await rig();
    seedFleet(store, 1, 1);
    confirmations.confirmDevice(1, { by: 'J', outcome: 'reviewed' });
    receiver.faults.push({ kind: 'server-error', status: 503 }, 5);
    const draws = [1, 1, 1, 1, 0.25];
    const s = sender({ random: () => draws.shift() ?? 0 });
    const externalId = `cove:1:D01:${sessionTime(0)}`;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const before = clock.seconds();
      expect((await s.sendRound()).outcomes).toEqual({ retrying: 1 });
      const item = outboxItem(store.db, externalId)!;
      waits.push(item.nextAttemptAt! - before);
      expect(item).toMatchObject({ state: 'retrying', attempts: attempt, lastHttpStatus: 503 });
      expect(item.reason).toMatch(/HTTP 503.*Retrying automatically/);
      // Not due before its time.
      expect((await s.sendRound()).claimed).toBe(0);
      clock.ms = item.nextAttemptAt! * 1000;
    }
    // 1 s, 2 s, 4 s, 8 s (the cap), then a quarter of the 8 s cap.
    expect(waits).toEqual([1, 2, 4, 8, 2]);
    expect((await s.sendRound()).outcomes).toEqual({ sent: 1 });
    expect(uploadAttempts(store.db, externalId).map((a) => a.httpStatus)).toEqual([503, 503, 503, 503, 503, 201]);
    store.close();
  });

  it('a rejected key stops the sender with a clear error until the key changes', async () => {
    const { store, receiver, confirmations, sender } = await rig();
    seedFleet(store, 4, 2);
    confirmations.confirmCustomer(ACME.id, { by: 'J', outcome: 'reviewed' });
    confirmations.confirmCustomer(CAFE.id, { by: 'J', outcome: 'reviewed' });
    receiver.setApiKey('rotated-key');
    const s = sender({ batchSize: 3 });
    const status = await s.runUntilSettled();
    expect(status.state).toBe('credentials');
    expect(status.error?.message).toMatch(/^Backupchecks rejected the API key \(HTTP 401.*enter it in Settings → Backupchecks; uploads stay paused/);
    expect(outboxSummary(store.db).counts).toMatchObject({ queued: 8, sending: 0, sent: 0 });
    const tried = outboxSummary(store.db).items.filter((i) => i.attempts === 1);
    expect(tried).toHaveLength(3);
    for (const item of tried) expect(item).toMatchObject({ lastHttpStatus: 401, reason: expect.stringMatching(/Waiting for a valid Backupchecks API key/) });
    // Stopped means stopped: no more requests with the bad key.
    expect(await s.sendRound()).toMatchObject({ credentials: true, claimed: 0 });
    expect(receiver.requestLog()).toHaveLength(1);
    s.updateApiKey('rotated-key');
    expect((await s.runUntilSettled()).state).toBe('idle');
    expect(outboxSummary(store.db).counts.sent).toBe(8);
    store.close();
  });

  it('409 → conflict, 202 → staged, 422 → rejected, each with its explanation', async () => {
    const { store, receiver, confirmations, sender } = await rig({
      autoKnow: false,
      customers: [{ name: ACME.name }],
      jobs: [1, 3].map((id) => ({ customer: ACME.name, jobName: `HOST-00${id}`, externalRef: `cove-account:${id}` })),
    });
    seedFleet(store, 4, 1);
    // Backupchecks' own importer already has device 1's run, and an operator reviewed it there.
    const d1 = store.runs(1, { dataSource: 'D01' })[0];
    const imported = buildRunBody({
      run: { ...d1, origin: 'session' },
      device: { id: 1, name: 'HOST-001', kind: 'server' },
      customer: { id: ACME.id, name: ACME.name },
      confirmation: { confirmedBy: 'x', confirmedAt: T0, note: null, outcome: 'reviewed', reason: null },
    });
    delete imported.review;
    await clientFor(receiver).sendRun(imported);
    receiver.markReviewed(imported.external_id, 'operator');
    confirmations.confirmCustomer(ACME.id, { by: 'J', outcome: 'reviewed' });
    confirmations.confirmCustomer(CAFE.id, { by: 'J', outcome: 'reviewed' });
    const broken = `cove:3:D01:${sessionTime(0)}`;
    store.db.prepare("UPDATE upload_outbox SET payload = json_set(payload, '$.run.status', 'Exploded') WHERE external_id = ?").run(broken);

    await sender().runUntilSettled();
    const byId = new Map(outboxSummary(store.db).items.map((i) => [i.externalId, i]));
    expect(byId.get(imported.external_id)).toMatchObject({ state: 'conflict', lastHttpStatus: 409 });
    expect(byId.get(imported.external_id)?.reason).toMatch(/already has run .* reviewed by operator.*not applied there/);
    expect(byId.get(broken)).toMatchObject({ state: 'rejected', lastHttpStatus: 422 });
    expect(byId.get(broken)?.reason).toMatch(/Backupchecks refused it: .*run\.status/);
    for (const cafe of [2, 4]) {
      const item = byId.get(`cove:${cafe}:D01:${sessionTime(0)}`);
      expect(item).toMatchObject({ state: 'staged', lastHttpStatus: 202, receiptId: expect.stringMatching(/^staged:\d+$/) });
      expect(item?.reason).toMatch(/API inbox.*does not know customer/);
    }
    expect(receiver.runs().find((r) => r.externalId === imported.external_id)?.reviewedBy).toBe('operator');
    store.close();
  });

  it('after a crash, items left in sending are sent again and not duplicated', async () => {
    const { store, receiver, confirmations, sender } = await rig();
    seedFleet(store, 10, 1);
    confirmations.confirmCustomer(ACME.id, { by: 'J', outcome: 'reviewed' });
    confirmations.confirmCustomer(CAFE.id, { by: 'J', outcome: 'reviewed' });
    // The previous process claimed every item, the receiver committed the first 4, then it died.
    const payloads = store.db.prepare('SELECT payload FROM upload_outbox ORDER BY id LIMIT 4').pluck().all() as string[];
    await clientFor(receiver).sendBatch(payloads.map((p) => JSON.parse(p)));
    store.db.exec("UPDATE upload_outbox SET state = 'sending'");

    const s = sender();
    expect(await s.runUntilSettled()).toMatchObject({ state: 'idle' });
    expect(receiver.countRuns()).toBe(10);
    const items = outboxSummary(store.db).items;
    expect(items.every((i) => i.state === 'sent')).toBe(true);
    expect(items.filter((i) => /already present/.test(i.reason ?? ''))).toHaveLength(4);
    const trail = uploadAttempts(store.db, items[0].externalId);
    expect(trail[0]).toMatchObject({ requestId: 'interrupted', networkError: expect.stringMatching(/stopped before the answer/) });
    store.close();
  });

  it('review-only mode: waits for Backupchecks to import the run, then marks it reviewed', async () => {
    const { store, receiver, clock, confirmations, sender } = await rig({}, 'review');
    store.applySnapshot(snapshot(T0 + HOUR, [deviceWithSession(1, ACME.id, T0, 8, { name: 'HOST-001' }), deviceWithSession(2, ACME.id, T0, 5, { name: 'HOST-002' })]));
    confirmations.confirmCustomer(ACME.id, { by: 'J. Jansen', outcome: 'reviewed' });
    const s = sender({ notFoundLimit: 3 });
    expect((await s.sendRound()).outcomes).toEqual({ retrying: 2 });
    expect(outboxItem(store.db, `cove:1:D01:${T0}`)?.reason).toMatch(/has no run cove:1:D01:\d+ \(yet\)/);
    // Backupchecks' importer creates device 1's run; device 2's never arrives.
    const d1 = store.runs(1, { dataSource: 'D01' })[0];
    const imported = buildRunBody({
      run: { ...d1, origin: 'session' },
      device: { id: 1, name: 'HOST-001', kind: 'server' },
      customer: { id: ACME.id, name: ACME.name },
      confirmation: { confirmedBy: 'x', confirmedAt: T0, note: null, outcome: 'reviewed', reason: null },
    });
    delete imported.review;
    await clientFor(receiver).sendRun(imported);
    clock.ms += 60_000;
    await s.runUntilSettled();
    expect(outboxItem(store.db, `cove:1:D01:${T0}`)).toMatchObject({ state: 'sent', lastHttpStatus: 200 });
    expect(receiver.runs()[0]).toMatchObject({ reviewedBy: 'J. Jansen', reviewOutcome: 'reviewed' });
    const never = outboxItem(store.db, `cove:2:D01:${T0}`);
    expect(never).toMatchObject({ state: 'rejected', attempts: 3 });
    expect(never?.reason).toMatch(/never had run .* after 3 attempts.*Use full-run uploads/);
    store.close();
  });

  it('runs in the background, woken by notify, and stops cleanly', async () => {
    const dir = tempDir();
    const store = openStore(dir);
    const receiver = await startReceiver(dir);
    seedFleet(store, 2, 1);
    const confirmations = new Confirmations(store.db, { now: () => Math.floor(Date.now() / 1000) });
    const sender = new OutboxSender({ db: store.db, client: clientFor(receiver), idleMs: 60_000 });
    sender.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    confirmations.confirmDevice(1, { by: 'J', outcome: 'reviewed' });
    sender.notify();
    for (let i = 0; i < 100 && receiver.countRuns() === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    await sender.stop();
    expect(sender.status().state).toBe('stopped');
    expect(receiver.countRuns()).toBe(1);
    expect(outboxSummary(store.db).counts.sent).toBe(1);
    store.close();
  });
});
