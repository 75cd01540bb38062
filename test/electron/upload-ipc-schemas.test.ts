/**
 * Confirm and upload (issue 5): the request schemas of the new channels and the Backupchecks
 * part of the settings form. Good requests pass unchanged; wrong shapes, extra keys (a "by" or a
 * key where none belongs) and oversized strings are refused.
 */
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../main/app/request-schemas';
import { UPLOAD_REQUEST_SCHEMAS } from '../../main/app/upload-requests';
import { INVOKE_CHANNELS } from '../../preload/contract';

const settingsInput = {
  coveUrl: 'https://api.backup.management/jsonapi',
  partner: 'Acme (admin@acme.example)',
  username: 'api-user',
  pollIntervalMinutes: 5,
  staleThresholdHours: { server: 24, workstation: 72, m365: 24, unknown: 24 },
  displayName: '',
};
const backupchecks = { url: 'https://backupchecks.example.com', mode: 'run', autoUpload: false };

describe('confirm-and-upload request schemas', () => {
  it('cover contract channels only', () => {
    for (const channel of Object.keys(UPLOAD_REQUEST_SCHEMAS)) expect(INVOKE_CHANNELS).toContain(channel);
  });

  it.each([
    ['app:preview-confirm', { kind: 'runs', runIds: [1, 2, 3] }],
    ['app:preview-confirm', { kind: 'device', deviceId: 7 }],
    ['app:preview-confirm', { kind: 'device', deviceId: 7, filter: { statuses: ['Success'], localDay: 'today' } }],
    ['app:preview-confirm', { kind: 'customer', customerId: 4567, filter: { localDay: '2026-03-01', dataSource: 'D09', statuses: ['Warning', 'Failed'] } }],
    ['app:confirm-runs', { selection: { kind: 'runs', runIds: [1] } }],
    ['app:confirm-runs', { selection: { kind: 'runs', runIds: [1] }, note: 'fine', outcome: 'mark_success', reason: 'Locked PST' }],
    ['app:unconfirm-run', { runId: 12 }],
    ['app:upload-now', undefined],
    ['app:get-outbox', {}],
    ['app:get-outbox', { states: ['retrying', 'rejected'], limit: 100 }],
    ['app:get-upload-attempts', { externalId: 'cove:123456:D01:1772331300' }],
    ['app:save-settings', { ...settingsInput, backupchecks }],
    ['app:save-settings', { ...settingsInput, backupchecks: { ...backupchecks, mode: 'review', autoUpload: true }, backupchecksKey: 'k' }],
  ] as const)('accepts %s %j', (channel, payload) => {
    expect(parseRequest(channel, payload)).toEqual({ ok: true, value: payload });
  });

  it.each([
    ['app:preview-confirm', { kind: 'runs', runIds: [] }],
    ['app:preview-confirm', { kind: 'runs', runIds: [1.5] }],
    ['app:preview-confirm', { kind: 'runs', runIds: Array.from({ length: 5001 }, (_, i) => i + 1) }],
    ['app:preview-confirm', { kind: 'fleet' }],
    ['app:preview-confirm', { kind: 'device', deviceId: 7, filter: { localDay: 'yesterday' } }],
    ['app:preview-confirm', { kind: 'device', deviceId: 7, filter: { statuses: ['Missed'] } }],
    ['app:preview-confirm', { kind: 'device', deviceId: 7, filter: { dataSource: 'Files' } }],
    ['app:preview-confirm', { kind: 'device', deviceId: 7, runIds: [1] }],
    ['app:confirm-runs', { kind: 'runs', runIds: [1] }],
    ['app:confirm-runs', { selection: { kind: 'runs', runIds: [1] }, outcome: 'ignored' }],
    ['app:confirm-runs', { selection: { kind: 'runs', runIds: [1] }, note: 'x'.repeat(4001) }],
    ['app:confirm-runs', { selection: { kind: 'runs', runIds: [1] }, by: 'Mallory' }],
    ['app:unconfirm-run', {}],
    ['app:upload-now', {}],
    ['app:get-outbox', undefined],
    ['app:get-outbox', { states: ['lost'] }],
    ['app:get-outbox', { limit: 0 }],
    ['app:get-upload-attempts', { externalId: 7 }],
    ['app:save-settings', { ...settingsInput, backupchecks: { ...backupchecks, mode: 'push' } }],
    ['app:save-settings', { ...settingsInput, backupchecks: { url: backupchecks.url } }],
    ['app:save-settings', { ...settingsInput, backupchecks: { ...backupchecks, apiKey: 'k' } }],
    ['app:save-settings', { ...settingsInput, backupchecksKey: 'x'.repeat(5000) }],
  ] as const)('refuses %s %j', (channel, payload) => {
    const parsed = parseRequest(channel, payload);
    expect(parsed.ok).toBe(false);
  });
});
