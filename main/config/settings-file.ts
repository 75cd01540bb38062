/**
 * Settings kept in a JSON file with the same shape electron-store writes (config.json), for the
 * browser bridge, the CLI and tests. Writes are atomic: a crash leaves the old file or the new one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SettingsRepository } from '../app/app-service';
import { type Settings, readSettingsFile, settingsSchema } from './settings';

export class JsonFileSettingsRepository implements SettingsRepository {
  constructor(readonly file: string) {}

  read(): Settings {
    return readSettingsFile(this.file);
  }

  write(settings: Settings): void {
    const valid = settingsSchema.parse(settings);
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}
