/**
 * The browser bridge over plain HTTP (no browser needed): it serves the built window with the
 * strict CSP and the bridge client, answers the contract with the real AppService, streams
 * state changes, and refuses what a foreign page or a bad request would send.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserBridge, startBrowserBridge } from '../../main/bridge/browser-bridge';
import { bridgeIndexHtml, startBridgeServer } from '../../main/bridge/bridge-server';
import type { AppState, CustomerDetail, RunView, SearchHit } from '../../preload/contract';
import { builtRenderer } from './browser-harness';

let bridge: BrowserBridge;

async function invoke(channel: string, request?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(new URL('api/invoke', bridge.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ channel, request }),
  });
  return { status: response.status, body: (await response.json()) as { ok: boolean; response?: unknown; error?: string } };
}

beforeAll(async () => {
  bridge = await startBrowserBridge({ rendererDir: await builtRenderer(), demo: { devices: 48 } });
});

afterAll(async () => {
  await bridge?.close();
});

describe('browser bridge', () => {
  it('serves the window with the strict CSP, allowing only its own origin for the API', async () => {
    const response = await fetch(bridge.url);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe/);
    const html = await response.text();
    expect(html).toContain(`content="${csp.replace("; frame-ancestors 'none'", '')}"`);
    // The bridge client comes first, as a classic script, before the app bundle.
    expect(html.indexOf('./bridge-client.js')).toBeGreaterThan(0);
    expect(html.indexOf('./bridge-client.js')).toBeLessThan(html.indexOf('type="module"'));
    expect(html).not.toMatch(/<script>(?!<)|<style/);
    const client = await fetch(new URL('bridge-client.js', bridge.url));
    expect(client.headers.get('content-type')).toContain('javascript');
    expect(await client.text()).toContain('coveTray');
  });

  it('lets the browser keep the content-hashed assets, and nothing else', async () => {
    const html = await (await fetch(bridge.url)).text();
    const bundle = html.match(/src="\.\/(assets\/index-[\w-]+\.js)"/)?.[1];
    expect(bundle).toBeTruthy();
    const asset = await fetch(new URL(bundle!, bridge.url));
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // The bundle asks V8 to compile it all up front: the window runs most of it on load.
    expect((await asset.text()).startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
    for (const path of ['', 'bridge-client.js']) expect((await fetch(new URL(path, bridge.url))).headers.get('cache-control')).toBe('no-store');
    const state = await fetch(new URL('api/invoke', bridge.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ channel: 'app:get-state' }) });
    expect(state.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps the Electron build free of the bridge client and of network access', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const dir = await builtRenderer();
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(html).toContain("connect-src 'none'");
    expect(html).not.toContain('bridge-client');
    const bundles = fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js'));
    for (const file of bundles) {
      const code = fs.readFileSync(path.join(dir, 'assets', file), 'utf8');
      expect(code).not.toMatch(/EventSource|api\/invoke/);
      // The production React, even when a test run (NODE_ENV=test) built it.
      expect(code).not.toContain('Each child in a list should have a unique');
    }
    expect(() => bridgeIndexHtml('<html><head></head></html>')).toThrow(/CSP/);
  });

  it('answers the contract with the real core', async () => {
    const state = (await invoke('app:get-state')).body.response as AppState;
    expect(state.source).toBe('demo');
    expect(state.asOf).not.toBeNull();
    expect(state.customers.length).toBeGreaterThan(0);
    const detail = (await invoke('app:get-customer', { customerId: state.customers[0].id })).body.response as CustomerDetail;
    expect(detail.devices.length).toBe(state.customers[0].deviceCount);
    const runs = (await invoke('app:get-runs', { deviceId: detail.devices[0].id, limit: 5 })).body.response as RunView[];
    expect(runs.length).toBeGreaterThan(0);
    const hits = (await invoke('app:search', { query: detail.devices[0].name })).body.response as SearchHit[];
    expect(hits.some((h) => h.deviceId === detail.devices[0].id)).toBe(true);
    expect((await invoke('app:get-customer', { customerId: 1 })).body).toEqual({ ok: true, response: null });
    expect((await invoke('app:open-external', { url: 'https://backup.management' })).body.response).toBe(false);
  });

  it('refuses foreign pages, unknown channels and malformed requests', async () => {
    expect((await invoke('app:get-state', undefined, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke('app:delete-everything')).status).toBe(400);
    const bad = await invoke('app:get-customer', { customerId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('customerId');
    expect((await invoke('app:search', { query: 'x'.repeat(300) })).status).toBe(400);
    const wrongType = await fetch(new URL('api/invoke', bridge.url), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    // A DNS-rebinding page reaches us under its own host name (fetch may not set Host, so use http).
    const rebound = await new Promise<number>((resolve, reject) => {
      const url = new URL(bridge.url);
      http.get({ host: url.hostname, port: url.port, path: '/', headers: { Host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(rebound).toBe(421);
    expect((await fetch(new URL('../../etc/passwd', bridge.url))).status).toBe(404);
    expect((await fetch(new URL('assets/%2e%2e%2f%2e%2e%2fpackage.json', bridge.url))).status).toBe(404);
    expect((await fetch(new URL('%E0%A4%A', bridge.url))).status).toBe(400);
  });

  it('names the field a refused request got wrong', async () => {
    const refused = await invoke('app:confirm-runs', { runIds: [] });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/^Invalid request for app:confirm-runs: \S+.*: /);
    expect(refused.body.error).not.toMatch(/: \[$/);
  });

  it('keeps a navigation asked for before any window listens, for the first one to ask', async () => {
    bridge.navigate({ customerId: 7, deviceId: 9 });
    expect((await invoke('app:pending-navigation')).body.response).toEqual({ customerId: 7, deviceId: 9 });
    expect((await invoke('app:pending-navigation')).body.response).toBeNull();
  });

  it('answers the notification and upload channels with their own request checks', async () => {
    const outbox = await invoke('app:get-outbox', { limit: 5 });
    expect(outbox.status).toBe(200);
    expect(outbox.body.ok).toBe(true);
    expect((await invoke('app:get-notifications', { limit: 5 })).body.ok).toBe(true);
    const bad = await invoke('app:get-outbox', { limit: 'many' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('Invalid request for app:get-outbox');
  });

  it('answers a channel nobody wired with 501', async () => {
    const server = await startBridgeServer({
      rendererDir: await builtRenderer(),
      handlers: {},
      onStateChanged: () => () => undefined,
      clientScript: '',
    });
    try {
      const reply = await fetch(new URL('api/invoke', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ channel: 'app:get-state' }) });
      expect(reply.status).toBe(501);
      expect(((await reply.json()) as { error: string }).error).toContain('does not offer app:get-state');
    } finally {
      await server.close();
    }
  });

  it('streams state changes as Server-Sent Events', async () => {
    const controller = new AbortController();
    const response = await fetch(new URL('api/events', bridge.url), { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const poll = invoke('app:poll-now');
    let text = '';
    while (!text.includes('event: app:state-changed')) text += new TextDecoder().decode((await reader.read()).value);
    await poll;
    controller.abort();
    const data = text.split('event: app:state-changed\ndata: ')[1].split('\n')[0];
    expect((JSON.parse(data) as AppState).source).toBe('demo');
  });
});
