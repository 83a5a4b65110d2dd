import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src-server/package-root.js';
import type { Db } from '../../src-server/storage/db.js';
import { loadMigrations, migrate } from '../../src-server/storage/migrate.js';
import { openPgDb } from '../../src-server/storage/pg-db.js';
import { openPgliteDb } from '../../src-server/storage/pglite-db.js';
import { pgQuery, sha256, targets, type Target } from './harness.js';

/** A scratch database of the target, empty; dropped by `done`. */
async function scratch(target: Target): Promise<{ db: Db; done: () => Promise<void> }> {
  if (target.url) {
    const name = 'tiepnhan_m_' + randomBytes(6).toString('hex');
    await pgQuery(target.url, `CREATE DATABASE ${name}`);
    const u = new URL(target.url);
    u.pathname = '/' + name;
    const db = await openPgDb(u.toString());
    return { db, done: async () => { await db.close(); await pgQuery(target.url!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'tiepnhan-mig-'));
  const db = await openPgliteDb(join(dir, 'pg'));
  return { db, done: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

describe.each(targets)('security migrations 0003–0005 on $name', (target) => {
  let done: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await done?.();
    done = null;
  });

  it('carry a version-2 database over: duplicates flagged, codes unique, held pages backfilled, orphans marked', async () => {
    const s = await scratch(target);
    done = s.done;
    const { db } = s;
    const all = loadMigrations(migrationsDir());
    expect(all.map((m) => m.version)).toEqual([1, 2, 3, 4, 5]);
    await migrate(db, all.slice(0, 2));

    // A version-2 server's data, including what the hostile run left: two dossiers under one code.
    const t0 = new Date('2026-03-01T01:00:00Z');
    const point = randomUUID();
    const device = randomUUID();
    await db.query('INSERT INTO reception_points (id, agency_code, name, created_at) VALUES ($1, $2, $3, $4)', [point, '000.00.53.H48', 'Điểm', t0]);
    await db.query("INSERT INTO devices (id, reception_point_id, name, secret_hash, desk_slot, enrolled_at) VALUES ($1, $2, 'Máy', 'x', 1, $3)", [device, point, t0]);
    const listed = sha256('trang có trong hồ sơ');
    const orphan = sha256('trang không hồ sơ nào liệt kê');
    for (const h of [listed, orphan]) await db.query('INSERT INTO blobs (sha256, size, stored_at) VALUES ($1, 10, $2)', [h, t0]);
    const dossier = async (code: string, seq: number, pages: string[]) => {
      const id = randomUUID();
      await db.query(
        `INSERT INTO dossiers (id, reception_point_id, code, fields, pages, desk_updated_at, complete, seq, intake_hash, received_at, changed_at)
         VALUES ($1, $2, $3, '{}', $4::jsonb, 'x', false, $5, 'h', $6, $6)`,
        [id, point, code, JSON.stringify(pages.map((sha, position) => ({ sha256: sha, size: 10, component: 0, position }))), seq, new Date(t0.getTime() + seq * 1000)],
      );
      return id;
    };
    const original = await dossier('000.00.53.H48-260301-1001', 1, [listed]);
    const copy = await dossier('000.00.53.H48-260301-1001', 2, []);
    const other = await dossier('000.00.53.H48-260301-1002', 3, [listed]);

    expect((await migrate(db, all)).applied).toEqual([3, 4, 5]);

    // 0003: the later holder of a shared code is flagged, nothing is dropped; a new duplicate is refused.
    const flags = await db.query<{ id: string; code_duplicate: boolean }>('SELECT id, code_duplicate FROM dossiers ORDER BY seq');
    expect(flags.map((r) => [r.id, r.code_duplicate])).toEqual([[original, false], [copy, true], [other, false]]);
    await expect(dossier('000.00.53.H48-260301-1002', 4, [])).rejects.toThrow(/dossiers_code_unique|duplicate key/);

    // 0004: the limiter and the security log exist.
    await db.query("INSERT INTO enroll_limits (key, failures, last_failure_at) VALUES ('addr:127.0.0.1', 1, now())");
    await db.query("INSERT INTO security_events (at, kind, address) VALUES (now(), 'enroll_failed', '127.0.0.1')");

    // 0005: the point holds the page its dossiers list (no uploader known); the unlisted blob has
    // no holder and waits for collection; quotas start at zero; uploads exist.
    const held = await db.query<{ reception_point_id: string; sha256: string; device_id: string | null; gc_since: Date | null }>('SELECT * FROM point_blobs');
    expect(held.map((r) => [r.reception_point_id, r.sha256, r.device_id, r.gc_since])).toEqual([[point, listed, null, null]]);
    const marks = await db.query<{ sha256: string; marked: boolean }>('SELECT sha256, gc_since IS NOT NULL AS marked FROM blobs ORDER BY sha256');
    expect(Object.fromEntries(marks.map((r) => [r.sha256, r.marked]))).toEqual({ [listed]: false, [orphan]: true });
    expect((await db.query<{ b: number }>('SELECT stored_bytes AS b FROM devices'))[0]!.b).toBe(0);
    await db.query("INSERT INTO uploads (id, device_id, size, created_at, expires_at) VALUES ('u1', $1, 5, now(), now())", [device]);
  });
});
