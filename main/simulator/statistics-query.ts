/**
 * EnumerateAccountStatistics / EnumerateAccountHistoryStatistics query handling: validation,
 * filter, order, totals, paging and the Cove row shape (reference §4.4).
 */
import { parseColumn, type ParsedColumn } from '../cove/column-codes';
import type { DeviceRow } from './device-columns';
import { FilterSyntaxError, matchesFilter, parseFilter, type FilterNode } from './filter-expression';

/** Thrown for a query the simulator rejects; the RPC layer turns it into an invalid-params error. */
export class QueryError extends Error {}

type TotalExpression =
  | { fn: 'COUNT'; filter: FilterNode | null }
  | { fn: 'SUM' | 'MIN' | 'MAX'; column: ParsedColumn };

export interface StatisticsQuery {
  partnerId: number;
  filter: FilterNode | null;
  excludedPartners: number[];
  labels: number[];
  start: number;
  count: number;
  orderBy: { column: ParsedColumn; descending: boolean }[];
  /** Requested spellings Cove knows, deduplicated and sorted; each is echoed back as the Settings key. */
  columns: { key: string; column: ParsedColumn }[];
  /** Sorted by expression, the order Cove returns them in. */
  totals: { key: string; expression: TotalExpression }[];
}

export interface StatisticsRow {
  AccountId: number;
  Flags: string[] | null;
  PartnerId: number;
  Settings: Record<string, string>[] | null;
}

export interface StatisticsResult {
  rows: StatisticsRow[];
  totalStatistics: Record<string, string | null>[] | null;
}

const SELECTION_MODES = new Set(['Undefined', 'Merged', 'PerInstallation']);

export function parseStatisticsQuery(raw: unknown): StatisticsQuery {
  if (!isObject(raw)) throw new QueryError('query must be an object');
  const selectionMode = optionalString(raw, 'SelectionMode', 'Merged');
  if (!SELECTION_MODES.has(selectionMode)) throw new QueryError(`query.SelectionMode '${selectionMode}' is not supported`);
  return {
    partnerId: integer(raw, 'PartnerId', { required: true }),
    filter: parse(() => parseFilter(optionalString(raw, 'Filter', ''))),
    excludedPartners: integerList(raw, 'ExcludedPartners'),
    labels: integerList(raw, 'Labels'),
    start: integer(raw, 'StartRecordNumber', { required: false }),
    count: integer(raw, 'RecordsCount', { required: true }),
    orderBy: parseOrderBy(optionalString(raw, 'OrderBy', '')),
    // Settings and totals come back sorted by key, so sort once here rather than per row.
    columns: sortedUnique(stringList(raw, 'Columns')).flatMap((key) => {
      // Unknown codes are ignored, as over-requesting clients observe on the live API.
      const column = parseColumn(key);
      return column ? [{ key, column }] : [];
    }),
    totals: sortedUnique(stringList(raw, 'Totals')).map((key) => ({ key, expression: parseTotal(key) })),
  };
}

export function runStatisticsQuery(rows: DeviceRow[], query: StatisticsQuery, nowSeconds: number): StatisticsResult {
  // The simulated fleet has no labels, so a label selection matches nothing.
  const selected = query.labels.length > 0 ? [] : rows.filter((row) => matches(row, query.filter, nowSeconds));
  const ordered = query.orderBy.length > 0 ? sortRows(selected, query) : selected;
  return {
    rows: ordered.slice(query.start, query.start + query.count).map((row) => formatRow(row, query)),
    totalStatistics: query.totals.length > 0 ? totals(selected, query, nowSeconds) : null,
  };
}

function matches(row: DeviceRow, filter: FilterNode | null, nowSeconds: number): boolean {
  return filter === null || matchesFilter(filter, (column) => row.value(column), nowSeconds);
}

function formatRow(row: DeviceRow, query: StatisticsQuery): StatisticsRow {
  const settings: Record<string, string>[] = [];
  for (const { key, column } of query.columns) {
    const value = row.value(column);
    if (value !== null) settings.push({ [key]: value });
  }
  return {
    AccountId: row.spec.accountId,
    Flags: row.spec.flags ? [...row.spec.flags] : null,
    PartnerId: row.spec.partnerId,
    Settings: settings.length > 0 ? settings : null,
  };
}

/** Plain code-unit order, like the DOC sample (`D01F07, D09F00, I1, I14, I78`). */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortRows(rows: DeviceRow[], query: StatisticsQuery): DeviceRow[] {
  const keyed = rows.map((row) => ({ row, keys: query.orderBy.map((o) => row.value(o.column)) }));
  // Array.prototype.sort is stable, so ties keep the default AccountId order.
  keyed.sort((a, b) => {
    for (let i = 0; i < query.orderBy.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]);
      if (c !== 0) return query.orderBy[i].descending ? -c : c;
    }
    return 0;
  });
  return keyed.map((k) => k.row);
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Absent values first; numbers numerically; text case-insensitively. */
function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (NUMERIC.test(a) && NUMERIC.test(b)) return Number(a) - Number(b);
  return compareKeys(a.toLowerCase(), b.toLowerCase()) || compareKeys(a, b);
}

function totals(rows: DeviceRow[], query: StatisticsQuery, nowSeconds: number): Record<string, string | null>[] {
  return query.totals.map(({ key, expression }) => ({ [key]: total(rows, expression, nowSeconds) }));
}

function total(rows: DeviceRow[], expression: TotalExpression, nowSeconds: number): string | null {
  if (expression.fn === 'COUNT') return String(rows.filter((row) => matches(row, expression.filter, nowSeconds)).length);
  const values = rows
    .map((row) => row.value(expression.column))
    .filter((v): v is string => v !== null && NUMERIC.test(v))
    .map(Number);
  switch (expression.fn) {
    case 'SUM':
      return String(values.reduce((sum, v) => sum + v, 0));
    case 'MIN':
      return values.length > 0 ? String(Math.min(...values)) : null;
    case 'MAX':
      return values.length > 0 ? String(Math.max(...values)) : null;
  }
}

/** `COUNT(1)`, `COUNT(<filter>)`, `SUM|MIN|MAX(<column>)`. */
function parseTotal(source: string): TotalExpression {
  const m = /^\s*(COUNT|SUM|MIN|MAX)\s*\(([\s\S]*)\)\s*$/i.exec(source);
  if (!m) throw new QueryError(`unsupported total '${source}' (supported: COUNT(1), COUNT(<filter>), SUM/MIN/MAX(<column>))`);
  const fn = m[1].toUpperCase() as TotalExpression['fn'];
  const inner = m[2].trim();
  if (fn === 'COUNT') return { fn, filter: inner === '1' || inner === '*' ? null : parse(() => parseFilter(inner)) };
  const column = parseColumn(inner);
  if (!column) throw new QueryError(`unsupported total '${source}': ${fn} takes a single column code`);
  return { fn, column };
}

function parseOrderBy(source: string): StatisticsQuery['orderBy'] {
  if (source.trim() === '') return [];
  return source.split(',').map((part) => {
    const m = /^\s*(\S+)(?:\s+(ASC|DESC))?\s*$/i.exec(part);
    const column = m ? parseColumn(m[1]) : null;
    if (!m || !column) throw new QueryError(`unsupported OrderBy term '${part.trim()}'`);
    return { column, descending: m[2]?.toUpperCase() === 'DESC' };
  });
}

function parse<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw new QueryError(error.message);
    throw error;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(raw: Record<string, unknown>, key: string, fallback: string): string {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw new QueryError(`query.${key} must be a string`);
  return value;
}

function integer(raw: Record<string, unknown>, key: string, { required }: { required: boolean }): number {
  const value = raw[key];
  if (value === undefined || value === null) {
    if (required) throw new QueryError(`query.${key} is required`);
    return 0;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new QueryError(`query.${key} must be a non-negative integer`);
  }
  return value;
}

function integerList(raw: Record<string, unknown>, key: string): number[] {
  const value = raw[key] ?? [];
  if (!Array.isArray(value) || !value.every((v) => Number.isSafeInteger(v))) {
    throw new QueryError(`query.${key} must be an array of integers`);
  }
  return value as number[];
}

function stringList(raw: Record<string, unknown>, key: string): string[] {
  const value = raw[key] ?? [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new QueryError(`query.${key} must be an array of strings`);
  }
  return value as string[];
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort(compareKeys);
}
