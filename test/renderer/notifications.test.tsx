// @vitest-environment jsdom
/**
 * Notifications in the window (issue 4), against a fake `window.coveTray`: the log panel (live,
 * click-through), the acknowledge dialog (reason required, expiry), the device's acknowledgement
 * and snooze, snoozing everything, the bell, a notification's Acknowledge action, and the
 * notification settings.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/App';
import { ApiContext } from '../../renderer/api';
import { AcknowledgeDialog } from '../../renderer/components/AcknowledgeDialog';
import { NotificationsPage } from '../../renderer/components/NotificationsPage';
import { morningLabel } from '../../renderer/format/notification-labels';
import type { NotificationView } from '../../preload/contract';
import { type FakeCoveTray, appState, defaultHandlers, fakeCoveTray, iso, notificationHandlers } from './fake-cove-tray';
import { useWindowTestEnvironment } from './setup-dom';

const NOTIFICATIONS: NotificationView[] = [
  {
    id: '12',
    kind: 'escalated',
    title: 'Acme Ltd: ACME-SRV01 keeps failing',
    body: '3 failed sessions in a row · Files and Folders',
    urgency: 'critical',
    target: { kind: 'device', deviceId: 101, customerId: 1 },
    actions: ['open', 'acknowledge'],
    createdAt: iso(0.5),
  },
  {
    id: '11',
    kind: 'summary',
    title: 'Backup problems at 7 customers',
    body: '12 devices failed',
    urgency: 'normal',
    target: { kind: 'problems' },
    actions: [],
    createdAt: iso(3),
  },
];

const LIVE: NotificationView = {
  id: '13',
  kind: 'failed',
  title: 'Contoso Dental: 2 devices failed',
  body: 'CD-SRV01, CD-WS02',
  urgency: 'normal',
  target: { kind: 'customer', customerId: 3 },
  actions: [],
  createdAt: iso(0),
};

function withApi(fake: FakeCoveTray, ui: React.ReactNode) {
  return render(<ApiContext.Provider value={fake.api}>{ui}</ApiContext.Provider>);
}

function fakeWithLog(log = NOTIFICATIONS): FakeCoveTray {
  return fakeCoveTray({ ...defaultHandlers(), ...notificationHandlers([...log]) });
}

useWindowTestEnvironment();

describe('notifications panel', () => {
  it('lists what was shown, newest first; new ones arrive live; a click opens the target', async () => {
    const fake = fakeWithLog();
    const onOpenTarget = vi.fn();
    withApi(
      fake,
      <NotificationsPage state={appState()} now={Date.now()} muteVersion="v1" onOpenTarget={onOpenTarget} onOpenDevice={vi.fn()} onOpenSettings={vi.fn()} onBack={vi.fn()} />,
    );
    const log = await screen.findByRole('list', { name: 'Notifications, newest first' });
    const titles = () => within(log).getAllByRole('listitem').map((li) => li.querySelector('.notify-title')?.textContent);
    expect(titles()).toEqual(['Acme Ltd: ACME-SRV01 keeps failing', 'Backup problems at 7 customers']);
    expect(within(log).getAllByRole('listitem')[0].textContent).toContain('Keeps failing');
    expect(within(log).getAllByRole('listitem')[0].className).toContain('is-critical');

    act(() => fake.emit('app:notification', LIVE));
    expect(titles()).toEqual(['Contoso Dental: 2 devices failed', 'Acme Ltd: ACME-SRV01 keeps failing', 'Backup problems at 7 customers']);

    fireEvent.click(screen.getByText('Backup problems at 7 customers'));
    fireEvent.click(screen.getByText('Acme Ltd: ACME-SRV01 keeps failing'));
    expect(onOpenTarget.mock.calls).toEqual([[{ kind: 'problems' }], [{ kind: 'device', deviceId: 101, customerId: 1 }]]);
  });

  it('says so when nothing was shown yet', async () => {
    withApi(fakeWithLog([]), <NotificationsPage state={appState()} now={Date.now()} muteVersion="v1" onOpenTarget={vi.fn()} onOpenDevice={vi.fn()} onOpenSettings={vi.fn()} onBack={vi.fn()} />);
    expect((await screen.findByTestId('notifications-empty')).textContent).toMatch(/No notifications yet/);
  });

  it('snoozes everything for 4 hours and resumes', async () => {
    const fake = fakeWithLog();
    withApi(fake, <NotificationsPage state={appState()} now={Date.now()} muteVersion="v1" onOpenTarget={vi.fn()} onOpenDevice={vi.fn()} onOpenSettings={vi.fn()} onBack={vi.fn()} />);
    const group = await screen.findByRole('group', { name: 'Snooze notifications for everything' });
    // "Until tomorrow 08:00", or "Until 08:00" where it is already after midnight.
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(['1 hour', '4 hours', morningLabel(Date.now())]);
    fireEvent.click(within(group).getByRole('button', { name: '4 hours' }));
    await waitFor(() => expect(within(group).getByText(/snoozed until/)).toBeTruthy());
    expect(fake.calls.find((c) => c.channel === 'app:snooze')?.request).toEqual({ scope: { kind: 'all' }, duration: '4h' });
    fireEvent.click(within(group).getByRole('button', { name: 'Resume now' }));
    await waitFor(() => expect(within(group).getByRole('button', { name: '1 hour' })).toBeTruthy());
    expect(fake.calls.find((c) => c.channel === 'app:unsnooze')?.request).toEqual({ scope: { kind: 'all' } });
  });
});

describe('acknowledge dialog', () => {
  it('requires a reason, then acknowledges with the chosen expiry', async () => {
    const fake = fakeWithLog();
    const onDone = vi.fn();
    withApi(fake, <AcknowledgeDialog deviceId={101} deviceName="ACME-SRV01" defaultHours={24} onDone={onDone} onCancel={vi.fn()} />);
    const dialog = screen.getByRole('dialog', { name: 'Acknowledge ACME-SRV01' });
    const reason = within(dialog).getByLabelText('Reason (required)');
    expect(document.activeElement).toBe(reason);
    expect((within(dialog).getByLabelText('Expires after') as HTMLSelectElement).value).toBe('24');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Acknowledge' }));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/Enter a reason/);
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(fake.calls.some((c) => c.channel === 'app:acknowledge')).toBe(false);

    fireEvent.change(reason, { target: { value: '  Replacing the disk  ' } });
    fireEvent.change(within(dialog).getByLabelText('Expires after'), { target: { value: '72' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(fake.calls.find((c) => c.channel === 'app:acknowledge')?.request).toEqual({ deviceId: 101, reason: 'Replacing the disk', hours: 72 });
    expect(onDone.mock.calls[0][0]).toMatchObject({ deviceId: 101, reason: 'Replacing the disk' });
  });

  it('shows what the app refused, and closes on Esc without leaving the page', async () => {
    const fake = fakeCoveTray({ ...defaultHandlers(), ...notificationHandlers(), 'app:acknowledge': () => ({ ok: false, message: 'No account is open yet.' }) });
    const onCancel = vi.fn();
    withApi(fake, <AcknowledgeDialog deviceId={101} deviceName="ACME-SRV01" onDone={vi.fn()} onCancel={onCancel} />);
    fireEvent.change(screen.getByLabelText('Reason (required)'), { target: { value: 'on it' } });
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect((await screen.findByRole('alert')).textContent).toBe('No account is open yet.');
    const windowEsc = vi.fn();
    window.addEventListener('keydown', windowEsc);
    fireEvent.keyDown(screen.getByLabelText('Reason (required)'), { key: 'Escape' });
    window.removeEventListener('keydown', windowEsc);
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(windowEsc).not.toHaveBeenCalled();
  });
});

describe('in the window', () => {
  async function openFailingDevice(fake: FakeCoveTray) {
    withApi(fake, <App />);
    fireEvent.click(await screen.findByText('Acme Ltd (it@acme.example)'));
    await screen.findByRole('heading', { name: 'Acme Ltd (it@acme.example)' });
    fireEvent.keyDown(window, { key: 'Enter' });
    await screen.findByRole('heading', { name: 'ACME-SRV01' });
  }

  it('acknowledges a failing device with a reason and shows who, why and the expiry; removes it again', async () => {
    const fake = fakeWithLog();
    await openFailingDevice(fake);
    const block = screen.getByRole('region', { name: 'Notifications for this device' });
    fireEvent.click(within(block).getByRole('button', { name: 'Acknowledge…' }));
    fireEvent.change(screen.getByLabelText('Reason (required)'), { target: { value: 'Replacing the disk' } });
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Acknowledge' }));
    const ack = await within(block).findByTestId('acknowledgement');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(ack.textContent).toContain('Acknowledged by Sam');
    expect(ack.textContent).toContain('“Replacing the disk”');
    expect(within(ack).getByTestId('acknowledgement-expiry').textContent).toMatch(/^Expires .*\(in 24 h\), or earlier when the device recovers\.$/);

    fireEvent.click(within(ack).getByRole('button', { name: 'Remove acknowledgement' }));
    await waitFor(() => expect(within(block).queryByTestId('acknowledgement')).toBeNull());
    expect(fake.calls.find((c) => c.channel === 'app:unacknowledge')?.request).toEqual({ deviceId: 101 });
  });

  it('snoozes the device and the customer from their pages', async () => {
    const fake = fakeWithLog();
    await openFailingDevice(fake);
    fireEvent.click(within(screen.getByRole('group', { name: 'Snooze notifications for this device' })).getByRole('button', { name: '1 hour' }));
    await waitFor(() => expect(fake.calls.find((c) => c.channel === 'app:snooze')?.request).toEqual({ scope: { kind: 'device', deviceId: 101 }, duration: '1h' }));
    fireEvent.keyDown(window, { key: 'Escape' });
    const customerSnooze = await screen.findByRole('group', { name: 'Snooze notifications for this customer' });
    fireEvent.click(within(customerSnooze).getByRole('button', { name: morningLabel(Date.now()) }));
    await waitFor(() => expect(fake.calls.filter((c) => c.channel === 'app:snooze').map((c) => c.request)).toContainEqual({ scope: { kind: 'customer', customerId: 1 }, duration: 'tomorrow' }));
  });

  it('counts new notifications on the bell and opens the panel', async () => {
    const fake = fakeWithLog();
    withApi(fake, <App />);
    const bell = await screen.findByRole('button', { name: 'Notifications' });
    act(() => fake.emit('app:notification', LIVE));
    expect(bell.getAttribute('aria-label')).toBe('Notifications, 1 new');
    fireEvent.click(bell);
    expect(await screen.findByRole('heading', { name: 'Notifications' })).toBeTruthy();
    expect(bell.getAttribute('aria-label')).toBe('Notifications');
    await screen.findByText('Acme Ltd: ACME-SRV01 keeps failing');
    // The panel's row opens the problems list.
    fireEvent.click(screen.getByText('Backup problems at 7 customers'));
    expect(await screen.findByRole('listbox', { name: 'Customers with problems, worst first' })).toBeTruthy();
  });

  it('says on the bell when notifications are paused', async () => {
    const state = appState({ notifications: { worstUnacknowledged: 'failed', failing: 1, acknowledged: 0, allAcknowledged: false, snoozedUntil: '2026-12-04T07:00:00.000Z', quietHoursNow: false } });
    withApi(fakeCoveTray({ ...defaultHandlers(state), ...notificationHandlers() }), <App />);
    expect((await screen.findByRole('button', { name: /^Notifications, paused until/ })).className).toContain('is-muted');
  });

  it('a notification\'s Acknowledge action opens the device with the dialog', async () => {
    const fake = fakeWithLog();
    withApi(fake, <App />);
    await screen.findByText('Acme Ltd (it@acme.example)');
    act(() => fake.emit('app:navigate', { customerId: 1, deviceId: 101, acknowledge: true }));
    expect(await screen.findByRole('dialog', { name: 'Acknowledge ACME-SRV01' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('heading', { name: 'ACME-SRV01' })).toBeTruthy();
  });

  it('edits quiet hours and the rules in Settings', async () => {
    const fake = fakeWithLog();
    withApi(fake, <App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const form = await screen.findByRole('form', { name: 'Notification settings' });
    fireEvent.click(within(form).getByLabelText('Quiet hours'));
    fireEvent.change(within(form).getByLabelText('From'), { target: { value: '21:30' } });
    fireEvent.change(within(form).getByLabelText('Escalate after'), { target: { value: '5' } });
    fireEvent.click(within(form).getByLabelText(/flap control/));
    fireEvent.click(within(form).getByRole('button', { name: 'Save notification settings' }));
    await within(form).findByText('Notification settings saved.');
    expect(fake.calls.find((c) => c.channel === 'app:save-notification-settings')?.request).toEqual({
      flapControl: true,
      escalateAfterFailures: 5,
      onboardingGraceHours: 48,
      acknowledgementHours: 24,
      maxCustomerNotifications: 5,
      timeZone: 'Europe/Amsterdam',
      quietHours: { enabled: true, start: '21:30', end: '07:00' },
    });
  });

  it('shows a refused setting at its field', async () => {
    const fake = fakeCoveTray({
      ...defaultHandlers(),
      ...notificationHandlers(),
      'app:save-notification-settings': () => ({ ok: false, field: 'timeZone', message: 'timeZone: not an IANA time zone' }),
    });
    withApi(fake, <App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const form = await screen.findByRole('form', { name: 'Notification settings' });
    fireEvent.change(within(form).getByLabelText('Time zone'), { target: { value: 'Mars/Olympus' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save notification settings' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('timeZone: not an IANA time zone');
    expect(within(form).getByLabelText('Time zone').getAttribute('aria-invalid')).toBe('true');
  });
});
