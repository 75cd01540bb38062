/**
 * The only door to the user's browser: allow-listed https URLs (Cove's console, the configured
 * Backupchecks host), opened in their normalised form.
 */
import { shell } from 'electron';
import { safeExternalUrl } from './security-policy';

export type ExternalHosts = () => readonly string[];

export function createExternalOpener(extraHosts: ExternalHosts = () => []): (url: unknown) => Promise<boolean> {
  return async (url) => {
    let hosts: readonly string[] = [];
    try {
      hosts = extraHosts();
    } catch {
      // A broken settings read must not open the door wider; fall back to Cove's console only.
    }
    const safe = safeExternalUrl(url, hosts);
    if (!safe) return false;
    await shell.openExternal(safe);
    return true;
  };
}
