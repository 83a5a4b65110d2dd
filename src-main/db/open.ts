import Database from 'better-sqlite3';
import type { Db } from './db-handle.js';
import { migrate } from './migrate.js';

export type { Db } from './db-handle.js';

export type OpenOptions = { migrationsDir: string };

/** Opens (or creates) the desk's database with WAL, foreign keys and a busy timeout, then migrates it. */
export function openDatabase(file: string, options: OpenOptions): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // NORMAL is durable in WAL mode except for the last transactions on power loss of the OS;
    // FULL keeps every committed dossier code even then, which matters more than speed here.
    db.pragma('synchronous = FULL');
    migrate(db, options.migrationsDir);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens an existing database read-only, without migrating: for diagnostics and verification. */
export function openDatabaseReadOnly(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
