/**
 * Notifications in the real window bundle in Chromium (issue 4), through the browser bridge and
 * the real AppService over the Cove simulator: the notifications the app would raise (recorded
 * by the bridge's Notifier) are the ones the log panel shows; a failure during the session shows
 * up live; clicking it opens the device, where it is acknowledged with a reason and the expiry
 * shows. Light and dark, no CSP violation, no page error.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BrowserBridge } from '../../main/bridge/browser-bridge';
import { type CoveSimulator, DEMO_CREDENTIALS, startCoveSimulator } from '../../main/simulator/cove-simulator';
import { HAS_CHROMIUM, SKIP_REASON, openWindow, useBridgeWindows, screenshot } from './browser-harness';

if (!HAS_CHROMIUM) console.warn(`test/browser/notifications.test.ts: ${SKIP_REASON}`);

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'notifications in Chromium' : `notifications in Chromium (${SKIP_REASON})`, () => {
  let browser: Browser;
  let bridge: BrowserBridge;
  let demo: CoveSimulator | null = null;
  const open = useBridgeWindows(
    {
      startDemo: async () => {
        demo = await startCoveSimulator({ devices: 120, seed: 7, credentials: DEMO_CREDENTIALS });
        return demo;
      },
    },
    (suite) => ({ browser, bridge } = suite),
  );

  async function panel(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const win = await openWindow(browser, bridge.url, { colorScheme, dismissFirstRun: true });
    open.push(win);
    const page = win.page;
    await page.getByRole('listbox', { name: /Customers/ }).waitFor();
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    return page;
  }

  const titles = (page: Page) => page.getByRole('list', { name: 'Notifications, newest first' }).locator('.notify-title').allTextContents();

  it('shows in the log panel exactly what the app would have raised, and new ones live', async ({ task }) => {
    // The first poll of a fresh cache told what it found failing.
    expect(bridge.notifications.length).toBeGreaterThan(0);
    const page = await panel();
    await expect.poll(() => titles(page)).toEqual([...bridge.notifications].reverse().map((n) => n.title));
    await screenshot(page, task.name, 'panel-light');

    // A healthy server fails while the window is open: one new notification, at the top, without a reload.
    const state = bridge.service.state();
    const healthy = state.customers
      .flatMap((c) => bridge.service.customer(c.id)?.devices ?? [])
      .find((d) => d.kind === 'server' && d.status === 'ok' && d.dataSources.length > 0 && d.dataSources.every((s) => s.status === 'ok'));
    expect(healthy, 'a healthy server in the demo fleet').toBeDefined();
    const before = bridge.notifications.length;
    demo!.fleet.runSessionNow(healthy!.id, { status: 2, dataSource: healthy!.dataSources[0].code });
    await bridge.service.pollNow();
    const raised = bridge.notifications.slice(before);
    expect(raised.map((n) => n.title)).toEqual([expect.stringContaining(healthy!.name)]);
    await expect.poll(() => titles(page).then((t) => t[0])).toBe(raised[0].title);

    const dark = await panel('dark');
    await expect.poll(() => titles(dark).then((t) => t[0])).toBe(raised[0].title);
    await screenshot(dark, task.name, 'panel-dark');

    // Its row opens the device; acknowledge it with a reason.
    await page.getByRole('list', { name: 'Notifications, newest first' }).getByText(raised[0].title).click();
    await page.getByRole('heading', { name: healthy!.name }).waitFor();
    const block = page.getByRole('region', { name: 'Notifications for this device' });
    await block.getByRole('button', { name: 'Acknowledge…' }).click();
    const dialog = page.getByRole('dialog', { name: `Acknowledge ${healthy!.name}` });
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await dialog.getByRole('alert').waitFor();
    await screenshot(page, task.name, 'acknowledge-dialog');
    await dialog.getByLabel('Reason (required)').fill('Replacing the disk');
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    const ack = block.getByTestId('acknowledgement');
    await ack.waitFor();
    expect(await ack.textContent()).toContain('“Replacing the disk”');
    expect(await block.getByTestId('acknowledgement-expiry').textContent()).toMatch(/\(in 2[34] h( \d+ min)?\)/);
    await screenshot(page, task.name, 'acknowledged');
    expect(bridge.service.state().notifications?.acknowledged).toBeGreaterThanOrEqual(1);
  });

  it('snoozes everything from the panel and edits quiet hours in Settings', async () => {
    const page = await panel();
    const group = page.getByRole('group', { name: 'Snooze notifications for everything' });
    await group.getByRole('button', { name: '1 hour' }).click();
    await group.getByText(/snoozed until/).waitFor();
    expect(bridge.service.state().notifications?.snoozedUntil).not.toBeNull();
    await group.getByRole('button', { name: 'Resume now' }).click();
    await group.getByRole('button', { name: '1 hour' }).waitFor();
    expect(bridge.service.state().notifications?.snoozedUntil).toBeNull();

    await page.getByRole('button', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Notification settings' });
    await form.getByLabel('Quiet hours').check();
    await form.getByLabel('From').fill('21:30');
    await form.getByRole('button', { name: 'Save notification settings' }).click();
    await form.getByText('Notification settings saved.').waitFor();
    expect(bridge.settings.read().notifications.quietHours).toEqual({ enabled: true, start: '21:30', end: '07:00' });
  });
});
