/**
 * The keychain against a real Secret Service: GNOME Keyring in a private D-Bus session, started
 * here (CI installs the packages). Store, read, replace, delete; the settings flow that checks a
 * token with a live Login before keeping it; the CLI reading it back; and afterwards no trace of
 * the token in SQLite, the settings file or anything printed.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir';

const ROOT = path.resolve(__dirname, '../..');
const tempDir = useTempDir();

function available(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const hasKeyring = available('dbus-run-session') && available('gnome-keyring-daemon');
if (!hasKeyring && process.env.CI) {
  throw new Error('The keychain tests need dbus-run-session and gnome-keyring-daemon (Debian: dbus, gnome-keyring); .ci/run installs them.');
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe.skipIf(!hasKeyring)('OS keychain (GNOME Keyring via Secret Service)', () => {
  it('stores, reads, replaces and deletes; keeps the token only in the keychain', async () => {
    const dataDir = tempDir();
    const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
      execFile(
        'dbus-run-session',
        ['--', 'sh', path.join(ROOT, 'test/keychain/with-keyring.sh'), process.execPath, '--import', 'tsx', path.join(ROOT, 'test/keychain/keychain-probe.ts'), dataDir],
        { cwd: ROOT, timeout: 90_000, env: { PATH: process.env.PATH ?? '' } },
        (error, out, err) => resolve({ stdout: out, stderr: err, code: error ? Number(error.code ?? 1) : 0 }),
      );
    });
    expect(code, stderr).toBe(0);
    const probe = JSON.parse(stdout);

    expect(probe.roundTrip).toEqual({ first: 'first-secret', replaced: 'second-secret', deleted: true, afterDelete: null });
    // A wrong token is refused by a live Login and never saved.
    expect(probe.wrong).toEqual({ ok: false, field: 'coveToken' });
    expect(probe.savedAfterWrong).toBeNull();
    // The right one is saved in the keychain and the app polls with it.
    expect(probe.right).toBe(true);
    expect(probe.tokenMatches).toBe(true);
    expect(probe.problem).toBeNull();
    expect(probe.customers).toBeGreaterThan(0);
    expect(probe.view).toMatchObject({ coveTokenSaved: true, keychainAvailable: true });
    expect(JSON.stringify(probe.view)).not.toContain(probe.token);
    // The CLI finds the token in the keychain on its own.
    expect(probe.cliCode).toBe(0);
    expect(probe.cliSource).toBe('cove');

    // No trace of the token in SQLite, the settings file, or anything printed.
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('cache.db'))).toBe(true);
    expect(files.some((f) => f.endsWith('config.json'))).toBe(true);
    for (const file of files) expect(fs.readFileSync(file).includes(probe.token), file).toBe(false);
    expect(stderr).not.toContain(probe.token);
    expect(stdout.replace(JSON.stringify(probe.token), '')).not.toContain(probe.token);
  }, 120_000);
});
