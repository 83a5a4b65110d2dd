import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db-handle.js';

const fileName = /^(\d{4})_[a-z0-9_]+\.sql$/;

export type Migration = { version: number; name: string; sql: string };

export class DatabaseTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `Cơ sở dữ liệu ở phiên bản ${databaseVersion}, mới hơn ứng dụng (${appVersion}). ` +
        `Hãy cài bản TiepNhan mới hơn. (Database version ${databaseVersion} is newer than this app's ${appVersion}.)`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** Reads `NNNN_name.sql` files in order; numbers must run 1, 2, 3… without gaps. */
export function loadMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((name) => {
      const match = fileName.exec(name);
      if (!match) throw new Error(`Migration file name must look like 0001_name.sql: ${name}`);
      return { version: Number(match[1]), name, sql: readFileSync(join(dir, name), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered without gaps; found ${m.name} at position ${i + 1}`);
  });
  return migrations;
}

export function schemaVersion(db: Db): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** The schema version of a database opened read-only (a backup, the doctor's look): creates nothing. */
export function readSchemaVersion(db: Db): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  return (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
}

/**
 * Applies pending migrations, each in its own transaction together with the row that
 * records it, so a crash leaves the database at a whole version. Forward-only: a
 * database from a newer app is refused rather than guessed at.
 */
export function migrate(db: Db, dir: string, upTo?: number): number {
  const migrations = loadMigrations(dir).filter((m) => upTo === undefined || m.version <= upTo);
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (upTo === undefined && current > latest) throw new DatabaseTooNewError(current, latest);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
  }
  return schemaVersion(db);
}
