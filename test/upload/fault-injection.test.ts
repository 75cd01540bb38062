/**
 * 1,000 confirmed runs through random faults: connections dropped after the receiver committed,
 * 5xx, timeouts (the receiver commits late), a key rotation mid-way, and a few invalid payloads.
 * The receiver must end with each valid external_id exactly once and the outbox with only
 * terminal, explained states.
 */
import { describe, expect, it } from 'vitest';
import { backupchecksStatus } from '../../main/backupchecks/backupchecks-payload';
import { Confirmations } from '../../main/upload/confirmations';
import { OutboxSender } from '../../main/upload/outbox-sender';
import { TERMINAL_STATES, outboxSummary } from '../../main/upload/outbox-status';
import { ACME, CAFE } from '../helpers/snapshots';
import { useTempDir } from '../helpers/temp-dir';
import { FakeClock, clientFor, openStore, seedFleet, seededRandom, sessionTime, statusOf, useReceivers } from './upload-fixtures';

const tempDir = useTempDir();
const startReceiver = useReceivers();

const DEVICES = 100;
const SESSIONS = 10;

describe('fault injection', () => {
  it('1,000 runs through dropped connections, 5xx, timeouts, a key rotation and invalid items', async () => {
    const dir = tempDir();
    const store = openStore(dir);
    seedFleet(store, DEVICES, SESSIONS);
    const clock = new FakeClock();
    const confirmations = new Confirmations(store.db, { now: clock.seconds });
    const confirmed = [ACME.id, CAFE.id].flatMap((customer) => confirmations.confirmCustomer(customer, { by: 'J. Jansen', outcome: 'reviewed' }).confirmed);
    expect(confirmed).toHaveLength(DEVICES * SESSIONS);

    const invalid = [3, 250, 499, 777, 998].map((i) => confirmed[i].externalId);
    for (const externalId of invalid) {
      store.db.prepare("UPDATE upload_outbox SET payload = json_set(payload, '$.job.job_name', '') WHERE external_id = ?").run(externalId);
    }
    const valid = new Set(confirmed.map((c) => c.externalId).filter((id) => !invalid.includes(id)));

    const receiver = await startReceiver(dir);
    receiver.faults.setRandom({ dropAfterCommit: 0.15, serverError: 0.15, delay: 0.04, delayMs: 250, random: seededRandom(42) });
    const sender = new OutboxSender({
      db: store.db,
      client: clientFor(receiver, { timeoutMs: 120 }),
      batchSize: 25,
      now: clock.now,
      sleep: clock.sleep,
      random: seededRandom(7),
      backoffBaseMs: 2_000,
      backoffCapMs: 60_000,
    });

    // A few rounds, then the key is rotated in Backupchecks.
    for (let round = 0; round < 12; round++) await sender.sendRound();
    receiver.setApiKey('rotated');
    const paused = await sender.runUntilSettled();
    expect(paused.state).toBe('credentials');
    expect(paused.error?.message).toMatch(/Backupchecks rejected the API key/);
    expect(outboxSummary(store.db).pending).toBeGreaterThan(0);
    sender.updateApiKey('rotated');
    const done = await sender.runUntilSettled();
    expect(done.state).toBe('idle');

    // Let late (timed-out) requests finish on the receiver before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));

    // The receiver: every valid run exactly once, none of the invalid ones.
    const received = receiver.runs();
    const receivedIds = received.map((r) => r.externalId);
    expect(receivedIds).toHaveLength(valid.size);
    expect(new Set(receivedIds)).toEqual(valid);
    const byStatus = (list: string[]) => Object.fromEntries(['Success', 'Warning', 'Failed'].map((s) => [s, list.filter((x) => x === s).length]));
    const expectedStatuses = [...valid].map((id) => {
      const [, device, , at] = id.split(':');
      const session = (Number(at) - sessionTime(0)) / 86_400;
      return backupchecksStatus(statusOf(Number(device), session)) as string;
    });
    expect(byStatus(received.map((r) => r.status))).toEqual(byStatus(expectedStatuses));

    // The outbox: only terminal states, each explained.
    const summary = outboxSummary(store.db, { limit: 2_000 });
    expect(summary.counts).toMatchObject({ sent: valid.size, rejected: invalid.length, queued: 0, sending: 0, retrying: 0, staged: 0, conflict: 0 });
    for (const item of summary.items) {
      expect(TERMINAL_STATES).toContain(item.state);
      expect(item.reason).toBeTruthy();
    }
    const receipts = new Map(received.map((r) => [r.externalId, String(r.id)]));
    for (const item of summary.items.filter((i) => i.state === 'sent')) expect(item.receiptId).toBe(receipts.get(item.externalId));
    for (const item of summary.items.filter((i) => i.state === 'rejected')) expect(item.reason).toMatch(/job\.job_name: must not be empty/);

    // The faults really happened, and every attempt is in the audit log.
    const faults = receiver.requestLog().map((r) => r.fault ?? (r.httpStatus === 401 ? 'rotated key' : 'none'));
    for (const kind of ['drop-after-commit', 'server-error', 'delay', 'rotated key']) expect(faults).toContain(kind);
    const audit = store.db.prepare('SELECT http_status, network_error, result_state FROM upload_attempts').all() as { http_status: number | null; network_error: string | null; result_state: string }[];
    expect(audit.filter((a) => a.result_state === 'sent')).toHaveLength(valid.size);
    expect(audit.some((a) => a.http_status === 200 && a.result_state === 'sent')).toBe(true); // resent after a committed drop
    expect(audit.some((a) => a.network_error?.includes('dropped'))).toBe(true);
    expect(audit.some((a) => a.network_error?.includes('did not answer in time'))).toBe(true);
    expect(audit.some((a) => a.http_status === 503)).toBe(true);
    expect(audit.some((a) => a.http_status === 401)).toBe(true);
    store.close();
  });
});
