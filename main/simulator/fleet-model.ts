/**
 * Types and constants of the simulated fleet. A device is described once (`DeviceSpec`: who it is,
 * when it backs up, how healthy it is); its backup state at any instant is derived from that
 * description, the seed and the clock (see session-model.ts).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Length of the F08 colour bar in days. */
export const COLOR_BAR_DAYS = 28;

export type SimDeviceKind = 'server' | 'workstation' | 'm365' | 'unknown';
export type SimPartnerLevel = 'Distributor' | 'Reseller' | 'EndCustomer' | 'Site';
export type HealthProfile = 'healthy' | 'flaky' | 'troubled';

/** Why a device is interesting; lets tests find e.g. a stale device without hard-coding ids. */
export type SimDeviceTag =
  | 'msp-own' // directly under the reseller
  | 'site' // under a Site partner
  | 'stale' // stopped reporting; last status stays 5
  | 'never-run' // no session ever: no F00/F09/F15 keys
  | 'not-installed' // AT=1, OT=0, no I78
  | 'zero-timestamps' // never ran, but Cove reports "0" for F00/F09/F15
  | 'renamed' // I1 changes at some time
  | 'removed' // has a removal time (past or future)
  | 'long-session' // a multi-day session around the fleet's anchor (status 1 or 9)
  | 'problem' // a scripted run of failing sessions
  | 'new' // created within the last week before the anchor
  | 'added'; // added at run time by addDevice

export interface SimPartner {
  id: number;
  parentId: number;
  name: string;
  level: SimPartnerLevel;
  /** Unix seconds. */
  createdAt: number;
  email: string | null;
  address: { street: string; city: string; zipCode: string; country: string };
  phone: string;
}

export interface SessionSchedule {
  /** Sessions start every `periodMs` at `offsetMs` into the period (UTC), plus up to `jitterMs`. */
  periodMs: number;
  offsetMs: number;
  jitterMs: number;
  /** Typical duration; each session varies around it. */
  durationMs: number;
  /** Chance that a session does not happen (machine powered off); weekends add `weekendOffChance`. */
  offChance: number;
  weekendOffChance: number;
}

/** A scripted result; without `dataSource` it applies to the whole device. */
export interface OutcomeOverride {
  status: number;
  errors?: number;
  dataSource?: string;
}

/** Sessions starting in [fromMs, toMs) end with this outcome. */
export interface Episode extends OutcomeOverride {
  fromMs: number;
  toMs: number;
}

/** An unscheduled session (a long seeding run, `runSessionNow`, `failMany`). */
export interface ExtraSession {
  startMs: number;
  endMs: number;
  outcome: OutcomeOverride;
}

export interface DeviceHardware {
  os: string;
  manufacturer: string;
  model: string;
  physicality: 'Physical' | 'Virtual';
}

/** Everything that defines a device. Mutated only by the fleet's control methods. */
export interface DeviceSpec {
  accountId: number;
  partnerId: number;
  kind: SimDeviceKind;
  osType: 0 | 1 | 2;
  accountType: 1 | 2;
  /** Zero-padded codes in I78 order, e.g. ['D01', 'D02']. */
  dataSources: string[];
  computerName: string | null;
  /** Name history, oldest first; the first entry starts at creation. */
  names: { fromMs: number; name: string }[];
  createdMs: number;
  removedMs: number | null;
  /** The backup client stops reporting at this time (stale device). */
  stoppedMs: number | null;
  /** `null` = never runs a scheduled session. */
  schedule: SessionSchedule | null;
  health: HealthProfile;
  zeroTimestamps: boolean;
  episodes: Episode[];
  extraSessions: ExtraSession[];
  /** Scheduled session index → scripted outcome (forceNextSession). */
  forced: Map<number, OutcomeOverride>;
  /** Per data source, aligned with `dataSources`. */
  baseSelectedBytes: number[];
  baseSelectedItems: number[];
  /** Licensed M365 users; 0 for other kinds. */
  mailboxes: number;
  hardware: DeviceHardware | null;
  clientVersion: string | null;
  product: { id: number; name: string };
  profile: { id: number; name: string } | null;
  flags: string[] | null;
  password: string;
  token: string;
  tags: SimDeviceTag[];
}

/** Statuses a finished session can have (Cove F00 codes, reference §6). */
export const FINISHED_STATUSES: readonly number[] = [2, 3, 5, 6, 7, 8, 10, 11, 12];

/** A "successful" session for F09/F16: Completed or Completed with errors. */
export const SUCCESS_STATUSES: ReadonlySet<number> = new Set([5, 8]);

/** Worst first: the Total (D09) of a session is its worst data source. */
export const STATUS_SEVERITY: readonly number[] = [2, 10, 3, 6, 7, 11, 12, 8, 5];

/** Outcomes that hit every data source of a device at once (the whole run stopped or never began). */
export const DEVICE_WIDE_STATUSES: ReadonlySet<number> = new Set([3, 6, 7, 10]);

/** Session outcome weights per health profile: mostly 5, some 8/2/6/3/12, rare 7/10/11. */
export const OUTCOME_WEIGHTS: Readonly<Record<HealthProfile, readonly (readonly [number, number])[]>> = {
  healthy: [[5, 930], [8, 40], [2, 10], [6, 8], [3, 5], [12, 4], [7, 1], [10, 1], [11, 1]],
  flaky: [[5, 700], [8, 150], [2, 60], [6, 40], [3, 20], [12, 20], [7, 6], [10, 2], [11, 2]],
  troubled: [[5, 450], [8, 200], [2, 200], [6, 50], [3, 40], [12, 30], [7, 20], [10, 5], [11, 5]],
};

export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function toUnixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
