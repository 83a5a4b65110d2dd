import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { appRoot } from '../../src-main/app/paths.js';
import { migrate } from '../../src-main/db/migrate.js';

const migrationsDir = join(appRoot(), 'migrations');
let dir: string;
let db: Database.Database;
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const hasIndex = (name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) !== undefined;
const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
const allPagesOfADossier = "SELECT sha256 FROM pages WHERE dossier_id = 'x' AND status <> 'deleted' ORDER BY position";

describe('migration 0006', () => {
  it('adds the full pages-by-dossier index on top of version 5, so the query stops scanning the table', () => {
    dir = mkdtempSync(join(tmpdir(), 'tiepnhan-mig6-'));
    db = new Database(join(dir, 'db.sqlite'));
    expect(migrate(db, migrationsDir, 5)).toBe(5);
    expect(hasIndex('pages_dossier')).toBe(false);
    expect(plan(allPagesOfADossier)).toMatch(/SCAN pages/);
    expect(migrate(db, migrationsDir)).toBeGreaterThanOrEqual(6);
    expect(hasIndex('pages_dossier')).toBe(true);
    expect(plan(allPagesOfADossier)).toMatch(/USING INDEX pages_dossier/);
  });
});
