import { afterEach, describe, expect, it } from 'vitest';
import { scratchDb } from '../helpers/scratch-db.js';

let s: ReturnType<typeof scratchDb>;
afterEach(() => s.close());

const at = '2026-03-02T02:00:00.000Z';

describe('migration 0010', () => {
  it('gives every existing dossier its flow row with the facts already there, not under review', () => {
    s = scratchDb();
    expect(s.migrate(9)).toBe(9);
    const db = s.db;
    db.prepare("INSERT INTO users (id, username, full_name, role, password_hash, created_at) VALUES ('u1', 'lan', 'Lan', 'clerk', 'x', ?)").run(at);
    const dossier = db.prepare(
      `INSERT INTO dossiers (id, status, code, procedure_code, procedure_name, processing_days, applicant_name, applicant_id_number,
         received_at, appointment_at, created_by, created_at, updated_at, seq) VALUES (?, ?, ?, '1.004873', 'x', 3, 'A', '079185001234', ?, ?, 'u1', ?, ?, ?)`,
    );
    dossier.run('draft-1', 'draft', null, null, null, at, at, 1);
    // Promised for a date far ahead (still open after the upgrade) and for one long past (history).
    dossier.run('recv-1', 'received', 'C-1', at, '2099-03-05T09:00:00.000Z', at, at, 2);
    dossier.run('recv-old', 'received', 'C-0', '2020-01-02T02:00:00.000Z', '2020-01-07T09:00:00.000Z', '2020-01-02T02:00:00.000Z', at, 3);
    db.prepare("INSERT INTO dossier_components (dossier_id, position, name, kind, quantity, received) VALUES ('recv-1', 1, 'Tờ khai', 'original', 1, 1), ('recv-1', 2, 'Giấy tờ', 'original', 1, 1)").run();
    const page = db.prepare(
      `INSERT INTO pages (id, dossier_id, component_position, position, sha256, archive_format, thumb_sha256, width, height, colour_mode, bytes, blank, ink_ratio, rotation, source, status, created_at, updated_at, seq)
       VALUES (?, 'recv-1', 1, ?, ?, 'jpeg', ?, 10, 10, 'gray', 1, 0, 0, 0, 'scan', 'confirmed', ?, ?, 3)`,
    );
    page.run('p1', 1, 'a'.repeat(64), 'a'.repeat(64), at, at);
    page.run('p2', 2, 'b'.repeat(64), 'b'.repeat(64), at, at);
    db.prepare(`INSERT INTO ocr_jobs (page_id, sha256, status, created_at) VALUES ('p1', ?, 'done', ?), ('p2', ?, 'failed', ?)`).run('a'.repeat(64), at, 'b'.repeat(64), at);
    db.prepare("UPDATE sync_outbox SET last_error = 'offline', attempts = 3 WHERE dossier_id = 'recv-1'").run();
    db.prepare(
      "INSERT INTO dossier_province_status (dossier_id, status, updated_at, complete, server_seq, pulled_at) VALUES ('recv-1', 'supplement_requested', '2026-03-03T01:00:00.000Z', 0, 5, ?)",
    ).run(at);

    expect(s.migrate()).toBeGreaterThanOrEqual(10);
    const rows = db.prepare('SELECT * FROM dossier_flow ORDER BY dossier_id').all();
    expect(rows).toEqual([
      expect.objectContaining({ dossier_id: 'draft-1', status: 'draft', assigned_to: 'u1', review_state: 'none', pages: 0, sync_since: null, seq: 1 }),
      expect.objectContaining({
        dossier_id: 'recv-1',
        status: 'received',
        review_state: 'none',
        review_round: 0,
        pages: 2,
        components_missing: 1,
        ocr_waiting: 0,
        ocr_failed: 1,
        ocr_since: at,
        sync_since: at,
        sync_error: 'offline',
        province_status: 'supplement_requested',
        province_at: '2026-03-03T01:00:00.000Z',
        appointment_at: '2099-03-05T09:00:00.000Z',
        closed_at: null,
        seq: 2,
      }),
      expect.objectContaining({ dossier_id: 'recv-old', review_state: 'none', closed_at: '2020-01-07T09:00:00.000Z' }),
    ]);
    // The backfill notifies nothing: what the province said before this version is old news.
    expect(db.prepare('SELECT count(*) AS n FROM notifications').get()).toEqual({ n: 0 });
  });
});
