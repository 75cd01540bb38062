import { describe, expect, it } from 'vitest';
import { runBodySchema, reviewSchema } from '../../main/backupchecks/backupchecks-contract';
import { ConfirmationError, Confirmations } from '../../main/upload/confirmations';
import { localDate } from '../../main/upload/local-day';
import { outboxItem, outboxSummary } from '../../main/upload/outbox-status';
import { StoreError } from '../../main/store/database';
import type { FleetStore } from '../../main/store/fleet-store';
import { ACME, CAFE, device, deviceWithSession, snapshot, state } from '../helpers/snapshots';
import { useTempDir } from '../helpers/temp-dir';
import { HOUR, T0, openStore, seedFleet, sessionTime } from './upload-fixtures';

const tempDir = useTempDir();
const CONFIRMED_AT = T0 + 30 * 86_400;

function setup(): { store: FleetStore; confirmations: Confirmations } {
  const store = openStore(tempDir());
  return { store, confirmations: new Confirmations(store.db, { now: () => CONFIRMED_AT }) };
}

function runId(store: FleetStore, deviceId: number, dataSource: string, sessionAt: number): number {
  const run = store.runs(deviceId, { dataSource }).find((r) => r.sessionAt === sessionAt);
  if (!run) throw new Error(`no run ${deviceId}/${dataSource}/${sessionAt}`);
  return run.id;
}

function counts(store: FleetStore): { confirmations: number; outbox: number } {
  return {
    confirmations: store.db.prepare('SELECT COUNT(*) FROM run_confirmations').pluck().get() as number,
    outbox: store.db.prepare('SELECT COUNT(*) FROM upload_outbox').pluck().get() as number,
  };
}

function catchError(work: () => unknown): ConfirmationError {
  try {
    work();
  } catch (error) {
    if (error instanceof ConfirmationError) return error;
    throw error;
  }
  throw new Error('expected a ConfirmationError');
}

describe('confirmations', () => {
  it('confirms one successful run and queues its upload with a contract payload', () => {
    const { store, confirmations } = setup();
    store.applySnapshot(snapshot(T0 + HOUR, [deviceWithSession(1, ACME.id, T0, 5, { name: 'ACME-DC01' })]));
    const id = runId(store, 1, 'D01', T0);
    const result = confirmations.confirmRuns([id], { by: '  J. Jansen ', note: 'looked fine' });
    expect(result).toEqual({ confirmed: [{ runId: id, externalId: `cove:1:D01:${T0}`, status: 'Success', outcome: 'reviewed' }], skipped: [] });
    expect(confirmations.confirmation(id)).toMatchObject({ confirmedBy: 'J. Jansen', confirmedAt: CONFIRMED_AT, note: 'looked fine', outcome: 'reviewed', uploadState: 'queued', canUnconfirm: true });
    const row = store.db.prepare('SELECT * FROM upload_outbox').get() as { payload: string; state: string; next_attempt_at: number; mode: string };
    expect(row).toMatchObject({ state: 'queued', next_attempt_at: CONFIRMED_AT, mode: 'run' });
    const payload = runBodySchema.parse(JSON.parse(row.payload));
    expect(payload).toMatchObject({
      external_id: `cove:1:D01:${T0}`,
      customer: { name: ACME.name, external_ref: `cove-partner:${ACME.id}` },
      job: { job_name: 'ACME-DC01', external_ref: 'cove-account:1' },
      run: { status: 'Success' },
      review: { reviewed_by: 'J. Jansen', note: 'looked fine', outcome: 'reviewed' },
    });
    store.close();
  });

  it('a failed or warning run needs an outcome; nothing is written without one', () => {
    const { store, confirmations } = setup();
    store.applySnapshot(snapshot(T0 + HOUR, [deviceWithSession(1, ACME.id, T0, 2), deviceWithSession(2, ACME.id, T0, 5)]));
    const failed = runId(store, 1, 'D01', T0);
    const ok = runId(store, 2, 'D01', T0);
    const error = catchError(() => confirmations.confirmRuns([ok, failed], { by: 'J. Jansen' }));
    expect(error.code).toBe('outcome-required');
    expect(error.message).toMatch(/1 of the 2 runs .*failed or had warnings.*Nothing was confirmed.*"reviewed".*"mark_success" with a reason/);
    expect(counts(store)).toEqual({ confirmations: 0, outbox: 0 });

    const noReason = catchError(() => confirmations.confirmRuns([failed], { by: 'J. Jansen', outcome: 'mark_success', reason: '  ' }));
    expect(noReason.code).toBe('invalid-input');
    expect(noReason.message).toMatch(/needs a reason/);
    expect(catchError(() => confirmations.confirmRuns([failed], { by: ' ' })).message).toMatch(/name of who confirms/);
    expect(catchError(() => confirmations.confirmRuns([failed], { by: 'x', outcome: 'ignore' as never })).message).toMatch(/"ignore" is not an outcome/);

    const result = confirmations.confirmRuns([ok, failed], { by: 'J. Jansen', outcome: 'mark_success', reason: 'Locked PST, user informed' });
    expect(result.confirmed.map((c) => [c.status, c.outcome])).toEqual([
      ['Failed', 'mark_success'],
      ['Success', 'reviewed'],
    ]);
    const payload = JSON.parse((store.db.prepare('SELECT payload FROM upload_outbox WHERE run_id = ?').pluck().get(failed)) as string);
    expect(payload.run.status).toBe('Failed');
    expect(payload.review).toMatchObject({ outcome: 'mark_success', reason: 'Locked PST, user informed' });
    store.close();
  });

  it('colour-bar and unfinished runs cannot be confirmed; unknown ids are refused', () => {
    const { store, confirmations } = setup();
    const facts = { coveStatus: 5, lastSessionAt: T0 + HOUR, lastSuccessAt: T0 + HOUR, colorBar: '0000000000000000000000000055' };
    store.applySnapshot(snapshot(T0 + 2 * HOUR, [device(1, ACME.id, { total: state('D09', facts), dataSources: [state('D01', facts)] }), deviceWithSession(2, ACME.id, T0, 1)]));
    const backfilled = store.runs(1, { dataSource: 'D01' }).find((r) => r.origin === 'colour-bar');
    expect(backfilled).toBeDefined();
    const colourBar = catchError(() => confirmations.confirmRuns([backfilled!.id], { by: 'J. Jansen' }));
    expect(colourBar.code).toBe('not-confirmable');
    expect(colourBar.message).toMatch(/colour bar.*only the day.*session time/);
    const running = catchError(() => confirmations.confirmRuns([runId(store, 2, 'D01', T0)], { by: 'J. Jansen' }));
    expect(running.message).toMatch(/"In process".*once Cove reports how it ended/);
    expect(catchError(() => confirmations.confirmRuns([999_999], { by: 'J. Jansen' })).code).toBe('not-found');

    // In bulk they are skipped, with the reason.
    const bulk = confirmations.confirmCustomer(ACME.id, { by: 'J. Jansen' });
    expect(bulk.confirmed.map((c) => c.externalId)).toEqual([`cove:1:D01:${T0 + HOUR}`]);
    expect(bulk.skipped.map((s) => s.reason).sort()).toEqual(['colour-bar', 'not-finished']);
    expect(counts(store)).toEqual({ confirmations: 1, outbox: 1 });
    store.close();
  });

  it('confirming twice is harmless: the second time reports the run as already confirmed', () => {
    const { store, confirmations } = setup();
    store.applySnapshot(snapshot(T0 + HOUR, [deviceWithSession(1, ACME.id, T0, 5)]));
    const id = runId(store, 1, 'D01', T0);
    confirmations.confirmRuns([id], { by: 'A' });
    expect(confirmations.confirmRuns([id], { by: 'B' })).toEqual({ confirmed: [], skipped: [expect.objectContaining({ runId: id, reason: 'already-confirmed' })] });
    expect(confirmations.confirmation(id)?.confirmedBy).toBe('A');
    expect(counts(store)).toEqual({ confirmations: 1, outbox: 1 });
    store.close();
  });

  it('per device: data-source runs, not the Total that summarises them; Totals when that is all there is', () => {
    const { store, confirmations } = setup();
    const totalOnly = device(2, ACME.id, { activeDataSources: [], total: state('D09', { coveStatus: 5, lastSessionAt: T0 }), dataSources: [] });
    store.applySnapshot(snapshot(T0 + HOUR, [deviceWithSession(1, ACME.id, T0, 5), totalOnly]));
    expect(confirmations.confirmDevice(1, { by: 'J' }).confirmed.map((c) => c.externalId)).toEqual([`cove:1:D01:${T0}`]);
    expect(confirmations.confirmDevice(2, { by: 'J' }).confirmed.map((c) => c.externalId)).toEqual([`cove:2:D09:${T0}`]);
    const payload = JSON.parse(store.db.prepare('SELECT payload FROM upload_outbox WHERE external_id = ?').pluck().get(`cove:2:D09:${T0}`) as string);
    expect(payload.external_id).toBe(`cove:2:D09:${T0}`);
    store.close();
  });

  it('never uploads a session twice: a Total whose data sources are listed is not confirmable', () => {
    const { store, confirmations } = setup();
    store.applySnapshot(snapshot(T0 + HOUR, [deviceWithSession(1, ACME.id, T0, 5)]));
    // Asked for by name, in bulk: skipped with the reason.
    const bulk = confirmations.confirmDevice(1, { by: 'J' }, { dataSource: 'D09' });
    expect(bulk.confirmed).toEqual([]);
    expect(bulk.skipped.map((s) => s.reason)).toEqual(['total-of-data-sources']);
    // Selected together with its data source: refused whole, nothing written.
    const error = catchError(() => confirmations.confirmRuns([runId(store, 1, 'D01', T0), runId(store, 1, 'D09', T0)], { by: 'J' }));
    expect(error.code).toBe('not-confirmable');
    expect(error.message).toMatch(/Total of a session whose data sources are listed separately/);
    expect(counts(store)).toEqual({ confirmations: 0, outbox: 0 });
    store.close();
  });

  it('per customer, one local day in the technician\'s time zone (computed by Intl, across a DST change)', () => {
    const { store, confirmations } = setup();
    // Europe/Amsterdam goes from UTC+1 to UTC+2 at 2026-03-29 01:00 UTC.
    const sessions = [
      Date.UTC(2026, 2, 28, 22, 30) / 1000, // 23:30 on 28 March in Amsterdam
      Date.UTC(2026, 2, 28, 23, 30) / 1000, // 00:30 on 29 March (UTC+1)
      Date.UTC(2026, 2, 29, 21, 30) / 1000, // 23:30 on 29 March (UTC+2)
      Date.UTC(2026, 2, 29, 22, 30) / 1000, // 00:30 on 30 March
    ];
    sessions.forEach((at, i) => store.applySnapshot(snapshot(at + 60, [deviceWithSession(1, ACME.id, at, i === 2 ? 8 : 5), deviceWithSession(2, CAFE.id, at, 5)])));
    expect(sessions.map((s) => localDate(s, 'Europe/Amsterdam'))).toEqual(['2026-03-28', '2026-03-29', '2026-03-29', '2026-03-30']);

    const day = { date: '2026-03-29', timeZone: 'Europe/Amsterdam' };
    const preview = confirmations.candidates({ customerId: ACME.id }, { localDay: day });
    expect(preview.map((c) => [c.sessionAt, c.status])).toEqual([
      [sessions[1], 'Success'],
      [sessions[2], 'Warning'],
    ]);
    const successes = confirmations.confirmCustomer(ACME.id, { by: 'J. Jansen' }, { localDay: day, statuses: ['Success'] });
    expect(successes.confirmed.map((c) => c.externalId)).toEqual([`cove:1:D01:${sessions[1]}`]);
    // The same date in New York (UTC-4) holds other sessions.
    const newYork = confirmations.candidates({ customerId: ACME.id }, { localDay: { date: '2026-03-29', timeZone: 'America/New_York' } });
    expect(newYork.map((c) => c.sessionAt)).toEqual([sessions[2], sessions[3]]);
    expect(counts(store).confirmations).toBe(1);

    expect(catchError(() => confirmations.confirmCustomer(ACME.id, { by: 'J' }, { localDay: { date: '2026-03-29', timeZone: 'Mars/Olympus' } })).message).toMatch(
      /"Mars\/Olympus" is not a time zone.*IANA name/,
    );
    expect(catchError(() => confirmations.confirmCustomer(ACME.id, { by: 'J' }, { localDay: { date: '2026-02-30', timeZone: 'UTC' } })).message).toMatch(/not a date.*YYYY-MM-DD/);
    store.close();
  });

  it('review-only mode queues just the review', () => {
    const store = openStore(tempDir());
    const confirmations = new Confirmations(store.db, { mode: 'review', now: () => CONFIRMED_AT });
    store.applySnapshot(snapshot(T0 + HOUR, [deviceWithSession(1, ACME.id, T0, 8)]));
    confirmations.confirmDevice(1, { by: 'J. Jansen', outcome: 'reviewed', note: 'known issue' });
    const row = store.db.prepare('SELECT mode, payload FROM upload_outbox').get() as { mode: string; payload: string };
    expect(row.mode).toBe('review');
    expect(reviewSchema.parse(JSON.parse(row.payload))).toEqual({ reviewed: true, reviewed_by: 'J. Jansen', reviewed_at: '2026-06-28T00:00:00Z', outcome: 'reviewed', note: 'known issue', reason: null });
    store.close();
  });

  it('un-confirming is allowed until the upload reached Backupchecks', () => {
    const { store, confirmations } = setup();
    seedFleet(store, 1, 4);
    const ids = store.runs(1, { dataSource: 'D01' }).map((r) => r.id).reverse(); // oldest first
    confirmations.confirmDevice(1, { by: 'J', outcome: 'reviewed' });
    const setState = (id: number, s: string) => store.db.prepare('UPDATE upload_outbox SET state = ? WHERE run_id = ?').run(s, id);

    confirmations.unconfirm(ids[0]);
    expect(confirmations.confirmation(ids[0])).toBeNull();
    expect(store.db.prepare('SELECT COUNT(*) FROM upload_outbox WHERE run_id = ?').pluck().get(ids[0])).toBe(0);

    setState(ids[1], 'rejected');
    confirmations.unconfirm(ids[1]);
    setState(ids[2], 'sending');
    expect(catchError(() => confirmations.unconfirm(ids[2])).message).toMatch(/being sent right now.*Wait/);
    setState(ids[3], 'sent');
    const sent = catchError(() => confirmations.unconfirm(ids[3]));
    expect(sent.code).toBe('already-uploaded');
    expect(sent.message).toMatch(/already sent.*change its review in Backupchecks/);
    expect(catchError(() => confirmations.unconfirm(ids[0])).code).toBe('not-confirmed');
    expect(counts(store)).toEqual({ confirmations: 2, outbox: 2 });
    // Confirmed again after an un-confirm: a fresh upload.
    confirmations.confirmRuns([ids[0]], { by: 'K', outcome: 'reviewed' });
    expect(outboxItem(store.db, `cove:1:D01:${sessionTime(0)}`)).toMatchObject({ state: 'queued', attempts: 0 });
    store.close();
  });
});

describe('cache reset', () => {
  it('pointing the cache at another Cove account drops confirmations but keeps pending uploads from their snapshot', () => {
    const { store, confirmations } = setup();
    seedFleet(store, 2, 1);
    confirmations.confirmDevice(1, { by: 'J', outcome: 'reviewed' });
    const other = { ...snapshot(T0 + 5 * 86_400, [deviceWithSession(9, 900, T0, 5)], [{ id: 900, parentId: 800, name: 'Other', level: 'EndCustomer' as const }]), root: { id: 800, parentId: null, name: 'Other MSP', level: 'Reseller' as const } };
    store.applySnapshot(other);
    expect(counts(store)).toEqual({ confirmations: 0, outbox: 1 });
    expect(outboxItem(store.db, `cove:1:D01:${sessionTime(0)}`)).toMatchObject({ runId: null, state: 'queued' });
    store.close();
  });
});

describe('one transaction per confirmation', () => {
  it('if queueing one upload fails, no run of the selection is confirmed', () => {
    const { store, confirmations } = setup();
    seedFleet(store, 3, 2);
    const victim = `cove:3:D01:${sessionTime(1)}`;
    store.db.exec(`CREATE TEMP TRIGGER fail_one BEFORE INSERT ON upload_outbox WHEN NEW.external_id = '${victim}'
                   BEGIN SELECT RAISE(ABORT, 'simulated failure while queueing'); END;`);
    expect(() => confirmations.confirmCustomer(ACME.id, { by: 'J', outcome: 'reviewed' })).toThrow(StoreError);
    expect(counts(store)).toEqual({ confirmations: 0, outbox: 0 });
    store.db.exec('DROP TRIGGER fail_one');
    expect(confirmations.confirmCustomer(ACME.id, { by: 'J', outcome: 'reviewed' }).confirmed).toHaveLength(4);
    expect(counts(store)).toEqual({ confirmations: 4, outbox: 4 });
    store.close();
  });

  it('a full disk confirms nothing and says so', () => {
    const { store, confirmations } = setup();
    seedFleet(store, 40, 5);
    store.db.pragma(`max_page_count = ${store.db.pragma('page_count', { simple: true })}`);
    expect(() => confirmations.confirmCustomer(ACME.id, { by: 'J'.repeat(150), note: 'n'.repeat(3000), outcome: 'reviewed' })).toThrow(/is full/);
    expect(counts(store)).toEqual({ confirmations: 0, outbox: 0 });
    store.close();
  });

  it('a confirmation never exists without its upload, nor an upload without its confirmation', () => {
    const { store, confirmations } = setup();
    seedFleet(store, 10, 3);
    confirmations.confirmCustomer(ACME.id, { by: 'J', outcome: 'reviewed' });
    confirmations.unconfirm(store.runs(1, { dataSource: 'D01' })[0].id);
    const orphans = store.db
      .prepare(`SELECT (SELECT COUNT(*) FROM run_confirmations c WHERE NOT EXISTS (SELECT 1 FROM upload_outbox o WHERE o.run_id = c.run_id))
                     + (SELECT COUNT(*) FROM upload_outbox o WHERE NOT EXISTS (SELECT 1 FROM run_confirmations c WHERE c.run_id = o.run_id))`)
      .pluck()
      .get();
    expect(orphans).toBe(0);
    expect(outboxSummary(store.db).counts.queued).toBe(14);
    store.close();
  });
});
