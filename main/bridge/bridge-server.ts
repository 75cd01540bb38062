/**
 * The browser bridge's HTTP side, on 127.0.0.1 only: serves the built window with the app's
 * strict CSP (plus `connect-src 'self'`, which only the bridge needs), the bridge client script,
 * and the window contract over HTTP — POST /api/invoke, Server-Sent Events on /api/events.
 */
import fs from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { AppState, EventChannel, EventContract } from '../../preload/contract';
import { contentSecurityPolicy } from '../app/content-security-policy';
import { BadRequestError, type BridgeHandlers, type ExtraChannels, isInvokeChannel, validateRequest } from './bridge-handlers';

export interface BridgeServerOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  handlers: BridgeHandlers;
  /** More channels with their own request checks (notifications, uploads…). */
  extraChannels?: ExtraChannels;
  /** Subscribes to state pushes; returns the unsubscribe function. */
  onStateChanged(listener: (state: AppState) => void): () => void;
  /** The compiled bridge client (window.coveTray over HTTP). */
  clientScript: string;
  /** Loopback only; default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
}

export interface BridgeServer {
  url: string;
  /** Sends an event to every open window (e.g. app:navigate from a test). */
  push<E extends EventChannel>(channel: E, payload: EventContract[E]): void;
  /** How many windows are listening for events. */
  listeners(): number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const KEEPALIVE_MS = 15_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export const BRIDGE_CSP = contentSecurityPolicy({ connectSelf: true, asHeader: true });

/** The built index.html with the bridge's CSP and the bridge client loaded before the app bundle. */
export function bridgeIndexHtml(html: string): string {
  const meta = /<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>/;
  if (!meta.test(html)) throw new Error('The built index.html has no CSP <meta> tag; rebuild the renderer (npm run build:renderer).');
  const withCsp = html.replace(meta, `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ connectSelf: true })}" />`);
  const firstScript = withCsp.indexOf('<script');
  if (firstScript < 0) throw new Error('The built index.html loads no script.');
  return `${withCsp.slice(0, firstScript)}<script src="./bridge-client.js" defer></script>\n    ${withCsp.slice(firstScript)}`;
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new RangeError(`The browser bridge only listens on loopback, not '${host}'.`);
  const rendererDir = path.resolve(options.rendererDir);
  const indexHtml = bridgeIndexHtml(await fs.readFile(path.join(rendererDir, 'index.html'), 'utf8'));
  const streams = new Set<ServerResponse>();
  let origin = '';
  /** Our own origins: the address we listen on, and localhost on the same port. */
  let origins = new Set<string>();

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      ...extra,
    });
    res.end(body);
  };
  const sendJson = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

  const writeEvent = (res: ServerResponse, channel: string, payload: unknown) => {
    res.write(`event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`);
  };

  const pushAll = (channel: string, payload: unknown) => {
    for (const res of streams) writeEvent(res, channel, payload);
  };
  const unsubscribe = options.onStateChanged((state) => pushAll('app:state-changed', state));
  const keepalive = setInterval(() => {
    for (const res of streams) res.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  keepalive.unref();

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    if (pathname === '/' || pathname === '/index.html') {
      return send(res, 200, CONTENT_TYPES['.html'], indexHtml, { 'Content-Security-Policy': BRIDGE_CSP });
    }
    if (pathname === '/bridge-client.js') return send(res, 200, CONTENT_TYPES['.js'], options.clientScript);
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return send(res, 400, 'text/plain', 'Bad Request');
    }
    const file = path.resolve(rendererDir, `.${decoded}`);
    if (!file.startsWith(rendererDir + path.sep)) return send(res, 404, 'text/plain', 'Not Found');
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return send(res, 404, 'text/plain', 'Not Found');
    }
    // Vite names each built asset after a hash of its content: a new build is a new name, so the
    // browser may keep these (and the compiled code of the bundle) for good. The page and the API stay no-store.
    const hashed = /^\/assets\/[^/]+-[\w-]{8}\.\w+$/.test(pathname);
    send(res, 200, CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', body, hashed ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {});
  }

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only our own page may call: a foreign page (CSRF) sends its own Origin, and JSON needs a preflight.
    if (req.headers.origin !== undefined && !origins.has(req.headers.origin)) return sendJson(res, 403, { ok: false, error: 'Foreign origin' });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(res, 415, { ok: false, error: 'Send JSON' });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return sendJson(res, 413, { ok: false, error: 'Request too large' });
      chunks.push(chunk as Buffer);
    }
    let body: { channel?: unknown; request?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return sendJson(res, 400, { ok: false, error: 'Invalid JSON' });
    }
    const channel = body?.channel;
    if (!isInvokeChannel(channel)) return sendJson(res, 400, { ok: false, error: `Unknown channel ${JSON.stringify(channel)}` });
    const extra = options.extraChannels ?? {};
    const handler = (extra[channel] ?? options.handlers[channel]) as ((request: unknown) => unknown) | undefined;
    if (!handler) return sendJson(res, 501, { ok: false, error: `The browser bridge does not offer ${channel} yet` });
    try {
      const request = validateRequest(channel, body.request);
      const response = await handler(request);
      sendJson(res, 200, { ok: true, response: response ?? null });
    } catch (error) {
      const status = error instanceof BadRequestError ? 400 : 500;
      sendJson(res, status, { ok: false, error: (error as Error).message });
    }
  }

  function openEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write('retry: 1000\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  const server: Server = createServer((req, res) => {
    const handle = async () => {
      // A DNS-rebinding page reaches us under its own host name: answer only to our own.
      if (!origins.has(`http://${req.headers.host ?? ''}`)) return send(res, 421, 'text/plain', 'Misdirected Request');
      const { pathname } = new URL(req.url ?? '/', origin);
      if (pathname === '/api/invoke') {
        if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Method Not Allowed', { Allow: 'POST' });
        return invoke(req, res);
      }
      if (pathname === '/api/events') {
        if (req.method !== 'GET') return send(res, 405, 'text/plain', 'Method Not Allowed', { Allow: 'GET' });
        return openEvents(req, res);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method Not Allowed', { Allow: 'GET' });
      return serveStatic(pathname, res);
    };
    handle().catch((error: unknown) => {
      console.error('Browser bridge: internal error', error);
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal Server Error');
      else res.destroy();
    });
  });

  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve(server.address() as AddressInfo));
  });
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${hostPart}:${address.port}`;
  origins = new Set([origin, `http://localhost:${address.port}`]);

  return {
    url: `${origin}/`,
    push: (channel, payload) => pushAll(channel, payload),
    listeners: () => streams.size,
    close: async () => {
      unsubscribe();
      clearInterval(keepalive);
      for (const res of streams) res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
