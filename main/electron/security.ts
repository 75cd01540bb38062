/**
 * Applies the policies of security-policy.ts to Electron: CSP on our pages, no permissions,
 * no navigation away, no new windows, no <webview>.
 */
import { type Session, type WebContents, app } from 'electron';
import { headersWithCsp, isAllowedNavigation } from './security-policy';

/** Denies every permission (we need none: notifications come from main) and adds our CSP header. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = headersWithCsp(details.url, details.responseHeaders);
    callback(responseHeaders ? { responseHeaders } : {});
  });
}

/**
 * Navigation stays on the app's page; window.open is always denied, though an allow-listed
 * https link (e.g. a target=_blank link to Cove's console) opens in the browser instead.
 */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => Promise<boolean>): void {
  const guard = (event: { url: string; preventDefault(): void }) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternal(url).catch(() => false);
    return { action: 'deny' };
  });
}

export function hardenAllWebContents(openExternal: (url: string) => Promise<boolean>): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));
}
