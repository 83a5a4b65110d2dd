import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { appRoot } from '../../src-main/kernel/paths.js';
import { DatabaseTooNewError, loadMigrations, migrate, schemaVersion } from '../../src-main/db/migrate.js';
import { openDatabase, type Db } from '../../src-main/db/open.js';

const migrationsDir = join(appRoot(), 'migrations');
const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempFile = () => {
  const d = mkdtempSync(join(tmpdir(), 'tiepnhan-mig-'));
  dirs.push(d);
  return join(d, 'db.sqlite');
};
const raw = (file: string) => {
  const db = new Database(file);
  dbs.push(db);
  return db;
};
const count = (db: Db, table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const tables = (db: Db) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('numbers them without gaps, starting with 0001 and 0002', () => {
    expect(loadMigrations(migrationsDir).map((m) => m.name).slice(0, 2)).toEqual(['0001_init.sql', '0002_seed_catalog.sql']);
  });

  it('0001 creates the schema, with no catalog yet', () => {
    const db = raw(tempFile());
    expect(migrate(db, migrationsDir, 1)).toBe(1);
    expect(tables(db)).toEqual(expect.arrayContaining(['dossiers', 'dossier_components', 'procedures', 'code_formats', 'code_sequences', 'holidays', 'audit_log', 'settings', 'users', 'change_counter']));
    expect(count(db, 'procedures')).toBe(0);
  });

  it('0002 seeds procedures, the Art. 19 code format and three years of holidays, all parseable', () => {
    const db = raw(tempFile());
    migrate(db, migrationsDir, 1);
    expect(migrate(db, migrationsDir, 2)).toBe(2);
    expect(count(db, 'procedures')).toBeGreaterThanOrEqual(12);
    expect(db.prepare('SELECT template FROM code_formats').all()).toEqual([{ template: '{unit}-{yymmdd}-{seq4}' }]);
    for (const y of ['2025', '2026', '2027']) {
      expect((db.prepare('SELECT COUNT(*) AS n FROM holidays WHERE date LIKE ?').get(`${y}-%`) as { n: number }).n).toBeGreaterThanOrEqual(8);
    }
    // Every holiday is a weekday and every working day a weekend day (else the row is pointless).
    for (const h of db.prepare('SELECT date, kind FROM holidays').all() as { date: string; kind: string }[]) {
      const wd = new Date(`${h.date}T00:00:00Z`).getUTCDay();
      expect([h.date, h.kind === 'holiday' ? wd >= 1 && wd <= 5 : wd === 0 || wd === 6]).toEqual([h.date, true]);
    }
    const cert = db.prepare("SELECT counts_pages, processing_days, fee FROM procedures WHERE code = '2.000815'").get() as { counts_pages: number; processing_days: number; fee: string };
    expect(cert.counts_pages).toBe(1);
    expect(JSON.parse(cert.fee)).toMatchObject({ kind: 'per_page_tiered', firstPagePrice: 2000, nextPagePrice: 1000 });
    // Components have the shape the catalog repository parses.
    for (const p of db.prepare('SELECT components FROM procedures').all() as { components: string }[]) {
      for (const c of JSON.parse(p.components) as Record<string, unknown>[]) {
        expect(Object.keys(c).sort()).toEqual(['defaultKind', 'defaultQuantity', 'name', 'required']);
      }
    }
  });

  it('re-opening an up-to-date database changes nothing', () => {
    const file = tempFile();
    const first = openDatabase(file, { migrationsDir });
    const version = schemaVersion(first);
    const before = [count(first, 'procedures'), count(first, 'holidays'), count(first, 'schema_migrations')];
    first.close();
    const second = openDatabase(file, { migrationsDir });
    dbs.push(second);
    expect(schemaVersion(second)).toBe(version);
    expect([count(second, 'procedures'), count(second, 'holidays'), count(second, 'schema_migrations')]).toEqual(before);
  });

  it('refuses a database from a newer app version, leaving it untouched', () => {
    const file = tempFile();
    const db = openDatabase(file, { migrationsDir });
    const latest = schemaVersion(db);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(latest + 1, '9999_future.sql', '2030-01-01T00:00:00Z');
    db.close();
    expect(() => openDatabase(file, { migrationsDir })).toThrow(DatabaseTooNewError);
    const check = raw(file);
    expect(schemaVersion(check)).toBe(latest + 1);
  });

  it('a failing migration leaves the database at the previous whole version', () => {
    const db = raw(tempFile());
    migrate(db, migrationsDir, 1);
    // 0002 inserts into procedures; a row already holding one of its keys makes it fail half-way.
    db.prepare(`INSERT INTO procedures (code, valid_from, name, category, processing_days, components, fee)
                VALUES ('2.000884', '2025-07-01', 'x', 'other', 0, '[]', '{"kind":"none"}')`).run();
    expect(() => migrate(db, migrationsDir, 2)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(count(db, 'procedures')).toBe(1);
    expect(count(db, 'code_formats')).toBe(0);
  });
});
