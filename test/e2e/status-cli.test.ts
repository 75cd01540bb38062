/**
 * The CLI end to end, as a technician runs it: a child process, real HTTP, a real SQLite file.
 * Checks the JSON shape exactly, the exit codes, the one-line errors, and that the token never
 * shows up in output or in the cache.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type CoveSimulator, startCoveSimulator } from '../../main/simulator/cove-simulator';
import { useTempDir } from '../helpers/temp-dir';

const ROOT = path.resolve(__dirname, '../..');
const tempDir = useTempDir();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const dataDir = env.COVE_TRAY_DATA_DIR ?? tempDir();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'main/cli/status-cli.ts'), ...args],
      {
        cwd: ROOT,
        // No session bus: the keychain is unavailable unless a test says otherwise.
        env: { PATH: process.env.PATH ?? '', HOME: dataDir, COVE_TRAY_DATA_DIR: dataDir, NO_COLOR: '1', ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

async function simulator(): Promise<CoveSimulator> {
  const sim = await startCoveSimulator({ devices: 40, seed: 5 });
  cleanups.push(() => sim.close());
  return sim;
}

const iso = z.iso.datetime();
const status = z.enum(['ok', 'warning', 'failed', 'stale', 'running', 'never', 'unknown']);
const times = { lastSessionAt: iso.nullable(), lastSuccessAt: iso.nullable(), errors: z.number().int().min(0) };
const reportSchema = z.strictObject({
  source: z.enum(['cove', 'demo']),
  asOf: iso,
  customers: z.array(
    z.strictObject({
      id: z.number().int(),
      name: z.string().min(1),
      status,
      counts: z.strictObject({ ok: z.number(), warning: z.number(), failed: z.number(), stale: z.number(), running: z.number(), never: z.number(), unknown: z.number() }),
      devices: z.array(
        z.strictObject({
          id: z.number().int(),
          name: z.string(),
          computer: z.string().nullable(),
          kind: z.enum(['server', 'workstation', 'm365', 'unknown']),
          partnerId: z.number().int(),
          status,
          coveStatus: z.number().int().nullable(),
          ...times,
          dataSources: z.array(z.strictObject({ code: z.string().regex(/^D\d\d$/), name: z.string(), status, coveStatus: z.number().int().nullable(), ...times })),
        }),
      ),
    }),
  ),
});

const SEVERITY = ['failed', 'stale', 'warning', 'unknown', 'never', 'running', 'ok'];

describe('npm run status', () => {
  it('with nothing configured, polls the built-in demo and prints the exact JSON shape, worst first', async () => {
    const run = await runCli(['--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(run.stdout));
    expect(report.source).toBe('demo');
    expect(report.customers.length).toBeGreaterThan(5);
    const ranks = report.customers.map((c) => SEVERITY.indexOf(c.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const customer of report.customers) {
      expect(customer.devices.length).toBe(Object.values(customer.counts).reduce((a, b) => a + b, 0));
      expect(customer.status).toBe(customer.devices[0].status);
    }
    expect(report.customers.flatMap((c) => c.devices).some((d) => d.lastSuccessAt === null)).toBe(true);
  });

  it('prints a compact table by default and says it is demo data', async () => {
    const dataDir = tempDir();
    const run = await runCli([], { COVE_TRAY_DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Demo data as of /);
    expect(run.stdout).toMatch(/STATUS\s+CUSTOMER\s+DEVICES\s+PROBLEMS/);
    expect(run.stdout).toMatch(/\d+ customers, \d+ devices: /);
    expect(run.stderr).toMatch(/No Cove account configured/);
    expect(fs.existsSync(path.join(dataDir, 'cache-demo.db'))).toBe(true);
  });

  it('polls a Cove account with the token from COVE_API_TOKEN, into the --db file', async () => {
    const sim = await simulator();
    const db = path.join(tempDir(), 'my-cache.db');
    const run = await runCli(['--json', '--cove-url', sim.url, '--partner', sim.credentials.partner, '--username', sim.credentials.username, '--db', db], {
      COVE_API_TOKEN: sim.credentials.token,
    });
    expect(run.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(run.stdout));
    expect(report.source).toBe('cove');
    expect(report.customers.flatMap((c) => c.devices)).toHaveLength(sim.fleet.devices().length);
    expect(fs.readFileSync(db).includes(sim.credentials.token)).toBe(false);
  });

  it('a wrong token exits 2 with one line naming the cause and the fix, never the token', async () => {
    const sim = await simulator();
    const token = 'not-the-right-token-123';
    const run = await runCli(['--cove-url', sim.url, '--partner', sim.credentials.partner, '--username', sim.credentials.username], { COVE_API_TOKEN: token });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: Cove refused the login \(error 2100.*exact.*\(email\)/);
    expect(run.stdout + run.stderr).not.toContain(token);
  });

  it('no token anywhere exits 2 and says where a token can come from', async () => {
    const sim = await simulator();
    const run = await runCli(['--cove-url', sim.url, '--partner', sim.credentials.partner, '--username', sim.credentials.username]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/COVE_API_TOKEN/);
  });

  it.each([
    [['--partner', 'Acme (it@acme.example)'], /--username .* is missing/],
    [['--bogus'], /Unknown option '--bogus'.*usage: npm run status/],
    [['--cove-url', 'not a url', '--partner', 'A', '--username', 'b'], /is not a URL/],
  ])('bad configuration %j exits 2', async (args, message) => {
    const run = await runCli(args, { COVE_API_TOKEN: 'x' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('Cove unreachable exits 3', async () => {
    const sim = await simulator();
    const url = sim.url;
    await sim.close();
    cleanups.splice(0);
    const run = await runCli(['--cove-url', url, '--partner', 'P', '--username', 'u'], { COVE_API_TOKEN: 't' });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error: Cove at .* could not be reached after 4 attempts \(connection refused\)/);
  });

  it('a server answering garbage exits 3', async () => {
    const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Login page</html>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jsonapi`;
    const run = await runCli(['--cove-url', url, '--partner', 'P', '--username', 'u'], { COVE_API_TOKEN: 't' });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/not a valid JSON-RPC response.*not JSON/);
  });

  it('several polls on one cache at once all succeed: each waits for the other\'s write', async () => {
    const sim = await simulator();
    const db = path.join(tempDir(), 'shared.db');
    const args = ['--cove-url', sim.url, '--partner', sim.credentials.partner, '--username', sim.credentials.username, '--db', db];
    const runs = await Promise.all([1, 2, 3].map(() => runCli(args, { COVE_API_TOKEN: sim.credentials.token })));
    expect(runs.map((r) => [r.code, r.stderr])).toEqual([[0, ''], [0, ''], [0, '']]);
  });

  it('a cache it cannot write exits 4 and names the file', async () => {
    const notAFile = tempDir();
    const run = await runCli(['--demo', '--db', notAFile]);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(notAFile);
  });
});
