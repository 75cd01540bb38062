/**
 * The security rules of the main process as pure functions, so they can be table-tested in
 * plain Node. This file must not import electron: the adapters in this folder apply the rules.
 */
import path from 'node:path';
import { contentSecurityPolicy } from '../app/content-security-policy';

/** The renderer is served from `app://cove-tray/`, never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'cove-tray';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The renderer needs no network at all: it talks to main over IPC only. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ asHeader: true });

/** Cove's management console; its subdomains are Cove's too. */
export const COVE_CONSOLE_HOST = 'backup.management';

/** The webPreferences every window gets; a local shape so this file needs no electron types. */
export interface SecureWebPreferences {
  preload: string;
  sandbox: true;
  contextIsolation: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  safeDialogs: true;
}

export function buildWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

function parseUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 4096) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * Whether a URL belongs to our own app origin. Compares scheme and host rather than
 * `URL.origin`: Node's URL reports `"null"` as the origin of non-special schemes like app:.
 */
export function isAppUrl(raw: unknown): boolean {
  const url = parseUrl(raw);
  // Node keeps the case of a non-special scheme's host; Chromium lower-cases standard schemes.
  return url !== null && url.protocol === `${APP_SCHEME}:` && url.host.toLowerCase() === APP_HOST && url.username === '' && url.password === '';
}

/** Navigation stays inside the app (a reload); everything else is refused. */
export function isAllowedNavigation(raw: unknown): boolean {
  return isAppUrl(raw);
}

export interface SenderFrameInfo {
  url: string | null | undefined;
  isMainFrame: boolean;
}

/** IPC is answered only for our own page in the top frame (Electron security checklist #17). */
export function isTrustedSender(frame: SenderFrameInfo | null | undefined): boolean {
  return frame != null && frame.isMainFrame && isAppUrl(frame.url);
}

interface AllowedHost {
  hostname: string;
  port: string;
}

/** `example.com`, `example.com:8443` or `https://example.com:8443/path` → hostname and port. */
function parseAllowedHost(entry: string): AllowedHost | null {
  const trimmed = entry.trim();
  if (!trimmed) return null;
  const url = parseUrl(trimmed.includes('://') ? trimmed : `https://${trimmed}`);
  if (!url || url.protocol !== 'https:' || !url.hostname) return null;
  return { hostname: url.hostname, port: url.port };
}

/**
 * The only URLs we hand to `shell.openExternal`: `https:` on Cove's console or the configured
 * Backupchecks host (and their subdomains), no credentials in the URL, default port unless the
 * allow-list names one. Returns the normalised URL to open, or null.
 * Hostnames are compared after WHATWG normalisation (lower case, IDN → punycode), so
 * look-alike and suffix tricks (`backup.management.evil.test`) fail.
 */
export function safeExternalUrl(raw: unknown, extraHosts: readonly string[] = []): string | null {
  const url = parseUrl(raw);
  if (!url || url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  const allowed = [COVE_CONSOLE_HOST, ...extraHosts].map(parseAllowedHost).filter((h): h is AllowedHost => h !== null);
  const ok = allowed.some(
    (host) => url.port === host.port && (url.hostname === host.hostname || url.hostname.endsWith(`.${host.hostname}`)),
  );
  return ok ? url.href : null;
}

export function isSafeExternalUrl(raw: unknown, extraHosts: readonly string[] = []): boolean {
  return safeExternalUrl(raw, extraHosts) !== null;
}

/**
 * Response headers with our CSP for the app's own pages (app: and file:); `null` leaves
 * other responses untouched. Any CSP the response already had is replaced, whatever its case.
 */
export function headersWithCsp(
  url: string,
  headers: Record<string, string | string[]> | undefined,
): Record<string, string | string[]> | null {
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  if (scheme !== `${APP_SCHEME}:` && scheme !== 'file:') return null;
  const next: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'x-content-type-options') continue;
    next[name] = value;
  }
  next['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  next['X-Content-Type-Options'] = ['nosniff'];
  return next;
}

/**
 * The file an `app://cove-tray/...` request may read: inside `rootDir` only. Returns null for
 * other origins, undecodable or NUL-bearing paths, and anything that escapes the folder
 * (`..`, encoded `%2e%2e`, backslashes on Windows, absolute paths).
 */
export function resolveAppFile(rootDir: string, requestUrl: string, pathApi: path.PlatformPath = path): string | null {
  const url = parseUrl(requestUrl);
  if (!url || !isAppUrl(requestUrl)) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const root = pathApi.resolve(rootDir);
  const file = pathApi.resolve(root, `.${pathApi.sep}${relative.replace(/^[\\/]+/, '')}`);
  const fromRoot = pathApi.relative(root, file);
  if (fromRoot === '' || fromRoot.startsWith('..') || pathApi.isAbsolute(fromRoot)) return null;
  return file;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
