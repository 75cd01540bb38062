/**
 * `npm run status -- [--json] [--demo] [--devices] [--cove-url URL] [--partner NAME] [--username NAME] [--db PATH]`
 *
 * Runs one poll cycle, updates the cache and prints per-customer status, worst first.
 * Exit codes: 0 the poll succeeded (whatever the backups' state), 2 configuration or credentials,
 * 3 Cove unreachable or answering garbage, 4 the local cache could not be written.
 */
import { parseArgs } from 'node:util';
import { CoveClient, type CoveCredentials } from '../cove/cove-client';
import { CoveError } from '../cove/cove-errors';
import { defaultDatabasePath, settingsFilePath, userDataDir } from '../config/app-paths';
import { KeychainUnavailableError, KeytarSecretStore, type SecretStore, coveTokenAccount } from '../config/secret-store';
import { ConfigError, type Settings, isCoveConfigured, readSettingsFile } from '../config/settings';
import { buildFleetReport } from '../monitor/fleet-report';
import { runPollCycle, unreadableMessage } from '../monitor/poll-cycle';
import { startDemoCove } from '../demo/demo-cove';
import { StoreError } from '../store/database';
import { FleetStore } from '../store/fleet-store';
import { formatStatusTable } from './format-table';

export const EXIT = { ok: 0, bug: 1, configuration: 2, unreachable: 3, storage: 4 } as const;

const USAGE = 'usage: npm run status -- [--json] [--demo] [--devices] [--cove-url URL] [--partner NAME] [--username NAME] [--db PATH]';

export interface CliIo {
  argv: string[];
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  secrets: SecretStore;
  isTty: boolean;
}

class UsageError extends ConfigError {}

interface Target {
  source: 'cove' | 'demo';
  endpoint: string;
  credentials: CoveCredentials;
  close: () => Promise<void>;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean', default: false },
        demo: { type: 'boolean', default: false },
        devices: { type: 'boolean', default: false },
        'cove-url': { type: 'string' },
        partner: { type: 'string' },
        username: { type: 'string' },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}.`, USAGE);
  }
}

async function resolveTarget(values: ReturnType<typeof parse>, settings: Settings, io: CliIo): Promise<Target> {
  const partner = values.partner ?? io.env.COVE_PARTNER ?? settings.cove.partner;
  const username = values.username ?? io.env.COVE_USERNAME ?? settings.cove.username;
  const endpoint = values['cove-url'] ?? io.env.COVE_URL ?? settings.cove.url;
  const configured = isCoveConfigured({ ...settings, cove: { url: endpoint, partner, username } });

  if (values.demo || (!partner && !username)) {
    const simulator = await startDemoCove();
    if (!values.demo && !values.json) {
      io.stderr('No Cove account configured: showing the built-in demo fleet. Pass --partner and --username (and COVE_API_TOKEN), or set them up in the app.');
    }
    return { source: 'demo', endpoint: simulator.url, credentials: simulator.credentials, close: () => simulator.close() };
  }
  if (!configured) {
    const missing = partner ? '--username (the API user\'s login name)' : '--partner (the exact Cove partner name, e.g. "Acme (admin@acme.example)")';
    throw new ConfigError(`The Cove account is only half configured: ${missing} is missing.`, 'Pass it on the command line or set it in the app\'s settings.');
  }
  try {
    new URL(endpoint);
  } catch {
    throw new ConfigError(`The Cove URL "${endpoint}" is not a URL.`, 'Use the JSON API address, https://api.backup.management/jsonapi.');
  }
  const token = io.env.COVE_API_TOKEN || (await io.secrets.get(coveTokenAccount(partner, username)));
  if (!token) {
    throw new ConfigError(
      `No API token for "${username}" at "${partner}".`,
      'Set COVE_API_TOKEN, or enter the token once in the app\'s settings (it is kept in the OS keychain).',
    );
  }
  return { source: 'cove', endpoint, credentials: { partner, username, token }, close: async () => {} };
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CoveError) return error.kind === 'credentials' || error.kind === 'permission' ? EXIT.configuration : EXIT.unreachable;
  if (error instanceof StoreError) return EXIT.storage;
  if (error instanceof ConfigError || error instanceof KeychainUnavailableError) return EXIT.configuration;
  return EXIT.bug;
}

function describeError(error: unknown): string {
  const known = error instanceof CoveError || error instanceof StoreError || error instanceof ConfigError || error instanceof KeychainUnavailableError;
  const message = error instanceof Error ? error.message : String(error);
  // Anything else is a bug of ours: still one line, and it says so.
  return known ? message : `unexpected failure (${message.split('\n')[0]}). This is a bug in Cove Tray Monitor; please report it with this line.`;
}

export async function runStatusCli(io: CliIo): Promise<number> {
  let target: Target | null = null;
  let store: FleetStore | null = null;
  try {
    const values = parse(io.argv);
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    const dataDir = userDataDir(io.env);
    const settings = readSettingsFile(settingsFilePath(dataDir));
    target = await resolveTarget(values, settings, io);
    store = FleetStore.open(values.db ?? defaultDatabasePath(target.source, dataDir));
    const client = new CoveClient({ endpoint: target.endpoint, credentials: target.credentials });
    const poll = await runPollCycle({ client, store, source: target.source, pageSize: settings.pageSize });
    if (!poll.ok) throw poll.error;
    if (poll.unreadableRows > 0) io.stderr(`warning: ${unreadableMessage(poll.unreadableRows, poll.unreadableReason)}`);
    const report = buildFleetReport(store.readFleet(), {
      source: target.source,
      asOf: poll.at,
      now: Math.floor(Date.now() / 1000),
      thresholds: settings.staleThresholdHours,
    });
    if (values.json) {
      io.stdout(JSON.stringify(report, null, 2));
    } else {
      io.stdout(formatStatusTable(report, { colour: io.isTty && !io.env.NO_COLOR, devices: values.devices }));
      io.stdout(`Polled in ${(poll.durationMs / 1000).toFixed(1)} s with ${poll.calls} calls; ${poll.applied.newRuns} new runs cached in ${store.file}.`);
    }
    return EXIT.ok;
  } catch (error) {
    io.stderr(`error: ${describeError(error)}`);
    return exitCodeFor(error);
  } finally {
    store?.close();
    await target?.close();
  }
}

// Run when executed directly (npm run status), not when imported by tests.
if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('status-cli.ts')) {
  runStatusCli({
    argv: process.argv.slice(2),
    env: process.env,
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    secrets: new KeytarSecretStore(),
    isTty: Boolean(process.stdout.isTTY),
  }).then((code) => {
    process.exitCode = code;
  });
}
