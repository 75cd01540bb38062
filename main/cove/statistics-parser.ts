/**
 * Reads EnumerateAccountStatistics rows the way Cove really sends them (cove-api.md §4.4.1):
 * `Settings` is an array of single-key objects or `null`, values are strings, absent columns
 * mean "no value", `"0"` timestamps mean never. We also tolerate numbers, millisecond
 * timestamps, arrays and unknown codes, and never invent a value Cove did not send.
 */
import { deviceKind } from '../monitor/status-rules';
import {
  BACKUP_DATA_SOURCES,
  FIELD,
  PROPERTY,
  TOTAL,
  canonicalColumn,
  parseActiveDataSources,
  propertyColumn,
  statisticColumn,
} from './column-codes';
import type { DataSourceState, DeviceSnapshot } from './cove-types';

const STATISTIC_FIELDS = [
  FIELD.status,
  FIELD.errors,
  FIELD.colorBar,
  FIELD.lastSuccessAt,
  FIELD.lastSessionAt,
  FIELD.selectedSize,
  FIELD.sentSize,
  FIELD.durationSeconds,
];

const DEVICE_PROPERTIES = [
  PROPERTY.deviceId,
  PROPERTY.name,
  PROPERTY.customerName,
  PROPERTY.usedStorage,
  PROPERTY.osVersion,
  PROPERTY.clientVersion,
  PROPERTY.computerName,
  PROPERTY.osType,
  PROPERTY.accountType,
  PROPERTY.activeDataSources,
];

/** Legacy data sources some tenants refuse with 13501 (cove-api.md §11 item 6). */
export const LEGACY_DATA_SOURCES = ['D02', 'D03'];

/** The columns a poll asks for: identity, kind, I78, and per data source (Total included) the session facts. */
export function statisticsColumns(options: { withoutDataSources?: readonly string[] } = {}): string[] {
  const skip = new Set(options.withoutDataSources ?? []);
  const sources = [TOTAL, ...BACKUP_DATA_SOURCES].filter((code) => !skip.has(code));
  return [
    ...DEVICE_PROPERTIES.map(propertyColumn),
    ...sources.flatMap((code) => STATISTIC_FIELDS.map((field) => statisticColumn(Number(code.slice(1)), field))),
  ];
}

/** Settings → canonical column code → string value. Unknown codes and unusable values are dropped. */
export function flattenSettings(settings: unknown): Map<string, string> {
  const values = new Map<string, string>();
  const entries: [string, unknown][] = [];
  if (Array.isArray(settings)) {
    for (const item of settings) {
      if (item && typeof item === 'object' && !Array.isArray(item)) entries.push(...Object.entries(item));
    }
  } else if (settings && typeof settings === 'object') {
    // Not Cove's shape, but a flat map carries the same facts; read it rather than drop them.
    entries.push(...Object.entries(settings));
  }
  for (const [key, raw] of entries) {
    const code = canonicalColumn(key);
    const value = scalarText(raw);
    if (code !== null && value !== null) values.set(code, value);
  }
  return values;
}

function scalarText(raw: unknown): string | null {
  // Cove uses arrays for multi-valued columns; the first element is the value.
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function readNumber(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

export function readInteger(text: string | undefined): number | null {
  const n = readNumber(text);
  // Beyond 2^53 two different ids would read as one number: treat them as unreadable.
  return n !== null && Number.isSafeInteger(n) ? n : null;
}

/** Ids Cove hands out are positive; anything else is junk. */
function readId(text: string | undefined): number | null {
  const n = readInteger(text);
  return n !== null && n > 0 ? n : null;
}

// 1e11 seconds is the year 5138: anything larger is milliseconds; past the year 3000 (in either
// unit) a timestamp is junk rather than a date to show.
const MILLISECONDS_ABOVE = 1e11;
const LATEST_PLAUSIBLE = 32_503_680_000;

/** Unix time in seconds; `0`, negatives and junk are "never"; milliseconds are folded to seconds. */
export function readTimestamp(text: string | undefined): number | null {
  const n = readNumber(text);
  if (n === null || n <= 0) return null;
  const seconds = Math.floor(n > MILLISECONDS_ABOVE ? n / 1000 : n);
  return seconds <= LATEST_PLAUSIBLE ? seconds : null;
}

function readText(text: string | undefined): string | null {
  return text === undefined || text === '' ? null : text;
}

function readColorBar(text: string | undefined): string | null {
  return text !== undefined && /^[0-9]{1,64}$/.test(text) ? text : null;
}

function readDataSource(values: Map<string, string>, code: string): DataSourceState {
  const n = Number(code.slice(1));
  const get = (field: number) => values.get(statisticColumn(n, field));
  return {
    code,
    coveStatus: readInteger(get(FIELD.status)),
    errors: readInteger(get(FIELD.errors)),
    colorBar: readColorBar(get(FIELD.colorBar)),
    lastSuccessAt: readTimestamp(get(FIELD.lastSuccessAt)),
    lastSessionAt: readTimestamp(get(FIELD.lastSessionAt)),
    selectedSize: readNumber(get(FIELD.selectedSize)),
    sentSize: readNumber(get(FIELD.sentSize)),
    durationSeconds: readNumber(get(FIELD.durationSeconds)),
  };
}

function hasAnyFact(state: DataSourceState): boolean {
  return state.coveStatus !== null || state.lastSessionAt !== null || state.lastSuccessAt !== null;
}

export type RowReadResult = { ok: true; device: DeviceSnapshot } | { ok: false; reason: string };

/** One row of EnumerateAccountStatistics (or ...HistoryStatistics). */
export function readStatisticsRow(row: unknown): RowReadResult {
  if (!row || typeof row !== 'object') return { ok: false, reason: 'row is not an object' };
  const record = row as Record<string, unknown>;
  const values = flattenSettings(record.Settings);
  // The row's AccountId is the key; I0 (Device ID) carries the same number when the row lacks it.
  const accountId = readId(scalarText(record.AccountId) ?? values.get(propertyColumn(PROPERTY.deviceId)));
  if (accountId === null) return { ok: false, reason: 'a row has no usable AccountId' };
  const partnerId = readId(scalarText(record.PartnerId) ?? undefined);
  if (partnerId === null) return { ok: false, reason: `device ${accountId} has no usable PartnerId` };

  const prop = (n: number) => values.get(propertyColumn(n));
  const hasI78 = values.has(propertyColumn(PROPERTY.activeDataSources));
  const activeDataSources = parseActiveDataSources(prop(PROPERTY.activeDataSources));
  const dataSources = hasI78
    ? activeDataSources.map((code) => readDataSource(values, code))
    : // Without I78, list only the sources Cove reported facts for.
      BACKUP_DATA_SOURCES.map((code) => readDataSource(values, code)).filter(hasAnyFact);
  const osType = readInteger(prop(PROPERTY.osType));
  const accountType = readInteger(prop(PROPERTY.accountType));
  const sourceCodes = dataSources.map((d) => d.code);

  return {
    ok: true,
    device: {
      accountId,
      partnerId,
      // Cove always names a device; if the column is missing we show its id rather than nothing.
      name: readText(prop(PROPERTY.name)) ?? `Device ${accountId}`,
      computerName: readText(prop(PROPERTY.computerName)),
      partnerName: readText(prop(PROPERTY.customerName)),
      osType,
      accountType,
      kind: deviceKind(osType, accountType, sourceCodes),
      osVersion: readText(prop(PROPERTY.osVersion)),
      clientVersion: readText(prop(PROPERTY.clientVersion)),
      usedStorage: readNumber(prop(PROPERTY.usedStorage)),
      activeDataSources: sourceCodes,
      total: readDataSource(values, TOTAL),
      dataSources,
    },
  };
}
