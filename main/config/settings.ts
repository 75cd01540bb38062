/**
 * Non-secret settings: one schema with defaults, shared by the tray app (electron-store keeps
 * them in config.json) and the CLI (which reads that file). Secrets never live here.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { DEFAULT_COVE_ENDPOINT } from '../cove/cove-client';
import { DEFAULT_PAGE_SIZE } from '../cove/fleet-fetcher';
import { DEFAULT_STALE_THRESHOLDS } from '../monitor/backup-status';
import { backupchecksSettingsSchema } from './backupchecks-settings';
import { notificationAppSettingsSchema } from './notification-settings';

const hours = z.number().positive().max(24 * 365);

export const settingsSchema = z.object({
  cove: z
    .object({
      url: z.url({ protocol: /^https?$/ }).default(DEFAULT_COVE_ENDPOINT),
      /** The exact partner name, e.g. `Acme (admin@acme.example)`. Empty = not configured (demo). */
      partner: z.string().trim().default(''),
      /** The API user's login name. */
      username: z.string().trim().default(''),
    })
    .prefault({}),
  pollIntervalMinutes: z.number().int().min(1).max(24 * 60).default(5),
  staleThresholdHours: z
    .object({
      server: hours.default(DEFAULT_STALE_THRESHOLDS.server),
      workstation: hours.default(DEFAULT_STALE_THRESHOLDS.workstation),
      m365: hours.default(DEFAULT_STALE_THRESHOLDS.m365),
      unknown: hours.default(DEFAULT_STALE_THRESHOLDS.unknown),
    })
    .prefault({}),
  pageSize: z.number().int().min(1).max(10_000).default(DEFAULT_PAGE_SIZE),
  /** Who confirms runs; empty = the OS user name. */
  displayName: z.string().trim().max(120).default(''),
  // Confirm and upload (issue 5): where confirmed runs go; the API key is in the OS keychain.
  backupchecks: backupchecksSettingsSchema,
  // Notifications (issue 4): rules, batching, acknowledgement length, quiet hours and their time zone.
  notifications: notificationAppSettingsSchema,
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem} ${fix}`);
  }
}

export function isCoveConfigured(settings: Settings): boolean {
  return settings.cove.partner !== '' && settings.cove.username !== '';
}

/** Reads the settings file; a missing file means defaults, a broken one is an error naming it. */
export function readSettingsFile(file: string): Settings {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_SETTINGS;
    throw new ConfigError(`The settings file ${file} cannot be read (${(error as Error).message}).`, 'Check its permissions.');
  }
  let raw: unknown;
  try {
    // Some Windows editors save a byte-order mark; it is not part of the JSON.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ConfigError(`The settings file ${file} is not valid JSON.`, 'Fix or delete it; deleting it restores the defaults.');
  }
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `The settings file ${file} has an invalid value at ${issue.path.join('.') || '(top level)'}: ${issue.message}.`,
      'Fix that value in the app\'s settings, or delete the file to restore the defaults.',
    );
  }
  return parsed.data;
}
