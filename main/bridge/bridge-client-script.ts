/**
 * Compiles renderer/bridge-client.ts (window.coveTray over HTTP) into one classic script for the
 * bridge to serve. Done on start with esbuild (a dev dependency, like the bridge itself), so the
 * client stays out of the window's own build.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
export const BRIDGE_CLIENT_ENTRY = path.resolve(here, '../../renderer/bridge-client.ts');

let cached: Promise<string> | null = null;

export function bridgeClientScript(): Promise<string> {
  cached ??= build({
    entryPoints: [BRIDGE_CLIENT_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
  }).then(
    (result) => result.outputFiles[0].text,
    (error: unknown) => {
      cached = null;
      throw error;
    },
  );
  return cached;
}
