/**
 * The Backupchecks part of the settings (docs/backupchecks-api.md, "Pointing the app at a
 * Backupchecks server"). The API key is not here: it lives in the OS keychain under
 * `backupchecksKeyAccount(url)`.
 */
import { z } from 'zod';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `https://host[:port][/path]`, or `http://` on this computer only (the stub); no credentials, query or fragment. */
export function backupchecksUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL; enter the address of the Backupchecks web app, e.g. https://backupchecks.example.com';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    return 'must start with https:// (plain http is allowed only for a server on this computer, such as the stub)';
  }
  if (url.username || url.password) return 'must not contain a user name or password; the API key is entered separately';
  if (url.search || url.hash) return 'must not contain a query or fragment';
  if (/\/api\/v1\/?$/.test(url.pathname)) return 'is the API path; enter the address of the web app itself, without /api/v1';
  return null;
}

/** Trailing slashes removed, so one server has one keychain entry. */
export function normaliseBackupchecksUrl(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === '') return '';
  try {
    const url = new URL(trimmed);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return trimmed;
  }
}

export const backupchecksSettingsSchema = z
  .object({
    /** The Backupchecks web app; empty = not configured (demo mode uploads to its built-in stub). */
    url: z
      .string()
      .trim()
      .default('')
      .superRefine((value, ctx) => {
        const problem = value === '' ? null : backupchecksUrlProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .transform(normaliseBackupchecksUrl),
    /** `run`: upload whole runs (the default). `review`: Backupchecks imports Cove itself; send only reviews. */
    mode: z.enum(['run', 'review']).default('run'),
    /** Upload as soon as a run is confirmed; otherwise confirmed runs wait for "Upload confirmed". */
    autoUpload: z.boolean().default(false),
  })
  .prefault({});

export type BackupchecksSettings = z.infer<typeof backupchecksSettingsSchema>;

/** The keychain entry for the API key of one Backupchecks server. */
export function backupchecksKeyAccount(url: string): string {
  return `backupchecks-api-key:${normaliseBackupchecksUrl(url)}`;
}
