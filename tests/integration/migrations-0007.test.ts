import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { searchDossiers } from '../../src-main/search/search-repo.js';
import { scratchDb } from '../helpers/scratch-db.js';

let s: ReturnType<typeof scratchDb>;
let db: Database.Database;
afterEach(() => s.close());

const at = '2026-03-02T02:00:00.000Z';
const ftsSql = () => (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'search_fts'").get() as { sql: string }).sql;
const found = (q: string) => searchDossiers(db, q, 20).map((h) => h.pageId ?? h.dossierId);

function dossier(id: string, applicant: string, code: string | null) {
  db.prepare(
    `INSERT INTO dossiers (id, status, code, lookup_code, procedure_code, procedure_name, processing_days, applicant_name, applicant_id_number,
       received_at, appointment_at, created_by, received_by, created_at, updated_at, seq)
     VALUES (?, ?, ?, NULL, '2.000815', 'Chứng thực bản sao', 0, ?, '079085001234', ?, ?, 'u1', NULL, ?, ?, 1)`,
  ).run(id, code ? 'received' : 'draft', code, applicant, code ? at : null, code ? at : null, at, at);
}

function page(id: string, dossierId: string, position: number, text: string) {
  const sha = Buffer.from(id).toString('hex').padEnd(64, '0');
  db.prepare(
    `INSERT INTO pages (id, dossier_id, position, sha256, archive_format, thumb_sha256, width, height, colour_mode, bytes, blank, ink_ratio, rotation, source, status, created_at, updated_at, seq)
     VALUES (?, ?, ?, ?, 'jpeg', ?, 100, 140, 'gray', 1000, 0, 0.1, 0, 'scan', 'confirmed', ?, ?, 1)`,
  ).run(id, dossierId, position, sha, sha, at, at);
  db.prepare(
    `INSERT INTO ocr_texts (page_id, sha256, raw_text, text, mean_confidence, engine, width, height, created_at, updated_at)
     VALUES (?, ?, ?, ?, 90, 'test', 100, 140, ?, ?)`,
  ).run(id, sha, text, text, at, at);
}

describe('migration 0007', () => {
  it('rebuilds the search index with 2- and 3-letter prefix indexes, keeping every document, and the 0004 triggers keep it current', () => {
    s = scratchDb();
    db = s.db;
    expect(s.migrate(6)).toBe(6);
    db.prepare("INSERT INTO users (id, username, full_name, role, password_hash, created_at) VALUES ('u1', 'u1', 'Cán bộ', 'clerk', 'x', ?)").run(at);
    dossier('d1', 'Nguyễn Văn Đường', '000.00.53.H48-260302-0001');
    dossier('d2', 'Lê Thị Hoa', null);
    page('p1', 'd1', 1, 'Xác nhận của Ủy ban nhân dân xã Tân Định');
    page('p2', 'd2', 1, 'Giấy khai sinh bản sao');
    page('p3', 'd2', 2, 'Trang sẽ bị xóa: khuông');
    db.prepare("UPDATE pages SET status = 'deleted', position = NULL, deleted_at = ? WHERE id = 'p3'").run(at);
    const queries = ['nguyen van duong', '000.00.53.H48-260302-0001', 'hoa', 'xac nh', 'tan dinh', 'khai sinh', 'khuong'];
    const before = queries.map(found);
    expect(ftsSql()).not.toMatch(/prefix/);

    expect(s.migrate()).toBeGreaterThanOrEqual(7);
    expect(ftsSql()).toMatch(/prefix\s*=\s*'2 3'/);
    // The same answers for every query, the deleted page still out.
    expect(queries.map(found)).toEqual(before);
    expect(found('khuong')).toEqual([]);
    expect(found('xac nh')).toEqual(['p1']);
    expect(found('nguyen van duong')).toEqual(['d1']);

    // The triggers of 0004 write to the new table: a new page text and a renamed applicant are found, the old name is not.
    page('p4', 'd2', 2, 'Đơn đề nghị đăng ký kết hôn');
    db.prepare("UPDATE dossiers SET applicant_name = 'Phạm Thị Hoa' WHERE id = 'd2'").run();
    expect(found('dang ky ket ho')).toEqual(['p4']);
    expect(found('pham thi hoa')).toEqual(['d2']);
    expect(found('le thi hoa')).toEqual([]);
  });
});
