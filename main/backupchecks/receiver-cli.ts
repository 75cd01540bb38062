/**
 * `npm run backupchecks-stub -- --port P [--db FILE] [--api-key KEY] [--stage-unknown]`
 *
 * Runs the reference Backupchecks receiver on 127.0.0.1 for development. By default it is in demo
 * mode (customers and jobs it has never seen are created); `--stage-unknown` makes it behave like
 * Backupchecks and stage them (202). Without --api-key it takes BACKUPCHECKS_STUB_API_KEY, or makes
 * up a key and prints it. Stop it with Ctrl+C; everything it answered for is already on disk.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ReferenceReceiver } from './reference-receiver';

const USAGE = 'usage: npm run backupchecks-stub -- --port P [--db FILE] [--api-key KEY] [--stage-unknown]';

export async function runReceiverCli(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<ReferenceReceiver | null> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        db: { type: 'string' },
        'api-key': { type: 'string' },
        'stage-unknown': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    throw new Error(`${(error as Error).message}. ${USAGE}`);
  }
  if (values.help) {
    out(USAGE);
    return null;
  }
  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number (0-65535), not "${values.port}". ${USAGE}`);
  }
  const dbFile = path.resolve(values.db ?? path.join(os.tmpdir(), 'backupchecks-stub.db'));
  const givenKey = values['api-key'] ?? env.BACKUPCHECKS_STUB_API_KEY;
  const apiKey = givenKey || randomBytes(18).toString('base64url');
  const receiver = await ReferenceReceiver.start({ dbFile, apiKey, port, autoKnow: !values['stage-unknown'] });
  out(`Backupchecks stub listening on ${receiver.url} (database ${dbFile}; ${values['stage-unknown'] ? 'unknown customers and jobs are staged' : 'demo mode: unknown customers and jobs are created'}).`);
  if (!givenKey) out(`API key: ${apiKey}`);
  return receiver;
}

// Run when executed directly (npm run backupchecks-stub), not when imported by tests.
const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  runReceiverCli(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (receiver) => {
      if (!receiver) return;
      const stop = () => void receiver.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      const message = (error as { code?: string }).code === 'EADDRINUSE' ? 'That port is in use; pick another with --port.' : (error as Error).message;
      process.stderr.write(`${message}\n`);
      process.exit(2);
    },
  );
}
