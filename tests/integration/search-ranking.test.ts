import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src-main/db/open.js';
import { saveRecognition } from '../../src-main/ocr/ocr-repo.js';
import { CANDIDATES, searchDossiers } from '../../src-main/search/search-repo.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.cleanup();
  core = undefined;
});

const at = '2026-03-02T02:00:00.000Z';

/** A real core with a desk and its admin; dossiers and pages are written straight into the real schema (its triggers index them). */
async function desk(): Promise<Db> {
  core = makeCore();
  await setUpDesk(core);
  const db = core.db;
  db.prepare("INSERT INTO users (id, username, full_name, role, password_hash, created_at) VALUES ('u-test', 'search-test', 'Kiểm thử', 'clerk', 'x', ?)").run(at);
  return db;
}

let n = 0;
function dossier(db: Db, applicant: string): string {
  const id = `d-${String(++n).padStart(6, '0')}`;
  db.prepare(
    `INSERT INTO dossiers (id, status, procedure_code, procedure_name, processing_days, applicant_name, applicant_id_number, created_by, created_at, updated_at, seq)
     VALUES (?, 'draft', '2.000815', 'Chứng thực bản sao', 0, ?, '079085001234', 'u-test', ?, ?, ?)`,
  ).run(id, applicant, at, at, n);
  return id;
}

/** A page of the dossier with its OCR text, stored as the OCR queue stores it. */
function page(db: Db, dossierId: string, text: string): string {
  const id = `p-${String(++n).padStart(6, '0')}`;
  const sha = n.toString(16).padStart(64, '0');
  const position = (db.prepare('SELECT COUNT(*) AS c FROM pages WHERE dossier_id = ?').get(dossierId) as { c: number }).c + 1;
  db.prepare(
    `INSERT INTO pages (id, dossier_id, position, sha256, archive_format, thumb_sha256, width, height, colour_mode, bytes, blank, ink_ratio, rotation, source, status, created_at, updated_at, seq)
     VALUES (?, ?, ?, ?, 'jpeg', ?, 100, 140, 'gray', 1000, 0, 0.1, 0, 'scan', 'confirmed', ?, ?, ?)`,
  ).run(id, dossierId, position, sha, sha, at, at, n);
  saveRecognition(db, { page_id: id, sha256: sha, raw_text: text, text, mean_confidence: 90, engine: 'test', width: 100, height: 140, created_at: at }, []);
  return id;
}

const marked = (h: { snippet: { text: string; highlights: { start: number; end: number }[] } }) => h.snippet.highlights.map((r) => h.snippet.text.slice(r.start, r.end));

describe('search order and bounds (search-repo.ts)', () => {
  it('puts matches on the dossier itself before matches in page text, newest first within each', async () => {
    const db = await desk();
    const older = dossier(db, 'Nguyễn Văn Đường');
    const olderPage = page(db, older, 'Họ và tên: Nguyễn Văn Đường, xã Tân Định');
    const other = dossier(db, 'Lê Thị Hoa');
    const otherPage = page(db, other, 'Người làm chứng: ông Nguyễn Văn Đường');
    const newer = dossier(db, 'Nguyễn Văn Đường');
    const hits = searchDossiers(db, 'nguyen van duong', 20);
    expect(hits.map((h) => [h.kind, h.dossierId, h.pageId])).toEqual([
      ['dossier', newer, null],
      ['dossier', older, null],
      ['page', other, otherPage],
      ['page', older, olderPage],
    ]);
    expect(hits.every((h) => h.match === 'word')).toBe(true);
    expect(marked(hits[2]!)).toEqual(['Nguyễn', 'Văn', 'Đường']);
    // The limit keeps the first ones of that order.
    expect(searchDossiers(db, 'nguyen van duong', 3).map((h) => h.pageId ?? h.dossierId)).toEqual([newer, older, otherPage]);
  });

  it('matches whole words first; the last term is a prefix only when no whole word matches it, and marks say which', async () => {
    const db = await desk();
    const d = dossier(db, 'Trần Thị Mai');
    const commune = page(db, d, 'Ủy ban nhân dân xã Tân Định');
    const confirm = page(db, d, 'Xác nhận của cán bộ tư pháp');
    // "xa" is a whole word (xã): the page with "Xác" only is not a match, and "Xác" is not marked.
    const word = searchDossiers(db, 'xa', 20);
    expect(word.map((h) => h.pageId)).toEqual([commune]);
    expect(word[0]!.match).toBe('word');
    expect(marked(word[0]!)).toEqual(['xã']);
    // "xac nh" is still being typed: no word "nh", so it matches "nhận" as a prefix.
    const typing = searchDossiers(db, 'xac nh', 20);
    expect(typing.map((h) => [h.pageId, h.match])).toEqual([[confirm, 'prefix']]);
    expect(marked(typing[0]!)).toEqual(['Xác', 'nhận']);
    // One letter is no prefix: "tu p" finds nothing rather than every word starting with p.
    expect(searchDossiers(db, 'tu p', 20)).toEqual([]);
    expect(searchDossiers(db, 'tu phap', 20).map((h) => h.pageId)).toEqual([confirm]);
  });

  it(`reads only the newest ${CANDIDATES} matches of a very frequent word, so an older dossier-level match falls out`, async () => {
    const db = await desk();
    // One old dossier whose applicant matches, then newer pages of another dossier whose text matches.
    const old = dossier(db, 'Phạm Văn Cũ');
    const holder = dossier(db, 'Lê Thị Hoa');
    const pages = db.transaction(() => Array.from({ length: CANDIDATES - 1 }, (_, i) => page(db, holder, `Người làm chứng số ${i}: ông Phạm Văn Tư`)))();
    // With the old row among the newest CANDIDATES matches, dossier-level matches come first.
    const within = searchDossiers(db, 'pham van', 200);
    expect(within).toHaveLength(200);
    expect(within.map((h) => [h.kind, h.dossierId, h.pageId])).toEqual([
      ['dossier', old, null],
      ...pages.slice(-199).reverse().map((p) => ['page', holder, p]),
    ]);
    // One more newer page puts the old row at CANDIDATES + 1 from the newest: it is not read at all
    // (search-repo.ts), and the hits are the newest pages only.
    pages.push(page(db, holder, 'Người làm chứng cuối: ông Phạm Văn Tư'));
    const capped = searchDossiers(db, 'pham van', 200);
    expect(capped).toHaveLength(200);
    expect(capped.map((h) => [h.kind, h.dossierId, h.pageId])).toEqual(pages.slice(-200).reverse().map((p) => ['page', holder, p]));
    expect(capped.some((h) => h.dossierId === old)).toBe(false);
    // The old dossier is still indexed: a narrower query finds it at once.
    expect(searchDossiers(db, 'pham van cu', 20).map((h) => [h.kind, h.dossierId])).toEqual([['dossier', old]]);
  });
});
