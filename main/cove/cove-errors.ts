/**
 * Every way a Cove call can fail, each with the cause in plain words and the fix.
 * `kind` drives behaviour: credentials are never retried (repeated failed logins lock the
 * account), transport faults are retried with backoff, the rest surface as they are.
 */

export type CoveErrorKind = 'credentials' | 'permission' | 'unreachable' | 'protocol' | 'rpc';

export class CoveError extends Error {
  override readonly name: string = 'CoveError';
  constructor(
    readonly kind: CoveErrorKind,
    /** What went wrong, for a technician. */
    readonly problem: string,
    /** What to do about it. */
    readonly fix: string,
    /** Cove's `error.data`, when Cove sent one. */
    readonly coveCode: number | null = null,
  ) {
    super(`${problem} ${fix}`);
  }
}

export const COVE_ERROR = {
  visa: 1701,
  credentials: 2100,
  permission: 13501,
} as const;

export function credentialsError(message: string): CoveError {
  return new CoveError(
    'credentials',
    `Cove refused the login (error 2100: ${message}).`,
    'Check that the partner is the exact, case-sensitive name from the Cove console, including any "(email)" suffix, and that the login name and API token belong to that API user. It is not retried automatically: repeated failed logins lock the account for a while.',
    COVE_ERROR.credentials,
  );
}

export function permissionError(method: string, partner: string, message: string): CoveError {
  return new CoveError(
    'permission',
    `Cove refused ${method} for partner ${partner} (error 13501: ${message}).`,
    'Give the API user a role that may read device statistics (for example Reporter or higher) at that partner or above, or use an API user created at the right level.',
    COVE_ERROR.permission,
  );
}

export function unreachableError(endpoint: string, detail: string, attempts: number): CoveError {
  return new CoveError(
    'unreachable',
    `Cove at ${endpoint} could not be reached after ${attempts} attempt${attempts === 1 ? '' : 's'} (${detail}).`,
    'Check the network connection and the Cove URL; the next poll will try again.',
  );
}

export function protocolError(endpoint: string, detail: string, attempts: number): CoveError {
  return new CoveError(
    'protocol',
    `Cove at ${endpoint} answered with something that is not a valid JSON-RPC response after ${attempts} attempt${attempts === 1 ? '' : 's'} (${detail}).`,
    'Check that the Cove URL points at the JSON API (https://api.backup.management/jsonapi); if it does, Cove may be having trouble, and the next poll will try again.',
  );
}

export function rpcError(method: string, code: number | null, message: string): CoveError {
  return new CoveError(
    'rpc',
    `Cove returned an error for ${method}${code === null ? '' : ` (error ${code})`}: ${message}.`,
    'If this persists, check the Cove status page or contact N-able support with this error number.',
    code,
  );
}

const MESSAGE_LIMIT = 300;

/** Cove escapes XML entities in some messages (`doesn&apos;t`); errors stay one readable line. */
export function unescapeCoveMessage(message: string): string {
  const text = message
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MESSAGE_LIMIT ? `${text.slice(0, MESSAGE_LIMIT - 1)}…` : text;
}
