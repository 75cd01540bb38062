/**
 * Demo mode: with no Cove account configured, the CLI and the app poll the built-in simulator.
 * A fixed seed means every run sees the same customers; its clock follows real time, so session
 * times are true local times and the fleet moves on as the day goes.
 */
import { DEMO_CREDENTIALS, SimClock, startCoveSimulator, type CoveSimulator } from '../simulator/cove-simulator';

export const DEMO_FLEET = { devices: 120, seed: 7 } as const;

export function startDemoCove(options: { devices?: number; port?: number } = {}): Promise<CoveSimulator> {
  const clock = new SimClock();
  clock.setRate(1);
  return startCoveSimulator({
    devices: options.devices ?? DEMO_FLEET.devices,
    seed: DEMO_FLEET.seed,
    port: options.port ?? 0,
    credentials: DEMO_CREDENTIALS,
    clock,
  });
}
