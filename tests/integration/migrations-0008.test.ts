import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { appRoot } from '../../src-main/app/paths.js';
import { migrate } from '../../src-main/db/migrate.js';
import { latestDossiersSql } from '../../src-main/sync/sync-status.js';

const migrationsDir = join(appRoot(), 'migrations');
let dir: string;
let db: Database.Database;
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const hasIndex = (name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) !== undefined;
const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
// The sync screen's default list, as the app runs it.
const latestChanged = latestDossiersSql.replace('LIMIT ?', 'LIMIT 100');

describe('migration 0008', () => {
  it('adds the dossiers-by-update index on top of version 7, so the sync screen’s list stops sorting every dossier', () => {
    dir = mkdtempSync(join(tmpdir(), 'tiepnhan-mig8-'));
    db = new Database(join(dir, 'db.sqlite'));
    expect(migrate(db, migrationsDir, 7)).toBe(7);
    expect(hasIndex('dossiers_updated_at')).toBe(false);
    expect(plan(latestChanged)).toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    expect(migrate(db, migrationsDir)).toBeGreaterThanOrEqual(8);
    expect(hasIndex('dossiers_updated_at')).toBe(true);
    expect(plan(latestChanged)).toMatch(/SCAN d USING INDEX dossiers_updated_at/);
  });
});
