/**
 * Bundles the Electron main process (main/electron/main.ts → out/main/main.cjs) and the
 * preload (preload/index.ts → out/preload/index.cjs) with esbuild. Both are CommonJS: a
 * sandboxed preload cannot load ESM, and one bundle keeps electron-store (ESM-only) working
 * in main. Native modules and electron stay external. Needs no Electron binary.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';
// --outdir=<dir> lets the tests build elsewhere than out/.
const outDir = path.resolve(root, process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'out');
// Read, never require('electron'): that would try to download the binary.
const electronVersion = JSON.parse(await fs.readFile(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const common = {
  bundle: true,
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/electron/main.ts'],
    outfile: path.join(outDir, 'main/main.cjs'),
    platform: 'node',
    target: 'node22',
    // Native addons load from node_modules (app.asar.unpacked when packaged); electron is the runtime itself.
    external: ['electron', 'better-sqlite3', 'keytar'],
  }),
  build({
    ...common,
    entryPoints: ['preload/index.ts'],
    outfile: path.join(outDir, 'preload/index.cjs'),
    // Sandboxed preloads get a browser-like environment that can require('electron') only.
    platform: 'browser',
    target: 'chrome130',
    external: ['electron'],
  }),
]);

const shown = path.relative(root, outDir) || '.';
console.log(`Built ${shown}/main/main.cjs and ${shown}/preload/index.cjs for Electron ${electronVersion}${production ? ' (production)' : ''}`);
