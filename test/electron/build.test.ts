/**
 * The esbuild step and the built bundle: main and preload come out as CommonJS, the preload
 * needs nothing but electron, main keeps only electron and the native modules external, and
 * the real main bundle boots in plain Node against a stub electron (demo mode: first poll,
 * IPC answer, sender refusal, app:// with CSP, clean quit). No Electron binary involved.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/security-policy';
import { DEFAULT_SETTINGS } from '../../main/config/settings';
import { INVOKE_CHANNELS } from '../../preload/contract';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
let outDir: string;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cove-build-'));
  await run(process.execPath, ['scripts/build-main.mjs', `--outdir=${outDir}`], { cwd: ROOT });
}, 120_000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const requiresOf = (code: string) => [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]))];

describe('build:main', () => {
  it('bundles the preload into one CommonJS file that only requires electron', () => {
    const code = fs.readFileSync(path.join(outDir, 'preload/index.cjs'), 'utf8');
    expect(requiresOf(code)).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/\bimport\(/);
    expect(code).toContain('"app:get-state"');
    expect(code).toContain('exposeInMainWorld("coveTray"');
  });

  it('bundles main into CommonJS with only electron, the native modules and Node built-ins left outside', () => {
    const code = fs.readFileSync(path.join(outDir, 'main/main.cjs'), 'utf8');
    expect(code).not.toMatch(/^\s*import\s/m);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    // ajv embeds require("ajv/dist/runtime/…") inside generated-code strings; those never run as requires.
    const external = requiresOf(code).filter((m) => !builtins.has(m) && !m.startsWith('ajv'));
    expect(external.sort()).toEqual(['better-sqlite3', 'electron']);
    // keytar stays a lazy import, so a missing keychain module cannot stop the app from starting.
    expect(code).toMatch(/import\("keytar"\)|require\("keytar"\)/);
  });

  it('boots the real main bundle in plain Node against a stub electron and quits cleanly', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'cove-smoke-'));
    try {
      const { stdout } = await run(process.execPath, ['-r', path.join(__dirname, 'fixtures/electron-stub.cjs'), path.join(outDir, 'main/main.cjs')], {
        cwd: ROOT,
        timeout: 90_000,
        env: { ...process.env, SMOKE_USER_DATA: userData, SMOKE_APP_PATH: ROOT, NODE_PATH: path.join(ROOT, 'node_modules'), COVE_TRAY_DATA_DIR: '' },
      });
      const line = stdout.split('\n').find((l) => l.startsWith('SMOKE '));
      expect(line, stdout).toBeDefined();
      const report = JSON.parse(line!.slice('SMOKE '.length));
      expect(report.error).toBeUndefined();
      expect(report).toMatchObject({
        schemes: ['app'],
        sandbox: true,
        loadedUrl: 'app://cove-tray/index.html',
        state: { source: 'demo', dataUnavailable: false },
        refused: expect.stringMatching(/^Refused app:get-state/),
        page: { csp: CONTENT_SECURITY_POLICY },
        trayDestroyed: true,
        quitCleanly: true,
      });
      expect(report.state.customers).toBeGreaterThan(0);
      expect(report.channels).toHaveLength(INVOKE_CHANNELS.length);
      expect(report.trayIcon).toBe(path.join(ROOT, 'resources/tray/linux/demo-24.png'));
      // Notifications (issue 4): the failing count joins the tooltip; the first poll raised notifications.
      expect(report.tooltip).toMatch(/^Cove Tray Monitor – Demo data\n.*\n(\d+ failing devices?.*\n)?Data from just now$/);
      expect(report.notifications).toBeGreaterThan(0);
      // electron-store wrote the settings file the CLI reads, and no secret.
      expect(Object.keys(JSON.parse(fs.readFileSync(path.join(userData, 'config.json'), 'utf8'))).sort()).toEqual(
        Object.keys(DEFAULT_SETTINGS).sort(),
      );
    } finally {
      fs.rmSync(userData, { recursive: true, force: true });
    }
  }, 120_000);
});
