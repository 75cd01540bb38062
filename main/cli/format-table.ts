/**
 * The CLI's human output: one line per customer, worst first, then a one-line summary.
 */
import { sessionStatusName } from '../cove/column-codes';
import { BACKUP_STATUSES, type BackupStatus, type StatusCounts, emptyCounts } from '../monitor/backup-status';
import type { FleetReport } from '../monitor/fleet-report';

const COLOURS: Record<BackupStatus, string> = {
  failed: '\x1b[31m',
  stale: '\x1b[35m',
  warning: '\x1b[33m',
  unknown: '\x1b[36m',
  never: '\x1b[90m',
  running: '\x1b[34m',
  ok: '\x1b[32m',
};
const RESET = '\x1b[0m';

export interface TableOptions {
  colour: boolean;
  /** List each customer's devices that are not ok under it. */
  devices: boolean;
  /** How to show times: the technician's local time zone unless told otherwise. */
  timeZone?: string;
}

/** Counts as words, worst first, skipping zeros: "2 failed, 1 stale". */
export function describeCounts(counts: StatusCounts, options: { includeOk?: boolean } = {}): string {
  const parts = BACKUP_STATUSES.filter((s) => counts[s] > 0 && (options.includeOk || s !== 'ok')).map((s) => `${counts[s]} ${s}`);
  return parts.join(', ');
}

/** Names come from Cove: control characters (a newline in a device name) must not break the table. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function pad(text: string, width: number): string {
  const length = [...text].length;
  return length >= width ? text : text + ' '.repeat(width - length);
}

function truncate(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

export function formatLocalTime(iso: string | null, timeZone?: string): string {
  if (iso === null) return 'never';
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

export function formatStatusTable(report: FleetReport, options: TableOptions): string {
  const paint = (status: BackupStatus, text: string) => (options.colour ? `${COLOURS[status]}${text}${RESET}` : text);
  const nameWidth = Math.min(64, Math.max(8, ...report.customers.map((c) => [...c.name].length)));
  const lines: string[] = [];
  const label = report.source === 'demo' ? 'Demo data' : 'Cove';
  lines.push(`${label} as of ${formatLocalTime(report.asOf, options.timeZone)}`);
  lines.push('');
  lines.push(`${pad('STATUS', 8)}  ${pad('CUSTOMER', nameWidth)}  ${'DEVICES'.padStart(7)}  PROBLEMS`);
  const total = emptyCounts();
  for (const customer of report.customers) {
    for (const s of BACKUP_STATUSES) total[s] += customer.counts[s];
    const problems = describeCounts(customer.counts) || '-';
    lines.push(
      `${paint(customer.status, pad(customer.status.toUpperCase(), 8))}  ${pad(truncate(clean(customer.name), nameWidth), nameWidth)}  ${String(customer.devices.length).padStart(7)}  ${problems}`,
    );
    if (options.devices) {
      for (const device of customer.devices.filter((d) => d.status !== 'ok')) {
        const last = device.lastSuccessAt === null ? 'no successful backup yet' : `last success ${formatLocalTime(device.lastSuccessAt, options.timeZone)}`;
        // 0 is Cove's "no backup": the last-success text already says so.
        const cove = device.coveStatus === null || device.coveStatus === 0 ? '' : `${sessionStatusName(device.coveStatus)}, `;
        lines.push(`${' '.repeat(10)}${paint(device.status, pad(device.status, 8))} ${clean(device.name)} (${device.kind}): ${cove}${last}`);
      }
    }
  }
  const deviceCount = report.customers.reduce((n, c) => n + c.devices.length, 0);
  lines.push('');
  lines.push(`${plural(report.customers.length, 'customer')}, ${plural(deviceCount, 'device')}: ${describeCounts(total, { includeOk: true }) || 'nothing to show'}`);
  return lines.join('\n');
}
