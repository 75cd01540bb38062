/**
 * Cove requests from the app go through Chromium's network stack (system proxy settings,
 * OS certificate store) via net.fetch; the CLI and tests keep Node's.
 */
import axios, { type AxiosInstance } from 'axios';
import { net } from 'electron';

export function chromiumHttp(timeoutMs = 30_000): AxiosInstance {
  return axios.create({ adapter: 'fetch', timeout: timeoutMs, env: { fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init) } });
}
