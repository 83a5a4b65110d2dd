import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/migrate.js';
import { deadlineBounds } from '../../src-main/queues/deadline-bounds.js';
import { queuesOfDossier, type QueueContext } from '../../src-main/queues/queues-repo.js';
import type { QueueId } from '../../src-shared/contract/queues-commands.js';
import { migrationsDir } from '../helpers/scratch-db.js';

/**
 * Each queue's definition (queue-definitions.ts over the rows migration 0010's triggers keep),
 * on an in-memory database of the real schema: one dossier walked through its life by writing
 * the tables the app's writers write (dossiers, components, pages, OCR jobs, the sync tables,
 * the province status, the review columns), checking after each step which queues hold it.
 */
const tz = 'Asia/Ho_Chi_Minh';
let db: Database.Database;
let seq = 0;
const D = 'dddddddd-0000-4000-8000-000000000001';

beforeEach(() => {
  db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrationsDir);
  db.prepare("INSERT INTO users (id, username, full_name, role, password_hash, created_at) VALUES ('u1', 'lan', 'Lan', 'clerk', 'x', '2026-01-01T00:00:00.000Z')").run();
  seq = 0;
});
afterEach(() => db.close());

const ctx = (now: string, reviewBeforeSync = false): QueueContext => ({ reviewBeforeSync, bounds: deadlineBounds(db, new Date(now), tz), assignedTo: null });
const queues = (now = '2026-03-02T03:00:00.000Z', reviewBeforeSync = false): QueueId[] => queuesOfDossier(db, D, ctx(now, reviewBeforeSync));

function draft(): void {
  db.prepare(
    `INSERT INTO dossiers (id, status, procedure_code, procedure_name, processing_days, applicant_name, applicant_id_number, created_by, created_at, updated_at, seq)
     VALUES (?, 'draft', '1.004873', 'Cấp Giấy xác nhận tình trạng hôn nhân', 3, 'Lê Thị Hoa', '079185001234', 'u1', '2026-03-02T01:00:00.000Z', '2026-03-02T01:00:00.000Z', ?)`,
  ).run(D, ++seq);
  const c = db.prepare("INSERT INTO dossier_components (dossier_id, position, name, kind, quantity, received) VALUES (?, ?, ?, 'original', 1, 1)");
  c.run(D, 1, 'Tờ khai');
  c.run(D, 2, 'Giấy tờ chứng minh');
}

function receive(appointmentAt = '2026-03-05T09:00:00.000Z'): void {
  db.prepare(
    `UPDATE dossiers SET status = 'received', code = '000.00.53.H48-260302-0001', lookup_code = 'ABCD', received_at = '2026-03-02T02:00:00.000Z',
       appointment_at = ?, received_by = 'u1', updated_at = '2026-03-02T02:00:00.000Z', seq = ? WHERE id = ?`,
  ).run(appointmentAt, ++seq, D);
}

function addPage(n: number, component: number | null): string {
  const id = `pppppppp-0000-4000-8000-00000000000${n}`;
  const sha = String(n).repeat(64).slice(0, 64);
  db.prepare(
    `INSERT INTO pages (id, dossier_id, component_position, position, sha256, archive_format, thumb_sha256, width, height, colour_mode, bytes, blank, ink_ratio, rotation, source, status, created_at, updated_at, seq)
     VALUES (?, ?, ?, ?, ?, 'jpeg', ?, 100, 100, 'gray', 10, 0, 0.1, 0, 'scan', 'confirmed', '2026-03-02T02:10:00.000Z', '2026-03-02T02:10:00.000Z', ?)`,
  ).run(id, D, component, n, sha, sha, ++seq);
  return id;
}

const job = (pageId: string, status: string) =>
  db.prepare("INSERT INTO ocr_jobs (page_id, sha256, status, created_at) SELECT id, sha256, ?, '2026-03-02T02:11:00.000Z' FROM pages WHERE id = ?").run(status, pageId);
const setJob = (pageId: string, status: string) => db.prepare('UPDATE ocr_jobs SET status = ? WHERE page_id = ?').run(status, pageId);
const review = (state: string) => db.prepare("UPDATE dossier_flow SET review_state = ?, review_at = '2026-03-02T04:00:00.000Z' WHERE dossier_id = ?").run(state, D);
const province = (status: string) =>
  db
    .prepare(
      `INSERT INTO dossier_province_status (dossier_id, status, note, updated_at, complete, server_seq, pulled_at) VALUES (?, ?, '', '2026-03-04T02:00:00.000Z', 1, 1, '2026-03-04T02:01:00.000Z')
       ON CONFLICT (dossier_id) DO UPDATE SET status = excluded.status, server_seq = server_seq + 1`,
    )
    .run(D, status);

describe('the queues a dossier is in, as its state changes', () => {
  it('drafts → waiting for scanning → missing a component → OCR → review → sync → province → closed', () => {
    draft();
    expect(queues()).toEqual(['drafts']);

    receive();
    // Received: the outbox holds it (0005) and its review starts; no page yet.
    expect(queues()).toEqual(['waiting_scan', 'ready_to_sync']);

    const p1 = addPage(1, 1);
    // One of two components has a page; the new page has no recognition yet.
    expect(queues()).toEqual(['missing_components', 'ocr_pending', 'ready_to_sync']);

    const p2 = addPage(2, 2);
    expect(queues()).toEqual(['ocr_pending', 'waiting_review', 'ready_to_sync']);

    job(p1, 'pending');
    job(p2, 'running');
    expect(queues()).toContain('ocr_pending');
    setJob(p1, 'done');
    setJob(p2, 'failed');
    expect(queues()).toEqual(['ocr_failed', 'waiting_review', 'ready_to_sync']);
    setJob(p2, 'done');
    expect(queues()).toEqual(['waiting_review', 'ready_to_sync']);

    // A page assigned to no component leaves component 2 without pages.
    db.prepare('UPDATE pages SET component_position = NULL WHERE id = ?').run(p2);
    expect(queues()).toEqual(['missing_components', 'ready_to_sync']);
    db.prepare('UPDATE pages SET component_position = 2 WHERE id = ?').run(p2);

    review('returned');
    expect(queues()).toEqual(['sent_back', 'ready_to_sync']);
    review('pending');
    expect(queues()).toEqual(['waiting_review', 'ready_to_sync']);

    // Review before sync: a dossier under review is not "ready to sync" until approved.
    expect(queues(undefined, true)).toEqual(['waiting_review']);
    review('approved');
    expect(queues(undefined, true)).toEqual(['ready_to_sync']);

    // A push that failed shows with its reason; then pushed with pages uploading; then uploaded.
    db.prepare("UPDATE sync_outbox SET attempts = 1, last_error = 'Mất kết nối' WHERE dossier_id = ?").run(D);
    expect(queues()).toEqual(['sync_failed']);
    db.prepare("INSERT INTO sync_dossiers (dossier_id, master, pushed_at, upload_pending) VALUES (?, '{}', '2026-03-02T05:00:00.000Z', 1)").run(D);
    db.prepare('DELETE FROM sync_outbox WHERE dossier_id = ?').run(D);
    expect(queues()).toEqual(['ready_to_sync']);
    db.prepare('UPDATE sync_dossiers SET upload_pending = 0 WHERE dossier_id = ?').run(D);
    expect(queues()).toEqual([]);

    province('supplement_requested');
    expect(queues()).toEqual(['supplement_requested']);
    province('processing');
    expect(queues()).toEqual([]);
    province('completed');
    expect(queues()).toEqual(['result_ready']);

    db.prepare("UPDATE dossier_flow SET closed_at = '2026-03-05T03:00:00.000Z' WHERE dossier_id = ?").run(D);
    expect(queues()).toEqual([]);
  });

  it('a deleted page and a rotated page (a new image to recognise) move it back', () => {
    draft();
    receive();
    const p1 = addPage(1, 1);
    addPage(2, 2);
    job(p1, 'done');
    job('pppppppp-0000-4000-8000-000000000002', 'done');
    expect(queues()).toEqual(['waiting_review', 'ready_to_sync']);
    db.prepare("UPDATE pages SET sha256 = ? WHERE id = ?").run('f'.repeat(64), p1);
    expect(queues()).toEqual(['ocr_pending', 'waiting_review', 'ready_to_sync']);
    db.prepare("UPDATE pages SET status = 'deleted', position = NULL, deleted_at = '2026-03-02T06:00:00.000Z' WHERE id = ?").run(p1);
    expect(queues()).toEqual(['missing_components', 'ready_to_sync']);
  });

  it('due today and overdue follow the date and the holidays (30/4 and 1/5/2026)', () => {
    draft();
    // Promised for Monday 4 May 2026, 16:00.
    receive('2026-05-04T09:00:00.000Z');
    const at = (localDay: string) => `${localDay}T02:00:00.000Z`; // 09:00 in Vietnam
    expect(queues(at('2026-04-29'))).not.toContain('due_today');
    expect(queues(at('2026-05-01'))).not.toContain('overdue');
    expect(queues(at('2026-05-04'))).toContain('due_today');
    expect(queues(at('2026-05-05'))).toContain('overdue');

    // Promised for a day that is a holiday: due on the next working day, not overdue before it.
    db.prepare("UPDATE dossiers SET appointment_at = '2026-04-30T09:00:00.000Z', seq = ? WHERE id = ?").run(++seq, D);
    expect(queues(at('2026-04-30'))).not.toContain('due_today');
    expect(queues(at('2026-05-04'))).toContain('due_today');
    expect(queues(at('2026-05-04'))).not.toContain('overdue');
    expect(queues(at('2026-05-05'))).toContain('overdue');

    // Handed back: out of both.
    db.prepare("UPDATE dossier_flow SET closed_at = '2026-05-05T03:00:00.000Z' WHERE dossier_id = ?").run(D);
    expect(queues(at('2026-05-05'))).not.toContain('overdue');
  });
});
