import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { appRoot } from '../../src-main/kernel/paths.js';
import { migrate } from '../../src-main/db/migrate.js';

export const migrationsDir = join(appRoot(), 'migrations');

/** A database file of its own in a temp folder, for migration tests; close() removes the folder. */
export function scratchDb(): { db: Database.Database; migrate(upTo?: number): number; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tiepnhan-scratch-'));
  const db = new Database(join(dir, 'db.sqlite'));
  return {
    db,
    migrate: (upTo) => migrate(db, migrationsDir, upTo),
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const hasIndex = (db: Database.Database, name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) !== undefined;

/** SQLite's plan for `sql`, one step per line (EXPLAIN QUERY PLAN). */
export const queryPlan = (db: Database.Database, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
