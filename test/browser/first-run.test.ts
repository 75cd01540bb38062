/**
 * First-run setup in the real window bundle, in Chromium, through the browser bridge backed by
 * the real AppService and SQLite cache, with a Cove simulator standing in for the customer's
 * real Cove account: a wrong token is refused at its field, the right one connects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { type BrowserBridge, startBrowserBridge } from '../../main/bridge/browser-bridge';
import { KeychainUnavailableError, type SecretStore } from '../../main/config/secret-store';
import { type CoveSimulator, startCoveSimulator } from '../../main/simulator/cove-simulator';
import { HAS_CHROMIUM, SKIP_REASON, builtRenderer, launchChromium, openWindow, screenshot } from './browser-harness';

const ACCOUNT = { partner: 'Contoso IT (admin@contoso.example)', username: 'contoso-api', token: 'contoso-token-5f1e' };

if (!HAS_CHROMIUM) console.warn(`test/browser/first-run.test.ts: ${SKIP_REASON}`);

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'first-run setup in Chromium' : `first-run setup in Chromium (${SKIP_REASON})`, () => {
  let browser: Browser;
  let cove: CoveSimulator;
  let bridge: BrowserBridge;

  beforeAll(async () => {
    const [rendererDir, launched, simulator] = await Promise.all([
      builtRenderer(),
      launchChromium(),
      startCoveSimulator({ devices: 72, seed: 5, credentials: ACCOUNT }),
    ]);
    browser = launched;
    cove = simulator;
    bridge = await startBrowserBridge({ rendererDir, settings: { coveUrl: cove.url }, demo: { devices: 36 } });
  });

  afterAll(async () => {
    await bridge?.close();
    await cove?.close();
    await browser?.close();
  });

  it('refuses a wrong token at its field, then connects with the right one', async ({ task }) => {
    const win = await openWindow(browser, bridge.url);
    const { page } = win;
    await page.getByRole('heading', { name: 'Connect to your Cove account' }).waitFor();
    await expect.poll(() => page.getByText('Acme (admin@acme.example)', { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(page, task.name, '1-first-run-light');

    await page.getByLabel('Partner name').fill(ACCOUNT.partner);
    await page.getByLabel('API user’s login name').fill(ACCOUNT.username);
    await page.getByLabel('API token').fill('not-the-token');
    await page.getByRole('button', { name: 'Connect' }).click();
    const tokenError = page.locator('.field.has-error').filter({ has: page.getByLabel('API token') });
    await expect.poll(() => tokenError.textContent(), { timeout: 10_000 }).toContain('Cove refused the login');
    expect(await page.getByLabel('API token').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, task.name, '2-wrong-token');
    // Nothing was saved: the app still shows the demo underneath.
    expect((await bridge.service.settingsView()).coveTokenSaved).toBe(false);

    await page.getByLabel('API token').fill(ACCOUNT.token);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('listbox', { name: /Customers/ }).waitFor({ timeout: 15_000 });
    expect(await page.locator('.account-name').textContent()).toBe(ACCOUNT.partner);
    expect(await page.getByTestId('demo-label').count()).toBe(0);
    expect(await page.getByTestId('as-of').textContent()).toMatch(/^as of \d\d:\d\d$/);
    expect(await page.locator('[role="option"]').count()).toBeGreaterThan(0);
    await screenshot(page, task.name, '3-connected');

    const settings = await bridge.service.settingsView();
    expect(settings).toMatchObject({ partner: ACCOUNT.partner, username: ACCOUNT.username, coveTokenSaved: true });

    // Reopened, the settings show the token as saved and never send it back to the window.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByTestId('token-saved').waitFor();
    expect(await page.getByLabel('API token').inputValue()).toBe('');
    expect(await page.getByLabel('API token').getAttribute('type')).toBe('password');
    expect(await page.content()).not.toContain(ACCOUNT.token);
    await screenshot(page, task.name, '4-settings');

    expect(win.violations).toEqual([]);
    expect(win.errors).toEqual([]);
    await win.close();
  });

  it('shows the settings in the dark theme too', async ({ task }) => {
    const win = await openWindow(browser, bridge.url, { colorScheme: 'dark' });
    await win.page.getByRole('listbox', { name: /Customers/ }).waitFor();
    await win.page.keyboard.press('Enter');
    await win.page.getByRole('listbox', { name: /Devices of/ }).waitFor();
    await screenshot(win.page, task.name, 'customer-dark');
    await win.page.getByRole('button', { name: 'Settings' }).click();
    await win.page.getByTestId('token-saved').waitFor();
    await screenshot(win.page, task.name, 'settings-dark');
    expect(win.violations).toEqual([]);
    expect(win.errors).toEqual([]);
    await win.close();
  });

  it('says plainly when there is no OS keychain to keep the token in', async ({ task }) => {
    const unavailable = (): never => {
      throw new KeychainUnavailableError('org.freedesktop.secrets was not provided by any .service files');
    };
    const noKeychain: SecretStore = { get: async () => unavailable(), set: async () => unavailable(), delete: async () => unavailable() };
    const rendererDir = await builtRenderer();
    const second = await startBrowserBridge({ rendererDir, settings: { coveUrl: cove.url }, secrets: noKeychain, demo: { devices: 24 } });
    try {
      const win = await openWindow(browser, second.url);
      await win.page.getByRole('heading', { name: 'Connect to your Cove account' }).waitFor();
      // AppService only looks at the keychain once an account is set, so the first run learns it on
      // saving: the right token is accepted by Cove but cannot be kept, and the form says why.
      await win.page.getByLabel('Partner name').fill(ACCOUNT.partner);
      await win.page.getByLabel('API user’s login name').fill(ACCOUNT.username);
      await win.page.getByLabel('API token').fill(ACCOUNT.token);
      await win.page.getByRole('button', { name: 'Connect' }).click();
      const tokenError = win.page.locator('.field.has-error').filter({ has: win.page.getByLabel('API token') });
      await expect.poll(() => tokenError.textContent(), { timeout: 10_000 }).toContain('No OS keychain is available');
      expect(await tokenError.textContent()).toContain('org.freedesktop.secrets');
      await screenshot(win.page, task.name, 'no-keychain');
      expect(win.violations).toEqual([]);
      expect(win.errors).toEqual([]);
      await win.close();
    } finally {
      await second.close();
    }
  });
});
