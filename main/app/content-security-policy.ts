/**
 * The window's Content Security Policy, one source for every place that serves the renderer:
 * the build puts it in a <meta> tag (vite.config.ts), the Electron protocol handler and the
 * browser bridge send it as a header. The renderer needs no network at all; only the browser bridge, which stands in for
 * IPC with HTTP on its own origin, may connect back to 'self'.
 */

export interface CspOptions {
  /** Browser bridge only: lets the page call /api on its own origin. */
  connectSelf?: boolean;
  /** Headers only: `frame-ancestors` is ignored (with a console warning) in a <meta> tag. */
  asHeader?: boolean;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${options.connectSelf ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ];
  if (options.asHeader) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}
