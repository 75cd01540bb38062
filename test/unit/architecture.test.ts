/**
 * Keeps the layers honest: only main/electron/ (and the preload bridge) may import electron, the renderer never reaches
 * for Node, native modules or secrets, and the domain code stays Electron-free.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|cts)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

const importsOf = (file: string) =>
  [...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('layering', () => {
  // The preload bridge is Electron by nature; everything else reaches Electron through main/electron/.
  it('imports electron only inside main/electron/ (and the preload bridge)', () => {
    const offenders = [...sourceFiles('main'), ...sourceFiles('renderer')]
      .filter((f) => !f.startsWith(`main${path.sep}electron${path.sep}`))
      .filter((f) => importsOf(f).some((m) => m === 'electron' || m.startsWith('electron/')));
    expect(offenders).toEqual([]);
  });

  it('keeps Node, native modules and secrets out of the renderer', () => {
    const forbidden = /^(node:|fs$|path$|child_process$|better-sqlite3$|keytar$|electron-store$|axios$)/;
    const offenders = sourceFiles('renderer').filter((f) => importsOf(f).some((m) => forbidden.test(m)));
    expect(offenders).toEqual([]);
  });

  // The window shares the domain's vocabulary instead of copying it, but only these pure modules.
  const RENDERER_SHARED = ['main/cove/session-status.ts', 'main/monitor/backup-status.ts', 'main/monitor/status-rules.ts'];

  it('lets the renderer reach into main/ only for the shared pure vocabulary', () => {
    const reached = sourceFiles('renderer').flatMap((f) =>
      importsOf(f)
        .filter((m) => m.startsWith('.') && path.resolve(ROOT, path.dirname(f), m).startsWith(path.join(ROOT, 'main')))
        .map((m) => `${path.relative(ROOT, path.resolve(ROOT, path.dirname(f), m))}.ts`),
    );
    expect(reached.filter((m) => !RENDERER_SHARED.includes(m))).toEqual([]);
  });

  it('keeps that shared vocabulary pure: it imports nothing but itself', () => {
    for (const file of RENDERER_SHARED) {
      const imports = importsOf(file).map((m) => `${path.relative(ROOT, path.resolve(ROOT, path.dirname(file), m))}.ts`);
      expect(imports.filter((m) => !RENDERER_SHARED.includes(m)), file).toEqual([]);
    }
  });

  it('keeps the domain code free of the Electron adapters', () => {
    const offenders = sourceFiles('main')
      .filter((f) => !f.startsWith(`main${path.sep}electron${path.sep}`))
      .filter((f) => importsOf(f).some((m) => m.includes('/electron/') || m.startsWith('./electron')));
    expect(offenders).toEqual([]);
  });
});
