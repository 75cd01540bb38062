/**
 * Table tests for the pure security rules: which links may open in the browser, which IPC
 * senders are ours, where the window may navigate, which files app:// may serve, the CSP.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  buildWebPreferences,
  headersWithCsp,
  isAllowedNavigation,
  isSafeExternalUrl,
  isTrustedSender,
  mimeTypeOf,
  resolveAppFile,
  safeExternalUrl,
} from '../../main/electron/security-policy';
import { contentSecurityPolicy } from '../../main/app/content-security-policy';

describe('safeExternalUrl', () => {
  const allowed: [string, string][] = [
    ['https://backup.management/', 'https://backup.management/'],
    ['https://backup.management/#/dashboard?partner=1', 'https://backup.management/#/dashboard?partner=1'],
    ['https://eu.backup.management/x', 'https://eu.backup.management/x'],
    ['https://a.b.backup.management/', 'https://a.b.backup.management/'],
    // Normalised before the check and before opening.
    ['HTTPS://BACKUP.MANAGEMENT/Path', 'https://backup.management/Path'],
    ['https://backup.management:443/', 'https://backup.management/'],
    ['  https://backup.management/  ', 'https://backup.management/'],
  ];
  for (const [input, expected] of allowed) {
    it(`allows ${JSON.stringify(input)}`, () => expect(safeExternalUrl(input)).toBe(expected));
  }

  const refused: [string, unknown][] = [
    ['javascript:', 'javascript:alert(document.domain)'],
    ['JavaScript: in capitals', 'JAVASCRIPT:alert(1)'],
    ['javascript with leading whitespace', ' \tjavascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['smb:', 'smb://backup.management/share'],
    ['ms-settings-style handler', 'ms-msdt:/id PCWDiagnostic'],
    ['http:', 'http://backup.management/'],
    ['ftp:', 'ftp://backup.management/'],
    ['suffix trick', 'https://backup.management.evil.test/'],
    ['prefix trick', 'https://evilbackup.management/'],
    ['lookalike with dash', 'https://backup-management.com/'],
    ['userinfo host trick', 'https://backup.management@evil.test/'],
    ['userinfo with password', 'https://user:pass@backup.management/'],
    ['username only', 'https://user@backup.management/'],
    ['encoded at-sign', 'https://backup.management%40evil.test/'],
    ['backslash trick', 'https://evil.test\\@backup.management/'],
    ['IDN homograph (Cyrillic а)', 'https://bаckup.management/'],
    ['punycode lookalike', 'https://xn--bckup-4ve.management/'],
    ['trailing dot', 'https://backup.management./'],
    ['non-default port', 'https://backup.management:8443/'],
    ['IP address', 'https://127.0.0.1/'],
    ['protocol-relative', '//backup.management/'],
    ['relative', '/settings'],
    ['empty', ''],
    ['not a string', { href: 'https://backup.management/' }],
    ['number', 42],
    ['null', null],
    ['very long', `https://backup.management/${'a'.repeat(5000)}`],
  ];
  for (const [name, input] of refused) {
    it(`refuses ${name}`, () => {
      expect(safeExternalUrl(input)).toBeNull();
      expect(isSafeExternalUrl(input)).toBe(false);
    });
  }

  it('adds the configured Backupchecks host (and its subdomains), with its port if it names one', () => {
    const hosts = ['backupchecks.example.net', 'https://review.example.org:8443/base'];
    expect(safeExternalUrl('https://backupchecks.example.net/runs/1', hosts)).toBe('https://backupchecks.example.net/runs/1');
    expect(safeExternalUrl('https://eu.backupchecks.example.net/', hosts)).toBe('https://eu.backupchecks.example.net/');
    expect(safeExternalUrl('https://review.example.org:8443/x', hosts)).toBe('https://review.example.org:8443/x');
    expect(safeExternalUrl('https://review.example.org/x', hosts)).toBeNull();
    expect(safeExternalUrl('https://backupchecks.example.net.evil.test/', hosts)).toBeNull();
    expect(safeExternalUrl('http://backupchecks.example.net/', hosts)).toBeNull();
  });

  it('ignores allow-list entries that are not https hosts', () => {
    expect(safeExternalUrl('https://evil.test/', ['', '  ', 'http://evil.test', 'javascript:alert(1)'])).toBeNull();
    expect(safeExternalUrl('https://backup.management/', [])).toBe('https://backup.management/');
  });
});

describe('isTrustedSender', () => {
  const cases: [string, Parameters<typeof isTrustedSender>[0], boolean][] = [
    ['our page, top frame', { url: APP_ENTRY_URL, isMainFrame: true }, true],
    ['our page with a hash route', { url: 'app://cove-tray/index.html#/customers/5', isMainFrame: true }, true],
    ['upper-case scheme and host (normalised)', { url: 'APP://COVE-TRAY/index.html', isMainFrame: true }, true],
    ['our page in a subframe', { url: APP_ENTRY_URL, isMainFrame: false }, false],
    ['another app host', { url: 'app://evil/index.html', isMainFrame: true }, false],
    ['look-alike host', { url: 'app://cove-tray.evil.test/index.html', isMainFrame: true }, false],
    ['userinfo', { url: 'app://x@cove-tray/index.html', isMainFrame: true }, false],
    ['with a port', { url: 'app://cove-tray:8080/index.html', isMainFrame: true }, false],
    ['file:', { url: 'file:///app/index.html', isMainFrame: true }, false],
    ['https:', { url: 'https://cove-tray/index.html', isMainFrame: true }, false],
    ['about:blank', { url: 'about:blank', isMainFrame: true }, false],
    ['empty url', { url: '', isMainFrame: true }, false],
    ['missing url', { url: undefined, isMainFrame: true }, false],
    ['no frame', null, false],
  ];
  for (const [name, frame, expected] of cases) {
    it(`${expected ? 'trusts' : 'refuses'} ${name}`, () => expect(isTrustedSender(frame)).toBe(expected));
  }
});

describe('isAllowedNavigation', () => {
  it.each([
    ['app://cove-tray/index.html', true],
    ['app://cove-tray/', true],
    ['app://other/index.html', false],
    ['https://backup.management/', false],
    ['http://localhost:5173/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,hi', false],
    ['about:blank', false],
  ])('%s → %s', (url, expected) => expect(isAllowedNavigation(url)).toBe(expected));
});

describe('resolveAppFile', () => {
  const root = '/opt/app/out/renderer';
  it.each([
    ['app://cove-tray/index.html', '/opt/app/out/renderer/index.html'],
    ['app://cove-tray/', '/opt/app/out/renderer/index.html'],
    ['app://cove-tray', '/opt/app/out/renderer/index.html'],
    ['app://cove-tray/assets/index-abc.js?v=1#x', '/opt/app/out/renderer/assets/index-abc.js'],
    ['app://cove-tray/assets/my%20font.woff2', '/opt/app/out/renderer/assets/my font.woff2'],
    ['app://cove-tray/sub/', '/opt/app/out/renderer/sub/index.html'],
  ])('serves %s', (url, file) => expect(resolveAppFile(root, url)).toBe(file));

  it.each([
    // The URL parser already folds plain and %2e dot segments: what is left stays inside.
    ['app://cove-tray/../secret.txt'],
    ['app://cove-tray/%2e%2e/%2e%2e/etc/passwd'],
    ['app://cove-tray/%2Fetc%2Fpasswd'],
  ])('keeps %s inside the folder', (url) => {
    const file = resolveAppFile(root, url);
    expect(file).not.toBeNull();
    expect(path.relative(root, file!).startsWith('..')).toBe(false);
  });

  it.each([
    ['app://cove-tray/..%2F..%2Fetc%2Fpasswd'],
    ['app://cove-tray/assets/..%2F..%2F..%2Fetc%2Fpasswd'],
    ['app://cove-tray/..%2fsecret.txt'],
    ['app://cove-tray/index.html%00.png'],
    ['app://cove-tray/%E0%A4%A'],
    ['app://other-host/index.html'],
    ['app://x@cove-tray/index.html'],
    ['https://cove-tray/index.html'],
    ['file:///opt/app/out/renderer/index.html'],
    ['not a url'],
  ])('refuses %s', (url) => expect(resolveAppFile(root, url)).toBeNull());

  it('keeps Windows backslash tricks inside the folder', () => {
    const winRoot = 'C:\\Program Files\\Cove\\resources\\renderer';
    expect(resolveAppFile(winRoot, 'app://cove-tray/..%5C..%5Csecret.txt', path.win32)).toBeNull();
    expect(resolveAppFile(winRoot, 'app://cove-tray/assets%5C..%5C..%5Csecret.txt', path.win32)).toBeNull();
    const drive = resolveAppFile(winRoot, 'app://cove-tray/C:%5CWindows%5Cwin.ini', path.win32);
    if (drive !== null) expect(drive.startsWith(`${winRoot}\\`)).toBe(true);
    expect(resolveAppFile(winRoot, 'app://cove-tray/%5C%5Cserver%5Cshare%5Cx', path.win32)?.startsWith(`${winRoot}\\`) ?? true).toBe(true);
    expect(resolveAppFile(winRoot, 'app://cove-tray/index.html', path.win32)).toBe(`${winRoot}\\index.html`);
  });
});

describe('headersWithCsp', () => {
  it('sets our policy on app: and file: responses, replacing any other in whatever case', () => {
    expect(headersWithCsp('app://cove-tray/index.html', { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] })).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      'X-Content-Type-Options': ['nosniff'],
    });
    expect(headersWithCsp('FILE:///x/index.html', undefined)?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('leaves other responses alone', () => {
    expect(headersWithCsp('https://api.backup.management/jsonapi', {})).toBeNull();
    expect(headersWithCsp('http://127.0.0.1:5000/', {})).toBeNull();
    expect(headersWithCsp('devtools://devtools/bundled/x.html', {})).toBeNull();
  });

  it('is the header form of the window\'s one policy (main/app/content-security-policy.ts)', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(contentSecurityPolicy({ asHeader: true }));
  });

  it('is the strict policy from the issue, letter for letter', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });
});

describe('buildWebPreferences', () => {
  it('sandboxes and isolates the renderer and turns off Node, webview and insecure content', () => {
    expect(buildWebPreferences('/p/index.cjs')).toEqual({
      preload: '/p/index.cjs',
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
    });
  });
});

describe('mimeTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a/b.JS', 'text/javascript; charset=utf-8'],
    ['x.css', 'text/css; charset=utf-8'],
    ['f.woff2', 'font/woff2'],
    ['unknown.bin', 'application/octet-stream'],
  ])('%s → %s', (file, type) => expect(mimeTypeOf(file)).toBe(type));
});
