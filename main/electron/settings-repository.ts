/**
 * Settings persistence over electron-store (config.json in userData, the file the CLI reads).
 * Reads and writes pass the zod schema: unknown keys, such as a token that slipped in, are
 * dropped before anything reaches the file. Secrets live in the OS keychain only.
 */
import type { SettingsRepository } from '../app/app-service';
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from '../config/settings';

/** The slice of electron-store (and conf) we use: the whole store as one object. */
export interface JsonStore {
  store: Record<string, unknown>;
}

export class StoreSettingsRepository implements SettingsRepository {
  constructor(
    private readonly store: JsonStore,
    private readonly onInvalid: (message: string) => void = (message) => console.warn(message),
  ) {}

  read(): Settings {
    const parsed = settingsSchema.safeParse(this.store.store);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    // A hand-edited file with a bad value must not stop the app: run on defaults, keep the file as it is.
    this.onInvalid(`Settings file has an invalid value at ${issue.path.join('.') || '(top level)'}: ${issue.message}; using the defaults.`);
    return DEFAULT_SETTINGS;
  }

  write(settings: Settings): void {
    this.store.store = settingsSchema.parse(settings);
  }
}

/** electron-store options: the file name the CLI expects, defaults from the schema. */
export const ELECTRON_STORE_OPTIONS = {
  name: 'config',
  defaults: DEFAULT_SETTINGS,
  // Atomic writes make a broken file unlikely; if one appears anyway, start from the defaults instead of not at all.
  clearInvalidConfig: true,
} as const;
