/**
 * Builds a fleet from (seed, size, anchor). Nothing here reads the clock: one-off events (removals,
 * renames, stale clients, problem streaks) are placed relative to `anchorMs`, the UTC midnight of
 * the day the simulator starts, and recurring sessions live on absolute UTC schedules.
 */
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  type DeviceHardware,
  type DeviceSpec,
  type Episode,
  type HealthProfile,
  type SessionSchedule,
  type SimDeviceKind,
  type SimPartner,
  type SimPartnerLevel,
} from './fleet-model';
import {
  CustomerNamer,
  asciiSlug,
  emailOf,
  machinePrefix,
  randomAddress,
  randomPhone,
  siteName,
} from './fleet-names';
import { SeededRandom } from './seeded-random';

export interface FleetGeneratorOptions {
  seed: number;
  devices: number;
  /** End customers; default one per dozen devices. */
  customers?: number;
  /** UTC midnight the scripted events are placed around. */
  anchorMs: number;
  /** Name of the MSP (root) partner, i.e. the Login `partner`. */
  rootName: string;
}

export interface GeneratedFleet {
  root: SimPartner;
  /** Root first, then every descendant in tree order. */
  partners: SimPartner[];
  /** Partners that exist but are outside the API user's subtree (its distributor and a sibling MSP). */
  outsidePartners: SimPartner[];
  /** Ascending AccountId. */
  devices: DeviceSpec[];
}

type InstalledKind = Exclude<SimDeviceKind, 'unknown'>;

/** One device per role is planted in every fleet so each Cove situation exists somewhere. */
type ShowcaseRole =
  | { type: 'problem'; kind: 'server' | 'm365'; status: number; dataSource?: string }
  | { type: 'long-session'; status: 5 | 8 }
  | { type: 'stale'; kind: 'server' | 'workstation' }
  | { type: 'not-installed' }
  | { type: 'never-run' }
  | { type: 'zero-timestamps' }
  | { type: 'renamed'; kind: 'server' | 'workstation'; future: boolean }
  | { type: 'removed'; kind: 'server' | 'workstation'; future: boolean };

const SHOWCASE_ROLES: readonly ShowcaseRole[] = [
  { type: 'problem', kind: 'server', status: 2 },
  { type: 'problem', kind: 'server', status: 3 },
  { type: 'problem', kind: 'server', status: 6 },
  { type: 'problem', kind: 'server', status: 7 },
  { type: 'problem', kind: 'm365', status: 8 },
  { type: 'problem', kind: 'server', status: 10 },
  { type: 'problem', kind: 'server', status: 11 },
  { type: 'problem', kind: 'server', status: 12 },
  { type: 'problem', kind: 'server', status: 2, dataSource: 'D10' },
  { type: 'long-session', status: 5 },
  { type: 'long-session', status: 8 },
  { type: 'stale', kind: 'server' },
  { type: 'stale', kind: 'workstation' },
  { type: 'not-installed' },
  { type: 'never-run' },
  { type: 'zero-timestamps' },
  { type: 'renamed', kind: 'server', future: false },
  { type: 'renamed', kind: 'workstation', future: true },
  { type: 'removed', kind: 'workstation', future: false },
  { type: 'removed', kind: 'server', future: true },
];

const SERVER_SOURCES: readonly (readonly [string[], number])[] = [
  [['D01', 'D02'], 4],
  [['D01', 'D02', 'D10'], 2],
  [['D01', 'D14'], 1.5],
  [['D01', 'D02', 'D06'], 0.5],
];
const WORKSTATION_SOURCES = ['D01'];
const M365_SOURCES = ['D19', 'D20', 'D05', 'D23'];

/** Selected size range in GB per data source. */
const SIZE_GB: Readonly<Record<string, readonly [number, number]>> = {
  D01: [50, 2000],
  D02: [20, 60],
  D06: [50, 800],
  D10: [10, 500],
  D14: [200, 4000],
  D19: [20, 2000],
  D20: [10, 3000],
  D05: [10, 2000],
  D23: [1, 200],
};
const WORKSTATION_SIZE_GB: readonly [number, number] = [5, 300];
const GB = 1024 ** 3;

const SERVER_HARDWARE: readonly DeviceHardware[] = [
  { os: 'Windows Server 2022 Standard', manufacturer: 'Dell Inc.', model: 'PowerEdge R650', physicality: 'Physical' },
  { os: 'Windows Server 2019 Standard', manufacturer: 'HPE', model: 'ProLiant DL380 Gen10', physicality: 'Physical' },
  { os: 'Windows Server 2022 Datacenter', manufacturer: 'VMware, Inc.', model: 'VMware Virtual Platform', physicality: 'Virtual' },
  { os: 'Windows Server 2016 Standard', manufacturer: 'Microsoft Corporation', model: 'Virtual Machine', physicality: 'Virtual' },
  { os: 'Ubuntu 22.04.4 LTS', manufacturer: 'QEMU', model: 'Standard PC (Q35 + ICH9, 2009)', physicality: 'Virtual' },
];
const WORKSTATION_HARDWARE: readonly DeviceHardware[] = [
  { os: 'Windows 11 Pro', manufacturer: 'Lenovo', model: 'ThinkPad T14 Gen 3', physicality: 'Physical' },
  { os: 'Windows 11 Pro', manufacturer: 'Dell Inc.', model: 'OptiPlex 7090', physicality: 'Physical' },
  { os: 'Windows 10 Pro', manufacturer: 'HP', model: 'EliteBook 840 G8', physicality: 'Physical' },
  { os: 'macOS 14.5', manufacturer: 'Apple Inc.', model: 'MacBookPro18,1', physicality: 'Physical' },
];
const CLIENT_VERSIONS: readonly (readonly [string, number])[] = [
  ['25.4.0.25140', 5],
  ['25.1.0.25030', 3],
  ['24.12.0.24338', 2],
  ['23.9.0.23257', 0.5],
];

const PRODUCTS = {
  server: { id: 5101, name: 'Servers - 90 days' },
  workstation: { id: 5102, name: 'Workstations - 30 days' },
  documents: { id: 5103, name: 'Documents' },
  m365: { id: 5104, name: 'Microsoft 365 - 7 years' },
} as const;
const DOCUMENTS_PROFILE = { id: 5038, name: 'Documents' };

const PROBLEM_STATUSES_NOW = [2, 8, 3, 12, 7, 10, 11, 6];
const PROBLEM_STATUSES_PAST = [2, 2, 8, 8, 6, 10, 11, 3];

/** Per-customer machine numbering (FS01, WS007, ...). */
export class MachineNamer {
  private readonly counters = new Map<string, number>();

  next(prefix: string, role: string, digits: number): string {
    const key = `${prefix}-${role}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return `${key}${String(n).padStart(digits, '0')}`;
  }
}

export interface NewDeviceInput {
  accountId: number;
  partner: SimPartner;
  /** The EndCustomer (or the root for the MSP's own machines) the device belongs to; names derive from it. */
  customer: SimPartner;
  kind: SimDeviceKind;
  createdMs: number;
  rng: SeededRandom;
  machines: MachineNamer;
  /** Server data-source mix; defaults to a weighted pick. */
  dataSources?: string[];
  name?: string;
}

/** A device of the given kind with a random health profile; scripted traits are added on top by the generator. */
export function createDevice(input: NewDeviceInput): DeviceSpec {
  const { rng, kind } = input;
  const prefix = machinePrefix(input.customer.name);
  const dataSources = input.dataSources ?? pickDataSources(kind, rng);
  const computerName = pickComputerName(kind, dataSources, prefix, input.machines, rng);
  const name = input.name ?? deviceName(kind, computerName, input.customer, prefix, input.machines, rng);
  const isDocuments = kind === 'workstation' && rng.chance(0.3);
  const health = rng.weighted<HealthProfile>([['healthy', 72], ['flaky', 20], ['troubled', 8]]);
  const sizes = dataSources.map((ds) => selectedBytes(kind, ds, rng));
  return {
    accountId: input.accountId,
    partnerId: input.partner.id,
    kind,
    osType: kind === 'server' ? 2 : kind === 'workstation' ? 1 : 0,
    accountType: kind === 'm365' ? 2 : 1,
    dataSources,
    computerName,
    names: [{ fromMs: input.createdMs, name }],
    createdMs: input.createdMs,
    removedMs: null,
    stoppedMs: null,
    schedule: kind === 'unknown' ? null : schedule(kind, rng),
    health,
    zeroTimestamps: false,
    episodes: [],
    extraSessions: [],
    forced: new Map(),
    baseSelectedBytes: sizes,
    baseSelectedItems: sizes.map((bytes) => Math.max(1, Math.round(bytes / rng.range(200_000, 2_000_000)))),
    mailboxes: kind === 'm365' ? rng.int(5, 400) : 0,
    hardware:
      kind === 'server' ? rng.pick(SERVER_HARDWARE) : kind === 'workstation' ? rng.pick(WORKSTATION_HARDWARE) : null,
    clientVersion: kind === 'server' || kind === 'workstation' ? rng.weighted(CLIENT_VERSIONS) : null,
    product:
      kind === 'm365'
        ? PRODUCTS.m365
        : kind === 'server'
          ? PRODUCTS.server
          : isDocuments
            ? PRODUCTS.documents
            : PRODUCTS.workstation,
    profile: isDocuments ? DOCUMENTS_PROFILE : null,
    flags: rng.chance(0.4) ? ['AutoDeployed'] : null,
    password: rng.letters(12, 'abcdefghijkmnpqrstuvwxyz23456789'),
    token: uuid(rng),
    tags: [],
  };
}

export function generateFleet(options: FleetGeneratorOptions): GeneratedFleet {
  const rng = new SeededRandom(options.seed);
  const anchor = options.anchorMs;
  const partnerIds = sequence(100_000 + rng.int(0, 899) * 1000, rng);

  const distributor = partner(partnerIds(), 0, 'Cloud Backup Distribution EMEA', 'Distributor', anchor, rng, 3000);
  const sibling = partner(
    partnerIds(),
    distributor.id,
    'Fabrikam Backup Services (noc@fabrikam.example)',
    'Reseller',
    anchor,
    rng,
    2000,
  );
  const root = partner(partnerIds(), distributor.id, options.rootName, 'Reseller', anchor, rng, 2500);

  const namer = new CustomerNamer(rng);
  const customerCount = options.customers ?? Math.max(1, Math.round(options.devices / 12));
  const partners: SimPartner[] = [root];
  const customers: { customer: SimPartner; homes: SimPartner[] }[] = [];
  let sitesSoFar = 0;
  for (let i = 0; i < customerCount; i++) {
    const customer = partner(partnerIds(), root.id, namer.next(i), 'EndCustomer', anchor, rng, 1800);
    partners.push(customer);
    // Customer #1 always has sites so small fleets show them too.
    const siteCount = i === 1 ? 2 : rng.chance(0.25) ? rng.int(1, 3) : 0;
    const sites: SimPartner[] = [];
    for (let s = 0; s < siteCount; s++) {
      const site = partner(partnerIds(), customer.id, siteName(sitesSoFar++), 'Site', anchor, rng, 1500);
      sites.push(site);
      partners.push(site);
    }
    customers.push({ customer, homes: sites.length > 0 ? sites : [customer] });
  }

  const slots = placeDevices(options.devices, root, customers, rng);
  const showcase = showcaseAt(options.devices);
  const machines = new MachineNamer();
  const accountIds = sequence(1_000_000 + rng.int(0, 899_999), rng);
  const devices = slots.map((slot, index) => {
    const role = showcase.get(index);
    const kind = role ? roleKind(role) : randomTraitKind(slot.kind, rng);
    const device = createDevice({
      accountId: accountIds(),
      partner: slot.partner,
      customer: slot.customer,
      kind,
      createdMs: anchor - rng.range(20, 1500) * DAY_MS,
      rng,
      machines,
      dataSources: role?.type === 'problem' && role.dataSource ? ['D01', 'D02', role.dataSource] : undefined,
    });
    if (slot.partner.id === root.id) device.tags.push('msp-own');
    if (slot.partner.level === 'Site') device.tags.push('site');
    if (role) applyRole(device, role, anchor);
    else applyRandomTraits(device, anchor, rng);
    return device;
  });

  return { root, partners, outsidePartners: [distributor, sibling], devices };
}

function partner(
  id: number,
  parentId: number,
  name: string,
  level: SimPartnerLevel,
  anchor: number,
  rng: SeededRandom,
  maxAgeDays: number,
): SimPartner {
  return {
    id,
    parentId,
    name,
    level,
    createdAt: Math.floor((anchor - rng.range(30, maxAgeDays) * DAY_MS) / 1000),
    email: emailOf(name),
    address: randomAddress(rng),
    phone: randomPhone(rng),
  };
}

/** Increasing ids with small random gaps, like a real, busy Cove instance. */
function sequence(start: number, rng: SeededRandom): () => number {
  let next = start;
  return () => {
    const id = next;
    next += rng.int(1, 4);
    return id;
  };
}

interface Slot {
  partner: SimPartner;
  customer: SimPartner;
  kind: InstalledKind;
}

function placeDevices(
  count: number,
  root: SimPartner,
  customers: { customer: SimPartner; homes: SimPartner[] }[],
  rng: SeededRandom,
): Slot[] {
  const slots: Slot[] = [];
  const mspOwn = Math.min(count, Math.max(2, Math.round(count * 0.03)));
  for (let i = 0; i < mspOwn; i++) {
    slots.push({ partner: root, customer: root, kind: rng.chance(0.4) ? 'server' : 'workstation' });
  }
  // Every customer gets one device first (often its M365 tenant), then the rest is skewed: a few big customers.
  for (const { customer, homes } of customers) {
    if (slots.length >= count) break;
    slots.push({ partner: rng.pick(homes), customer, kind: rng.chance(0.6) ? 'm365' : 'server' });
  }
  const pickCustomer = rng.picker(customers.map((c, i) => [c, rng.range(0.3, 1.7) / Math.sqrt(i + 1)] as const));
  while (slots.length < count) {
    const { customer, homes } = pickCustomer();
    slots.push({ partner: rng.pick(homes), customer, kind: rng.chance(0.28) ? 'server' : 'workstation' });
  }
  // Interleave customers the way account ids interleave in a real fleet.
  for (let i = slots.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  return slots;
}

/** Spreads the showcase roles evenly over the fleet (all of them once the fleet has 20+ devices). */
function showcaseAt(count: number): Map<number, ShowcaseRole> {
  const byIndex = new Map<number, ShowcaseRole>();
  const roles = SHOWCASE_ROLES.slice(0, count);
  roles.forEach((role, j) => byIndex.set(Math.floor(((j + 0.5) * count) / roles.length), role));
  return byIndex;
}

function roleKind(role: ShowcaseRole): SimDeviceKind {
  switch (role.type) {
    case 'problem':
    case 'stale':
    case 'renamed':
    case 'removed':
      return role.kind;
    case 'not-installed':
      return 'unknown';
    case 'never-run':
      return 'workstation';
    case 'long-session':
    case 'zero-timestamps':
      return 'server';
  }
}

function randomTraitKind(kind: InstalledKind, rng: SeededRandom): SimDeviceKind {
  // Agents that were registered but never installed have no OS type and no data sources.
  return kind !== 'm365' && rng.chance(0.004) ? 'unknown' : kind;
}

function applyRole(device: DeviceSpec, role: ShowcaseRole, anchor: number): void {
  switch (role.type) {
    case 'problem':
      device.health = 'healthy';
      // Short runs make it unlikely that a test instant lands inside one and shows "in process" instead.
      if (device.schedule) device.schedule.durationMs = 3 * MINUTE_MS;
      addProblem(device, { fromMs: anchor - 3 * DAY_MS, toMs: anchor + 2 * DAY_MS, status: role.status, dataSource: role.dataSource });
      return;
    case 'long-session':
      device.createdMs = anchor - 2 * DAY_MS;
      device.tags.push('long-session', 'new');
      device.extraSessions.push(
        role.status === 5
          ? { startMs: anchor - 20 * HOUR_MS, endMs: anchor + 3 * DAY_MS, outcome: { status: 5 } }
          : { startMs: anchor - 10 * HOUR_MS, endMs: anchor + 2 * DAY_MS, outcome: { status: 8, errors: 17 } },
      );
      return;
    case 'stale':
      makeStale(device, anchor - (role.kind === 'server' ? 4 : 9) * DAY_MS);
      return;
    case 'not-installed':
      device.tags.push('not-installed', 'never-run');
      return;
    case 'never-run':
      makeNeverRun(device, false);
      return;
    case 'zero-timestamps':
      makeNeverRun(device, true);
      return;
    case 'renamed':
      rename(device, role.future ? anchor + 30 * HOUR_MS : anchor - 6 * DAY_MS);
      return;
    case 'removed':
      device.removedMs = role.future ? anchor + 30 * HOUR_MS : anchor - 3 * DAY_MS;
      device.tags.push('removed');
      return;
  }
}

function applyRandomTraits(device: DeviceSpec, anchor: number, rng: SeededRandom): void {
  if (device.kind === 'unknown') {
    device.tags.push('not-installed', 'never-run');
    return;
  }
  const installed = device.kind !== 'm365';
  // A stale client has a history before it went quiet, so it is neither new nor never-run.
  const staleSince = installed && rng.chance(0.02) ? anchor - rng.range(2.5, 20) * DAY_MS : null;
  if (staleSince === null && rng.chance(0.03)) {
    device.createdMs = anchor - rng.range(0.2, 6) * DAY_MS;
    device.tags.push('new');
  }
  if (installed && staleSince === null && rng.chance(0.008)) {
    makeNeverRun(device, rng.chance(0.5));
    return;
  }
  if (rng.chance(0.015)) {
    device.removedMs = rng.chance(0.5) ? anchor - rng.range(1, 10) * DAY_MS : anchor + rng.range(2, 30) * HOUR_MS;
    device.tags.push('removed');
  }
  if (installed && rng.chance(0.02)) {
    rename(device, rng.chance(0.6) ? anchor - rng.range(1, 20) * DAY_MS : anchor + rng.range(26, 72) * HOUR_MS);
  }
  if (installed && staleSince === null && rng.chance(0.004)) {
    const startMs = anchor - rng.range(0, 20) * HOUR_MS;
    device.createdMs = Math.min(device.createdMs, startMs - HOUR_MS);
    const status = rng.pick([5, 5, 8]);
    device.extraSessions.push({ startMs, endMs: startMs + rng.range(1, 4) * DAY_MS, outcome: { status, errors: status === 8 ? rng.int(1, 40) : 0 } });
    device.tags.push('long-session');
  }
  if (rng.chance(0.02)) {
    addProblem(device, {
      fromMs: anchor - rng.range(0.5, 4) * DAY_MS,
      toMs: anchor + rng.range(0.5, 3) * DAY_MS,
      status: rng.pick(PROBLEM_STATUSES_NOW),
    });
  }
  if (rng.chance(0.12)) {
    const fromMs = anchor - rng.range(3, 27) * DAY_MS;
    const secondary = device.dataSources.length > 1 && rng.chance(0.3) ? rng.pick(device.dataSources.slice(1)) : undefined;
    addProblem(device, {
      fromMs,
      toMs: fromMs + rng.range(1, 5) * DAY_MS,
      status: rng.pick(PROBLEM_STATUSES_PAST),
      dataSource: secondary,
    });
  }
  // Last, so its run of successes before going quiet overrides any problem streak.
  if (staleSince !== null) makeStale(device, staleSince);
  // A device cannot be removed before it was created: keep at least five days of history.
  if (device.removedMs !== null && device.removedMs - device.createdMs < 5 * DAY_MS) {
    device.createdMs = device.removedMs - rng.range(5, 200) * DAY_MS;
    device.tags = device.tags.filter((tag) => tag !== 'new');
  }
}

function addProblem(device: DeviceSpec, episode: Episode): void {
  const clean: Episode = { fromMs: episode.fromMs, toMs: episode.toMs, status: episode.status };
  if (episode.dataSource) clean.dataSource = episode.dataSource;
  device.episodes.push(clean);
  if (!device.tags.includes('problem')) device.tags.push('problem');
}

function makeStale(device: DeviceSpec, stoppedMs: number): void {
  device.stoppedMs = stoppedMs;
  device.createdMs = Math.min(device.createdMs, stoppedMs - 30 * DAY_MS);
  // It backed up fine until the client went quiet, which is what hides it from status-only checks.
  device.episodes.push({ fromMs: device.createdMs, toMs: stoppedMs, status: 5 });
  device.tags.push('stale');
}

function makeNeverRun(device: DeviceSpec, zeroTimestamps: boolean): void {
  device.schedule = null;
  device.zeroTimestamps = zeroTimestamps;
  device.tags.push('never-run');
  if (zeroTimestamps) device.tags.push('zero-timestamps');
}

function rename(device: DeviceSpec, atMs: number): void {
  if (!device.computerName) return;
  const at = Math.max(atMs, device.createdMs + DAY_MS);
  // Technicians typically drop the random suffix Cove appends: SERVER_xpwah → SERVER.
  device.names.push({ fromMs: at, name: device.computerName });
  device.tags.push('renamed');
}

function pickDataSources(kind: SimDeviceKind, rng: SeededRandom): string[] {
  switch (kind) {
    case 'server':
      return [...rng.weighted(SERVER_SOURCES)];
    case 'workstation':
      return [...WORKSTATION_SOURCES];
    case 'm365':
      return [...M365_SOURCES];
    case 'unknown':
      return [];
  }
}

function pickComputerName(
  kind: SimDeviceKind,
  dataSources: string[],
  prefix: string,
  machines: MachineNamer,
  rng: SeededRandom,
): string | null {
  switch (kind) {
    case 'server': {
      const role = dataSources.includes('D10') ? 'SQL' : dataSources.includes('D14') ? 'HV' : rng.pick(['DC', 'FS', 'APP', 'RDS']);
      return machines.next(prefix, role, 2);
    }
    case 'workstation':
      return rng.chance(0.2)
        ? `DESKTOP-${rng.letters(7, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}`
        : machines.next(prefix, rng.chance(0.5) ? 'WS' : 'LT', 3);
    case 'm365':
    case 'unknown':
      return null;
  }
}

function deviceName(
  kind: SimDeviceKind,
  computerName: string | null,
  customer: SimPartner,
  prefix: string,
  machines: MachineNamer,
  rng: SeededRandom,
): string {
  if (kind === 'm365') return `${asciiSlug(customer.name).replace(/-/g, '').slice(0, 20)}.onmicrosoft.com`;
  const base = computerName ?? machines.next(prefix, 'NEW', 2);
  return `${base}_${rng.letters(5)}`;
}

function schedule(kind: InstalledKind, rng: SeededRandom): SessionSchedule {
  switch (kind) {
    case 'server':
      // Nightly, somewhere between 18:00 and 03:00 UTC.
      return {
        periodMs: DAY_MS,
        offsetMs: roundTo(((18 + rng.range(0, 9)) % 24) * HOUR_MS, 5 * MINUTE_MS),
        jitterMs: 10 * MINUTE_MS,
        durationMs: rng.range(20, 180) * MINUTE_MS,
        offChance: 0,
        weekendOffChance: 0,
      };
    case 'workstation':
      // Office hours, and the machine is often off (more so at weekends).
      return {
        periodMs: DAY_MS,
        offsetMs: roundTo(rng.range(9, 17) * HOUR_MS, 5 * MINUTE_MS),
        jitterMs: 30 * MINUTE_MS,
        durationMs: rng.range(5, 45) * MINUTE_MS,
        offChance: rng.range(0.05, 0.4),
        weekendOffChance: 0.45,
      };
    case 'm365': {
      const periodMs = rng.pick([4, 6, 8]) * HOUR_MS;
      return {
        periodMs,
        offsetMs: roundTo(rng.range(0, periodMs), 5 * MINUTE_MS),
        jitterMs: 15 * MINUTE_MS,
        durationMs: rng.range(10, 50) * MINUTE_MS,
        offChance: 0,
        weekendOffChance: 0,
      };
    }
  }
}

function selectedBytes(kind: SimDeviceKind, dataSource: string, rng: SeededRandom): number {
  const [min, max] = kind === 'workstation' ? WORKSTATION_SIZE_GB : (SIZE_GB[dataSource] ?? [1, 100]);
  return Math.round(rng.range(min, max) * GB);
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function uuid(rng: SeededRandom): string {
  const hex = rng.letters(32, '0123456789abcdef');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
