/**
 * Shared by the Chromium tests and the UI benchmark: builds the real renderer bundle once per
 * source state, drives Debian's Chromium (never a downloaded browser) through the browser
 * bridge, records CSP violations and page errors, and saves screenshots.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type BrowserBridge, type BrowserBridgeOptions, startBrowserBridge } from '../../main/bridge/browser-bridge';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM_PATH);
export const SKIP_REASON = `SKIPPED: no Chromium at ${CHROMIUM_PATH} (install Debian's chromium package; CI does)`;

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function sourceHash(): string {
  const hash = createHash('sha256');
  const files = [path.join(ROOT, 'vite.config.ts'), path.join(ROOT, 'preload/contract.ts')];
  for (const entry of fs.readdirSync(path.join(ROOT, 'renderer'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.push(path.join(entry.parentPath, entry.name));
  }
  for (const file of files.sort()) hash.update(file).update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/** Builds of older sources, untouched for an hour: no test run can still be using them. */
function pruneOldBuilds(keep: string): void {
  const cutoff = Date.now() - 60 * 60_000;
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith('cove-tray-renderer-')) continue;
    const dir = path.join(os.tmpdir(), name);
    try {
      if (dir !== keep && fs.statSync(dir).mtimeMs < cutoff) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Gone already, or another run's: leave it.
    }
  }
}

/**
 * The production bundle of the current sources, built with vite.config.ts into a temp dir keyed
 * by a hash of the sources: parallel test files share one build and never see a half-written one.
 */
export async function builtRenderer(): Promise<string> {
  const target = path.join(os.tmpdir(), `cove-tray-renderer-${sourceHash()}`);
  if (fs.existsSync(path.join(target, 'index.html'))) return target;
  pruneOldBuilds(target);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'cove-tray-renderer-build-'));
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir: staging, emptyOutDir: true } });
  try {
    fs.renameSync(staging, target);
  } catch {
    // Another test file finished the same build first.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface WindowPage {
  context: BrowserContext;
  page: Page;
  /** CSP violations reported by the page (securitypolicyviolation events and console reports). */
  violations: string[];
  /** Uncaught errors and console errors. */
  errors: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  width?: number;
  height?: number;
  /** Skip the first-run screen, as after choosing "Explore the demo data first". */
  dismissFirstRun?: boolean;
  /** No init scripts or bindings (for timing): CSP reports then come from the console only. */
  lean?: boolean;
  /** Runs after the page exists and before it loads the window (e.g. to start CDP metrics). */
  beforeNavigate?: (page: Page) => Promise<void>;
}

export async function openWindow(browser: Browser, url: string, options: OpenOptions = {}): Promise<WindowPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1100, height: options.height ?? 720 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-GB',
    timezoneId: 'Europe/Amsterdam',
    reducedMotion: 'reduce',
  });
  // Fail with Playwright's own message well before the test's 30 s timeout.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const violations: string[] = [];
  const errors: string[] = [];
  if (!options.lean) await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
  if (!options.lean) await page.addInitScript((dismiss: boolean) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
    });
    if (dismiss) window.localStorage.setItem('cove-tray.first-run-dismissed', '1');
  }, options.dismissFirstRun ?? false);
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) violations.push(text);
    else if (message.type() === 'error') errors.push(text);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await options.beforeNavigate?.(page);
  await page.goto(url);
  return { context, page, violations, errors, close: () => context.close() };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);
}

/** Saves test-results/screenshots/<test name>/<name>.png and returns its path. */
export async function screenshot(page: Page, testName: string, name: string): Promise<string> {
  const dir = path.join(ROOT, 'test-results', 'screenshots', slug(testName));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${slug(name)}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The id of the selected row of the list on screen. */
export function selectedOption(page: Page): Promise<string | null> {
  return page.locator('[role="listbox"] [role="option"][aria-selected="true"]').first().getAttribute('id');
}

/**
 * The lifecycle every Chromium suite shares: build the window and launch Chromium once, start the
 * bridge with `options`, hand both to `ready`; after each test, every window opened (pushed onto
 * the returned list) must have run without a CSP violation or an uncaught error; close all at the end.
 */
export function useBridgeWindows(options: Omit<BrowserBridgeOptions, 'rendererDir'>, ready: (suite: { browser: Browser; bridge: BrowserBridge }) => void): WindowPage[] {
  const open: WindowPage[] = [];
  let browser: Browser | undefined;
  let bridge: BrowserBridge | undefined;

  beforeAll(async () => {
    const [rendererDir, launched] = await Promise.all([builtRenderer(), launchChromium()]);
    browser = launched;
    bridge = await startBrowserBridge({ ...options, rendererDir });
    ready({ browser, bridge });
  });

  afterEach(async () => {
    for (const win of open.splice(0)) {
      expect(win.violations, 'CSP violations').toEqual([]);
      expect(win.errors, 'page errors').toEqual([]);
      await win.close();
    }
  });

  afterAll(async () => {
    await bridge?.close();
    await browser?.close();
  });

  return open;
}
