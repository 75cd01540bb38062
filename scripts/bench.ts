/**
 * `npm run bench`: performance figures on a simulated 20,000-device Cove account.
 * The core part (scripts/bench-core.ts: generation, polls, report, memory) runs first, then the
 * window part (scripts/bench-ui.ts: Chromium through the browser bridge).
 *
 *   npm run bench -- --devices 20000 --runs 9 [--only core|ui]
 */
import { parseArgs } from 'node:util';
import { benchCore, printCoreBench } from './bench-core';
import { formatUiBenchmark, runUiBenchmark } from './bench-ui';

const { values } = parseArgs({ options: { devices: { type: 'string' }, runs: { type: 'string' }, only: { type: 'string' } } });
const devices = values.devices ? Number(values.devices) : 20_000;

if (values.only !== 'ui') {
  printCoreBench(await benchCore(devices));
  console.log('');
}

if (values.only !== 'core') {
  const result = await runUiBenchmark({ devices, runs: values.runs ? Number(values.runs) : undefined, log: (line) => console.log(line) });
  console.log('');
  console.log(formatUiBenchmark(result));
}
