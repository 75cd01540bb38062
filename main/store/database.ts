/**
 * Opens the one SQLite file the app keeps (WAL, foreign keys) and brings its schema up to date.
 * SQLite's own errors are turned into `StoreError`s that name the file, the cause and the fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export type Db = Database.Database;

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem} ${fix}`);
  }
}

/** Errors from creating the cache's folder, by errno code. */
const FOLDER_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EEXIST: 'a file stands where a folder is needed',
  ENOTDIR: 'a file stands where a folder is needed',
  ENOSPC: 'the disk is full',
  ENAMETOOLONG: 'the path is too long',
};

/** Maps a better-sqlite3 (or folder-creation) error to a StoreError; anything else passes through unchanged. */
export function storeError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') return error;
  const where = file === ':memory:' ? 'the in-memory cache' : file;
  if (code in FOLDER_ERRORS) {
    return new StoreError(`The folder for the cache ${where} cannot be created (${FOLDER_ERRORS[code]}).`, 'Choose a writable location with --db, or set COVE_TRAY_DATA_DIR to a writable folder.');
  }
  if (!code.startsWith('SQLITE_')) return error;
  switch (code.split('_').slice(0, 2).join('_')) {
    case 'SQLITE_FULL':
      return new StoreError(`The disk holding ${where} is full; this poll's changes were not saved.`, 'Free some disk space; the next poll catches up and nothing already cached is lost.');
    case 'SQLITE_READONLY':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return new StoreError(`The cache ${where} cannot be opened for writing (${code}).`, 'Check the folder exists and is writable, or choose another file with --db.');
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return new StoreError(`${where} is not a readable cache database (${code}).`, 'Move the file aside (keep it if you need its history); the next poll rebuilds the cache from Cove.');
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new StoreError(`${where} is locked by another process (${code}).`, 'Wait for the other poll to finish, or close the other copy of the app.');
    case 'SQLITE_IOERR':
      return new StoreError(`Reading or writing ${where} failed (${code}).`, 'Check the disk and free space; the next poll tries again.');
    default:
      return new StoreError(`The cache ${where} reported ${code}: ${(error as Error).message}.`, 'If it repeats, move the file aside; the next poll rebuilds it from Cove.');
  }
}

export function openDatabase(file: string): Db {
  // An empty name would make SQLite use an anonymous temporary file and keep nothing.
  if (file.trim() === '') throw new StoreError('No cache file was named (the path is empty).', 'Pass a file path with --db, or leave --db out to use the default.');
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file);
    // Wait for another process's lock first: even switching to WAL needs one.
    db.pragma('busy_timeout = 10000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
    return db;
  } catch (error) {
    throw storeError(error, file);
  }
}

function migrate(db: Db, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      `${file} was written by a newer version of Cove Tray Monitor (schema ${current}, this version knows ${LATEST_SCHEMA_VERSION}).`,
      'Update the app, or point this version at another file with --db.',
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    // Each step commits whole or not at all, so a crash never leaves a half-migrated file; the
    // version is read again under the write lock in case another process migrated meanwhile.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
