/**
 * The read methods a monitor uses (reference §4), each taking Cove's named params. All of them run
 * after the visa check; scope errors answer 13501 like Cove does for partners outside the subtree.
 */
import { nameAt } from './device-columns';
import { toUnixSeconds, type DeviceSpec, type SimPartner } from './fleet-model';
import { stripEmail } from './fleet-names';
import { rpcErrors } from './rpc-errors';
import { hash4 } from './seeded-random';
import type { SimClock } from './sim-clock';
import type { SimulatedFleet } from './simulated-fleet';
import { parseStatisticsQuery, QueryError, runStatisticsQuery, type StatisticsQuery } from './statistics-query';

export interface CallContext {
  fleet: SimulatedFleet;
  clock: SimClock;
  /** The API user's partner: everything visible is at or below it. */
  rootId: number;
}

export interface MethodOutcome {
  result: unknown;
  /** OUT parameters, returned next to `result` (e.g. totalStatistics, homeNodeInfo). */
  out?: Record<string, unknown>;
}

export type Params = Record<string, unknown>;
type Handler = (params: Params, ctx: CallContext) => MethodOutcome;

/** Partner fields of EnumeratePartners (reference §4.2). */
const FIELD = { name: 0, level: 1, childServiceTypes: 3, serviceType: 4, state: 5, locationId: 8, flags: 9, company: 10, externalCode: 18, creationTime: 20 } as const;

export const METHODS: Readonly<Record<string, Handler>> = {
  GetPartnerInfo(params, ctx) {
    const name = stringParam(params, 'name');
    const partner = ctx.fleet.subtree(ctx.rootId).find((p) => p.name === name);
    if (!partner) throw rpcErrors.security();
    return { result: partnerInfo(partner) };
  },

  GetPartnerInfoById(params, ctx) {
    return { result: partnerInfo(visiblePartner(ctx, intParam(params, 'partnerId'))) };
  },

  EnumeratePartners(params, ctx) {
    // Cove refuses an EnumeratePartners without a parent "for security reasons" (reference §9.1).
    if (params.parentPartnerId === undefined) throw rpcErrors.security();
    const parent = visiblePartner(ctx, intParam(params, 'parentPartnerId'));
    const recursive = boolParam(params, 'fetchRecursively');
    const fields = new Set(intListParam(params, 'fields'));
    const partners = ctx.fleet
      .subtree(parent.id)
      .filter((p) => p.id !== parent.id && (recursive || p.parentId === parent.id));
    return { result: partners.map((p) => partnerRow(p, fields)) };
  },

  EnumerateAncestorPartners(params, ctx) {
    const partner = visiblePartner(ctx, intParam(params, 'partnerId'));
    // Nearest first, and nothing above the caller's own partner is revealed.
    return { result: ctx.fleet.ancestors(partner.id).filter((p) => ctx.fleet.isWithin(ctx.rootId, p.id)).map(partnerInfo) };
  },

  EnumerateAccountStatistics(params, ctx) {
    return statistics(params, ctx, ctx.clock.now());
  },

  EnumerateAccountHistoryStatistics(params, ctx) {
    const timeslice = intParam(params, 'timeslice');
    // A future timeslice shows the present: the simulator does not predict.
    return statistics(params, ctx, Math.min(timeslice * 1000, ctx.clock.now()));
  },

  EnumerateAccounts(params, ctx) {
    const partner = visiblePartner(ctx, intParam(params, 'partnerId'));
    const now = ctx.clock.now();
    return { result: ctx.fleet.rows(new Set([partner.id]), now).map((row) => accountInfo(row.spec, now)) };
  },

  GetAccountInfoById(params, ctx) {
    const spec = ctx.fleet.spec(intParam(params, 'accountId'));
    if (!spec || !ctx.fleet.isWithin(ctx.rootId, spec.partnerId)) throw rpcErrors.security();
    return { result: accountInfo(spec, ctx.clock.now()), out: { homeNodeInfo: HOME_NODE } };
  },
};

function statistics(params: Params, ctx: CallContext, atMs: number): MethodOutcome {
  let query: StatisticsQuery;
  try {
    query = parseStatisticsQuery(params.query);
  } catch (error) {
    if (error instanceof QueryError) throw rpcErrors.invalidParams(error.message);
    throw error;
  }
  visiblePartner(ctx, query.partnerId);
  const scope = new Set(ctx.fleet.subtree(query.partnerId).map((p) => p.id));
  for (const excluded of query.excludedPartners) {
    for (const p of ctx.fleet.subtree(excluded)) scope.delete(p.id);
  }
  const { rows, totalStatistics } = runStatisticsQuery(ctx.fleet.rows(scope, atMs), query, toUnixSeconds(atMs));
  return { result: rows, out: { totalStatistics } };
}

function visiblePartner(ctx: CallContext, partnerId: number): SimPartner {
  const partner = ctx.fleet.partner(partnerId);
  if (!partner || !ctx.fleet.isWithin(ctx.rootId, partnerId)) throw rpcErrors.security();
  return partner;
}

// ---- serializers (key order alphabetical, as Cove's own responses) ------------------------------

function partnerRow(p: SimPartner, fields: ReadonlySet<number>): Record<string, unknown> {
  const row: Record<string, unknown> = {
    Company: fields.has(FIELD.company) ? company(p) : { PostAddress: null },
    ExternalPartnerProperties: null,
    Id: p.id,
    // Without the field numbers Cove leaves names null (reference §4.2, §11 item 18).
    Level: fields.has(FIELD.level) ? p.level : null,
    Name: fields.has(FIELD.name) ? p.name : null,
    ParentId: p.parentId,
  };
  if (fields.has(FIELD.childServiceTypes)) row.ChildServiceTypes = childServiceTypes(p);
  if (fields.has(FIELD.serviceType)) row.ServiceType = 'AllInclusive';
  if (fields.has(FIELD.state)) row.State = 'InProduction';
  if (fields.has(FIELD.locationId)) row.LocationId = 1;
  if (fields.has(FIELD.flags)) row.Flags = null;
  if (fields.has(FIELD.externalCode)) Object.assign(row, { ExternalCode: '', MailFrom: '' });
  if (fields.has(FIELD.creationTime)) row.CreationTime = p.createdAt;
  return sortKeys(row);
}

function partnerInfo(p: SimPartner): Record<string, unknown> {
  return sortKeys({
    AdvancedPartnerProperties: { RegionId: 0, ResponsibleUserId: 0 },
    ChildServiceTypes: childServiceTypes(p),
    Company: company(p),
    CreationTime: p.createdAt,
    ExternalCode: '',
    ExternalPartnerProperties: null,
    Flags: null,
    Id: p.id,
    Level: p.level,
    LocationId: 1,
    MailFrom: '',
    MailingOption: 'IncludeAll',
    Name: p.name,
    ParentId: p.parentId,
    PrivateFlags: null,
    RegistrationOrigin: 'Domestic',
    ServiceType: 'AllInclusive',
    State: 'InProduction',
    TrialExpirationTime: 0,
    TrialRegistrationTime: 0,
    Uid: uid(p.id),
    UpdatePackagesMaxAllowedVersion: '',
  });
}

function company(p: SimPartner): Record<string, unknown> {
  const domain = p.email?.split('@')[1];
  return {
    BankAccountNumber: '',
    BillingContactPersonId: 0,
    ChamberOfCommerceNumber: '',
    FaxNumber: '',
    LegalCompanyName: stripEmail(p.name),
    PhoneNumber: p.phone,
    PostAddress: {
      Address: p.address.street,
      City: p.address.city,
      Country: p.address.country,
      District: '',
      State: '',
      ZipCode: p.address.zipCode,
    },
    VatNumber: '',
    WebsiteAddress: domain ? `www.${domain}` : '',
  };
}

function childServiceTypes(p: SimPartner): string[] | null {
  return p.level === 'Distributor' || p.level === 'Reseller' ? ['AllInclusive', 'SoftwareOnly'] : null;
}

/** AccountInfo; like real Cove it carries the device Password and Token (reference §11 item 24). */
function accountInfo(spec: DeviceSpec, atMs: number): Record<string, unknown> {
  return {
    CreationTime: toUnixSeconds(spec.createdMs),
    ExpirationTime: 0,
    Flags: spec.flags ? [...spec.flags] : null,
    Id: spec.accountId,
    LocationId: 1,
    Name: nameAt(spec, atMs),
    NameAlias: null,
    OverrideVirtual: 'Default',
    PartnerId: spec.partnerId,
    Password: spec.password,
    ProductId: spec.product.id,
    RemovalTime: 0,
    StorageId: 0,
    StorageLocationId: 1,
    Token: spec.token,
    Type: spec.accountType === 2 ? 'Office365' : 'BackupManager',
  };
}

const HOME_NODE = {
  ActiveAccounts: 1084,
  CommonInfo: {
    CertificateInfo: { ValidationMethod: 'OsTrustStore' },
    Family: 'WEBMOD',
    GatewayHost: '',
    Host: 'sim-node-01.invalid:443',
    HttpGatewayHost: 'sim-node-01.invalid:443',
    Name: 'sim-node-01',
    Password: '*****',
    Path: '',
    StorageId: 1,
    User: '*****',
  },
  Id: 1,
  LocationId: 1,
  ModeInfo: { Mode: 'Operable' },
  StateInfo: { PrivilegedStorage: 0, State: ['Online'], TotalStorage: 269320579, UsedStorage: 210196248 },
  TotalAccounts: 1165,
};

function uid(id: number): string {
  const hex = [1, 2, 3, 4].map((i) => hash4(id, i, 0x0d, 0).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function sortKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// ---- params ------------------------------------------------------------------------------------

function intParam(params: Params, name: string): number {
  const value = params[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw rpcErrors.invalidParams(`${name} must be an integer`);
  return value;
}

function stringParam(params: Params, name: string): string {
  const value = params[name];
  if (typeof value !== 'string') throw rpcErrors.invalidParams(`${name} must be a string`);
  return value;
}

function boolParam(params: Params, name: string): boolean {
  const value = params[name] ?? false;
  if (typeof value !== 'boolean') throw rpcErrors.invalidParams(`${name} must be a boolean`);
  return value;
}

function intListParam(params: Params, name: string): number[] {
  const value = params[name] ?? [];
  if (!Array.isArray(value) || !value.every((v) => Number.isSafeInteger(v))) {
    throw rpcErrors.invalidParams(`${name} must be an array of integers`);
  }
  return value as number[];
}
