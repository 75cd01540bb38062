import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { AppState, NavigateTarget, NotificationTargetView, SearchHit, SettingsView } from '../preload/contract';
import { useApi } from './api';
import { CustomerList } from './components/CustomerList';
import { CustomerPage } from './components/CustomerPage';
import { DevicePage } from './components/DevicePage';
import { NotificationsPage } from './components/NotificationsPage';
import { Header } from './components/Header';
import { OutboxPage } from './components/OutboxPage';
import { SearchResults } from './components/SearchResults';
import { SettingsPage } from './components/SettingsPage';
import { StatusBanner } from './components/StatusBanner';
import { useAppState } from './hooks/useAppState';
import { useNow } from './hooks/useNow';
import { HOME, type Route, navigate } from './navigation';
import { mark } from './timing';

const DEMO_DISMISSED_KEY = 'cove-tray.first-run-dismissed';

function readFlag(key: string): boolean {
  try {
    return window.localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

function writeFlag(key: string): void {
  try {
    window.localStorage.setItem(key, '1');
  } catch {
    // Storage may be off; the choice then lasts until the window closes.
  }
}

/** Bumps whenever the data behind the views changes, so pages reload what they show. */
function dataVersionOf(state: AppState): string {
  return `${state.source}:${state.accountLabel}:${state.asOf ?? ''}`;
}

/** The window: one page at a time on a stack, a banner for data problems, the keys that move through it all. */
export function App() {
  const api = useApi();
  const { state, error, apply } = useAppState();
  const now = useNow();
  const [stack, dispatch] = useReducer(navigate, [HOME]);
  const [query, setQuery] = useState('');
  const [problemsOnly, setProblemsOnly] = useState(true);
  const [selectedCustomer, setSelectedCustomer] = useState<number | null>(null);
  const [selectedHit, setSelectedHit] = useState<string | null>(null);
  const [selectedDevices, setSelectedDevices] = useState<Record<number, number>>({});
  const [selectedSource, setSelectedSource] = useState<string | null>(null);
  const [runSource, setRunSource] = useState<string | null>(null);
  // First run: nothing configured and the demo not yet chosen. Only the demo can be a first run;
  // when the first state already rules it out, decide now rather than render everything twice.
  const [firstRun, setFirstRun] = useState<'unknown' | 'show' | 'no'>(() => (state && (state.source === 'cove' || readFlag(DEMO_DISMISSED_KEY)) ? 'no' : 'unknown'));
  const searchRef = useRef<HTMLInputElement>(null);
  const route: Route = stack[stack.length - 1];
  // Notifications (issue 4): how many arrived since the panel was last open; a device whose acknowledge dialog a notification asked for.
  const [unread, setUnread] = useState(0);
  const [acknowledgeDevice, setAcknowledgeDevice] = useState<number | null>(null);
  // A notification's "Confirm & upload": the device whose confirm dialog opens on its newest session.
  const [confirmDevice, setConfirmDevice] = useState<number | null>(null);
  const onPanel = useRef(false);
  onPanel.current = route.page === 'notifications';

  const source = state?.source ?? null;
  useEffect(() => {
    if (firstRun !== 'unknown' || source === null) return;
    if (source === 'cove' || readFlag(DEMO_DISMISSED_KEY)) {
      setFirstRun('no');
      return;
    }
    let live = true;
    api.invoke('app:get-settings').then(
      (settings) => live && setFirstRun(settings.partner === '' && !settings.coveTokenSaved ? 'show' : 'no'),
      () => live && setFirstRun('no'),
    );
    return () => {
      live = false;
    };
  }, [api, firstRun, source]);

  // A notification click or the tray: live, and the one that opened this window (asked once we listen).
  useEffect(() => {
    const go = (target: NavigateTarget) => {
      if (target.view === 'problems') {
        setProblemsOnly(true);
        setQuery('');
      }
      if (target.acknowledge && target.deviceId !== null) setAcknowledgeDevice(target.deviceId);
      if (target.confirm && target.deviceId !== null) {
        // All data sources, so the newest session's runs show selected in the history.
        setRunSource(null);
        setConfirmDevice(target.deviceId);
      }
      dispatch({ type: 'navigate', customerId: target.customerId, deviceId: target.deviceId });
    };
    const off = api.on('app:navigate', go);
    api.invoke('app:pending-navigation').then(
      (target) => target && go(target),
      () => undefined,
    );
    return off;
  }, [api]);

  useEffect(() => api.on('app:notification', () => !onPanel.current && setUnread((n) => n + 1)), [api]);
  const openNotifications = useCallback(() => {
    setUnread(0);
    dispatch({ type: 'push', route: { page: 'notifications' } });
  }, []);
  /** A notification in the panel: its device, its customer, or the problems list. */
  const openTarget = useCallback((target: NotificationTargetView) => {
    if (target.kind === 'problems') {
      setProblemsOnly(true);
      setQuery('');
      dispatch({ type: 'home' });
    } else {
      dispatch({ type: 'navigate', customerId: target.customerId, deviceId: target.kind === 'device' ? target.deviceId : null });
    }
  }, []);

  const openSettings = useCallback(() => dispatch({ type: 'push', route: { page: 'settings', firstRun: false } }), []);
  // Confirm and upload (issue 5)
  const openOutbox = useCallback(() => dispatch({ type: 'push', route: { page: 'outbox' } }), []);
  const pollNow = useCallback(() => {
    api.invoke('app:poll-now').then(apply, () => undefined);
  }, [api, apply]);

  const openCustomer = useCallback((customerId: number) => {
    mark('cove:open-customer', customerId);
    setSelectedCustomer(customerId);
    dispatch({ type: 'push', route: { page: 'customer', customerId } });
  }, []);

  const openDevice = useCallback((customerId: number, deviceId: number) => {
    setSelectedDevices((s) => ({ ...s, [customerId]: deviceId }));
    setSelectedSource(null);
    setRunSource(null);
    dispatch({ type: 'push', route: { page: 'device', customerId, deviceId } });
  }, []);

  const openHit = useCallback(
    (hit: SearchHit) => {
      if (hit.kind === 'device' && hit.deviceId !== null) {
        openCustomer(hit.customerId);
        openDevice(hit.customerId, hit.deviceId);
      } else {
        openCustomer(hit.customerId);
      }
    },
    [openCustomer, openDevice],
  );

  // Keys that work everywhere: "/" to search, Esc to go back (or clear the search).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
      if (event.key === '/' && !typing) {
        event.preventDefault();
        if (route.page !== 'customers') dispatch({ type: 'home' });
        searchRef.current?.focus();
        searchRef.current?.select();
        return;
      }
      if (event.key === 'Escape') {
        if (route.page === 'settings' && route.firstRun) return;
        if (target === searchRef.current) {
          event.preventDefault();
          if (query) setQuery('');
          else searchRef.current?.blur();
          return;
        }
        if (stack.length > 1) {
          event.preventDefault();
          dispatch({ type: 'back' });
          return;
        }
        if (query) {
          event.preventDefault();
          setQuery('');
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [route, stack.length, query]);

  if (error && !state) {
    return (
      <div className="fatal" role="alert">
        <h1>The window cannot reach the app</h1>
        <p>{error}</p>
      </div>
    );
  }
  // First run can only apply to the demo; a configured account renders without waiting for it.
  if (!state || (firstRun === 'unknown' && state.source === 'demo')) {
    return (
      <div className="splash" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        <span>Loading…</span>
      </div>
    );
  }

  const dataVersion = dataVersionOf(state);
  // Acknowledgements and snoozes may have changed (here, in the tray, after a poll): blocks that show them re-read.
  const muteVersion = `${dataVersion}|${JSON.stringify(state.notifications ?? null)}`;
  const showFirstRun = firstRun === 'show' && state.source === 'demo';

  const leaveFirstRun = () => {
    writeFlag(DEMO_DISMISSED_KEY);
    setFirstRun('no');
  };
  const settingsDone = (settings: SettingsView) => {
    if (settings.partner) setFirstRun('no');
    dispatch({ type: 'home' });
  };
  const switchToDemo = () => {
    api.invoke('app:use-demo').then(apply, () => undefined);
    dispatch({ type: 'home' });
  };

  let page: React.ReactNode;
  if (showFirstRun) {
    page = <SettingsPage firstRun demo onSaved={settingsDone} onCancel={leaveFirstRun} onUseDemo={leaveFirstRun} />;
  } else if (route.page === 'settings') {
    page = <SettingsPage firstRun={false} demo={state.source === 'demo'} onSaved={settingsDone} onCancel={() => dispatch({ type: 'back' })} onUseDemo={switchToDemo} />;
  } else if (route.page === 'outbox') {
    page = <OutboxPage now={now} onBack={() => dispatch({ type: 'back' })} onOpenSettings={openSettings} />;
  } else if (route.page === 'customer') {
    page = (
      <CustomerPage
        customerId={route.customerId}
        dataVersion={dataVersion}
        now={now}
        selectedDeviceId={selectedDevices[route.customerId] ?? null}
        onSelect={(deviceId) => setSelectedDevices((s) => ({ ...s, [route.customerId]: deviceId }))}
        onOpen={(deviceId) => openDevice(route.customerId, deviceId)}
        onBack={() => dispatch({ type: 'back' })}
        muteVersion={muteVersion}
      />
    );
  } else if (route.page === 'device') {
    page = (
      <DevicePage
        customerId={route.customerId}
        deviceId={route.deviceId}
        dataVersion={dataVersion}
        now={now}
        dataSource={runSource}
        onDataSource={setRunSource}
        selectedSource={selectedSource}
        onSelectSource={setSelectedSource}
        onBack={() => dispatch({ type: 'back' })}
        onHome={() => dispatch({ type: 'home' })}
        muteVersion={muteVersion}
        acknowledgeRequested={acknowledgeDevice === route.deviceId}
        onAcknowledgeHandled={() => setAcknowledgeDevice(null)}
        confirmRequested={confirmDevice === route.deviceId}
        onConfirmHandled={() => setConfirmDevice(null)}
      />
    );
  } else if (route.page === 'notifications') {
    page = (
      <NotificationsPage
        state={state}
        now={now}
        muteVersion={muteVersion}
        onOpenTarget={openTarget}
        onOpenDevice={(customerId, deviceId) => dispatch({ type: 'navigate', customerId, deviceId })}
        onOpenSettings={openSettings}
        onBack={() => dispatch({ type: 'back' })}
      />
    );
  } else if (query.trim()) {
    page = <SearchResults query={query} dataVersion={dataVersion} selectedKey={selectedHit} onSelect={setSelectedHit} onOpen={openHit} />;
  } else {
    page = (
      <CustomerList
        state={state}
        now={now}
        problemsOnly={problemsOnly}
        onProblemsOnly={setProblemsOnly}
        selectedId={selectedCustomer}
        onSelect={setSelectedCustomer}
        onOpen={openCustomer}
      />
    );
  }

  return (
    <div className="app" data-page={showFirstRun ? 'first-run' : route.page}>
      <Header
        state={state}
        now={now}
        query={query}
        onQuery={(q) => {
          setQuery(q);
          setSelectedHit(null);
          if (route.page !== 'customers' && route.page !== 'settings') dispatch({ type: 'home' });
        }}
        searchRef={searchRef}
        onPollNow={pollNow}
        onOpenSettings={openSettings}
        settingsOpen={route.page === 'settings'}
        onOpenOutbox={openOutbox}
        outboxOpen={route.page === 'outbox'}
        minimal={showFirstRun}
        notifications={{ unread, open: route.page === 'notifications', onOpen: openNotifications }}
      />
      {!showFirstRun && <StatusBanner state={state} now={now} onPollNow={pollNow} onOpenSettings={openSettings} />}
      <main className="content">{page}</main>
      {!showFirstRun && (
        <footer className="keys" aria-hidden="true">
          <span>
            <kbd>j</kbd>
            <kbd>k</kbd> move
          </span>
          <span>
            <kbd>Enter</kbd> open
          </span>
          <span>
            <kbd>Esc</kbd> back
          </span>
          <span>
            <kbd>/</kbd> search
          </span>
          <span className="keys-status">{state.poll.state === 'polling' ? 'Refreshing from Cove…' : `Every ${state.poll.intervalMinutes} min`}</span>
        </footer>
      )}
    </div>
  );
}
