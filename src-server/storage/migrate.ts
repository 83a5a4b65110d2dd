import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.js';

export type Migration = { version: number; name: string; sql: string };

/** src-server/migrations/NNNN_name.sql, in order. A shipped file is never edited. */
export function loadMigrations(dir: string): Migration[] {
  const list = readdirSync(dir)
    .map((file) => /^(\d{4})_([a-z0-9_-]+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2]!, sql: readFileSync(join(dir, m[0]), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 0001, 0002, … without gaps (found ${m.version})`);
  });
  return list;
}

// Any constant works; it only has to be the same for every instance of the server.
const MIGRATION_LOCK = 748_326_501;

/**
 * Applies the missing migrations, each in its own transaction that also records its number.
 * Refuses a database written by a newer server. Safe when several instances start together:
 * each migration takes a transaction-level advisory lock and re-checks.
 */
export async function migrate(db: Db, migrations: Migration[]): Promise<{ applied: number[]; version: number }> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const known = migrations.length;
  const applied: number[] = [];
  const current = async (q: Pick<Db, 'query'>) =>
    Number((await q.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations'))[0]?.v ?? 0);
  const start = await current(db);
  if (start > known) {
    throw new Error(`The database is at version ${start}, newer than this server (${known}); refusing to start.`);
  }
  for (const m of migrations) {
    if (m.version <= start) continue;
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (rows.length > 0) return;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    });
  }
  return { applied, version: Math.max(start, known) };
}
