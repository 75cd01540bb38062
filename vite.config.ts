/**
 * Builds the window (renderer/index.html) into out/renderer with relative URLs, so the same files
 * load from the app's custom protocol and from the browser bridge. The CSP goes in as a <meta>
 * tag; the Electron protocol handler and the bridge also send it as a header.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';
import { contentSecurityPolicy } from './main/app/content-security-policy.js';

const root = path.dirname(fileURLToPath(import.meta.url));

function cspMeta(): Plugin {
  return {
    name: 'cove-tray-csp',
    transformIndexHtml: {
      order: 'pre',
      // Right after the charset, before any script, so it governs everything that follows.
      handler: (html) => html.replace(/(<meta charset="utf-8" \/>)/, `$1\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}" />`),
    },
  };
}

export default defineConfig(({ command }) => ({
  root: path.join(root, 'renderer'),
  base: './',
  publicDir: false,
  plugins: [cspMeta()],
  // A build is always production React and production JSX, even when a test run (NODE_ENV=test) starts it.
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  oxc: command === 'build' ? { jsx: { runtime: 'automatic', development: false } } : undefined,
  build: {
    outDir: path.join(root, 'out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    // Nothing inline: the CSP allows scripts, styles and images from 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // V8's explicit compile hint (https://v8.dev/blog/explicit-compile-hints): the window runs
        // most of its bundle on load, so compile all of it on the background thread that streams the
        // script in, rather than function by function on the main thread while the first list renders.
        // After minification, which would strip the comment.
        postBanner: (chunk) => (chunk.isEntry ? '//# allFunctionsCalledOnLoad' : ''),
      },
    },
  },
  logLevel: 'warn',
}));
