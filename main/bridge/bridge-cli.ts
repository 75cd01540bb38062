/**
 * `npm run dev:browser`: the window in your browser, on the demo fleet (or a simulator posing as
 * a real Cove account with --first-run), backed by the real core and a real SQLite cache.
 *
 *   --port N        listen on this port (default: any free one)
 *   --devices N     demo fleet size (default 120)
 *   --data-dir DIR  keep the cache and settings here (default: a temp dir, removed on exit)
 *   --first-run     start a second simulator as "your Cove account" and print its login, so the
 *                   first-run setup can be tried with a wrong and a right token
 *   --keychain      keep tokens in the OS keychain (keytar) instead of memory
 */
import { parseArgs } from 'node:util';
import { KeytarSecretStore } from '../config/secret-store';
import { startCoveSimulator } from '../simulator/cove-simulator';
import { startBrowserBridge } from './browser-bridge';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    devices: { type: 'string' },
    'data-dir': { type: 'string' },
    'first-run': { type: 'boolean', default: false },
    keychain: { type: 'boolean', default: false },
  },
});

const port = values.port ? Number(values.port) : 0;
const devices = values.devices ? Number(values.devices) : undefined;

const account = values['first-run']
  ? await startCoveSimulator({
      devices: devices ?? 240,
      seed: 11,
      credentials: { partner: 'Contoso IT (admin@contoso.example)', username: 'contoso-api', token: 'contoso-token-1234' },
    })
  : null;

const bridge = await startBrowserBridge({
  port,
  dataDir: values['data-dir'],
  demo: { devices },
  settings: account ? { coveUrl: account.url } : undefined,
  secrets: values.keychain ? new KeytarSecretStore() : undefined,
  demoChangesPerPoll: 3,
});

console.log(`Cove Tray Monitor window: ${bridge.url}`);
console.log(`  data: ${bridge.dataDir}`);
if (account) {
  console.log('  A simulated Cove account to connect to (Settings → Cove account):');
  console.log(`    partner:  ${account.credentials.partner}`);
  console.log(`    username: ${account.credentials.username}`);
  console.log(`    token:    ${account.credentials.token}`);
}
console.log('Press Ctrl+C to stop.');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await bridge.close();
  await account?.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
