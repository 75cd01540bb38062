/**
 * Real processes, real SIGKILLs: the uploader killed mid-batch (after the receiver committed,
 * before the answer), and the receiver CLI killed after answering. Nothing lost, nothing twice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackupchecksClient } from '../../main/backupchecks/backupchecks-client';
import { buildRunBody } from '../../main/backupchecks/backupchecks-payload';
import { Confirmations } from '../../main/upload/confirmations';
import { outboxSummary, uploadAttempts } from '../../main/upload/outbox-status';
import { ACME, CAFE } from '../helpers/snapshots';
import { useTempDir } from '../helpers/temp-dir';
import { API_KEY, T0, openStore, seedFleet, useReceivers } from './upload-fixtures';

const ROOT = path.resolve(__dirname, '../..');
const tempDir = useTempDir();
const startReceiver = useReceivers();

function spawnTs(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

/** Resolves with the first stdout line matching `pattern`. */
function line(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = pattern.exec(out);
      if (m) resolve(m);
    });
    child.on('exit', () => reject(new Error(`exited before printing ${pattern}: ${out}`)));
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('killed processes', () => {
  it('the uploader, SIGKILLed mid-batch and restarted, loses nothing and duplicates nothing', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'cache.db');
    const store = openStore(dir);
    seedFleet(store, 30, 10);
    const confirmations = new Confirmations(store.db);
    for (const customer of [ACME.id, CAFE.id]) confirmations.confirmCustomer(customer, { by: 'J. Jansen', outcome: 'reviewed' });
    store.close();

    const receiver = await startReceiver(dir);
    // Every request commits, then waits before answering: the window to kill the uploader in.
    receiver.faults.push({ kind: 'delay-after-commit', ms: 250 }, 1_000);
    const script = path.join(__dirname, 'fixtures', 'uploader-child.ts');
    const first = spawnTs(script, [dbFile, receiver.url, API_KEY, '20']);
    const firstExit = exited(first);
    await until(() => receiver.countRuns() >= 100, 'the receiver to commit 100 runs');
    first.kill('SIGKILL');
    expect((await firstExit).signal).toBe('SIGKILL');

    const killed = openStore(dir);
    const mid = outboxSummary(killed.db);
    expect(mid.counts.sending).toBe(20); // the batch the receiver committed but never answered
    expect(mid.counts.sent).toBe(receiver.countRuns() - 20);
    killed.close();

    receiver.faults.clear();
    const second = spawnTs(script, [dbFile, receiver.url, API_KEY, '20']);
    const secondExit = await exited(second);
    expect(secondExit).toMatchObject({ code: 0 });

    const after = openStore(dir);
    const summary = outboxSummary(after.db, { limit: 1_000 });
    expect(summary.counts).toMatchObject({ sent: 300, sending: 0, queued: 0, retrying: 0 });
    const received = receiver.runs();
    expect(received).toHaveLength(300);
    expect(new Set(received.map((r) => r.externalId))).toEqual(new Set(summary.items.map((i) => i.externalId)));
    const resent = summary.items.filter((i) => /already present/.test(i.reason ?? ''));
    expect(resent).toHaveLength(20);
    expect(uploadAttempts(after.db, resent[0].externalId).map((a) => a.resultState)).toEqual(['retrying', 'sent']);
    after.close();
  });

  it('the receiver CLI, SIGKILLed after answering, still has the run when it comes back', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'stub.db');
    const script = path.join(ROOT, 'main', 'backupchecks', 'receiver-cli.ts');
    const start = async () => {
      const child = spawnTs(script, ['--port', '0', '--db', dbFile]);
      const [, url, key] = await line(child, /listening on (http:\/\/127\.0\.0\.1:\d+).*\nAPI key: (\S+)\n/);
      return { child, url, key };
    };
    const body = buildRunBody({
      run: { deviceId: 5, dataSource: 'D01', sessionAt: T0, coveStatus: 5, errors: 0, durationSeconds: 60, origin: 'session' },
      device: { id: 5, name: 'HOST-005', kind: 'workstation' },
      customer: { id: 9, name: 'Contoso BV' },
      confirmation: { confirmedBy: 'J', confirmedAt: T0, note: null, outcome: 'reviewed', reason: null },
    });

    const first = await start();
    const firstExit = exited(first.child);
    const created = await new BackupchecksClient({ baseUrl: first.url, apiKey: first.key }).sendRun(body);
    expect(created).toMatchObject({ ok: true, httpStatus: 201 });
    first.child.kill('SIGKILL');
    await firstExit;

    const second = await start();
    const secondExit = exited(second.child);
    const again = await new BackupchecksClient({ baseUrl: second.url, apiKey: second.key }).sendRun(body);
    expect(again).toMatchObject({ ok: true, httpStatus: 200, value: { status: 'exists', runId: created.ok && 'runId' in created.value ? created.value.runId : -1 } });
    second.child.kill('SIGTERM');
    expect((await secondExit).code).toBe(0);
  });
});
