/**
 * Secrets (the Cove API token, later the Backupchecks API key) live in the OS keychain and
 * nowhere else. keytar is optional: where it or a keychain is missing, we say so and refuse
 * to fall back to a plain-text file.
 */

export const KEYCHAIN_SERVICE = 'Cove Tray Monitor';

export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** The keychain entry for a Cove API user. */
export function coveTokenAccount(partner: string, username: string): string {
  return `cove-api-token:${username}@${partner}`;
}

export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
  constructor(detail: string) {
    super(
      `No OS keychain is available (${detail}). The API token is only ever kept in the OS keychain, never in a plain file: ` +
        'install and unlock a keychain (on Linux a Secret Service such as GNOME Keyring), or pass the token in the COVE_API_TOKEN environment variable.',
    );
  }
}

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** keytar-backed store; every call reports a missing module or keychain as KeychainUnavailableError. */
export class KeytarSecretStore implements SecretStore {
  private keytar: Promise<KeytarModule> | null = null;

  constructor(private readonly service = KEYCHAIN_SERVICE) {}

  private load(): Promise<KeytarModule> {
    this.keytar ??= import('keytar').then(
      (m) => ((m as { default?: KeytarModule }).default ?? (m as unknown as KeytarModule)),
      (error: Error) => {
        this.keytar = null;
        throw new KeychainUnavailableError(`the keytar module could not be loaded: ${error.message.split('\n')[0]}`);
      },
    );
    return this.keytar;
  }

  private async use<T>(work: (keytar: KeytarModule) => Promise<T>): Promise<T> {
    const keytar = await this.load();
    try {
      return await work(keytar);
    } catch (error) {
      throw new KeychainUnavailableError((error as Error).message.split('\n')[0]);
    }
  }

  get(account: string): Promise<string | null> {
    return this.use((k) => k.getPassword(this.service, account));
  }

  set(account: string, secret: string): Promise<void> {
    return this.use((k) => k.setPassword(this.service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.use((k) => k.deletePassword(this.service, account));
  }
}

/** For tests and for the demo: secrets held in memory only. */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.secrets.delete(account);
  }
}
