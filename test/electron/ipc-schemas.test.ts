/**
 * The payload schemas: every contract channel has one, good requests pass unchanged, wrong
 * types, extra keys and oversized strings are refused.
 */
import { describe, expect, it } from 'vitest';
import { IPC_REQUEST_SCHEMAS, parseRequest } from '../../main/app/request-schemas';
import { INVOKE_CHANNELS } from '../../preload/contract';

const settingsInput = {
  coveUrl: 'https://api.backup.management/jsonapi',
  partner: 'Acme (admin@acme.example)',
  username: 'api-user',
  pollIntervalMinutes: 5,
  staleThresholdHours: { server: 24, workstation: 72, m365: 24, unknown: 24 },
  displayName: '',
};

describe('IPC request schemas', () => {
  it('cover exactly the contract channels', () => {
    expect(Object.keys(IPC_REQUEST_SCHEMAS).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it.each([
    ['app:get-state', undefined],
    ['app:poll-now', undefined],
    ['app:get-settings', undefined],
    ['app:use-demo', undefined],
    ['app:get-customer', { customerId: 12 }],
    ['app:get-runs', { deviceId: 7 }],
    ['app:get-runs', { deviceId: 7, dataSource: 'D01', limit: 50 }],
    ['app:search', { query: 'contoso' }],
    ['app:search', { query: '' }],
    ['app:save-settings', settingsInput],
    ['app:save-settings', { ...settingsInput, coveToken: 'tok' }],
    ['app:open-external', { url: 'https://backup.management/' }],
  ] as const)('accepts %s %j', (channel, payload) => {
    const parsed = parseRequest(channel, payload);
    expect(parsed).toEqual({ ok: true, value: payload });
  });

  it.each([
    ['app:get-state', null],
    ['app:get-state', {}],
    ['app:poll-now', 'now'],
    ['app:get-customer', {}],
    ['app:get-customer', { customerId: '12' }],
    ['app:get-customer', { customerId: 1.5 }],
    ['app:get-customer', { customerId: Number.MAX_SAFE_INTEGER + 2 }],
    ['app:get-customer', { customerId: 12, __proto__extra: 1 }],
    ['app:get-runs', { deviceId: 7, limit: 0 }],
    ['app:get-runs', { deviceId: 7, limit: 1e9 }],
    ['app:get-runs', { deviceId: 7, dataSource: 'x'.repeat(65) }],
    ['app:search', { query: 5 }],
    ['app:search', { query: 'x'.repeat(257) }],
    ['app:search', ['contoso']],
    ['app:save-settings', { ...settingsInput, pollIntervalMinutes: '5' }],
    ['app:save-settings', { ...settingsInput, pollIntervalMinutes: Number.NaN }],
    ['app:save-settings', { ...settingsInput, staleThresholdHours: { server: 24 } }],
    ['app:save-settings', { ...settingsInput, coveToken: 5 }],
    ['app:save-settings', { ...settingsInput, coveToken: 'x'.repeat(5000) }],
    ['app:save-settings', { ...settingsInput, isAdmin: true }],
    ['app:save-settings', { ...settingsInput, coveUrl: undefined }],
    ['app:open-external', { url: null }],
    ['app:open-external', { url: 'https://backup.management/', target: '_self' }],
    ['app:open-external', 'https://backup.management/'],
  ] as const)('refuses %s %j', (channel, payload) => {
    const parsed = parseRequest(channel, payload);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(new RegExp(`^Invalid request for ${channel}`));
  });

  it('refuses a channel outside the contract', () => {
    expect(parseRequest('app:delete-everything' as never, undefined)).toEqual({ ok: false, message: 'Unknown channel app:delete-everything' });
  });
});
