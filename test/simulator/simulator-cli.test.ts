/**
 * `npm run simulator`: argument validation, and a real run answering a Login until SIGTERM.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { CliUsageError, parseSimulatorArgs } from '../../main/simulator/cli-args';
import { DEMO_CREDENTIALS } from '../../main/simulator/cove-simulator';
import { rpc } from './rpc-helpers';

const CLI = path.resolve(__dirname, '../../main/simulator/simulator-cli.ts');

describe('parseSimulatorArgs', () => {
  it('reads --name value and --name=value, with defaults', () => {
    expect(parseSimulatorArgs([])).toEqual({ port: 0, devices: 120, seed: 1, speed: 1, help: false });
    expect(parseSimulatorArgs(['--port', '8123', '--devices=500', '--seed', '-4', '--speed', '60'])).toEqual({
      port: 8123,
      devices: 500,
      seed: -4,
      speed: 60,
      help: false,
    });
  });

  it.each([
    [['--port', '70000'], /--port must be an integer between 0 and 65535 \(got '70000'\)/],
    [['--devices', 'many'], /--devices must be an integer/],
    [['--devices', '0'], /--devices/],
    [['--speed', '0'], /--speed must be a number above 0/],
    [['--seed', '1.5'], /--seed must be a 32-bit integer/],
    [['--seed', '99999999999'], /--seed must be a 32-bit integer/],
    [['--seed'], /--seed needs a value/],
    [['--colour', 'red'], /unknown option '--colour'/],
    [['devices'], /unknown option 'devices'/],
  ])('rejects %j with a one-line message', (argv, message) => {
    expect(() => parseSimulatorArgs(argv)).toThrow(CliUsageError);
    expect(() => parseSimulatorArgs(argv)).toThrow(message);
  });
});

describe('simulator CLI', () => {
  it('prints the URL and demo credentials on one line and serves until SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--devices', '30', '--seed', '9', '--speed', '10'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const url = /(http:\/\/127\.0\.0\.1:\d+\/jsonapi)/.exec(line)?.[1] as string;
      expect(url).toBeDefined();
      for (const value of Object.values(DEMO_CREDENTIALS)) expect(line).toContain(value);
      const login = await rpc(url, 'Login', {
        partner: DEMO_CREDENTIALS.partner,
        username: DEMO_CREDENTIALS.username,
        password: DEMO_CREDENTIALS.token,
      });
      expect(login.visa).toEqual(expect.any(String));
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('exits with status 2 and a one-line error for bad arguments', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--devices', 'lots'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain("--devices must be an integer between 1 and 200000 (got 'lots')");
  });
});
