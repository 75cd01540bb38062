/**
 * Demo mode: with no Cove account configured, the CLI and the app poll the built-in simulator.
 * A fixed seed means every run sees the same customers; the fleet moves with the clock.
 */
import { DEMO_CREDENTIALS, startCoveSimulator, type CoveSimulator } from '../simulator/cove-simulator';

export const DEMO_FLEET = { devices: 120, seed: 7 } as const;

export function startDemoCove(options: { devices?: number; port?: number } = {}): Promise<CoveSimulator> {
  return startCoveSimulator({
    devices: options.devices ?? DEMO_FLEET.devices,
    seed: DEMO_FLEET.seed,
    port: options.port ?? 0,
    credentials: DEMO_CREDENTIALS,
  });
}
