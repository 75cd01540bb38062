/**
 * The Backupchecks part of the settings: old config files (without it) still parse, URLs are
 * checked and normalised, and the key's keychain entry is one per server.
 */
import { describe, expect, it } from 'vitest';
import { backupchecksKeyAccount, backupchecksUrlProblem, normaliseBackupchecksUrl } from '../../main/config/backupchecks-settings';
import { DEFAULT_SETTINGS, settingsSchema } from '../../main/config/settings';

describe('backupchecks settings', () => {
  it('defaults to not configured, whole-run uploads, no automatic upload; old files parse', () => {
    expect(DEFAULT_SETTINGS.backupchecks).toEqual({ url: '', mode: 'run', autoUpload: false });
    const old = settingsSchema.parse({ cove: { partner: 'Acme', username: 'api' }, pollIntervalMinutes: 10 });
    expect(old.backupchecks).toEqual({ url: '', mode: 'run', autoUpload: false });
    expect(settingsSchema.parse({ backupchecks: { url: 'https://bc.example.com/' } }).backupchecks).toEqual({ url: 'https://bc.example.com', mode: 'run', autoUpload: false });
  });

  it.each([
    ['https://backupchecks.example.com', null],
    ['https://backupchecks.example.com:8443/bc', null],
    ['http://127.0.0.1:8765', null],
    ['http://localhost:8765', null],
    ['http://backupchecks.example.com', /https/],
    ['ftp://backupchecks.example.com', /https/],
    ['backupchecks.example.com', /not a URL/],
    ['https://user:pw@backupchecks.example.com', /user name or password/],
    ['https://backupchecks.example.com/?x=1', /query/],
    ['https://backupchecks.example.com/api/v1', /without \/api\/v1/],
  ])('%s', (url, problem) => {
    const found = backupchecksUrlProblem(url);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
    expect(settingsSchema.safeParse({ backupchecks: { url } }).success).toBe(problem === null);
  });

  it('keeps one keychain entry per server, whatever the trailing slashes or case of the host', () => {
    expect(normaliseBackupchecksUrl(' https://BC.example.com/bc// ')).toBe('https://bc.example.com/bc');
    expect(backupchecksKeyAccount('https://bc.example.com/')).toBe(backupchecksKeyAccount('https://BC.example.com'));
    expect(backupchecksKeyAccount('https://bc.example.com')).toBe('backupchecks-api-key:https://bc.example.com');
  });
});
