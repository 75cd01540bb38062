/**
 * The real window bundle in Chromium through the browser bridge, backed by the real AppService,
 * a real SQLite cache and the Cove simulator (as the demo backend, so the test can break it):
 * the demo label, drilling into a failing customer down to run history, keyboard navigation,
 * search, and the banner when a poll fails — in light and dark, with no CSP violation.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BrowserBridge } from '../../main/bridge/browser-bridge';
import { type CoveSimulator, DEMO_CREDENTIALS, startCoveSimulator } from '../../main/simulator/cove-simulator';
import { HAS_CHROMIUM, SKIP_REASON, openWindow, useBridgeWindows, screenshot, selectedOption } from './browser-harness';

if (!HAS_CHROMIUM) console.warn(`test/browser/window.test.ts: ${SKIP_REASON}`);

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'the window in Chromium' : `the window in Chromium (${SKIP_REASON})`, () => {
  let browser: Browser;
  let bridge: BrowserBridge;
  let demo: CoveSimulator | null = null;
  const open = useBridgeWindows(
    {
      startDemo: async () => {
        demo = await startCoveSimulator({ devices: 240, seed: 7, credentials: DEMO_CREDENTIALS });
        return demo;
      },
    },
    (suite) => ({ browser, bridge } = suite),
  );

  async function windowFor(options: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<Page> {
    const win = await openWindow(browser, bridge.url, { ...options, dismissFirstRun: true });
    open.push(win);
    await win.page.getByRole('listbox', { name: /Customers/ }).waitFor();
    return win.page;
  }

  it('labels the demo and lists customers worst first', async ({ task }) => {
    const page = await windowFor();
    expect(await page.getByTestId('demo-label').textContent()).toBe('Demo data');
    const statuses = await page.locator('[role="option"] .pill').evaluateAll((pills) => pills.map((p) => p.getAttribute('data-status')));
    expect(statuses[0]).toBe('failed');
    const order = ['failed', 'stale', 'warning', 'unknown', 'never', 'running', 'ok'];
    expect(statuses.map((s) => order.indexOf(s ?? ''))).toEqual([...statuses.map((s) => order.indexOf(s ?? ''))].sort((a, b) => a - b));
    // The 28-day bar: one element drawing a layer per day, with the day under the pointer as its tooltip.
    const bar = page.locator('[role="option"]').first().getByRole('img');
    expect(await bar.evaluate((el) => getComputedStyle(el).backgroundImage.match(/linear-gradient/g)?.length)).toBe(28);
    const box = (await bar.boundingBox())!;
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
    expect(await bar.getAttribute('title')).toMatch(/^\w{3} \d{1,2} \w{3}: \w/);
    await screenshot(page, task.name, 'customers-light');

    await page.getByRole('switch', { name: 'Problems only' }).click();
    await page.getByRole('listbox', { name: 'Customers, worst first' }).waitFor();
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('[role="option"] .pill[data-status="ok"]').count()).toBeGreaterThan(0);

    const dark = await windowFor({ colorScheme: 'dark' });
    await screenshot(dark, task.name, 'customers-dark');
    const narrow = await windowFor({ width: 520 });
    await screenshot(narrow, task.name, 'customers-narrow');
  });

  it('drills into a failing customer down to its run history, and back with Esc', async ({ task }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await windowFor({ colorScheme });
      const firstCustomer = (await page.locator('[role="option"]').first().locator('.name').textContent()) ?? '';
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: firstCustomer }).waitFor();
      const devices = page.getByRole('listbox', { name: /Devices of/ });
      await devices.waitFor();
      expect(await devices.locator('.pill').first().getAttribute('data-status')).toBe('failed');
      await screenshot(page, task.name, `customer-${colorScheme}`);

      const deviceName = (await devices.locator('[role="option"]').first().locator('.name').textContent()) ?? '';
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: deviceName }).waitFor();
      const sources = page.getByRole('listbox', { name: `Data sources of ${deviceName}` });
      expect(await sources.locator('[role="option"]').count()).toBeGreaterThan(0);
      const runs = page.getByRole('table', { name: 'Run history, newest first' });
      await runs.waitFor();
      expect(await runs.locator('tbody tr').count()).toBeGreaterThan(0);
      // Cove's own words: its data source and status names.
      const tableText = (await runs.textContent()) ?? '';
      expect(tableText).toMatch(/Files and Folders|System State|Microsoft 365|Total/);
      expect(tableText).toMatch(/Completed|Failed|Aborted|Interrupted|Not started|Over quota|No selection|Restarted/);
      await screenshot(page, task.name, `device-${colorScheme}`);

      await page.keyboard.press('Escape');
      await page.getByRole('listbox', { name: /Devices of/ }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('listbox', { name: /Customers/ }).waitFor();
    }
  });

  it('moves through the list with j/k, arrows, Home and End', async () => {
    const page = await windowFor();
    const ids = await page.locator('[role="option"]').evaluateAll((rows) => rows.map((r) => r.id));
    expect(await selectedOption(page)).toBe(ids[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await selectedOption(page)).toBe(ids[2]);
    await page.keyboard.press('k');
    expect(await selectedOption(page)).toBe(ids[1]);
    await page.keyboard.press('ArrowDown');
    expect(await selectedOption(page)).toBe(ids[2]);
    await page.keyboard.press('End');
    const last = await selectedOption(page);
    expect(last).not.toBe(ids[2]);
    await page.keyboard.press('Home');
    expect(await selectedOption(page)).toBe(ids[0]);
    expect(await page.getByRole('listbox', { name: /Customers/ }).getAttribute('aria-activedescendant')).toBe(ids[0]);

    // Enter opens the selected one; Esc comes back to the same row.
    await page.keyboard.press('j');
    const second = await page.locator(`#${ids[1]} .name`).textContent();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: second ?? '' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('listbox', { name: /Customers/ }).waitFor();
    expect(await selectedOption(page)).toBe(ids[1]);

    // The same from the far end of a list taller than the window: the row is in view on return.
    await page.getByRole('switch', { name: 'Problems only' }).click();
    await page.getByRole('listbox', { name: 'Customers, worst first' }).focus();
    await page.keyboard.press('End');
    const end = await selectedOption(page);
    const endName = await page.locator(`#${end} .name`).textContent();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: endName ?? '' }).waitFor();
    await page.keyboard.press('Escape');
    const list = page.getByRole('listbox', { name: 'Customers, worst first' });
    await list.waitFor();
    expect(await selectedOption(page)).toBe(end);
    await expect
      .poll(async () => {
        const [row, box] = await Promise.all([page.locator(`#${end}`).boundingBox(), list.boundingBox()]);
        return row !== null && box !== null && row.y >= box.y && row.y + row.height <= box.y + box.height + 1;
      })
      .toBe(true);
  });

  it('searches with "/" and opens a device from the results', async ({ task }) => {
    const page = await windowFor();
    const target = demo?.fleet.devices().find((d) => d.total.coveStatus === 5 && d.removedAt === null);
    expect(target).toBeTruthy();
    const needle = target!.name.slice(0, Math.min(9, target!.name.length));
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type(needle);
    const hits = page.getByRole('listbox', { name: 'Search results' });
    await hits.waitFor();
    const row = hits.locator('[role="option"]').filter({ hasText: target!.name });
    await row.first().waitFor();
    await screenshot(page, task.name, 'results');
    const index = await hits.locator('[role="option"]').evaluateAll((rows, name) => rows.findIndex((r) => r.textContent?.includes(name)), target!.name);
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: target!.name }).waitFor();
    await page.getByRole('table', { name: 'Run history, newest first' }).waitFor();
  });

  it('shows why the last poll failed and when it tries again, and clears once Cove answers', async ({ task }) => {
    const page = await windowFor();
    expect(await page.getByTestId('poll-banner').count()).toBe(0);
    demo!.faults.http5xx({ count: 50, status: 503 });
    await page.getByRole('button', { name: 'Refresh from Cove now' }).click();
    const banner = page.getByTestId('poll-banner');
    await banner.waitFor({ timeout: 15_000 });
    const problem = bridge.service.state().poll.problem;
    expect(problem).not.toBeNull();
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain(problem!.message);
    expect(text).toContain(problem!.fix);
    expect(text).toMatch(/Showing data as of \d\d:\d\d/);
    expect(text).toMatch(/Next try at \d\d:\d\d \(in \d+ (s|min)\)/);
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('as-of').getAttribute('class')).toContain('asof-old');
    expect(await page.locator('.overall').getAttribute('class')).toContain('overall-unavailable');
    await screenshot(page, task.name, 'banner-light');
    const dark = await windowFor({ colorScheme: 'dark' });
    await dark.getByTestId('poll-banner').waitFor();
    await screenshot(dark, task.name, 'banner-dark');

    demo!.faults.clear();
    await banner.getByRole('button', { name: 'Try now' }).click();
    await expect.poll(() => page.getByTestId('poll-banner').count(), { timeout: 15_000 }).toBe(0);
    // The other window heard about it through the event stream.
    await expect.poll(() => dark.getByTestId('poll-banner').count(), { timeout: 5_000 }).toBe(0);
  });

  it('opens the device a notification points at', async () => {
    const page = await windowFor();
    const state = bridge.service.state();
    const customer = bridge.service.customer(state.customers[0].id);
    const device = customer!.devices[0];
    bridge.navigate({ customerId: customer!.id, deviceId: device.id });
    await page.getByRole('heading', { name: device.name }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: customer!.name }).waitFor();
  });
});
