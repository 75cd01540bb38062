/**
 * Runs inside a real Secret Service session (see keychain.test.ts): exercises the keytar store,
 * the app's settings flow and the CLI against a simulator, and prints what it saw as JSON.
 * Usage: node --import tsx test/keychain/keychain-probe.ts <data dir>
 */
import path from 'node:path';
import { AppService } from '../../main/app/app-service';
import { runStatusCli } from '../../main/cli/status-cli';
import { KeytarSecretStore, coveTokenAccount } from '../../main/config/secret-store';
import { JsonFileSettingsRepository } from '../../main/config/settings-file';
import { startCoveSimulator } from '../../main/simulator/cove-simulator';

const dataDir = process.argv[2];
const secrets = new KeytarSecretStore();

async function storeRoundTrip() {
  const account = 'probe-account';
  await secrets.set(account, 'first-secret');
  const first = await secrets.get(account);
  await secrets.set(account, 'second-secret');
  const replaced = await secrets.get(account);
  const deleted = await secrets.delete(account);
  const afterDelete = await secrets.get(account);
  return { first, replaced, deleted, afterDelete };
}

async function main() {
  const roundTrip = await storeRoundTrip();
  const sim = await startCoveSimulator({ devices: 30, seed: 3 });
  const settings = new JsonFileSettingsRepository(path.join(dataDir, 'config.json'));
  const app = new AppService({ dataDir, settings, secrets });
  const input = {
    coveUrl: sim.url,
    partner: sim.credentials.partner,
    username: sim.credentials.username,
    pollIntervalMinutes: 5,
    staleThresholdHours: { server: 24, workstation: 72, m365: 24, unknown: 24 },
    displayName: 'Probe Technician',
  };
  const wrong = await app.saveSettings({ ...input, coveToken: 'wrong-token' });
  const savedAfterWrong = await secrets.get(coveTokenAccount(sim.credentials.partner, sim.credentials.username));
  const right = await app.saveSettings({ ...input, coveToken: sim.credentials.token });
  const savedAfterRight = await secrets.get(coveTokenAccount(sim.credentials.partner, sim.credentials.username));
  const state = app.state();
  const view = await app.settingsView();
  await app.close();

  const output: string[] = [];
  const cliCode = await runStatusCli({
    argv: ['--json'],
    env: { COVE_TRAY_DATA_DIR: dataDir },
    stdout: (text) => output.push(text),
    stderr: (text) => output.push(text),
    secrets,
    isTty: false,
  });
  await sim.close();

  process.stdout.write(
    JSON.stringify({
      roundTrip,
      wrong: { ok: wrong.ok, field: wrong.ok ? null : wrong.field },
      savedAfterWrong,
      right: right.ok,
      tokenMatches: savedAfterRight === sim.credentials.token,
      token: sim.credentials.token,
      customers: state.customers.length,
      problem: state.poll.problem,
      view,
      cliCode,
      cliSource: cliCode === 0 ? JSON.parse(output.join('\n')).source : output.join('\n'),
    }),
  );
}

main().catch((error) => {
  process.stderr.write(`probe failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
