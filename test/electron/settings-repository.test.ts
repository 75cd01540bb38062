/**
 * Settings persistence: zod on read and write, defaults for a missing or broken file, unknown
 * keys (a token included) never written, and the file the CLI reads is the one the app writes.
 * Runs against `conf`, electron-store's Electron-free core with the same options and format.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ELECTRON_STORE_OPTIONS, type JsonStore, StoreSettingsRepository } from '../../main/electron/settings-repository';
import { settingsFilePath } from '../../main/config/app-paths';
import { DEFAULT_SETTINGS, type Settings, readSettingsFile } from '../../main/config/settings';

class MemoryStore implements JsonStore {
  constructor(public store: Record<string, unknown> = {}) {}
}

const custom: Settings = {
  ...DEFAULT_SETTINGS,
  cove: { url: 'https://api.backup.management/jsonapi', partner: 'Acme (admin@acme.example)', username: 'api-user' },
  pollIntervalMinutes: 10,
};

describe('StoreSettingsRepository', () => {
  it('reads defaults from an empty store', () => {
    expect(new StoreSettingsRepository(new MemoryStore()).read()).toEqual(DEFAULT_SETTINGS);
  });

  it('round-trips settings', () => {
    const repo = new StoreSettingsRepository(new MemoryStore());
    repo.write(custom);
    expect(repo.read()).toEqual(custom);
  });

  it('falls back to the defaults (and says so) when the stored value is invalid', () => {
    const warnings: string[] = [];
    const store = new MemoryStore({ ...custom, pollIntervalMinutes: -3 });
    const repo = new StoreSettingsRepository(store, (m) => warnings.push(m));
    expect(repo.read()).toEqual(DEFAULT_SETTINGS);
    expect(warnings[0]).toMatch(/pollIntervalMinutes/);
    // The user's file is not overwritten by a read.
    expect(store.store.pollIntervalMinutes).toBe(-3);
  });

  it('refuses to write invalid settings', () => {
    const store = new MemoryStore();
    const repo = new StoreSettingsRepository(store);
    expect(() => repo.write({ ...custom, pollIntervalMinutes: 0 })).toThrow();
    expect(store.store).toEqual({});
  });

  it('never writes keys outside the schema, such as a token', () => {
    const store = new MemoryStore();
    new StoreSettingsRepository(store).write({ ...custom, coveToken: 'SECRET', cove: { ...custom.cove, token: 'SECRET' } } as Settings);
    expect(JSON.stringify(store.store)).not.toContain('SECRET');
  });
});

describe('with the electron-store file format (conf)', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cove-settings-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const open = () => new Conf<Settings>({ cwd: dir, configName: ELECTRON_STORE_OPTIONS.name, defaults: ELECTRON_STORE_OPTIONS.defaults, clearInvalidConfig: true });

  it('writes config.json where the CLI looks, without secrets, and the CLI reads the same settings', () => {
    const repo = new StoreSettingsRepository(open());
    repo.write({ ...custom, token: 'SECRET' } as Settings);
    const file = settingsFilePath(dir);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('SECRET');
    expect(readSettingsFile(file)).toEqual(custom);
    expect(new StoreSettingsRepository(open()).read()).toEqual(custom);
  });

  it('starts from the defaults when the file is not JSON', () => {
    fs.writeFileSync(settingsFilePath(dir), '{ not json');
    expect(new StoreSettingsRepository(open()).read()).toEqual(DEFAULT_SETTINGS);
  });
});
