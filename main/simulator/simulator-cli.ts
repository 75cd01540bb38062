/**
 * `npm run simulator -- --port P --devices N --seed S [--speed X]`: runs the Cove simulator on
 * 127.0.0.1 until SIGINT/SIGTERM, with its clock running `speed` times faster than real time.
 */
import { CliUsageError, parseSimulatorArgs, USAGE } from './cli-args';
import { SimClock, startCoveSimulator } from './cove-simulator';

async function main(): Promise<void> {
  const options = parseSimulatorArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const clock = new SimClock();
  clock.setRate(options.speed);
  const sim = await startCoveSimulator({ port: options.port, devices: options.devices, seed: options.seed, clock });
  const { partner, username, token } = sim.credentials;
  // One line, so scripts and tests can read the URL; the credentials are demo values, not secrets.
  console.log(
    `Cove simulator listening on ${sim.url} | partner "${partner}" | username "${username}" | token "${token}" | ` +
      `${options.devices} devices, seed ${options.seed}, speed ${options.speed}x`,
  );
  const stop = (): void => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof CliUsageError ? `simulator: ${message} (${USAGE})` : `simulator: ${message}`);
  process.exit(error instanceof CliUsageError ? 2 : 1);
});
