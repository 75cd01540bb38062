/**
 * The simulated fleet: ground truth for tests and control for scripted scenarios.
 * State is a pure function of (seed, fleet size, anchor day, clock time) plus whatever the control
 * methods scripted; two fleets built with the same inputs agree at every instant.
 */
import { dataSourceCode } from '../cove/column-codes';
import { DeviceRow, nameAt, type PartnerDirectory } from './device-columns';
import { createDevice, generateFleet, MachineNamer } from './fleet-generator';
import {
  FINISHED_STATUSES,
  toUnixSeconds,
  type DeviceSpec,
  type OutcomeOverride,
  type SimDeviceKind,
  type SimDeviceTag,
  type SimPartner,
} from './fleet-model';
import { hash4, SeededRandom } from './seeded-random';
import { deviceStateAt, nextScheduledIndices, type SimDataSourceState } from './session-model';
import type { SimClock } from './sim-clock';

/** Static facts about a device (as of the fleet clock). Times are unix seconds. */
export interface SimDeviceInfo {
  accountId: number;
  partnerId: number;
  /** I8: name of the partner the device sits under (a Site, a customer or the MSP). */
  partnerName: string;
  /** I63: the EndCustomer (or the MSP) that owns the device. */
  companyName: string;
  /** I1 now. */
  name: string;
  /** Every name the device has or will have; renames keep the AccountId. */
  nameHistory: { from: number; name: string }[];
  computerName: string | null;
  kind: SimDeviceKind;
  osType: 0 | 1 | 2;
  accountType: 1 | 2;
  /** Zero-padded data-source codes, I78 order. */
  dataSources: string[];
  createdAt: number;
  removedAt: number | null;
  /** When a stale device's client stopped reporting. */
  stoppedAt: number | null;
  tags: SimDeviceTag[];
}

/** A device with its backup state at `at` (unix seconds). */
export interface SimDevice extends SimDeviceInfo {
  at: number;
  total: SimDataSourceState;
  sources: SimDataSourceState[];
  lastActivityAt: number;
  usedStorage: number;
}

/** Outcome of a scripted session; without `dataSource` it applies to the whole device. */
export interface SessionOutcome {
  status: number;
  errors?: number;
  /** e.g. 'D10' or 'D01'; must be one of the device's data sources. */
  dataSource?: string;
}

export interface AddDeviceOptions {
  /** Defaults to the first EndCustomer. */
  partnerId?: number;
  kind?: Exclude<SimDeviceKind, 'unknown'>;
  name?: string;
}

export interface SimulatedFleetOptions {
  seed: number;
  devices: number;
  customers?: number;
  anchorMs: number;
  rootName: string;
  clock: SimClock;
}

export class SimulatedFleet implements PartnerDirectory {
  readonly seed: number;
  /** UTC midnight the generated one-off events are placed around (the simulator's start day). */
  readonly anchorMs: number;
  readonly root: SimPartner;
  private readonly clock: SimClock;
  private readonly partnerList: SimPartner[];
  private readonly outside: SimPartner[];
  private readonly partnersById: Map<number, SimPartner>;
  private readonly specs: DeviceSpec[];
  private readonly specsById: Map<number, DeviceSpec>;
  private readonly machines = new MachineNamer();

  constructor(options: SimulatedFleetOptions) {
    const generated = generateFleet(options);
    this.seed = options.seed;
    this.anchorMs = options.anchorMs;
    this.clock = options.clock;
    this.root = generated.root;
    this.partnerList = generated.partners;
    this.outside = generated.outsidePartners;
    this.partnersById = new Map(generated.partners.map((p) => [p.id, p]));
    this.specs = generated.devices;
    this.specsById = new Map(this.specs.map((d) => [d.accountId, d]));
  }

  // ---- partners -------------------------------------------------------------------------------

  /** The MSP's tree: root first, then customers and sites, parents before children. */
  partners(): SimPartner[] {
    return [...this.partnerList];
  }

  /** A partner of the MSP's tree (undefined for anything outside it). */
  partner(id: number): SimPartner | undefined {
    return this.partnersById.get(id);
  }

  /** Partners that exist in "Cove" but not below the API user's partner (for 13501 tests). */
  outsidePartners(): SimPartner[] {
    return [...this.outside];
  }

  partnerName(partnerId: number): string {
    return this.partnersById.get(partnerId)?.name ?? '';
  }

  companyName(partnerId: number): string {
    let p = this.partnersById.get(partnerId);
    while (p && p.level === 'Site') p = this.partnersById.get(p.parentId);
    return p?.name ?? '';
  }

  /** True when `partnerId` is `ancestorId` or below it. */
  isWithin(ancestorId: number, partnerId: number): boolean {
    for (let p = this.partnersById.get(partnerId); p; p = this.partnersById.get(p.parentId)) {
      if (p.id === ancestorId) return true;
    }
    return false;
  }

  /** Ancestors of a partner, nearest first, up to and including the root. */
  ancestors(partnerId: number): SimPartner[] {
    const chain: SimPartner[] = [];
    for (let p = this.partnersById.get(this.partnersById.get(partnerId)?.parentId ?? -1); p; p = this.partnersById.get(p.parentId)) {
      chain.push(p);
    }
    return chain;
  }

  /** `partnerId` and all its descendants, in tree order. */
  subtree(partnerId: number): SimPartner[] {
    return this.partnerList.filter((p) => this.isWithin(partnerId, p.id));
  }

  // ---- devices --------------------------------------------------------------------------------

  /** Every device the fleet knows, removed ones included. */
  deviceInfos(): SimDeviceInfo[] {
    const now = this.clock.now();
    return this.specs.map((spec) => this.info(spec, now));
  }

  /** Devices that exist at `atMs` (default: now) with their state at that time. */
  devices(atMs: number = this.clock.now()): SimDevice[] {
    return this.specs.filter((spec) => exists(spec, atMs)).map((spec) => this.withState(spec, atMs));
  }

  device(accountId: number, atMs: number = this.clock.now()): SimDevice | undefined {
    const spec = this.specsById.get(accountId);
    return spec && exists(spec, atMs) ? this.withState(spec, atMs) : undefined;
  }

  /** Statistics rows for the devices under the given partners at `atMs` (ascending AccountId). */
  rows(partnerIds: ReadonlySet<number>, atMs: number): DeviceRow[] {
    return this.specs
      .filter((spec) => partnerIds.has(spec.partnerId) && exists(spec, atMs))
      .map((spec) => new DeviceRow(spec, this.seed, atMs, this));
  }

  /** The raw spec of a device existing now, for the account methods (it carries Password/Token). */
  spec(accountId: number): DeviceSpec | undefined {
    const spec = this.specsById.get(accountId);
    return spec && exists(spec, this.clock.now()) ? spec : undefined;
  }

  // ---- control --------------------------------------------------------------------------------

  /** The next `count` (default 1) scheduled sessions to finish, a running one included, end with `outcome`. */
  forceNextSession(accountId: number, outcome: SessionOutcome & { count?: number }): void {
    const spec = this.liveSpec(accountId);
    const override = this.checkOutcome(spec, outcome);
    const count = outcome.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError('forceNextSession: count must be a positive integer');
    const indices = nextScheduledIndices(spec, this.seed, this.clock.now(), count);
    if (indices.length === 0) throw new Error(`forceNextSession: device ${accountId} has no upcoming scheduled session`);
    for (const index of indices) spec.forced.set(index, override);
  }

  /** A session completes right now (zero duration) with `outcome`. */
  runSessionNow(accountId: number, outcome: SessionOutcome): SimDevice {
    const spec = this.liveSpec(accountId);
    const now = this.clock.now();
    spec.extraSessions.push({ startMs: now, endMs: now, outcome: this.checkOutcome(spec, outcome) });
    return this.withState(spec, now);
  }

  /** A session starts now, runs for `durationMs` (status 1, or 9 once faults show) and ends with `outcome`. */
  startSession(accountId: number, outcome: SessionOutcome & { durationMs: number }): SimDevice {
    const spec = this.liveSpec(accountId);
    if (!(outcome.durationMs > 0)) throw new RangeError('startSession: durationMs must be positive');
    const now = this.clock.now();
    const { durationMs, ...result } = outcome;
    spec.extraSessions.push({ startMs: now, endMs: now + durationMs, outcome: this.checkOutcome(spec, result) });
    return this.withState(spec, now);
  }

  /** Many devices finish a session right now with the same status (e.g. a storage outage). */
  failMany(accountIds: readonly number[], status: number, options: { errors?: number } = {}): void {
    const specs = accountIds.map((id) => this.liveSpec(id));
    const now = this.clock.now();
    for (const spec of specs) {
      spec.extraSessions.push({ startMs: now, endMs: now, outcome: this.checkOutcome(spec, { status, errors: options.errors }) });
    }
  }

  renameDevice(accountId: number, newName: string): void {
    const spec = this.liveSpec(accountId);
    if (newName.trim() === '') throw new RangeError('renameDevice: name must not be empty');
    spec.names.push({ fromMs: this.clock.now(), name: newName });
    spec.names.sort((a, b) => a.fromMs - b.fromMs);
    if (!spec.tags.includes('renamed')) spec.tags.push('renamed');
  }

  removeDevice(accountId: number): void {
    const spec = this.liveSpec(accountId);
    spec.removedMs = this.clock.now();
    if (!spec.tags.includes('removed')) spec.tags.push('removed');
  }

  addDevice(options: AddDeviceOptions = {}): SimDeviceInfo {
    const partner = this.partnersById.get(options.partnerId ?? this.firstCustomer().id);
    if (!partner) throw new RangeError(`addDevice: partner ${options.partnerId} is not in the fleet`);
    const customer = this.partnersById.get(partner.level === 'Site' ? partner.parentId : partner.id) as SimPartner;
    const accountId = this.specs[this.specs.length - 1].accountId + 1;
    const now = this.clock.now();
    const spec = createDevice({
      accountId,
      partner,
      customer,
      kind: options.kind ?? 'workstation',
      createdMs: now,
      rng: new SeededRandom(hash4(this.seed, accountId, 0xadd, 0)),
      machines: this.machines,
      name: options.name,
    });
    spec.tags.push('added');
    this.specs.push(spec);
    this.specsById.set(accountId, spec);
    return this.info(spec, now);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private firstCustomer(): SimPartner {
    return this.partnerList.find((p) => p.level === 'EndCustomer') ?? this.root;
  }

  private liveSpec(accountId: number): DeviceSpec {
    const spec = this.spec(accountId);
    if (!spec) throw new RangeError(`device ${accountId} does not exist (or is removed) at the current sim time`);
    return spec;
  }

  private checkOutcome(spec: DeviceSpec, outcome: SessionOutcome): OutcomeOverride {
    if (!FINISHED_STATUSES.includes(outcome.status)) {
      throw new RangeError(`status ${outcome.status} is not a finished-session status (${FINISHED_STATUSES.join(', ')})`);
    }
    if (outcome.errors !== undefined && !(Number.isInteger(outcome.errors) && outcome.errors >= 0)) {
      throw new RangeError('errors must be a non-negative integer');
    }
    if (spec.dataSources.length === 0) throw new RangeError(`device ${spec.accountId} has no data sources`);
    const override: OutcomeOverride = { status: outcome.status };
    if (outcome.errors !== undefined) override.errors = outcome.errors;
    if (outcome.dataSource !== undefined) {
      const m = /^D0*(\d{1,2})$/i.exec(outcome.dataSource);
      const code = m ? dataSourceCode(Number(m[1])) : '';
      if (!spec.dataSources.includes(code)) {
        throw new RangeError(`device ${spec.accountId} has no data source ${outcome.dataSource} (has ${spec.dataSources.join(', ')})`);
      }
      override.dataSource = code;
    }
    return override;
  }

  private info(spec: DeviceSpec, atMs: number): SimDeviceInfo {
    return {
      accountId: spec.accountId,
      partnerId: spec.partnerId,
      partnerName: this.partnerName(spec.partnerId),
      companyName: this.companyName(spec.partnerId),
      name: nameAt(spec, atMs),
      nameHistory: spec.names.map((n) => ({ from: toUnixSeconds(n.fromMs), name: n.name })),
      computerName: spec.computerName,
      kind: spec.kind,
      osType: spec.osType,
      accountType: spec.accountType,
      dataSources: [...spec.dataSources],
      createdAt: toUnixSeconds(spec.createdMs),
      removedAt: spec.removedMs === null ? null : toUnixSeconds(spec.removedMs),
      stoppedAt: spec.stoppedMs === null ? null : toUnixSeconds(spec.stoppedMs),
      tags: [...spec.tags],
    };
  }

  private withState(spec: DeviceSpec, atMs: number): SimDevice {
    const state = deviceStateAt(spec, this.seed, atMs);
    return { ...this.info(spec, atMs), at: toUnixSeconds(atMs), ...state };
  }
}

function exists(spec: DeviceSpec, atMs: number): boolean {
  return spec.createdMs <= atMs && (spec.removedMs === null || atMs < spec.removedMs);
}
