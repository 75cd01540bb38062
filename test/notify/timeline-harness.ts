/**
 * Scripted timelines for the notification engine: the Cove simulator on its own clock, the real
 * CoveClient over HTTP, runPollCycle into a FleetStore on a temp file, buildFleetReport, then
 * NotificationEngine.afterPoll, exactly as the app will chain them.
 *
 * The generated fleet is removed and each test adds the servers it scripts, each with one good
 * session and its next scheduled sessions forced to succeed, so the only news is the test's own.
 * The day starts at 10:00 UTC; simulated servers back up between 18:00 and 03:00 UTC.
 */
import path from 'node:path';
import { CoveClient } from '../../main/cove/cove-client';
import type { StaleThresholds } from '../../main/monitor/backup-status';
import { type FleetReport, buildFleetReport } from '../../main/monitor/fleet-report';
import { type PollResult, runPollCycle } from '../../main/monitor/poll-cycle';
import { NotificationEngine, type NotificationSettings } from '../../main/notify/notification-engine';
import type { Notification } from '../../main/notify/notification-types';
import { type CoveSimulator, SimClock, type SimPartner, startCoveSimulator } from '../../main/simulator/cove-simulator';
import { FleetStore } from '../../main/store/fleet-store';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** Monday 2 March 2026, 10:00 UTC. */
export const START_MS = Date.UTC(2026, 2, 2, 10, 0);

// Generous: daily server sessions drift by their jitter, and staleness is not what these timelines test.
const THRESHOLDS: StaleThresholds = { server: 72, workstation: 96, m365: 72, unknown: 72 };

export interface TimelineOptions {
  dir: string;
  settings?: Partial<NotificationSettings>;
  /** Keep the generated fleet instead of starting empty. */
  generated?: { devices: number; seed: number };
}

export class Timeline {
  private constructor(
    readonly sim: CoveSimulator,
    readonly file: string,
    private readonly settings: Partial<NotificationSettings>,
    public store: FleetStore,
    public engine: NotificationEngine,
    private client: CoveClient,
  ) {}

  static async start(options: TimelineOptions): Promise<Timeline> {
    const clock = new SimClock(START_MS);
    const keep = options.generated !== undefined;
    // 72 generated devices give six end customers to add servers to.
    const sim = await startCoveSimulator({ devices: options.generated?.devices ?? 72, seed: options.generated?.seed ?? 11, clock });
    if (!keep) for (const d of sim.fleet.devices()) sim.fleet.removeDevice(d.accountId);
    const file = path.join(options.dir, 'cache.db');
    const store = FleetStore.open(file);
    const settings = options.settings ?? {};
    const engine = new NotificationEngine(store.db, { settings: { timeZone: 'UTC', ...settings }, clock: () => clock.now() });
    return new Timeline(sim, file, settings, store, engine, Timeline.client(sim, sim.credentials.token));
  }

  private static client(sim: CoveSimulator, token: string): CoveClient {
    return new CoveClient({ endpoint: sim.url, credentials: { ...sim.credentials, token }, maxRetries: 1, sleep: async () => {} });
  }

  get customers(): SimPartner[] {
    return this.sim.fleet.partners().filter((p) => p.level === 'EndCustomer');
  }

  /** Customer name as the notifications print it. */
  customerLabel(index: number): string {
    return this.customers[index].name.replace(/\s*\([^()]*@[^()]*\)\s*$/, '');
  }

  customerId(index: number): number {
    return this.customers[index].id;
  }

  /** A server with one good session now; its next scheduled sessions succeed. */
  addServer(customerIndex: number, name: string): number {
    const info = this.sim.fleet.addDevice({ partnerId: this.customers[customerIndex].id, kind: 'server', name });
    this.sim.fleet.runSessionNow(info.accountId, { status: 5 });
    this.sim.fleet.forceNextSession(info.accountId, { status: 5, count: 30 });
    return info.accountId;
  }

  /** A session that ends now; failures hit Files and Folders (D01), which every server has. */
  session(accountId: number, status: number): void {
    this.sim.fleet.runSessionNow(accountId, status === 5 ? { status } : { status, dataSource: 'D01' });
    this.advance(MINUTE_MS);
  }

  advance(ms: number): void {
    this.sim.clock.advance(ms);
  }

  /** Moves the clock to a UTC time on the timeline (never backwards). */
  advanceTo(ms: number): void {
    if (ms < this.sim.clock.now()) throw new RangeError('advanceTo: time runs forward');
    this.sim.clock.set(ms);
  }

  nowSeconds(): number {
    return Math.floor(this.sim.clock.now() / 1000);
  }

  useToken(token: string): void {
    this.client = Timeline.client(this.sim, token);
  }

  report(): FleetReport {
    const last = this.store.lastPoll('ok');
    return buildFleetReport(this.store.readFleet(), { source: 'cove', asOf: last?.startedAt ?? null, now: this.nowSeconds(), thresholds: THRESHOLDS });
  }

  lastPoll: PollResult | null = null;

  /** One poll cycle and what the engine says about it. */
  async poll(): Promise<Notification[]> {
    const result = await runPollCycle({ client: this.client, store: this.store, source: 'cove', now: () => this.sim.clock.now() });
    this.lastPoll = result;
    return this.engine.afterPoll(result, this.report(), this.nowSeconds());
  }

  /** Polls every `minutes` until `untilMs`, returning everything shown on the way. */
  async pollEvery(minutes: number, untilMs: number): Promise<Notification[]> {
    const shown: Notification[] = [];
    while (this.sim.clock.now() + minutes * MINUTE_MS <= untilMs) {
      this.advance(minutes * MINUTE_MS);
      shown.push(...(await this.poll()));
    }
    return shown;
  }

  /** The app quits and starts again: new store and engine on the same file. */
  restart(): void {
    this.store.close();
    this.store = FleetStore.open(this.file);
    this.engine = new NotificationEngine(this.store.db, { settings: { timeZone: 'UTC', ...this.settings }, clock: () => this.sim.clock.now() });
  }

  async close(): Promise<void> {
    this.store.close();
    await this.sim.close();
  }
}

/** What a test compares: everything but the log id and time. */
export function shown(notifications: Notification[]): Omit<Notification, 'id' | 'createdAt'>[] {
  return notifications.map(({ id: _id, createdAt: _at, ...rest }) => rest);
}
