/**
 * Contract tests: the real client against the reference receiver over HTTP on 127.0.0.1, one
 * test per answer of docs/backupchecks-api.md.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackupchecksClient, type ItemResult } from '../../main/backupchecks/backupchecks-client';
import { type RunBody, runBodySchema } from '../../main/backupchecks/backupchecks-contract';
import { backupchecksStatus, buildReviewBody, buildRunBody, externalIdFor, parseExternalId } from '../../main/backupchecks/backupchecks-payload';
import { ReferenceReceiver } from '../../main/backupchecks/reference-receiver';
import { useTempDir } from '../helpers/temp-dir';
import { API_KEY, T0, clientFor, useReceivers } from './upload-fixtures';

const tempDir = useTempDir();
const startReceiver = useReceivers();

const confirmation = { confirmedBy: 'J. Jansen', confirmedAt: T0 + 8 * 3600, note: 'checked', outcome: 'reviewed' as const, reason: null };

function body(session: number, overrides: { coveStatus?: number; customer?: string; device?: string; deviceId?: number } = {}): RunBody {
  return buildRunBody({
    run: { deviceId: overrides.deviceId ?? 123456, dataSource: 'D01', sessionAt: T0 + session, coveStatus: overrides.coveStatus ?? 5, errors: 0, durationSeconds: 900, origin: 'session' },
    device: { id: overrides.deviceId ?? 123456, name: overrides.device ?? 'CONTOSO-DC01', kind: 'server' },
    customer: { id: 4567, name: overrides.customer ?? 'Contoso BV' },
    confirmation,
  });
}

function unreviewed(b: RunBody): RunBody {
  const { review: _review, ...rest } = b;
  return rest;
}

function expectItem<S extends ItemResult['status']>(answer: Awaited<ReturnType<BackupchecksClient['sendRun']>>, status: S): Extract<ItemResult, { status: S }> {
  if (!answer.ok) throw new Error(`expected an answer, got ${answer.error.kind}: ${answer.error.message}`);
  expect(answer.value.status).toBe(status);
  return answer.value as Extract<ItemResult, { status: S }>;
}

describe('payload', () => {
  it('maps Cove statuses and builds the documented external id', () => {
    expect([5, 8, 12, 2, 3, 6, 7, 10, 11, 1, 9, 0, null, 42].map(backupchecksStatus)).toEqual([
      'Success', 'Warning', 'Warning', 'Failed', 'Failed', 'Failed', 'Failed', 'Failed', 'Failed', null, null, null, null, null,
    ]);
    const b = body(8100, { coveStatus: 8 });
    expect(runBodySchema.parse(b)).toEqual(b);
    expect(b.external_id).toBe(`cove:123456:D01:${T0 + 8100}`);
    expect(parseExternalId(b.external_id)).toEqual({ accountId: 123456, dataSource: 'D01', sessionAt: T0 + 8100 });
    expect(externalIdFor({ deviceId: 7, dataSource: 'D09', sessionAt: 1 })).toBe('cove:7:D09:1');
    expect(b).toMatchObject({
      source: 'api',
      customer: { name: 'Contoso BV', external_ref: 'cove-partner:4567' },
      job: { backup_software: 'Cove Data Protection', backup_type: 'Cove Server', job_name: 'CONTOSO-DC01', external_ref: 'cove-account:123456' },
      run: { status: 'Warning', started_at: '2026-05-29T02:15:00Z', ended_at: '2026-05-29T02:30:00Z', message: 'Completed with errors' },
      objects: [{ name: 'Files and Folders', type: 'Datasource', status: 'Warning', message: 'Completed with errors' }],
      review: { reviewed: true, reviewed_by: 'J. Jansen', reviewed_at: '2026-05-29T08:00:00Z', outcome: 'reviewed', note: 'checked', reason: null },
    });
  });

  it('refuses colour-bar and unfinished runs', () => {
    const base = { deviceId: 1, dataSource: 'D01', sessionAt: T0, errors: null, durationSeconds: null };
    const device = { id: 1, name: 'X', kind: 'server' as const };
    const customer = { id: 2, name: 'Y' };
    expect(() => buildRunBody({ run: { ...base, coveStatus: 5, origin: 'colour-bar' }, device, customer, confirmation })).toThrow(/colour bar.*session time/);
    expect(() => buildRunBody({ run: { ...base, coveStatus: 1, origin: 'session' }, device, customer, confirmation })).toThrow(/In process/);
  });
});

describe('Backupchecks client ↔ reference receiver', () => {
  it('GET /health answers without a key', async () => {
    const receiver = await startReceiver(tempDir());
    const answer = await clientFor(receiver, { apiKey: 'wrong' }).health();
    expect(answer).toMatchObject({ ok: true, httpStatus: 200, value: { status: 'ok' } });
  });

  it('201 created, then 200 exists for the same run, never a second copy', async () => {
    const receiver = await startReceiver(tempDir());
    const client = clientFor(receiver);
    const created = expectItem(await client.sendRun(body(0)), 'created');
    expect(created.httpStatus).toBe(201);
    const again = expectItem(await client.sendRun(body(0)), 'exists');
    expect(again).toMatchObject({ httpStatus: 200, runId: created.runId });
    expect(receiver.runs()).toEqual([
      expect.objectContaining({
        externalId: `cove:123456:D01:${T0}`,
        customer: 'Contoso BV',
        jobName: 'CONTOSO-DC01',
        status: 'Success',
        reviewedBy: 'J. Jansen',
        objects: [{ name: 'Files and Folders', type: 'Datasource', status: 'Success', message: 'Completed' }],
      }),
    ]);
  });

  it('200 updated for a changed run that is not reviewed yet', async () => {
    const receiver = await startReceiver(tempDir());
    const client = clientFor(receiver);
    const first = expectItem(await client.sendRun(unreviewed(body(0))), 'created');
    const updated = expectItem(await client.sendRun(body(0)), 'updated');
    expect(updated).toMatchObject({ httpStatus: 200, runId: first.runId });
    expect(receiver.runs()[0].reviewedBy).toBe('J. Jansen');
  });

  it('409 conflict once the run is reviewed upstream; an identical resend is still 200', async () => {
    const receiver = await startReceiver(tempDir());
    const client = clientFor(receiver);
    expectItem(await client.sendRun(unreviewed(body(0))), 'created');
    receiver.markReviewed(`cove:123456:D01:${T0}`, 'operator', T0 + 3600);
    expectItem(await client.sendRun(unreviewed(body(0))), 'exists');
    const conflict = expectItem(await client.sendRun(body(0)), 'conflict');
    expect(conflict).toMatchObject({ httpStatus: 409, reviewedBy: 'operator', reviewedAt: '2026-05-29T01:00:00Z' });
    expect(conflict.message).toMatch(/already has run .* reviewed by operator.*never changed/);
    expect(receiver.runs()[0].reviewedBy).toBe('operator');
  });

  it('202 staged for an unknown customer or job; created once the job is known', async () => {
    const dir = tempDir();
    const receiver = await startReceiver(dir, {
      autoKnow: false,
      customers: [{ name: 'Contoso BV' }],
      jobs: [{ customer: 'Contoso BV', jobName: 'CONTOSO-DC01', externalRef: 'cove-account:123456' }],
    });
    const client = clientFor(receiver);
    expectItem(await client.sendRun(body(0)), 'created');
    const unknownCustomer = expectItem(await client.sendRun(body(60, { customer: 'Fabrikam' })), 'staged');
    expect(unknownCustomer.httpStatus).toBe(202);
    expect(unknownCustomer.message).toMatch(/does not know customer "Fabrikam".*add the customer/);
    const unknownJob = expectItem(await client.sendRun(body(60, { deviceId: 99, device: 'NEW-PC' })), 'staged');
    expect(unknownJob.message).toMatch(/no job "NEW-PC"/);
    expect(expectItem(await client.sendRun(body(60, { deviceId: 99, device: 'NEW-PC' })), 'staged').stagedId).toBe(unknownJob.stagedId);
    receiver.addJob({ customer: 'Contoso BV', jobName: 'NEW-PC', externalRef: 'cove-account:99' });
    expectItem(await client.sendRun(body(60, { deviceId: 99, device: 'NEW-PC' })), 'created');
    expect(receiver.staged().map((s) => s.externalId)).toEqual([`cove:123456:D01:${T0 + 60}`]);
    expect(receiver.countRuns()).toBe(2);
  });

  it('422 with details for an invalid run', async () => {
    const receiver = await startReceiver(tempDir());
    const bad = { ...body(0), run: { ...body(0).run, status: 'Exploded' }, customer: { name: '' } } as unknown as RunBody;
    const invalid = expectItem(await clientFor(receiver).sendRun(bad), 'invalid');
    expect(invalid.httpStatus).toBe(422);
    expect(invalid.details.map((d) => d.path).sort()).toEqual(['customer.name', 'run.status']);
    expect(receiver.countRuns()).toBe(0);
  });

  it('401 is a credentials error naming the fix', async () => {
    const receiver = await startReceiver(tempDir());
    const answer = await clientFor(receiver, { apiKey: 'stale-key' }).sendRun(body(0));
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.httpStatus).toBe(401);
    expect(answer.error.kind).toBe('credentials');
    expect(answer.error.retryable).toBe(false);
    expect(answer.error.message).toMatch(/^Backupchecks rejected the API key .*Settings → Backupchecks/);
    expect(receiver.countRuns()).toBe(0);
  });

  it('a batch answers 200 with one result per run, in order', async () => {
    const receiver = await startReceiver(tempDir(), { autoKnow: false, customers: [{ name: 'Contoso BV' }], jobs: [{ customer: 'Contoso BV', jobName: 'CONTOSO-DC01' }] });
    const client = clientFor(receiver);
    expectItem(await client.sendRun(body(0)), 'created');
    const bad = { ...body(120), run: { ...body(120).run, started_at: 'yesterday' } } as RunBody;
    const answer = await client.sendBatch([body(0), body(60), bad, body(180, { customer: 'Fabrikam' }), body(60)]);
    expect(answer.ok && answer.httpStatus).toBe(200);
    if (!answer.ok) return;
    expect(answer.value.map((r) => [r.status, r.httpStatus])).toEqual([
      ['exists', 200],
      ['created', 201],
      ['invalid', 422],
      ['staged', 202],
      ['exists', 200],
    ]);
    expect(answer.value[2]).toMatchObject({ externalId: `cove:123456:D01:${T0 + 120}`, details: [{ path: 'runs.2.run.started_at' }] });
    expect(receiver.countRuns()).toBe(2);
  });

  it('a batch over the limit is refused as a whole (422, kind request)', async () => {
    const receiver = await startReceiver(tempDir(), { maxBatch: 2 });
    const answer = await clientFor(receiver).sendBatch([body(0), body(1), body(2)]);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error).toMatchObject({ kind: 'request', httpStatus: 422 });
    expect(answer.error.message).toMatch(/1 to 2 run objects/);
    expect(receiver.countRuns()).toBe(0);
  });

  it('review-only: 200 reviewed, 200 exists on resend, 409 for another review, 404 unknown, 422 invalid, 202 staged', async () => {
    const receiver = await startReceiver(tempDir(), { autoKnow: false, customers: [{ name: 'Contoso BV' }], jobs: [{ customer: 'Contoso BV', jobName: 'CONTOSO-DC01' }] });
    const client = clientFor(receiver);
    const id = `cove:123456:D01:${T0}`;
    // Backupchecks' own Cove importer created the run.
    const imported = expectItem(await client.sendRun(unreviewed(body(0, { coveStatus: 2 }))), 'created');
    const review = buildReviewBody({ ...confirmation, outcome: 'mark_success', reason: 'Locked PST, user informed' });
    const reviewed = expectItem(await client.sendReview(id, review), 'reviewed');
    expect(reviewed).toMatchObject({ httpStatus: 200, runId: imported.runId });
    expect(receiver.runs()[0]).toMatchObject({ reviewedBy: 'J. Jansen', reviewOutcome: 'mark_success', status: 'Success' });
    expectItem(await client.sendReview(id, review), 'exists');
    expect(expectItem(await client.sendReview(id, { ...review, reviewed_by: 'someone else' }), 'conflict').httpStatus).toBe(409);
    expect(expectItem(await client.sendReview('cove:1:D01:5', review), 'not_found').httpStatus).toBe(404);
    const invalid = expectItem(await client.sendReview(id, { ...review, reason: null }), 'invalid');
    expect(invalid.details).toEqual([{ path: 'reason', message: 'mark_success needs a reason' }]);
    expectItem(await client.sendRun(body(60, { customer: 'Fabrikam' })), 'staged');
    expect(expectItem(await client.sendReview(`cove:123456:D01:${T0 + 60}`, review), 'staged').httpStatus).toBe(202);
  });

  it('5xx is a retryable server error and changes nothing', async () => {
    const receiver = await startReceiver(tempDir());
    receiver.faults.push({ kind: 'server-error', status: 503 });
    const answer = await clientFor(receiver).sendRun(body(0));
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error).toMatchObject({ kind: 'server', httpStatus: 503, retryable: true });
    expect(receiver.countRuns()).toBe(0);
  });

  it('a connection dropped after the commit is a network fault; the resend answers exists', async () => {
    const receiver = await startReceiver(tempDir());
    receiver.faults.push({ kind: 'drop-after-commit' });
    const client = clientFor(receiver);
    const dropped = await client.sendRun(body(0));
    expect(dropped.ok).toBe(false);
    if (dropped.ok) return;
    expect(dropped.error).toMatchObject({ kind: 'network', httpStatus: null, retryable: true });
    expect(dropped.error.message).toMatch(/dropped before the answer arrived/);
    expect(receiver.countRuns()).toBe(1);
    expectItem(await client.sendRun(body(0)), 'exists');
    expect(receiver.countRuns()).toBe(1);
  });

  it('a timeout is told apart from an answer; the late commit makes the resend exists', async () => {
    const receiver = await startReceiver(tempDir());
    receiver.faults.push({ kind: 'delay', ms: 300 });
    const client = clientFor(receiver, { timeoutMs: 100 });
    const late = await client.sendRun(body(0));
    expect(late.ok).toBe(false);
    if (late.ok) return;
    expect(late.error).toMatchObject({ kind: 'timeout', httpStatus: null });
    await new Promise((resolve) => setTimeout(resolve, 350));
    expectItem(await client.sendRun(body(0)), 'exists');
  });

  it('an injected 422 and an injected 401 refuse the request before touching anything', async () => {
    const receiver = await startReceiver(tempDir());
    receiver.faults.push({ kind: 'invalid' });
    receiver.faults.push({ kind: 'unauthorized' });
    const client = clientFor(receiver);
    expect(await client.sendBatch([body(0)])).toMatchObject({ ok: false, httpStatus: 422, error: { kind: 'request' } });
    expect(await client.sendBatch([body(0)])).toMatchObject({ ok: false, httpStatus: 401, error: { kind: 'credentials' } });
    expect(receiver.countRuns()).toBe(0);
    expect(receiver.requestLog().map((r) => [r.httpStatus, r.fault])).toEqual([
      [422, 'invalid'],
      [401, 'unauthorized'],
    ]);
  });

  it('no server and a wrong URL are network and protocol faults', async () => {
    const receiver = await startReceiver(tempDir());
    const url = receiver.url;
    const wrongPath = await new BackupchecksClient({ baseUrl: `${url}/backupchecks`, apiKey: API_KEY }).sendRun(body(0));
    expect(wrongPath).toMatchObject({ ok: false, httpStatus: 404, error: { kind: 'protocol' } });
    if (!wrongPath.ok) expect(wrongPath.error.message).toMatch(/Check the Backupchecks URL/);
    const stopped = await ReferenceReceiver.start({ dbFile: path.join(tempDir(), 'other.db'), apiKey: API_KEY });
    const deadUrl = stopped.url;
    await stopped.close();
    const refused = await new BackupchecksClient({ baseUrl: deadUrl, apiKey: API_KEY }).sendRun(body(0));
    expect(refused).toMatchObject({ ok: false, httpStatus: null, error: { kind: 'network' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/connection refused/);
  });

  it('keeps everything it answered for across a restart on the same file', async () => {
    const dir = tempDir();
    const first = await ReferenceReceiver.start({ dbFile: path.join(dir, 'r.db'), apiKey: API_KEY, autoKnow: true });
    const created = expectItem(await clientFor(first).sendRun(body(0)), 'created');
    await first.close();
    const second = await startReceiver(dir, { dbFile: path.join(dir, 'r.db') });
    expect(expectItem(await clientFor(second).sendRun(body(0)), 'exists').runId).toBe(created.runId);
  });
});

describe('Backupchecks client against a receiver that breaks the contract', () => {
  it('a "created" answer without a run id is no receipt: a protocol error, not "sent"', async () => {
    const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ results: [{ status: 'created' }] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = new BackupchecksClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: API_KEY });
      const answer = await client.sendBatch([body(T0)]);
      expect(answer.ok).toBe(false);
      expect(!answer.ok && answer.error.kind).toBe('protocol');
    } finally {
      server.close();
    }
  });

  it('never follows a redirect, so the API key is not sent to another host', async () => {
    const seen: string[] = [];
    const thief = http.createServer((req, res) => {
      seen.push(String(req.headers.authorization));
      res.end('{}');
    });
    await new Promise<void>((resolve) => thief.listen(0, '127.0.0.1', resolve));
    const redirect = http.createServer((_req, res) => res.writeHead(307, { Location: `http://127.0.0.1:${(thief.address() as AddressInfo).port}/api/v1/runs` }).end());
    await new Promise<void>((resolve) => redirect.listen(0, '127.0.0.1', resolve));
    try {
      const client = new BackupchecksClient({ baseUrl: `http://127.0.0.1:${(redirect.address() as AddressInfo).port}`, apiKey: API_KEY });
      const answer = await client.sendBatch([body(T0)]);
      expect(answer.ok).toBe(false);
      expect(seen).toEqual([]);
    } finally {
      thief.close();
      redirect.close();
    }
  });
});
