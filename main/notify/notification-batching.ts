/**
 * Turns one poll's changes into few notifications: one per customer and category, the most severe
 * last (it ends on top of the stack), and a single summary when many customers change at once.
 * Pure text building; no clocks, no I/O.
 */
import { connectionGroup } from './notification-rules';
import {
  type ConnectionEvent,
  DEVICE_EVENT_CATEGORIES,
  type DeviceEvent,
  type DeviceEventCategory,
  type HeldChange,
  type NotificationAction,
  type NotificationDraft,
  type NotificationTarget,
  type PollProblemKind,
} from './notification-types';

export interface BatchOptions {
  /** More customers changing in one poll than this → one summary notification instead. */
  maxCustomerNotifications: number;
  /** Device names listed in a body before "and N more". */
  maxNames: number;
}

export const DEFAULT_BATCH_OPTIONS: BatchOptions = { maxCustomerNotifications: 5, maxNames: 5 };

const PROBLEM_ACTIONS: NotificationAction[] = ['open', 'acknowledge'];
const OPEN_ONLY: NotificationAction[] = ['open'];

/**
 * One device's own notification. "Confirm & upload" (its newest finished session) where a
 * finished session is the news: a failure, an escalation, a reminder, a recovery. Stale and
 * never-backed-up devices have no recent session to confirm.
 */
function singleDeviceActions(category: DeviceEventCategory): NotificationAction[] {
  switch (category) {
    case 'recovered':
      return ['open', 'confirm'];
    case 'failed':
    case 'escalated':
    case 'reminder':
      return [...PROBLEM_ACTIONS, 'confirm'];
    case 'stale':
    case 'never':
      return PROBLEM_ACTIONS;
  }
}

/** Cove partner names often end in the contact address, "Acme Ltd (it@acme.example)": too long for a toast. */
export function customerLabel(name: string): string {
  return name.replace(/\s*\([^()]*@[^()]*\)\s*$/, '').trim() || name;
}

/** "a, b, c and 4 more". */
export function listNames(names: readonly string[], max: number): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function categoryRank(category: DeviceEventCategory): number {
  return DEVICE_EVENT_CATEGORIES.indexOf(category);
}

function deviceLabel(event: DeviceEvent): string {
  if (event.category === 'escalated') return `${event.deviceName} (${event.failures ?? '?'} in a row)`;
  if ((event.category === 'failed' || event.category === 'stale') && event.sources.length > 0) return `${event.deviceName} (${event.sources.join(', ')})`;
  return event.deviceName;
}

function singleText(event: DeviceEvent, customer: string): { title: string; body: string } {
  const name = event.deviceName;
  const sources = event.sources.length > 0 ? `: ${event.sources.join(', ')}` : '';
  switch (event.category) {
    case 'failed':
      return { title: `${customer}: ${name} failed`, body: `The last backup failed${sources}.` };
    case 'escalated':
      return { title: `${customer}: ${name} failed ${event.failures} times in a row`, body: `${event.failures} backups in a row failed${sources}.` };
    case 'stale':
      return { title: `${customer}: ${name} has no recent backup`, body: `No successful backup within the stale threshold${sources}.` };
    case 'never':
      return { title: `${customer}: ${name} has never backed up`, body: 'No backup has completed since it was added.' };
    case 'recovered':
      return { title: `${customer}: ${name} recovered`, body: 'Its last backup succeeded.' };
    case 'reminder': {
      const ack = event.acknowledgement;
      const who = ack ? `Acknowledged by ${ack.by} ("${ack.reason}")` : 'The acknowledgement';
      return { title: `${customer}: ${name} is still failing`, body: `${who} expired; it is still failing.` };
    }
  }
}

function batchTitle(category: DeviceEventCategory, customer: string, count: number): string {
  switch (category) {
    case 'failed':
      return `${customer}: ${count} devices failed`;
    case 'escalated':
      return `${customer}: ${count} devices keep failing`;
    case 'stale':
      return `${customer}: ${count} devices have no recent backup`;
    case 'never':
      return `${customer}: ${count} devices have never backed up`;
    case 'recovered':
      return `${customer}: ${count} devices recovered`;
    case 'reminder':
      return `${customer}: ${count} acknowledged devices are still failing`;
  }
}

const SUMMARY_WORDS: Record<DeviceEventCategory, string> = {
  escalated: 'keep failing',
  failed: 'failed',
  stale: 'without a recent backup',
  never: 'never backed up',
  reminder: 'still failing after an acknowledgement expired',
  recovered: 'recovered',
};

/** Notifications for one poll's device events, least severe first. */
export function batchDeviceEvents(events: readonly DeviceEvent[], options: BatchOptions = DEFAULT_BATCH_OPTIONS): NotificationDraft[] {
  if (events.length === 0) return [];
  const customers = new Set(events.map((e) => e.customerId));
  if (customers.size > options.maxCustomerNotifications) return [summaryDraft(events, options)];

  const groups = new Map<string, DeviceEvent[]>();
  for (const event of events) {
    const key = `${event.category}\u0000${event.customerId}`;
    const list = groups.get(key);
    if (list) list.push(event);
    else groups.set(key, [event]);
  }
  const ordered = [...groups.values()].sort(
    (a, b) =>
      categoryRank(a[0].category) - categoryRank(b[0].category) ||
      customerLabel(a[0].customerName).localeCompare(customerLabel(b[0].customerName), undefined, { sensitivity: 'base' }) ||
      a[0].customerId - b[0].customerId,
  );
  return ordered.map((group) => groupDraft(group, options));
}

function byName(a: DeviceEvent, b: DeviceEvent): number {
  return a.deviceName.localeCompare(b.deviceName, undefined, { sensitivity: 'base' }) || a.deviceId - b.deviceId;
}

function groupDraft(group: DeviceEvent[], options: BatchOptions): NotificationDraft {
  const first = group[0];
  const customer = customerLabel(first.customerName);
  const urgency = first.category === 'escalated' ? 'critical' : 'normal';
  if (group.length === 1) {
    const target: NotificationTarget = { kind: 'device', deviceId: first.deviceId, customerId: first.customerId };
    return { kind: first.category, ...singleText(first, customer), urgency, target, actions: singleDeviceActions(first.category) };
  }
  const sorted = [...group].sort(byName);
  return {
    kind: first.category,
    title: batchTitle(first.category, customer, group.length),
    body: `${listNames(sorted.map(deviceLabel), options.maxNames)}.`,
    urgency,
    target: { kind: 'customer', customerId: first.customerId },
    actions: OPEN_ONLY,
  };
}

function summaryDraft(events: readonly DeviceEvent[], options: BatchOptions): NotificationDraft {
  const counts = new Map<DeviceEventCategory, number>();
  for (const e of events) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
  const worstFirst = [...DEVICE_EVENT_CATEGORIES].reverse().filter((c) => counts.has(c));
  const parts = worstFirst.map((c) => `${counts.get(c)} ${SUMMARY_WORDS[c]}`);

  // Customers with the most severe news first, so the names in the body are the ones to look at.
  const perCustomer = new Map<number, { name: string; worst: number; count: number }>();
  for (const e of events) {
    const entry = perCustomer.get(e.customerId) ?? { name: customerLabel(e.customerName), worst: -1, count: 0 };
    entry.worst = Math.max(entry.worst, categoryRank(e.category));
    entry.count++;
    perCustomer.set(e.customerId, entry);
  }
  const names = [...perCustomer.values()]
    .sort((a, b) => b.worst - a.worst || b.count - a.count || a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }))
    .map((c) => c.name);
  const onlyRecoveries = worstFirst.length === 1 && worstFirst[0] === 'recovered';
  return {
    kind: 'summary',
    title: `${onlyRecoveries ? 'Backups recovered' : 'Backup problems'} at ${perCustomer.size} customers`,
    body: `${plural(events.length, 'device', 'devices')}: ${parts.join(', ')}. ${listNames(names, options.maxNames)}.`,
    urgency: counts.has('escalated') ? 'critical' : 'normal',
    target: { kind: 'problems' },
    actions: OPEN_ONLY,
  };
}

// --- the poll itself ----------------------------------------------------------------------------

const LOST_TITLES: Record<PollProblemKind, string> = {
  credentials: 'Cove refused the login',
  permission: 'Cove refused access to the backup data',
  configuration: 'The Cove account is not set up',
  unreachable: 'Cove cannot be reached',
  protocol: 'Cove is answering with errors',
  rpc: 'Cove is answering with errors',
  storage: 'The local cache cannot be written',
};

export function connectionTitle(event: ConnectionEvent): string {
  if (event.category === 'connection-lost') return LOST_TITLES[event.kind];
  switch (connectionGroup(event.kind)) {
    case 'access':
      return 'Cove accepts the login again';
    case 'storage':
      return 'The local cache is writable again';
    case 'connection':
      return 'Cove is reachable again';
  }
}

export function connectionDraft(event: ConnectionEvent): NotificationDraft {
  const lost = event.category === 'connection-lost';
  return {
    kind: event.category,
    title: connectionTitle(event),
    body: lost ? `${event.problem ?? ''} Backup status is not being updated.`.trim() : 'Backup status is up to date again.',
    // The monitor is blind until someone fixes access or the disk; a network outage usually heals itself.
    urgency: lost && connectionGroup(event.kind) !== 'connection' ? 'critical' : 'normal',
    target: { kind: 'problems' },
    actions: OPEN_ONLY,
  };
}

// --- the digest after a mute ----------------------------------------------------------------------

const DIGEST_WORDS: Record<HeldChange['category'], string> = {
  escalated: 'kept failing',
  failed: 'failed',
  stale: 'without a recent backup',
  never: 'never backed up',
  reminder: 'still failing after an acknowledgement expired',
  recovered: 'recovered',
  'connection-lost': 'could not read Cove',
  'connection-restored': 'reads Cove again',
};
const DIGEST_ORDER: HeldChange['category'][] = ['connection-lost', 'escalated', 'failed', 'stale', 'never', 'reminder', 'recovered', 'connection-restored'];

/** One notification for everything held while muted: counts and names, worst first. Null when nothing changed. */
export function digestDraft(held: readonly HeldChange[], options: BatchOptions = DEFAULT_BATCH_OPTIONS): NotificationDraft | null {
  if (held.length === 0) return null;
  const byCategory = new Map<HeldChange['category'], HeldChange[]>();
  for (const h of held) byCategory.set(h.category, [...(byCategory.get(h.category) ?? []), h]);
  const categories = DIGEST_ORDER.filter((c) => byCategory.has(c));
  const titleParts: string[] = [];
  const lines: string[] = [];
  for (const category of categories) {
    const items = (byCategory.get(category) ?? []).sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
    const devices = items.filter((i) => i.deviceId !== null);
    if (devices.length > 0) {
      titleParts.push(`${plural(devices.length, 'device', 'devices')} ${DIGEST_WORDS[category]}`);
      lines.push(`${capitalise(DIGEST_WORDS[category])}: ${listNames(devices.map((d) => d.name), options.maxNames)}.`);
    }
    for (const item of items.filter((i) => i.deviceId === null)) {
      // The connection's own title says it best ("Cove refused the login").
      titleParts.push(item.name);
      lines.push(`${item.name}.`);
    }
  }
  const devices = held.filter((h) => h.deviceId !== null);
  const single = held.length === 1 && devices.length === 1 ? devices[0] : null;
  const target: NotificationTarget =
    single && single.customerId !== null ? { kind: 'device', deviceId: single.deviceId as number, customerId: single.customerId } : { kind: 'problems' };
  return {
    kind: 'digest',
    title: `While muted: ${titleParts.join(', ')}`,
    body: lines.join(' '),
    urgency: 'normal',
    target,
    actions: OPEN_ONLY,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
