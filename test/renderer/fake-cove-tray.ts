/**
 * A fake `window.coveTray` for renderer tests: answers from fixtures (or per-test handlers),
 * records every call, and lets a test push events as main would.
 */
import type {
  AppState,
  CoveTrayApi,
  CustomerDetail,
  CustomerSummary,
  DeviceView,
  EventChannel,
  EventContract,
  InvokeChannel,
  RequestOf,
  ResponseOf,
  RunView,
  SettingsView,
  StatusCounts,
  // Notifications (issue 4)
  AcknowledgementView,
  NotificationSettingsView,
  NotificationView,
  SnoozeScopeView,
  SnoozeView,
} from '../../preload/contract';

export type FakeHandlers = { [C in InvokeChannel]?: (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>> };

export interface FakeCoveTray {
  api: CoveTrayApi;
  calls: { channel: InvokeChannel; request: unknown }[];
  emit<E extends EventChannel>(channel: E, payload: EventContract[E]): void;
  handlers: FakeHandlers;
}

export function fakeCoveTray(handlers: FakeHandlers): FakeCoveTray {
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  const calls: FakeCoveTray['calls'] = [];
  const api: CoveTrayApi = {
    async invoke<C extends InvokeChannel>(channel: C, ...request: unknown[]): Promise<ResponseOf<C>> {
      calls.push({ channel, request: request[0] });
      const handler = handlers[channel] as ((r: unknown) => ResponseOf<C> | Promise<ResponseOf<C>>) | undefined;
      if (!handler) throw new Error(`fake coveTray: no handler for ${channel}`);
      return handler(request[0]);
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(channel, set);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
  return {
    api,
    calls,
    handlers,
    emit(channel, payload) {
      for (const listener of listeners.get(channel) ?? []) (listener as (p: typeof payload) => void)(payload);
    },
  };
}

export function counts(partial: Partial<StatusCounts> = {}): StatusCounts {
  return { ok: 0, warning: 0, failed: 0, stale: 0, running: 0, never: 0, unknown: 0, ...partial };
}

const NOW = Date.parse('2026-12-03T14:05:00Z');
export const iso = (hoursAgo: number) => new Date(NOW - hoursAgo * 3_600_000).toISOString();

export function history(codes: Record<number, number> = {}, fill = 5): number[] {
  return Array.from({ length: 28 }, (_, i) => codes[i] ?? fill);
}

export function customer(id: number, name: string, status: CustomerSummary['status'], c: Partial<StatusCounts>, extra: Partial<CustomerSummary> = {}): CustomerSummary {
  const cc = counts(c);
  return {
    id,
    name,
    status,
    counts: cc,
    deviceCount: Object.values(cc).reduce((a, b) => a + b, 0),
    oldestLastSuccessAt: iso(30),
    history: history({ 27: status === 'failed' ? 2 : 5 }),
    ...extra,
  };
}

export const CUSTOMERS: CustomerSummary[] = [
  customer(1, 'Acme Ltd (it@acme.example)', 'failed', { failed: 1, ok: 2 }),
  customer(2, 'Café Müller GmbH', 'stale', { stale: 1, ok: 3 }),
  customer(3, 'Contoso Dental', 'warning', { warning: 2, ok: 1 }),
  customer(4, 'Fabrikam Farms', 'ok', { ok: 5 }),
  customer(5, 'Northwind Traders', 'ok', { ok: 2, running: 1 }),
];

export function appState(partial: Partial<AppState> = {}): AppState {
  return {
    source: 'cove',
    accountLabel: 'Northwind MSP (ops@northwind.example)',
    asOf: iso(0.05),
    dataUnavailable: false,
    overall: 'failed',
    counts: counts({ failed: 1, stale: 1, warning: 2, ok: 13, running: 1 }),
    poll: { state: 'idle', lastAttemptAt: iso(0.05), problem: null, consecutiveFailures: 0, nextPollAt: iso(-0.08), intervalMinutes: 5 },
    customers: CUSTOMERS,
    ...partial,
  };
}

export function device(id: number, name: string, status: DeviceView['status'], extra: Partial<DeviceView> = {}): DeviceView {
  return {
    id,
    name,
    computer: name.toUpperCase(),
    kind: 'server',
    partnerId: 1,
    partnerName: 'Acme Ltd (it@acme.example)',
    status,
    coveStatus: status === 'failed' ? 2 : 5,
    coveStatusName: status === 'failed' ? 'Failed' : 'Completed',
    lastSessionAt: iso(2),
    lastSuccessAt: iso(status === 'failed' ? 50 : 2),
    errors: status === 'failed' ? 3 : 0,
    history: history({ 27: status === 'failed' ? 2 : 5 }),
    dataSources: [
      { code: 'D01', name: 'Files and Folders', status, coveStatus: status === 'failed' ? 2 : 5, coveStatusName: status === 'failed' ? 'Failed' : 'Completed', lastSessionAt: iso(2), lastSuccessAt: iso(50), errors: 3, history: history() },
      { code: 'D02', name: 'System State', status: 'ok', coveStatus: 5, coveStatusName: 'Completed', lastSessionAt: iso(2), lastSuccessAt: iso(2), errors: 0, history: history() },
    ],
    ...extra,
  };
}

export function customerDetail(id: number): CustomerDetail | null {
  const summary = CUSTOMERS.find((c) => c.id === id);
  if (!summary) return null;
  return { ...summary, devices: [device(101, 'ACME-SRV01', 'failed'), device(102, 'ACME-WS01', 'ok', { kind: 'workstation' }), device(103, 'ACME-NAS', 'ok')] };
}

export function runs(deviceId: number, dataSource?: string): RunView[] {
  const all: RunView[] = [
    { id: 1, dataSource: 'D01', dataSourceName: 'Files and Folders', sessionAt: iso(2), precision: 'exact', coveStatus: 2, coveStatusName: 'Failed', status: 'failed', errors: 3, selectedSize: 5e9, sentSize: 2e8, durationSeconds: 640 },
    { id: 2, dataSource: 'D02', dataSourceName: 'System State', sessionAt: iso(2), precision: 'exact', coveStatus: 5, coveStatusName: 'Completed', status: 'ok', errors: 0, selectedSize: 3e10, sentSize: 1e8, durationSeconds: 200 },
    { id: 3, dataSource: 'D01', dataSourceName: 'Files and Folders', sessionAt: iso(26), precision: 'day', coveStatus: 5, coveStatusName: 'Completed', status: 'ok', errors: null, selectedSize: null, sentSize: null, durationSeconds: null },
  ];
  return all.filter((r) => deviceId > 0 && (!dataSource || r.dataSource === dataSource));
}

export function notificationSettingsView(partial: Partial<NotificationSettingsView> = {}): NotificationSettingsView {
  return {
    flapControl: false,
    escalateAfterFailures: 3,
    onboardingGraceHours: 48,
    acknowledgementHours: 24,
    maxCustomerNotifications: 5,
    timeZone: 'Europe/Amsterdam',
    quietHours: { enabled: false, start: '22:00', end: '07:00' },
    systemTimeZone: 'Europe/Amsterdam',
    ...partial,
  };
}

/** Notifications (issue 4): handlers over an in-memory log, acknowledgements and snoozes. */
export function notificationHandlers(log: NotificationView[] = []): FakeHandlers {
  const acknowledgements: AcknowledgementView[] = [];
  let snoozes: SnoozeView[] = [];
  const same = (a: SnoozeScopeView, b: SnoozeScopeView) => JSON.stringify(a) === JSON.stringify(b);
  return {
    'app:get-notifications': ({ limit }) => log.slice(0, limit ?? 200),
    'app:get-acknowledgements': () => [...acknowledgements],
    'app:acknowledge': ({ deviceId, reason, hours = 24 }) => {
      if (reason.trim() === '') return { ok: false, message: 'An acknowledgement needs a reason.' };
      const acknowledgement: AcknowledgementView = { deviceId, deviceName: 'ACME-SRV01', customerId: 1, customerName: 'Acme Ltd', by: 'Sam', reason, at: iso(0), expiresAt: iso(-hours) };
      acknowledgements.splice(0, acknowledgements.length, ...acknowledgements.filter((a) => a.deviceId !== deviceId), acknowledgement);
      return { ok: true, acknowledgement };
    },
    'app:unacknowledge': ({ deviceId }) => {
      acknowledgements.splice(0, acknowledgements.length, ...acknowledgements.filter((a) => a.deviceId !== deviceId));
      return [...acknowledgements];
    },
    'app:get-snoozes': () => [...snoozes],
    'app:snooze': ({ scope, duration }) => {
      const hours = duration === '1h' ? 1 : duration === '4h' ? 4 : 18;
      const snooze: SnoozeView = { scope, label: scope.kind === 'all' ? 'Everything' : 'Acme Ltd', until: iso(-hours), createdAt: iso(0) };
      snoozes = [...snoozes.filter((s) => !same(s.scope, scope)), snooze];
      return { ok: true, snooze };
    },
    'app:unsnooze': ({ scope }) => {
      snoozes = snoozes.filter((s) => !same(s.scope, scope));
      return [...snoozes];
    },
    'app:get-notification-settings': () => notificationSettingsView(),
    'app:save-notification-settings': (input) => ({ ok: true, settings: notificationSettingsView(input) }),
  };
}

export function settingsView(partial: Partial<SettingsView> = {}): SettingsView {
  return {
    coveUrl: 'https://api.backup.management/jsonapi',
    partner: 'Northwind MSP (ops@northwind.example)',
    username: 'tray-api',
    coveTokenSaved: true,
    pollIntervalMinutes: 5,
    staleThresholdHours: { server: 24, workstation: 72, m365: 24, unknown: 24 },
    displayName: 'Sam',
    keychainAvailable: true,
    keychainProblem: null,
    ...partial,
  };
}

/** Handlers for a configured account with the fixtures above. */
export function defaultHandlers(state: AppState = appState()): FakeHandlers {
  return {
    'app:get-state': () => state,
    'app:poll-now': () => state,
    'app:get-customer': ({ customerId }) => customerDetail(customerId),
    'app:get-runs': ({ deviceId, dataSource }) => runs(deviceId, dataSource),
    'app:search': ({ query }) => {
      const q = query.toLowerCase();
      return [
        ...CUSTOMERS.filter((c) => c.name.toLowerCase().includes(q)).map((c) => ({ kind: 'customer' as const, customerId: c.id, customerName: c.name, deviceId: null, deviceName: null, status: c.status })),
        ...(['acme-srv01'].some((n) => n.includes(q))
          ? [{ kind: 'device' as const, customerId: 1, customerName: CUSTOMERS[0].name, deviceId: 101, deviceName: 'ACME-SRV01', status: 'failed' as const }]
          : []),
      ];
    },
    'app:get-settings': () => settingsView(),
    'app:save-settings': () => ({ ok: true, settings: settingsView() }),
    'app:use-demo': () => appState({ source: 'demo', accountLabel: 'Demo data' }),
    'app:open-external': () => false,
    'app:pending-navigation': () => null,
    // Notifications (issue 4): an empty log, nothing acknowledged or snoozed.
    ...notificationHandlers(),
  };
}
