/**
 * Type-checks the main process and the preload against Electron's own type definitions
 * (node_modules/electron/electron.d.ts) without the DOM library: `tsc -p tsconfig.electron.json`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

describe('typecheck:electron', () => {
  it('passes tsc --noEmit -p tsconfig.electron.json', async () => {
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.electron.json'], { cwd: ROOT, timeout: 170_000 }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, stdout: error.stdout ?? '' }),
    );
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  }, 180_000);
});
