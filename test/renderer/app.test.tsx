// @vitest-environment jsdom
/**
 * The window against a fake `window.coveTray`: lists, drilling down, keyboard, search, banners,
 * the demo label, first run and settings.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/App';
import { ApiContext } from '../../renderer/api';
import { CUSTOMERS, type FakeCoveTray, appState, defaultHandlers, fakeCoveTray, iso, settingsView } from './fake-cove-tray';
import { useWindowTestEnvironment } from './setup-dom';

function renderApp(fake: FakeCoveTray) {
  return render(
    <ApiContext.Provider value={fake.api}>
      <App />
    </ApiContext.Provider>,
  );
}

function optionNames(list: HTMLElement): string[] {
  return within(list)
    .getAllByRole('option')
    .map((o) => o.querySelector('.name')?.textContent ?? '');
}

const key = (k: string, target: Element | Window = window) => fireEvent.keyDown(target, { key: k });

useWindowTestEnvironment();

describe('customer list', () => {
  it('shows customers with problems, worst first, with status, counts, age and the 28-day bar', async () => {
    renderApp(fakeCoveTray(defaultHandlers()));
    const list = await screen.findByRole('listbox', { name: 'Customers with problems, worst first' });
    expect(optionNames(list)).toEqual(['Acme Ltd (it@acme.example)', 'Café Müller GmbH', 'Contoso Dental']);

    const first = within(list).getAllByRole('option')[0];
    expect(within(first).getByText('Failed')).toBeTruthy();
    expect(first.textContent).toContain('30 h ago');
    expect(first.textContent).toContain('of 3');
    const bar = within(first).getByRole('img');
    expect(bar.getAttribute('aria-label')).toBe('Last 28 days: 27 completed, 1 failed');
    // One element draws the 28 days; the tooltip names the day under the pointer (jsdom's bar starts at x 0).
    fireEvent.mouseMove(bar, { clientX: 27 * 6 + 2 });
    expect(bar.getAttribute('title')).toBe('Thu, Dec 3: Failed');
    fireEvent.mouseMove(bar, { clientX: 2 });
    expect(bar.getAttribute('title')).toBe('Fri, Nov 6: Completed');
    expect(screen.getByText(/3 of 5 customers need attention/)).toBeTruthy();
  });

  it('shows everyone when "Problems only" is switched off', async () => {
    renderApp(fakeCoveTray(defaultHandlers()));
    const toggle = await screen.findByRole('switch', { name: 'Problems only' });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    fireEvent.click(toggle);
    const list = screen.getByRole('listbox', { name: 'Customers, worst first' });
    expect(optionNames(list)).toEqual(CUSTOMERS.map((c) => c.name));
  });

  it('says so when nothing needs attention, without claiming health on stale data', async () => {
    const healthy = CUSTOMERS.filter((c) => c.status === 'ok');
    renderApp(fakeCoveTray(defaultHandlers(appState({ customers: healthy, overall: 'unavailable', dataUnavailable: true, asOf: iso(3) }))));
    expect(await screen.findByText('No problems in the last data we have')).toBeTruthy();
    expect(screen.getByTestId('stale-banner')).toBeTruthy();
  });

  it('follows state pushes from main', async () => {
    const fake = fakeCoveTray(defaultHandlers());
    renderApp(fake);
    await screen.findByRole('listbox');
    act(() => fake.emit('app:state-changed', appState({ customers: [CUSTOMERS[2]] })));
    expect(optionNames(screen.getByRole('listbox'))).toEqual(['Contoso Dental']);
  });
});

describe('drilling down with the keyboard', () => {
  it('moves with j/k and arrows, opens with Enter, goes back with Esc', async () => {
    const fake = fakeCoveTray(defaultHandlers());
    renderApp(fake);
    const list = await screen.findByRole('listbox', { name: /Customers/ });
    const selected = () => within(screen.getByRole('listbox')).getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true')?.querySelector('.name')?.textContent;
    expect(selected()).toBe('Acme Ltd (it@acme.example)');
    key('j');
    expect(selected()).toBe('Café Müller GmbH');
    key('ArrowDown');
    expect(selected()).toBe('Contoso Dental');
    key('j'); // stays on the last row
    expect(selected()).toBe('Contoso Dental');
    key('k');
    key('ArrowUp');
    expect(selected()).toBe('Acme Ltd (it@acme.example)');
    expect(list.getAttribute('aria-activedescendant')).toBe('customer-1');

    key('Enter');
    expect(await screen.findByRole('heading', { name: 'Acme Ltd (it@acme.example)' })).toBeTruthy();
    const devices = await screen.findByRole('listbox', { name: /Devices of Acme/ });
    expect(optionNames(devices)).toEqual(['ACME-SRV01', 'ACME-WS01', 'ACME-NAS']);
    expect(devices.textContent).toContain('3 errors');

    key('Enter');
    expect(await screen.findByRole('heading', { name: 'ACME-SRV01' })).toBeTruthy();
    const sources = screen.getByRole('listbox', { name: 'Data sources of ACME-SRV01' });
    expect(within(sources).getAllByRole('option').map((o) => o.querySelector('.name')?.textContent)).toEqual(['Files and Folders', 'System State']);
    const table = await screen.findByRole('table', { name: 'Run history, newest first' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(table.textContent).toContain('Completed');
    expect(table.textContent).toContain('(day only)');
    expect(table.textContent).toContain('5.0 GB');
    expect(table.textContent).toContain('11 min');

    // Enter on a data source narrows the run history to it.
    key('Enter');
    await waitFor(() => expect(fake.calls.some((c) => c.channel === 'app:get-runs' && (c.request as { dataSource?: string }).dataSource === 'D01')).toBe(true));
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(3));

    key('Escape');
    expect(await screen.findByRole('listbox', { name: /Devices of Acme/ })).toBeTruthy();
    key('Escape');
    const back = await screen.findByRole('listbox', { name: /Customers/ });
    expect(back.getAttribute('aria-activedescendant')).toBe('customer-1');
  });

  it('opens a customer on click', async () => {
    renderApp(fakeCoveTray(defaultHandlers()));
    fireEvent.click(await screen.findByText('Contoso Dental'));
    expect(await screen.findByRole('heading', { name: 'Contoso Dental' })).toBeTruthy();
  });

  it('opens what a notification click that started the window asked for', async () => {
    const handlers = defaultHandlers();
    handlers['app:pending-navigation'] = () => ({ customerId: 1, deviceId: 101 });
    renderApp(fakeCoveTray(handlers));
    expect(await screen.findByRole('heading', { name: 'ACME-SRV01' })).toBeTruthy();
  });

  it('goes to the problems list when asked to', async () => {
    const fake = fakeCoveTray(defaultHandlers());
    renderApp(fake);
    fireEvent.click(await screen.findByRole('switch', { name: 'Problems only' }));
    fireEvent.click(await screen.findByText('Contoso Dental'));
    await screen.findByRole('heading', { name: 'Contoso Dental' });
    act(() => fake.emit('app:navigate', { customerId: null, deviceId: null, view: 'problems' }));
    expect(await screen.findByRole('listbox', { name: 'Customers with problems, worst first' })).toBeTruthy();
  });

  it('opens the device main asks for (notification click)', async () => {
    const fake = fakeCoveTray(defaultHandlers());
    renderApp(fake);
    await screen.findByRole('listbox');
    act(() => fake.emit('app:navigate', { customerId: 1, deviceId: 101 }));
    expect(await screen.findByRole('heading', { name: 'ACME-SRV01' })).toBeTruthy();
    key('Escape');
    expect(await screen.findByRole('heading', { name: 'Acme Ltd (it@acme.example)' })).toBeTruthy();
  });
});

describe('search', () => {
  it('focuses on "/", finds customers and devices, and opens a hit with the arrows and Enter', async () => {
    const fake = fakeCoveTray(defaultHandlers());
    renderApp(fake);
    await screen.findByRole('listbox');
    key('/');
    const input = screen.getByRole('searchbox', { name: 'Search customers and devices' });
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: 'acme' } });
    const hits = await screen.findByRole('listbox', { name: 'Search results' });
    await waitFor(() => expect(within(hits).getAllByRole('option')).toHaveLength(2));
    expect(fake.calls.find((c) => c.channel === 'app:search')?.request).toEqual({ query: 'acme' });
    // j types into the box; the arrows move the list.
    key('ArrowDown', input);
    key('Enter', input);
    expect(await screen.findByRole('heading', { name: 'ACME-SRV01' })).toBeTruthy();
  });

  it('clears with Esc', async () => {
    renderApp(fakeCoveTray(defaultHandlers()));
    await screen.findByRole('listbox');
    const input = screen.getByRole('searchbox');
    fireEvent.change(input, { target: { value: 'zzz' } });
    expect(await screen.findByText('Nothing matches')).toBeTruthy();
    key('Escape', input);
    expect((input as HTMLInputElement).value).toBe('');
    expect(await screen.findByRole('listbox', { name: /Customers/ })).toBeTruthy();
  });
});

describe('banners and labels', () => {
  it('explains a failed poll in plain words, with the fix and the next try', async () => {
    const state = appState({
      dataUnavailable: true,
      overall: 'unavailable',
      asOf: iso(1),
      poll: {
        state: 'idle',
        lastAttemptAt: iso(0.01),
        problem: { kind: 'unreachable', message: 'Cove at https://api.backup.management/jsonapi could not be reached after 4 attempts (ECONNREFUSED).', fix: 'Check the network connection and the Cove URL; the next poll will try again.' },
        consecutiveFailures: 2,
        nextPollAt: new Date(Date.now() + 4 * 60_000).toISOString(),
        intervalMinutes: 5,
      },
    });
    const fake = fakeCoveTray(defaultHandlers(state));
    renderApp(fake);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('Cove cannot be reached');
    expect(banner.textContent).toContain('ECONNREFUSED');
    expect(banner.textContent).toContain('Check the network connection');
    expect(banner.textContent).toContain('2 failed attempts');
    expect(banner.textContent).toMatch(/Showing data as of \d{1,2}:\d\d( [AP]M)? \(1 h ago\)/);
    expect(banner.textContent).toMatch(/Next try at \d{1,2}:\d\d( [AP]M)? \(in 4 min\)/);
    expect(screen.getByTestId('as-of').className).toContain('asof-old');
    fireEvent.click(within(banner).getByRole('button', { name: 'Try now' }));
    await waitFor(() => expect(fake.calls.some((c) => c.channel === 'app:poll-now')).toBe(true));
  });

  it('sends credential problems to Settings and says polling waits for them', async () => {
    const state = appState({
      dataUnavailable: true,
      overall: 'unavailable',
      poll: {
        state: 'paused',
        lastAttemptAt: iso(0.01),
        problem: { kind: 'credentials', message: 'Cove refused the login (error 2100: Wrong password).', fix: 'Check that the partner is the exact, case-sensitive name.' },
        consecutiveFailures: 1,
        nextPollAt: null,
        intervalMinutes: 5,
      },
    });
    renderApp(fakeCoveTray(defaultHandlers(state)));
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('Cove refused the login');
    expect(banner.textContent).toContain('Polling is paused until the settings are corrected.');
    fireEvent.click(within(banner).getByRole('button', { name: 'Open settings' }));
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy();
  });

  it('warns when the data is old even without an error', async () => {
    renderApp(fakeCoveTray(defaultHandlers(appState({ dataUnavailable: true, overall: 'unavailable', asOf: iso(3) }))));
    const banner = await screen.findByTestId('stale-banner');
    expect(banner.textContent).toContain('This data is out of date');
    expect(banner.textContent).toContain('3 h ago');
  });

  it('labels demo data', async () => {
    window.localStorage.setItem('cove-tray.first-run-dismissed', '1');
    renderApp(fakeCoveTray(defaultHandlers(appState({ source: 'demo', accountLabel: 'Demo data' }))));
    expect((await screen.findByTestId('demo-label')).textContent).toBe('Demo data');
  });

  it('shows "as of" in local time', async () => {
    renderApp(fakeCoveTray(defaultHandlers()));
    expect((await screen.findByTestId('as-of')).textContent).toMatch(/^as of \d{1,2}:\d\d( [AP]M)?$/);
  });
});

describe('first run and settings', () => {
  it('asks for the Cove account on first run, and lets you look at the demo instead', async () => {
    const handlers = defaultHandlers(appState({ source: 'demo', accountLabel: 'Demo data' }));
    handlers['app:get-settings'] = () => settingsView({ partner: '', username: '', coveTokenSaved: false });
    renderApp(fakeCoveTray(handlers));
    expect(await screen.findByRole('heading', { name: 'Connect to your Cove account' })).toBeTruthy();
    expect(screen.getByText(/Acme \(admin@acme\.example\)/, { selector: 'code' })).toBeTruthy();
    expect(screen.queryByLabelText('Check Cove every')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Explore the demo data first' }));
    expect(await screen.findByTestId('demo-label')).toBeTruthy();
    expect(window.localStorage.getItem('cove-tray.first-run-dismissed')).toBe('1');
  });

  it('never pre-fills the token, shows it as saved, and shows a refused token at its field', async () => {
    const fake = fakeCoveTray(defaultHandlers());
    fake.handlers['app:save-settings'] = (input) =>
      input.coveToken ? { ok: false, field: 'coveToken', message: 'Cove refused the login (error 2100: Wrong password).' } : { ok: true, settings: settingsView() };
    renderApp(fake);
    await screen.findByRole('listbox');
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const token = (await screen.findByLabelText('API token')) as HTMLInputElement;
    expect(token.type).toBe('password');
    expect(token.value).toBe('');
    expect(screen.getByTestId('token-saved').textContent).toBe('Saved in keychain');
    expect((screen.getByLabelText('Partner name') as HTMLInputElement).value).toBe('Northwind MSP (ops@northwind.example)');

    fireEvent.change(token, { target: { value: 'wrong-token' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByText('Cove refused the login (error 2100: Wrong password).');
    expect(error.closest('.field')?.querySelector('input')).toBe(token);
    expect(token.getAttribute('aria-invalid')).toBe('true');
    expect(token.getAttribute('aria-describedby')).toContain(error.id);
    await waitFor(() => expect(document.activeElement).toBe(token));
    const sent = fake.calls.filter((c) => c.channel === 'app:save-settings').at(-1)?.request as { coveToken?: string; pollIntervalMinutes: number; staleThresholdHours: unknown };
    expect(sent.coveToken).toBe('wrong-token');
    expect(sent.pollIntervalMinutes).toBe(5);
    expect(sent.staleThresholdHours).toEqual({ server: 24, workstation: 72, m365: 24, unknown: 24 });

    // Saving without typing a token keeps the saved one: no coveToken is sent.
    fireEvent.change(token, { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Servers'), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('listbox', { name: /Customers/ });
    const second = fake.calls.filter((c) => c.channel === 'app:save-settings').at(-1)?.request as Record<string, unknown>;
    expect('coveToken' in second).toBe(false);
    expect(second.staleThresholdHours).toMatchObject({ server: 12 });
  });

  it('says clearly when no OS keychain is available', async () => {
    const fake = fakeCoveTray(defaultHandlers());
    fake.handlers['app:get-settings'] = () => settingsView({ coveTokenSaved: false, keychainAvailable: false, keychainProblem: 'No OS keychain is available (org.freedesktop.secrets was not provided).' });
    renderApp(fake);
    await screen.findByRole('listbox');
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const callout = await screen.findByTestId('keychain-unavailable');
    expect(callout.getAttribute('role')).toBe('alert');
    expect(callout.textContent).toContain('No OS keychain is available');
    expect(callout.textContent).toContain('org.freedesktop.secrets');
  });

  it('closes with Esc', async () => {
    renderApp(fakeCoveTray(defaultHandlers()));
    await screen.findByRole('listbox');
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('heading', { name: 'Settings' });
    key('Escape');
    expect(await screen.findByRole('listbox', { name: /Customers/ })).toBeTruthy();
  });
});
