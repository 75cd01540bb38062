/**
 * What the shell tests load in place of the built window: an index.html and one asset in a temp
 * dir of their own per test, next to the real tray icons.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

export const TRAY_DIR = path.resolve(__dirname, '../../resources/tray');

/** Registers the stand-in's setup and removal; its folder is `dir` while a test runs. */
export function useStubRenderer(): { readonly dir: string } {
  const stub = { dir: '' };
  beforeEach(() => {
    stub.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cove-renderer-'));
    fs.writeFileSync(path.join(stub.dir, 'index.html'), '<!doctype html><title>Cove</title>');
    fs.mkdirSync(path.join(stub.dir, 'assets'));
    fs.writeFileSync(path.join(stub.dir, 'assets', 'app.js'), 'console.log(1)');
  });
  afterEach(() => {
    fs.rmSync(stub.dir, { recursive: true, force: true });
  });
  return stub;
}
