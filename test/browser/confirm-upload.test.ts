/**
 * Confirm and upload (issue 5) in Chromium, in demo mode: the real window bundle through the
 * browser bridge, the real AppService and SQLite cache, and the Backupchecks stub the app starts
 * itself. A technician selects runs, confirms them with a note, uploads them with one click and
 * sees the receipts, in the run history and on the uploads page; the stub holds each run once.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BrowserBridge } from '../../main/bridge/browser-bridge';
import { DEMO_CREDENTIALS, startCoveSimulator } from '../../main/simulator/cove-simulator';
import { HAS_CHROMIUM, SKIP_REASON, openWindow, useBridgeWindows, screenshot } from './browser-harness';

if (!HAS_CHROMIUM) console.warn(`test/browser/confirm-upload.test.ts: ${SKIP_REASON}`);

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'confirm and upload in Chromium' : `confirm and upload in Chromium (${SKIP_REASON})`, () => {
  let browser: Browser;
  let bridge: BrowserBridge;
  const open = useBridgeWindows(
    {
      settings: { displayName: 'J. Jansen' },
      startDemo: () => startCoveSimulator({ devices: 40, seed: 7, credentials: DEMO_CREDENTIALS }),
    },
    (suite) => ({ browser, bridge } = suite),
  );

  /** A device with at least two runs that can be confirmed, found through the same core the window uses. */
  function deviceWithConfirmableRuns(): { customerId: number; deviceId: number; name: string } {
    const service = bridge.service;
    for (const customer of service.state().customers) {
      for (const device of service.customer(customer.id)?.devices ?? []) {
        const open = service.runs({ deviceId: device.id }).filter((r) => r.upload?.blocker === null && r.upload.status === 'Success' && r.upload.confirmation === null);
        if (open.length >= 2) return { customerId: customer.id, deviceId: device.id, name: device.name };
      }
    }
    throw new Error('no device with confirmable runs in the demo fleet');
  }

  it('confirms runs and uploads them to the stub in one click, then shows the receipts', async ({ task }) => {
    const win = await openWindow(browser, bridge.url, { dismissFirstRun: true });
    open.push(win);
    const { page } = win;
    await page.getByRole('listbox', { name: /Customers/ }).waitFor();
    const target = deviceWithConfirmableRuns();
    bridge.navigate({ customerId: target.customerId, deviceId: target.deviceId });
    await page.getByRole('heading', { name: target.name }).waitFor();
    const table = page.getByRole('table', { name: 'Run history, newest first' });
    await table.waitFor();

    // Select two runs from the keyboard: Tab to a checkbox, Space to tick it.
    const boxes = table.locator('tbody input[type="checkbox"]:not([disabled])');
    await boxes.nth(0).focus();
    await page.keyboard.press('Space');
    await boxes.nth(1).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Confirm 2 runs…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Note (optional)').fill('Checked in the morning round');
    await screenshot(page, task.name, '1-confirm-dialog');
    await dialog.getByRole('button', { name: 'Confirm 2 runs' }).click();
    await page.getByRole('status').filter({ hasText: 'Confirmed 2 runs.' }).waitFor();
    await expect.poll(() => table.getByText('Confirmed · Waiting for upload').count()).toBe(2);
    await page.getByRole('button', { name: 'Uploads to Backupchecks: 2 confirmed runs waiting' }).waitFor();

    // One click.
    await page.getByRole('button', { name: 'Upload 2 confirmed' }).click();
    await page.getByText('Uploaded 2 runs: 2 sent.').waitFor();
    await expect.poll(() => table.getByText(/Confirmed · Sent/).count()).toBe(2);
    const receipts = await table.locator('.cell-upload').filter({ hasText: 'Confirmed · Sent' }).allTextContents();
    expect(receipts.every((text) => /run \d+/.test(text) && text.includes('J. Jansen'))).toBe(true);
    expect(await table.getByRole('button', { name: /Un-confirm/ }).count()).toBe(0);
    await screenshot(page, task.name, '2-uploaded-receipts');

    // The uploads page: each item with its receipt, and its attempt in the audit.
    await page.getByRole('button', { name: 'Uploads to Backupchecks' }).click();
    await page.getByRole('heading', { name: 'Uploads to Backupchecks' }).waitFor();
    expect(await page.getByTestId('upload-destination').textContent()).toMatch(/^The built-in Backupchecks stub \(demo mode\) at http:\/\/127\.0\.0\.1:\d+$/);
    const items = page.getByRole('list', { name: 'Uploads, unfinished first' }).getByRole('listitem');
    expect(await items.count()).toBe(2);
    await items.first().locator('summary').click();
    await items.first().getByRole('table').getByText('HTTP 201').waitFor();
    expect(await items.first().textContent()).toMatch(/Receipt: run \d+/);
    await screenshot(page, task.name, '3-uploads-page');

    // The same in dark mode, run history with its receipts.
    const dark = await openWindow(browser, bridge.url, { dismissFirstRun: true, colorScheme: 'dark' });
    open.push(dark);
    await dark.page.getByRole('listbox', { name: /Customers/ }).waitFor();
    bridge.navigate({ customerId: target.customerId, deviceId: target.deviceId });
    await dark.page.getByRole('table', { name: 'Run history, newest first' }).getByText(/Confirmed · Sent/).first().waitFor();
    await screenshot(dark.page, task.name, '4-receipts-dark');

    // The stub holds each run exactly once, reviewed by the technician with the note.
    const stub = new Database(path.join(bridge.dataDir, 'backupchecks-demo.db'), { readonly: true });
    try {
      const rows = stub.prepare('SELECT external_id, reviewed_by, review_note FROM runs').all() as { external_id: string; reviewed_by: string; review_note: string }[];
      expect(rows).toHaveLength(2);
      expect(new Set(rows.map((r) => r.external_id)).size).toBe(2);
      expect(rows.every((r) => r.reviewed_by === 'J. Jansen' && r.review_note === 'Checked in the morning round')).toBe(true);
    } finally {
      stub.close();
    }
  });
});
