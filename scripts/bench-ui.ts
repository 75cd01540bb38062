/**
 * UI benchmark, measured in Chromium through the browser bridge on a simulated Cove account:
 * how long from loading the window to the first rendered customer list, and from opening a
 * customer to its rendered device list. The window marks those moments with the User Timing
 * API (`cove:customers-rendered` / `-painted`, `cove:open-customer`, `cove:customer-painted`); this reads them.
 *
 * `runUiBenchmark()` is the reusable part; scripts/bench.ts prints it.
 */
import { performance } from 'node:perf_hooks';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { startBrowserBridge } from '../main/bridge/browser-bridge';
import { startCoveSimulator } from '../main/simulator/cove-simulator';
import { CHROMIUM_PATH, HAS_CHROMIUM, builtRenderer, launchChromium, openWindow } from '../test/browser/browser-harness';

export interface UiBenchOptions {
  devices?: number;
  customers?: number;
  seed?: number;
  /** Page loads (and customer opens) measured; the median is reported. */
  runs?: number;
  log?: (line: string) => void;
}

export interface UiBenchResult {
  devices: number;
  customers: number;
  /** Seconds for the bridge's first poll of the simulated account (core work, for context). */
  firstPollSeconds: number;
  /** Navigation start → first customer rows painted in a new window (ms), per run, after one unmeasured load. */
  loadToList: number[];
  /** The same after a reload of an open window (warm renderer process and V8 code cache). */
  reloadToList: number[];
  /** The very first load in a fresh Chromium (ms). */
  coldLoadToList: number;
  /**
   * New windows on a 6-device account (ms), per run: what loading the window costs with hardly
   * any fleet in it (Chromium starting a renderer, the bundle, React, the first layout).
   */
  smallFleetLoadToList: number[];
  /** Navigation start → app bundle downloaded (ms), per run. */
  bundleLoaded: number[];
  /** Navigation start → app:get-state answer parsed in the page (ms), per run. */
  stateReceived: number[];
  /** Navigation start → customer rows committed to the DOM (before layout and paint), per run. */
  committed: number[];
  /** Main-thread work of the renderer up to the painted list (ms), per run: CPU time, so it says less about a busy machine. */
  mainThread: { task: number; script: number; layout: number; style: number }[];
  /** Enter on a customer → its device rows rendered, per run (ms): the first (worst) customer. */
  openWorstCustomer: number[];
  /** Same, for the customer with the most devices. */
  openLargestCustomer: number[];
  largestCustomerDevices: number;
  /** End key on the customer list → the last rows rendered (ms). */
  jumpToEnd: number[];
  /** Size of the app:get-state answer (bytes of JSON). */
  stateBytes: number;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const ACCOUNT = { partner: 'Bench MSP (noc@bench.example)', username: 'bench-api', token: 'bench-token' };

async function markGap(page: Page, from: string, to: string): Promise<number> {
  return page.evaluate(
    ([a, b]) => {
      const start = performance.getEntriesByName(a).at(-1)?.startTime ?? 0;
      const end = performance.getEntriesByName(b).at(-1)?.startTime ?? Number.NaN;
      return end - start;
    },
    [from, to] as const,
  );
}

/** Polls every 50 ms rather than every frame, so the waiting adds next to no work to the page it times. */
async function waitForMark(page: Page, name: string): Promise<void> {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: 30_000, polling: 50 });
}

/** New windows on a 6-device account, measured like the big one (its customers all have failures, so the list shows). */
async function smallFleetLoads(browser: Browser, rendererDir: string, runs: number): Promise<number[]> {
  const cove = await startCoveSimulator({ devices: 6, customers: 2, seed: 7, credentials: ACCOUNT });
  const bridge = await startBrowserBridge({ rendererDir, account: { url: cove.url, ...ACCOUNT } });
  const loads: number[] = [];
  try {
    for (let run = -1; run < runs; run++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const win = await openWindow(browser, bridge.url, { lean: true });
      await waitForMark(win.page, 'cove:customers-painted');
      const painted = await win.page.evaluate(() => performance.getEntriesByName('cove:customers-painted')[0].startTime);
      if (run >= 0) loads.push(painted);
      await win.close();
    }
    return loads;
  } finally {
    await bridge.close();
    await cove.close();
  }
}

export async function runUiBenchmark(options: UiBenchOptions = {}): Promise<UiBenchResult> {
  if (!HAS_CHROMIUM) throw new Error(`The UI benchmark needs Chromium at ${CHROMIUM_PATH}.`);
  const devices = options.devices ?? 20_000;
  const runs = options.runs ?? 9;
  const log = options.log ?? (() => undefined);

  log(`Building the window and starting a simulated Cove account with ${devices.toLocaleString('en')} devices…`);
  const [rendererDir, cove, browser] = await Promise.all([
    builtRenderer(),
    startCoveSimulator({ devices, customers: options.customers ?? 1_000, seed: options.seed ?? 42, credentials: ACCOUNT }),
    launchChromium(),
  ]);
  const started = performance.now();
  const bridge = await startBrowserBridge({ rendererDir, account: { url: cove.url, ...ACCOUNT } });
  const firstPollSeconds = (performance.now() - started) / 1000;
  try {
    const state = bridge.service.state();
    if (state.poll.problem) throw new Error(`The first poll failed: ${state.poll.problem.message}`);
    const customers = state.customers.length;
    const stateBytes = Buffer.byteLength(JSON.stringify(state));
    const largest = state.customers.reduce((a, b) => (b.deviceCount > a.deviceCount ? b : a));
    log(`First poll: ${firstPollSeconds.toFixed(1)} s for ${customers.toLocaleString('en')} customers. Measuring ${runs} runs in Chromium…`);

    const result: UiBenchResult = {
      devices: state.customers.reduce((n, c) => n + c.deviceCount, 0),
      customers,
      firstPollSeconds,
      loadToList: [],
      reloadToList: [],
      coldLoadToList: Number.NaN,
      smallFleetLoadToList: [],
      bundleLoaded: [],
      stateReceived: [],
      committed: [],
      mainThread: [],
      openWorstCustomer: [],
      openLargestCustomer: [],
      largestCustomerDevices: largest.deviceCount,
      jumpToEnd: [],
      stateBytes,
    };

    // One unmeasured load first: Chromium's first page in a fresh process pays for its own start-up.
    for (let run = -1; run < runs; run++) {
      // Let the previous window's renderer finish shutting down: it would compete for the CPU.
      await new Promise((resolve) => setTimeout(resolve, 500));
      let cdp: CDPSession | null = null;
      const win = await openWindow(browser, bridge.url, {
        lean: true,
        beforeNavigate: async (p) => {
          cdp = await p.context().newCDPSession(p);
          await cdp.send('Performance.enable');
        },
      });
      const { page } = win;
      await waitForMark(page, 'cove:customers-painted');
      const { metrics } = await (cdp as unknown as CDPSession).send('Performance.getMetrics');
      const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? Number.NaN) * 1000;
      await page.locator('[role="option"]').first().waitFor();
      // No named helpers inside evaluate(): tsx would wrap them in a __name() the page lacks.
      const load = await page.evaluate(() => ({
        rendered: performance.getEntriesByName('cove:customers-painted')[0]?.startTime ?? Number.NaN,
        committed: performance.getEntriesByName('cove:customers-rendered')[0]?.startTime ?? Number.NaN,
        stateReceived: performance.getEntriesByName('cove:state-received')[0]?.startTime ?? Number.NaN,
        bundleLoaded: (performance.getEntriesByType('resource').find((e) => /assets\/index-.*\.js$/.test(e.name)) as PerformanceResourceTiming | undefined)?.responseEnd ?? Number.NaN,
      }));
      if (run < 0) {
        result.coldLoadToList = load.rendered;
        await win.close();
        continue;
      }
      result.loadToList.push(load.rendered);
      result.bundleLoaded.push(load.bundleLoaded);
      result.stateReceived.push(load.stateReceived);
      result.committed.push(load.committed);
      result.mainThread.push({ task: metric('TaskDuration'), script: metric('ScriptDuration'), layout: metric('LayoutDuration'), style: metric('RecalcStyleDuration') });

      // The list's End key: the virtualiser renders the last rows.
      await page.evaluate(() => performance.clearMarks());
      const endStart = await page.evaluate(() => performance.now());
      await page.keyboard.press('End');
      await page.waitForFunction(() => {
        const options = document.querySelectorAll('[role="listbox"] [role="option"]');
        return options.length > 0 && options[options.length - 1].getAttribute('aria-selected') === 'true';
      });
      result.jumpToEnd.push((await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))))) - endStart);

      // Open the worst customer (first row).
      await page.keyboard.press('Home');
      await page.evaluate(() => performance.clearMarks());
      await page.keyboard.press('Enter');
      await waitForMark(page, 'cove:customer-painted');
      await page.getByRole('listbox', { name: /Devices of/ }).locator('[role="option"]').first().waitFor();
      result.openWorstCustomer.push(await markGap(page, 'cove:open-customer', 'cove:customer-painted'));
      await page.keyboard.press('Escape');
      await page.getByRole('listbox', { name: /Customers/ }).waitFor();

      // Open the largest customer, found by search like a technician would.
      await page.evaluate(() => performance.clearMarks());
      await page.keyboard.press('/');
      await page.keyboard.type(largest.name);
      const hit = page.getByRole('listbox', { name: 'Search results' }).locator('[role="option"]').first();
      await hit.waitFor();
      await page.evaluate(() => performance.clearMarks());
      await hit.click();
      await waitForMark(page, 'cove:customer-painted');
      result.openLargestCustomer.push(await markGap(page, 'cove:open-customer', 'cove:customer-painted'));

      if (win.violations.length > 0 || win.errors.length > 0) throw new Error(`The page reported problems: ${[...win.violations, ...win.errors].join('; ')}`);
      await win.close();
    }

    // Reloads of one window: what reopening costs once Chromium has the code cached.
    const win = await openWindow(browser, bridge.url, { lean: true });
    await waitForMark(win.page, 'cove:customers-rendered');
    for (let run = 0; run < runs; run++) {
      await win.page.reload();
      await waitForMark(win.page, 'cove:customers-painted');
      result.reloadToList.push(await win.page.evaluate(() => performance.getEntriesByName('cove:customers-painted')[0].startTime));
    }
    await win.close();

    result.smallFleetLoadToList = await smallFleetLoads(browser, rendererDir, runs);
    return result;
  } finally {
    await bridge.close();
    await cove.close();
    await browser.close();
  }
}

export function formatUiBenchmark(r: UiBenchResult): string {
  const ms = (values: number[]) => `${median(values).toFixed(0)} ms (median of ${values.length}; min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;
  const target = median(r.loadToList) <= 300 ? 'within' : 'OVER';
  return [
    `Window benchmark — ${r.customers.toLocaleString('en')} customers, ${r.devices.toLocaleString('en')} devices (Chromium, browser bridge, real core + SQLite)`,
    `  first poll of the simulated account     ${r.firstPollSeconds.toFixed(1)} s (core, for context)`,
    `  app:get-state answer                    ${(r.stateBytes / 1024).toFixed(0)} KiB of JSON`,
    `  load → first customer list rendered (target 300 ms)`,
    `    new window                            ${ms(r.loadToList)} — ${target} target`,
    `      (medians: bundle downloaded ${median(r.bundleLoaded).toFixed(0)} ms, state in hand ${median(r.stateReceived).toFixed(0)} ms, rows committed ${median(r.committed).toFixed(0)} ms, painted ${median(r.loadToList).toFixed(0)} ms)`,
    `      main-thread work until painted: ${median(r.mainThread.map((m) => m.task)).toFixed(0)} ms (script ${median(r.mainThread.map((m) => m.script)).toFixed(0)}, layout ${median(r.mainThread.map((m) => m.layout)).toFixed(0)}, style ${median(r.mainThread.map((m) => m.style)).toFixed(0)})`,
    `    reload of an open window (warm)       ${ms(r.reloadToList)}`,
    `    first window of a fresh Chromium      ${r.coldLoadToList.toFixed(0)} ms`,
    `    new window, 6-device account          ${ms(r.smallFleetLoadToList)} (the window's own start-up, for comparison)`,
    `  open the worst customer                 ${ms(r.openWorstCustomer)}`,
    `  open the largest customer (${r.largestCustomerDevices} devices)  ${ms(r.openLargestCustomer)}`,
    `  End key → last customers rendered       ${ms(r.jumpToEnd)}`,
  ].join('\n');
}
