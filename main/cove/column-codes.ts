/**
 * Cove column codes (see shared/reference/cove-api.md §5).
 *
 * Cove answers in whatever spelling was asked (`D9F00`, `D09F00`, legacy `T0`), so everything
 * that reads Settings goes through `canonicalColumn`, which folds all spellings onto one:
 * `I<n>` for device properties and zero-padded `D<nn>F<nn>` for per-data-source statistics.
 */

export interface DataSourceInfo {
  /** Cove's number for the data source (the `n` in `D<n>`). */
  number: number;
  /** Zero-padded code as Cove prints it in I78, e.g. `D01`. */
  code: string;
  /** Name as the Cove console shows it. */
  name: string;
  /** Prefix letter of the legacy two-letter codes (`F0`, `TL`, ...), where one exists. */
  legacyPrefix?: string;
}

const DATA_SOURCE_LIST: DataSourceInfo[] = [
  { number: 1, code: 'D01', name: 'Files and Folders', legacyPrefix: 'F' },
  { number: 2, code: 'D02', name: 'System State', legacyPrefix: 'S' },
  { number: 3, code: 'D03', name: 'MS SQL', legacyPrefix: 'Q' },
  { number: 4, code: 'D04', name: 'VSS Exchange', legacyPrefix: 'X' },
  { number: 5, code: 'D05', name: 'Microsoft 365 SharePoint' },
  { number: 6, code: 'D06', name: 'Network Shares', legacyPrefix: 'N' },
  { number: 7, code: 'D07', name: 'VSS System State' },
  { number: 8, code: 'D08', name: 'VMware Virtual Machines', legacyPrefix: 'W' },
  { number: 9, code: 'D09', name: 'Total', legacyPrefix: 'T' },
  { number: 10, code: 'D10', name: 'VSS MS SQL', legacyPrefix: 'Z' },
  { number: 11, code: 'D11', name: 'VSS SharePoint', legacyPrefix: 'P' },
  { number: 12, code: 'D12', name: 'Oracle', legacyPrefix: 'Y' },
  { number: 14, code: 'D14', name: 'Hyper-V', legacyPrefix: 'H' },
  { number: 15, code: 'D15', name: 'MySQL', legacyPrefix: 'L' },
  { number: 16, code: 'D16', name: 'Virtual Disaster Recovery', legacyPrefix: 'V' },
  { number: 17, code: 'D17', name: 'Bare Metal Restore', legacyPrefix: 'B' },
  { number: 18, code: 'D18', name: 'Linux System State', legacyPrefix: 'K' },
  { number: 19, code: 'D19', name: 'Microsoft 365 Exchange', legacyPrefix: 'G' },
  { number: 20, code: 'D20', name: 'Microsoft 365 OneDrive', legacyPrefix: 'J' },
  { number: 23, code: 'D23', name: 'Microsoft 365 Teams' },
];

export const DATA_SOURCES: ReadonlyMap<string, DataSourceInfo> = new Map(DATA_SOURCE_LIST.map((d) => [d.code, d]));

/** The aggregate over all data sources of a device. */
export const TOTAL = 'D09';

/** Data sources a device can have (everything but the Total). */
export const BACKUP_DATA_SOURCES: readonly string[] = DATA_SOURCE_LIST.filter((d) => d.code !== TOTAL).map((d) => d.code);

export function dataSourceCode(number: number): string {
  return `D${String(number).padStart(2, '0')}`;
}

export function dataSourceName(code: string): string {
  return DATA_SOURCES.get(code)?.name ?? `Data source ${code}`;
}

/** Per-data-source statistics we read (`F` part of `D<n>F<m>`). */
export const FIELD = {
  status: 0,
  selectedSize: 3,
  sentSize: 5,
  errors: 6,
  colorBar: 8,
  lastSuccessAt: 9,
  durationSeconds: 12,
  lastSessionAt: 15,
} as const;

/** Device properties we read (`I<n>`). */
export const PROPERTY = {
  deviceId: 0,
  name: 1,
  creationTime: 4,
  customerName: 8,
  usedStorage: 14,
  osVersion: 16,
  clientVersion: 17,
  computerName: 18,
  osType: 32,
  accountType: 59,
  activeDataSources: 78,
} as const;

// Legacy suffix character → F number. Note the swap: legacy 7 is errors (F06), 6 is protected size (F07).
const LEGACY_SUFFIX_TO_FIELD: Record<string, number> = {
  '0': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '7': 6, '6': 7, B: 8, L: 9, '8': 10, '9': 11,
  A: 12, I: 13, R: 14, G: 15, Q: 16, J: 17, O: 18, K: 19, M: 20, '@': 21,
};

// Legacy device-property names → I number (DOC column table).
const LEGACY_PROPERTY_TO_NUMBER: Record<string, number> = {
  AU: 0, AN: 1, AL: 2, QW: 3, CD: 4, ED: 5, TS: 6, AR: 8, PD: 9, PN: 10, LN: 11, AG: 12, OU: 13, US: 14,
  EM: 15, OS: 16, VN: 17, MN: 18, IP: 19, EI: 20, MA: 21, DF: 22, DL: 23, TZ: 24, SE: 26, CC: 27, E0: 28,
  E1: 29, E2: 30, UV: 31, OT: 32, IS: 33, AC: 34, VE: 35, YS: 36, YV: 37, AS: 38, RU: 39, DS: 40, HN: 41,
  EN: 42, ES: 43, MF: 44, MO: 45, II: 46, IM: 47, REM: 48, RDF: 49, RDL: 50, OI: 54, OV: 55, OP: 56,
  KU: 57, PU: 58, AT: 59, PT: 60, RP: 62, NC: 63, AD: 64, ZP: 65, CY: 66, CT: 67, PH: 68, FX: 69, CP: 70,
  GN: 71, DE: 72, EU: 73, AI: 74, IF: 75, MV: 76, PF: 77, AP: 78,
};

const LEGACY_PREFIX_TO_SOURCE = new Map(
  DATA_SOURCE_LIST.filter((d) => d.legacyPrefix).map((d) => [d.legacyPrefix as string, d.number]),
);

/** `I<n>` */
export function propertyColumn(number: number): string {
  return `I${number}`;
}

/** Zero-padded `D<nn>F<nn>`. */
export function statisticColumn(dataSource: number, field: number): string {
  return `D${String(dataSource).padStart(2, '0')}F${String(field).padStart(2, '0')}`;
}

export type ParsedColumn =
  | { kind: 'property'; number: number }
  | { kind: 'statistic'; dataSource: number; field: number };

/** Reads any spelling of a column code; `null` for codes we do not know (custom `AA…`, `ER`, typos). */
export function parseColumn(raw: string): ParsedColumn | null {
  const code = raw.trim().toUpperCase();
  let m = /^I(\d{1,3})$/.exec(code);
  if (m) return { kind: 'property', number: Number(m[1]) };
  m = /^D(\d{1,2})F(\d{1,2})$/.exec(code);
  if (m) return { kind: 'statistic', dataSource: Number(m[1]), field: Number(m[2]) };
  const legacyProperty = LEGACY_PROPERTY_TO_NUMBER[code];
  if (legacyProperty !== undefined) return { kind: 'property', number: legacyProperty };
  if (code.length === 2) {
    const dataSource = LEGACY_PREFIX_TO_SOURCE.get(code[0]);
    const field = LEGACY_SUFFIX_TO_FIELD[code[1]];
    if (dataSource !== undefined && field !== undefined) return { kind: 'statistic', dataSource, field };
  }
  return null;
}

/** The one spelling used inside this app, or `null` for unknown codes. */
export function canonicalColumn(raw: string): string | null {
  const parsed = parseColumn(raw);
  if (!parsed) return null;
  return parsed.kind === 'property' ? propertyColumn(parsed.number) : statisticColumn(parsed.dataSource, parsed.field);
}

/**
 * I78 (active data sources). Cove has been seen sending `D01D02`, `D1,D2` and `D1D2`;
 * all of them become `['D01', 'D02']`, in order, without duplicates.
 */
export function parseActiveDataSources(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const codes: string[] = [];
  for (const m of raw.toUpperCase().matchAll(/D0*(\d{1,2})/g)) {
    const code = dataSourceCode(Number(m[1]));
    if (code !== TOTAL && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

// Session status names live in their own pure module, which the window shares.
export { SESSION_STATUS_NAMES, sessionStatusName } from './session-status';
