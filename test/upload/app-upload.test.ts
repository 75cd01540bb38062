/**
 * Confirm and upload through AppService, end to end: a real SQLite cache filled by polling a Cove
 * simulator, confirmations, the outbox, and a ReferenceReceiver as Backupchecks (in demo mode the
 * one AppService starts itself). Checks receipts, the un-confirm rules, automatic upload, offline
 * pauses, crash recovery across a restart, and that the API key stays in the keychain.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppService, type AppServiceOptions } from '../../main/app/app-service';
import { ReferenceReceiver } from '../../main/backupchecks/reference-receiver';
import { settingsFilePath } from '../../main/config/app-paths';
import { backupchecksKeyAccount } from '../../main/config/backupchecks-settings';
import { MemorySecretStore, coveTokenAccount } from '../../main/config/secret-store';
import { JsonFileSettingsRepository } from '../../main/config/settings-file';
import { DEFAULT_SETTINGS, type Settings } from '../../main/config/settings';
import { type CoveSimulator, DEMO_CREDENTIALS, startCoveSimulator } from '../../main/simulator/cove-simulator';
import { localDate } from '../../main/upload/local-day';
import type { RunView } from '../../preload/contract';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const KEY = 'bc-key-4f2a9d71c0e3';

interface Running {
  service: AppService;
  dataDir: string;
  secrets: MemorySecretStore;
  settings: JsonFileSettingsRepository;
  simulator: CoveSimulator;
  online: { value: boolean };
}

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.close();
});

async function receiver(dir: string, apiKey = KEY): Promise<ReferenceReceiver> {
  const r = await ReferenceReceiver.start({ dbFile: path.join(dir, 'backupchecks-server.db'), apiKey, autoKnow: true });
  running.push(r);
  return r;
}

/** A running AppService over a small simulated fleet: demo mode, or `cove` with the simulator as the account. */
async function launch(options: {
  dataDir?: string;
  settings?: (s: Settings) => void;
  cove?: boolean;
  simulator?: CoveSimulator;
  secrets?: MemorySecretStore;
  extra?: Partial<AppServiceOptions>;
} = {}): Promise<Running> {
  const dataDir = options.dataDir ?? tempDir();
  const simulator = options.simulator ?? (await startCoveSimulator({ devices: 16, seed: 11 }));
  // Demo mode: AppService closes its simulator itself.
  if (!options.simulator && options.cove) running.push(simulator);
  const settings = new JsonFileSettingsRepository(settingsFilePath(dataDir));
  const secrets = options.secrets ?? new MemorySecretStore();
  const initial = structuredClone(fs.existsSync(settings.file) ? settings.read() : DEFAULT_SETTINGS);
  initial.displayName = 'J. Jansen';
  if (options.cove) {
    initial.cove = { url: simulator.url, partner: DEMO_CREDENTIALS.partner, username: DEMO_CREDENTIALS.username };
    await secrets.set(coveTokenAccount(DEMO_CREDENTIALS.partner, DEMO_CREDENTIALS.username), DEMO_CREDENTIALS.token);
  }
  options.settings?.(initial);
  settings.write(initial);
  const online = { value: true };
  const service = new AppService({
    dataDir,
    settings,
    secrets,
    isOnline: () => online.value,
    startDemo: async () => simulator,
    demoChangesPerPoll: 0,
    upload: { timeZone: () => 'UTC', sender: { idleMs: 200, backoffBaseMs: 20, backoffCapMs: 100, offlineCheckMs: 50 }, timeoutMs: 5_000 },
    ...options.extra,
  });
  const handle = { close: () => service.close() };
  running.push(handle);
  await service.start();
  expect(service.state().poll.problem).toBeNull();
  return { service, dataDir, secrets, settings, simulator, online };
}

/** Runs of the fleet, newest first per device, with their upload view. */
function allRuns(service: AppService): RunView[] {
  return service.state().customers.flatMap((c) => service.customer(c.id)?.devices ?? []).flatMap((d) => service.runs({ deviceId: d.id }));
}

function confirmable(service: AppService, status: 'Success' | 'Warning' | 'Failed'): RunView[] {
  return allRuns(service).filter((r) => r.upload?.blocker === null && r.upload.status === status && r.upload.confirmation === null);
}

function receivedRuns(file: string): { external_id: string; reviewed_by: string | null; review_outcome: string | null; review_note: string | null; status: string }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT external_id, reviewed_by, review_outcome, review_note, status FROM runs ORDER BY id').all() as never;
  } finally {
    db.close();
  }
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('confirm and upload in demo mode (the built-in stub)', () => {
  it('confirms runs with who and a note, uploads them in one call and shows the receipts', async () => {
    const { service, dataDir } = await launch();
    expect(service.state().upload).toMatchObject({ destination: 'demo-stub', pending: 0, sender: expect.stringMatching(/idle|waiting/), problem: null });
    expect(service.state().upload?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const picked = confirmable(service, 'Success').slice(0, 3);
    expect(picked).toHaveLength(3);
    const result = service.confirmRuns({ selection: { kind: 'runs', runIds: picked.map((r) => r.id) }, note: 'checked in the morning round' });
    expect(result).toMatchObject({ ok: true, skipped: [], uploading: false });
    expect(result.ok && result.confirmed.map((c) => c.runId).sort()).toEqual(picked.map((r) => r.id).sort());

    // Held until "Upload confirmed": automatic upload is off by default.
    expect(service.state().upload).toMatchObject({ pending: 3, waitingForUpload: 3 });
    const view = allRuns(service).find((r) => r.id === picked[0].id);
    expect(view?.upload?.confirmation).toMatchObject({
      confirmedBy: 'J. Jansen',
      note: 'checked in the morning round',
      outcome: 'reviewed',
      uploadState: 'queued',
      waitingForUpload: true,
      canUnconfirm: true,
      receiptId: null,
    });
    expect(service.outbox().items.every((i) => i.waitingForUpload && i.nextAttemptAt === null)).toBe(true);

    const upload = await service.uploadNow();
    expect(upload).toMatchObject({ attempted: 3, outcomes: { sent: 3 }, problem: null });
    expect(upload.summary).toMatchObject({ pending: 0, waitingForUpload: 0 });

    const outbox = service.outbox();
    expect(outbox.counts.sent).toBe(3);
    for (const item of outbox.items) {
      expect(item).toMatchObject({ state: 'sent', attempts: 1, lastHttpStatus: 201, nextAttemptAt: null });
      expect(item.receiptId).toMatch(/^\d+$/);
      expect(item.deviceName).toBeTruthy();
      expect(item.sentAt).not.toBeNull();
      expect(service.uploadAttempts(item.externalId)).toEqual([expect.objectContaining({ httpStatus: 201, resultState: 'sent', networkError: null })]);
    }
    const sentView = allRuns(service).find((r) => r.id === picked[0].id)?.upload?.confirmation;
    expect(sentView).toMatchObject({ uploadState: 'sent', canUnconfirm: false });
    expect(sentView?.receiptId).toMatch(/^\d+$/);

    // Backupchecks (the stub) holds each run exactly once, reviewed by the technician.
    const received = receivedRuns(path.join(dataDir, 'backupchecks-demo.db'));
    expect(received.map((r) => r.external_id).sort()).toEqual(outbox.items.map((i) => i.externalId).sort());
    expect(received.every((r) => r.reviewed_by === 'J. Jansen' && r.review_note === 'checked in the morning round' && r.status === 'Success')).toBe(true);

    // Uploaded runs can no longer be un-confirmed; a second upload sends nothing.
    expect(service.unconfirmRun(picked[0].id)).toMatchObject({ ok: false, code: 'already-uploaded' });
    expect(await service.uploadNow()).toMatchObject({ attempted: 0, problem: null });
  });

  it('asks failed and warning runs for an outcome, and marks a success only with a reason', async () => {
    const { service, dataDir } = await launch();
    const failed = [...confirmable(service, 'Failed'), ...confirmable(service, 'Warning')][0];
    expect(failed).toBeDefined();
    const selection = { kind: 'runs' as const, runIds: [failed.id] };
    expect(service.confirmRuns({ selection })).toMatchObject({ ok: false, code: 'outcome-required' });
    expect(service.confirmRuns({ selection, outcome: 'mark_success' })).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(service.state().upload?.pending).toBe(0);

    const ok = service.confirmRuns({ selection, outcome: 'mark_success', reason: 'Locked PST, user informed' });
    expect(ok).toMatchObject({ ok: true, confirmed: [{ runId: failed.id, outcome: 'mark_success' }] });
    const confirmation = allRuns(service).find((r) => r.id === failed.id)?.upload?.confirmation;
    expect(confirmation).toMatchObject({ outcome: 'mark_success', reason: 'Locked PST, user informed' });

    expect(await service.uploadNow()).toMatchObject({ outcomes: { sent: 1 } });
    expect(receivedRuns(path.join(dataDir, 'backupchecks-demo.db'))).toEqual([expect.objectContaining({ external_id: confirmation?.externalId, review_outcome: 'mark_success' })]);
  });

  it('un-confirms until uploaded: the confirmation and its queued upload go together', async () => {
    const { service } = await launch();
    const [run] = confirmable(service, 'Success');
    service.confirmRuns({ selection: { kind: 'runs', runIds: [run.id] } });
    expect(service.state().upload?.pending).toBe(1);
    expect(service.unconfirmRun(run.id)).toEqual({ ok: true });
    expect(service.state().upload?.pending).toBe(0);
    expect(service.outbox().total).toBe(0);
    expect(allRuns(service).find((r) => r.id === run.id)?.upload?.confirmation).toBeNull();
    expect(service.unconfirmRun(run.id)).toMatchObject({ ok: false, code: 'not-confirmed' });
  });

  it('refuses colour-bar runs with the reason, all or nothing', async () => {
    const { service } = await launch();
    const runs = allRuns(service);
    const colourBar = runs.find((r) => r.precision === 'day');
    const good = confirmable(service, 'Success')[0];
    expect(colourBar?.upload?.blocker).toMatch(/colour bar/);
    const refused = service.confirmRuns({ selection: { kind: 'runs', runIds: [good.id, colourBar?.id as number] } });
    expect(refused).toMatchObject({ ok: false, code: 'not-confirmable' });
    expect(service.state().upload?.pending).toBe(0);
  });

  it('confirms all successful runs of a customer on a local day, previewed first', async () => {
    const { service } = await launch();
    const success = confirmable(service, 'Success')[0];
    const day = localDate(Date.parse(success.sessionAt) / 1000, 'UTC');
    const customer = service.state().customers.find((c) => service.customer(c.id)?.devices.some((d) => service.runs({ deviceId: d.id }).some((r) => r.id === success.id)));
    expect(customer).toBeDefined();
    const selection = { kind: 'customer' as const, customerId: customer?.id as number, filter: { statuses: ['Success' as const], localDay: day } };

    const preview = service.previewConfirm(selection);
    expect(preview).toMatchObject({ localDay: day, timeZone: 'UTC', needOutcome: 0, alreadyConfirmed: 0 });
    expect(preview.confirmable).toBeGreaterThan(0);
    expect(preview.runs.every((r) => r.status === 'Success' && r.sessionAt.startsWith(day) && r.customerName === customer?.name)).toBe(true);

    const result = service.confirmRuns({ selection, note: 'all green' });
    expect(result.ok && result.confirmed.length).toBe(preview.confirmable);
    expect(service.previewConfirm(selection)).toMatchObject({ confirmable: 0, alreadyConfirmed: preview.confirmable });
    // Nothing left to confirm is not an error.
    expect(service.confirmRuns({ selection })).toMatchObject({ ok: true, confirmed: [] });

    // "today" is the computer's calendar day (here the time zone is pinned to UTC).
    expect(service.previewConfirm({ kind: 'device', deviceId: 1, filter: { localDay: 'today' } }).localDay).toBe(localDate(Math.floor(Date.now() / 1000), 'UTC'));
  });

  it('uploads at once when automatic upload is on', async () => {
    const { service } = await launch({ settings: (s) => (s.backupchecks.autoUpload = true) });
    const runs = confirmable(service, 'Success').slice(0, 2);
    const result = service.confirmRuns({ selection: { kind: 'runs', runIds: runs.map((r) => r.id) } });
    expect(result).toMatchObject({ ok: true, uploading: true });
    await until(() => service.outbox().counts.sent === 2, 'the background upload');
    expect(service.state().upload).toMatchObject({ pending: 0, autoUpload: true });
  });
});

describe('confirm and upload to a configured Backupchecks server', () => {
  it('checks a new key with the server before keeping it in the keychain, never in settings, SQLite or responses', async () => {
    const dir = tempDir();
    const server = await receiver(dir);
    const app = await launch({ cove: true });
    const { service, secrets, settings, dataDir } = app;
    expect(service.state().upload).toMatchObject({ destination: 'none', sender: 'not-configured' });
    const base = await service.settingsView();
    expect(base).toMatchObject({ backupchecks: { url: '', mode: 'run', autoUpload: false }, backupchecksKeySaved: false });
    const input = {
      coveUrl: base.coveUrl,
      partner: base.partner,
      username: base.username,
      pollIntervalMinutes: base.pollIntervalMinutes,
      staleThresholdHours: base.staleThresholdHours,
      displayName: base.displayName,
    };

    // Wrong key: refused by the server, nothing saved.
    const wrong = await service.saveSettings({ ...input, backupchecks: { url: server.url, mode: 'run', autoUpload: false }, backupchecksKey: 'not-the-key' });
    expect(wrong).toMatchObject({ ok: false, field: 'backupchecksKey', message: expect.stringMatching(/401/) });
    expect(settings.read().backupchecks.url).toBe('');
    expect(await secrets.get(backupchecksKeyAccount(server.url))).toBeNull();

    // No server there: refused on GET /health.
    const nowhere = await service.saveSettings({ ...input, backupchecks: { url: 'http://127.0.0.1:9', mode: 'run', autoUpload: false }, backupchecksKey: KEY });
    expect(nowhere).toMatchObject({ ok: false, field: 'backupchecks', message: expect.stringMatching(/could not be reached/) });

    // Plain http to another host is refused before any request.
    expect(await service.saveSettings({ ...input, backupchecks: { url: 'http://backupchecks.example.com', mode: 'run', autoUpload: false }, backupchecksKey: KEY })).toMatchObject({
      ok: false,
      field: 'backupchecks',
      message: expect.stringMatching(/https/),
    });

    // A new URL without a key is refused too.
    expect(await service.saveSettings({ ...input, backupchecks: { url: server.url, mode: 'run', autoUpload: false } })).toMatchObject({ ok: false, field: 'backupchecksKey' });

    const saved = await service.saveSettings({ ...input, backupchecks: { url: `${server.url}/`, mode: 'run', autoUpload: false }, backupchecksKey: ` ${KEY} ` });
    expect(saved).toMatchObject({ ok: true, settings: { backupchecks: { url: server.url, mode: 'run', autoUpload: false }, backupchecksKeySaved: true } });
    expect(await secrets.get(backupchecksKeyAccount(server.url))).toBe(KEY);
    expect(service.state().upload).toMatchObject({ destination: 'server', url: server.url, problem: null });
    expect(server.countRuns()).toBe(0);

    // Saving again without a key keeps it.
    expect(await service.saveSettings({ ...input, backupchecks: { url: server.url, mode: 'run', autoUpload: true } })).toMatchObject({ ok: true, settings: { backupchecksKeySaved: true } });

    const runs = confirmable(service, 'Success').slice(0, 2);
    service.confirmRuns({ selection: { kind: 'runs', runIds: runs.map((r) => r.id) } });
    await until(() => server.countRuns() === 2, 'the upload to the server');
    await until(() => service.outbox().counts.sent === 2, 'the receipts');

    // The key is nowhere but the keychain: not in settings, the cache, or anything the window gets.
    const leaks = [
      fs.readFileSync(settings.file, 'utf8'),
      JSON.stringify(service.state()),
      JSON.stringify(await service.settingsView()),
      JSON.stringify(service.outbox()),
      JSON.stringify(allRuns(service)),
      JSON.stringify(service.outbox().items.flatMap((i) => service.uploadAttempts(i.externalId))),
    ];
    for (const file of fs.readdirSync(dataDir).filter((f) => f.startsWith('cache'))) leaks.push(fs.readFileSync(path.join(dataDir, file)).toString('latin1'));
    for (const text of leaks) expect(text).not.toContain(KEY);
  });

  it('keeps confirmations while Backupchecks is not set up, and says what to do', async () => {
    const { service } = await launch({ cove: true });
    const [first] = confirmable(service, 'Success');
    expect(service.confirmRuns({ selection: { kind: 'runs', runIds: [first.id] } })).toMatchObject({ ok: true, uploading: false });
    expect(service.state().upload).toMatchObject({ destination: 'none', sender: 'not-configured', pending: 1, problem: { message: expect.stringMatching(/not set up/) } });
    const upload = await service.uploadNow();
    expect(upload).toMatchObject({ attempted: 0, problem: { fix: expect.stringMatching(/Settings → Backupchecks/) } });
    expect(service.outbox().items).toEqual([expect.objectContaining({ state: 'queued', runId: first.id })]);
  });

  it('pauses while offline and resumes; a refused key pauses uploads until a new one is saved', async () => {
    const dir = tempDir();
    const server = await receiver(dir);
    const secrets = new MemorySecretStore();
    await secrets.set(backupchecksKeyAccount(server.url), KEY);
    const { service, online } = await launch({ cove: true, secrets, settings: (s) => (s.backupchecks.url = server.url) });
    expect(service.state().upload).toMatchObject({ destination: 'server', problem: null });

    const runs = confirmable(service, 'Success').slice(0, 3);
    service.confirmRuns({ selection: { kind: 'runs', runIds: runs.map((r) => r.id) } });
    online.value = false;
    const offline = await service.uploadNow();
    expect(offline).toMatchObject({ attempted: 0, problem: { message: expect.stringMatching(/offline/) } });
    expect(service.state().upload).toMatchObject({ pending: 3, sender: 'offline' });
    expect(server.countRuns()).toBe(0);

    // Back online: the background sender delivers what "Upload confirmed" released.
    online.value = true;
    await until(() => service.outbox().counts.sent === 3, 'the upload after reconnecting');
    expect(server.countRuns()).toBe(3);

    // The key is rotated in Backupchecks: uploads pause with the fix named, nothing is lost.
    server.setApiKey('rotated-key');
    const more = confirmable(service, 'Success').slice(0, 1);
    service.confirmRuns({ selection: { kind: 'runs', runIds: more.map((r) => r.id) } });
    const refused = await service.uploadNow();
    expect(refused.problem?.message).toMatch(/rejected the API key/);
    expect(service.state().upload).toMatchObject({ pending: 1, sender: 'credentials' });

    const view = await service.settingsView();
    const saved = await service.saveSettings({
      coveUrl: view.coveUrl,
      partner: view.partner,
      username: view.username,
      pollIntervalMinutes: view.pollIntervalMinutes,
      staleThresholdHours: view.staleThresholdHours,
      displayName: view.displayName,
      backupchecksKey: 'rotated-key',
    });
    expect(saved.ok).toBe(true);
    // The new key restarts the sender, which sends what was waiting for it.
    await until(() => server.countRuns() === 4, 'the upload with the new key');
    await until(() => service.state().upload?.pending === 0, 'the receipt');
    expect(service.state().upload).toMatchObject({ problem: null });
  });

  it('recovers uploads a killed app left in "sending" and never duplicates them', async () => {
    const dir = tempDir();
    const server = await receiver(dir);
    const secrets = new MemorySecretStore();
    await secrets.set(backupchecksKeyAccount(server.url), KEY);
    const first = await launch({ cove: true, secrets, settings: (s) => (s.backupchecks.url = server.url) });
    const runs = confirmable(first.service, 'Success').slice(0, 4);
    first.service.confirmRuns({ selection: { kind: 'runs', runIds: runs.map((r) => r.id) } });
    expect(await first.service.uploadNow()).toMatchObject({ outcomes: { sent: 4 } });
    const more = confirmable(first.service, 'Success').slice(0, 2);
    first.service.confirmRuns({ selection: { kind: 'runs', runIds: more.map((r) => r.id) } });
    await first.service.close();

    // As if the app died mid-request: two uploads the server already took, two it never saw.
    const cache = new Database(path.join(first.dataDir, 'cache.db'));
    cache.prepare("UPDATE upload_outbox SET state = 'sending' WHERE run_id IN (?, ?, ?, ?)").run(runs[0].id, runs[1].id, more[0].id, more[1].id);
    cache.close();

    const second = await launch({ cove: true, secrets, dataDir: first.dataDir, simulator: first.simulator });
    // Recovered at start and sent again by the background sender (they had been released already).
    await until(() => second.service.outbox().counts.sent === 6, 'the recovered uploads');
    expect(server.countRuns()).toBe(6);
    expect(new Set(server.runs().map((r) => r.externalId)).size).toBe(6);
    const recovered = second.service.outbox().items.find((i) => i.runId === runs[0].id);
    expect(second.service.uploadAttempts(recovered?.externalId as string).map((a) => a.requestId)).toContain('interrupted');
  });
});
