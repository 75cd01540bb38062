/**
 * `window.coveTray` for a plain browser: the same contract the Electron preload offers, carried
 * over HTTP to the browser bridge (main/bridge/) on the page's own origin. Calls are
 * POST /api/invoke; pushes arrive as Server-Sent Events on /api/events.
 *
 * Only the bridge serves this file (as /bridge-client.js, before the app bundle); the app never
 * imports it, so it is not part of the Electron build.
 */
import type { CoveTrayApi, EventChannel, EventContract, InvokeChannel, ResponseOf } from '../preload/contract';

interface InvokeReply {
  ok: boolean;
  response?: unknown;
  error?: string;
}

let source: EventSource | null = null;
let subscribers = 0;

function events(): EventSource {
  source ??= new EventSource('./api/events');
  return source;
}

const api: CoveTrayApi = {
  async invoke<C extends InvokeChannel>(channel: C, ...request: unknown[]): Promise<ResponseOf<C>> {
    const reply = await fetch('./api/invoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel, request: request[0] }),
    });
    let body: InvokeReply;
    try {
      body = (await reply.json()) as InvokeReply;
    } catch {
      throw new Error(`The browser bridge answered ${channel} with HTTP ${reply.status}`);
    }
    if (!body.ok) throw new Error(body.error ?? `The browser bridge refused ${channel}`);
    return body.response as ResponseOf<C>;
  },

  on<E extends EventChannel>(channel: E, listener: (payload: EventContract[E]) => void): () => void {
    const handler = (event: MessageEvent<string>) => listener(JSON.parse(event.data) as EventContract[E]);
    const stream = events();
    stream.addEventListener(channel, handler as EventListener);
    subscribers++;
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      stream.removeEventListener(channel, handler as EventListener);
      if (--subscribers === 0) {
        stream.close();
        source = null;
      }
    };
  },
};

Object.defineProperty(window, 'coveTray', { value: Object.freeze(api), writable: false, configurable: false, enumerable: true });
