/**
 * bench:search — queue queries and full-text searches on a desk database of generated OCR-like
 * Vietnamese text, built through the real schema (migrations, triggers, FTS5 index).
 *
 *   npm run bench:search -- [--dossiers 100000] [--pages 10] [--words 80] [--runs 200]
 *
 * Prints median and p99 milliseconds per query, and ratios against a plain indexed lookup of a
 * dossier by code measured in the same run (timings on shared machines are noisy; ratios less so).
 * The last line is one JSON object with every figure.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../../src-main/db/open.js';
import { dossierOcrStates } from '../../src-main/ocr/ocr-repo.js';
import { searchDossiers } from '../../src-main/search/search-repo.js';
import { fold } from '../../src-shared/text/fold.js';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '100000' },
    pages: { type: 'string', default: '10' },
    words: { type: 'string', default: '80' },
    runs: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
  },
});
const nDossiers = Number(values.dossiers);
const pagesPer = Number(values.pages);
const wordsPer = Number(values.words);
const runs = Number(values.runs);
if (![nDossiers, pagesPer, wordsPer, runs].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--dossiers, --pages, --words and --runs take positive integers');

// Deterministic data: the same flags give the same database (mulberry32).
let seed = 0x5eed;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const surnames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const middles = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quốc', 'Kim', 'Xuân', 'Hồng', 'Thu'];
const givens = ['Đường', 'Anh', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Nhung', 'Phúc', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Tuyết', 'Vy', 'Yến'];
// Words of commune paperwork (applications, birth certificates, land papers, certifications).
const vocabulary = (
  'cộng hòa xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc đơn đề nghị kính gửi ủy ban nhân dân xã phường thị trấn huyện tỉnh ' +
  'thành phố họ và tên ngày tháng năm sinh giới tính nam nữ dân tộc kinh quốc tịch nơi cư trú thường trú tạm trú số định danh cá nhân ' +
  'căn cước công dân cấp ngày nơi cấp cục cảnh sát quản lý hành chính về trật tự xã hội giấy khai sinh bản chính bản sao chứng thực ' +
  'quyền sử dụng đất quyền sở hữu nhà ở tài sản khác gắn liền với thửa đất số tờ bản đồ diện tích mục đích lâu dài nguồn gốc ' +
  'người yêu cầu người làm đơn cam đoan những nội dung trên là đúng sự thật nếu sai tôi xin hoàn toàn chịu trách nhiệm trước pháp luật ' +
  'xác nhận của cán bộ tư pháp hộ tịch chủ tịch phó chủ tịch ký tên đóng dấu ghi rõ họ tên lý do thay đổi cải chính bổ sung ' +
  'kết hôn tình trạng hôn nhân độc thân đăng ký thường trú ấp khu phố tổ dân phố đường số nhà phí lệ phí biên nhận hẹn trả kết quả'
).split(' ');

const name = () => `${pick(surnames)} ${pick(middles)} ${pick(givens)}`;
const idNumber = () => `0${String(Math.floor(rand() * 96) + 1).padStart(2, '0')}${Math.floor(rand() * 4)}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
const hex64 = (n: number) => n.toString(16).padStart(64, '0');

function pageText(applicant: string, first: boolean): string {
  const words: string[] = [];
  for (let i = 0; i < wordsPer; i++) words.push(pick(vocabulary));
  if (first) words.splice(8, 0, ...`họ và tên ${applicant}`.split(' '));
  // OCR-like: lines of 10-14 words.
  const lines: string[] = [];
  for (let i = 0; i < words.length; i += 12) lines.push(words.slice(i, i + 12).join(' '));
  return lines.join('\n');
}

function generate(db: Db): { codes: string[]; dossierIds: string[]; names: string[]; loadMs: number } {
  const began = performance.now();
  const at = '2026-03-02T02:00:00.000Z';
  db.prepare("INSERT INTO users (id, username, full_name, role, password_hash, created_at) VALUES ('u1', 'bench', 'Bench', 'clerk', 'x', ?)").run(at);
  const insDossier = db.prepare(
    `INSERT INTO dossiers (id, status, code, lookup_code, procedure_code, procedure_name, processing_days, applicant_name, applicant_id_number,
       received_at, appointment_at, created_by, received_by, created_at, updated_at, seq)
     VALUES (?, ?, ?, ?, '2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', 0, ?, ?, ?, ?, 'u1', ?, ?, ?, ?)`,
  );
  const insPage = db.prepare(
    `INSERT INTO pages (id, dossier_id, component_position, position, sha256, archive_format, thumb_sha256, width, height, dpi, colour_mode,
       bytes, blank, ink_ratio, rotation, source, status, created_at, updated_at, seq)
     VALUES (?, ?, 1, ?, ?, 'jpeg', ?, 1654, 2339, 200, 'gray', 250000, 0, 0.08, 0, 'scan', 'confirmed', ?, ?, ?)`,
  );
  const insJob = db.prepare("INSERT INTO ocr_jobs (page_id, sha256, status, attempts, created_at) VALUES (?, ?, ?, ?, ?)");
  const insText = db.prepare(
    `INSERT INTO ocr_texts (page_id, sha256, raw_text, text, mean_confidence, engine, width, height, created_at, updated_at)
     VALUES (?, ?, ?, ?, 91.5, 'bench', 1654, 2339, ?, ?)`,
  );
  const insUpload = db.prepare("INSERT INTO sync_dossiers (dossier_id, master, pushed_at, upload_pending) VALUES (?, '{}', ?, ?)");
  const codes: string[] = [];
  const dossierIds: string[] = [];
  const names: string[] = [];
  let seq = 0;
  let pageNo = 0;
  const batch = 2000;
  for (let start = 0; start < nDossiers; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(nDossiers, start + batch); i++) {
        const id = `d${String(i).padStart(8, '0')}`;
        const received = rand() < 0.9;
        const code = received ? `000.00.53.H48-${String(260101 + (i % 28)).padStart(6, '0')}-${String(i).padStart(6, '0')}` : null;
        const applicant = name();
        insDossier.run(id, received ? 'received' : 'draft', code, received ? `L${i}` : null, applicant, idNumber(), received ? at : null, received ? at : null, received ? 'u1' : null, at, at, ++seq);
        if (code) codes.push(code);
        dossierIds.push(id);
        if (i % 97 === 0) names.push(applicant);
        for (let p = 1; p <= pagesPer; p++) {
          const pid = `p${String(pageNo++).padStart(9, '0')}`;
          const sha = hex64(pageNo);
          insPage.run(pid, id, p, sha, sha, at, at, ++seq);
          // The most recent dossiers' pages are still waiting for OCR.
          const pending = i >= nDossiers * 0.98;
          insJob.run(pid, sha, pending ? 'pending' : 'done', pending ? 0 : 1, at);
          if (!pending) {
            const text = pageText(applicant, p === 1);
            insText.run(pid, sha, text, text, at, at);
          }
        }
        if (received) insUpload.run(id, at, rand() < 0.05 ? 1 : 0);
      }
    })();
    if ((start / batch) % 10 === 0) process.stderr.write(`\r  generated ${Math.min(nDossiers, start + batch)}/${nDossiers} dossiers`);
  }
  process.stderr.write('\n');
  return { codes, dossierIds, names, loadMs: performance.now() - began };
}

function measure(fn: (i: number) => unknown): { medianMs: number; p99Ms: number; rows: number } {
  let rows = 0;
  for (let i = 0; i < 5; i++) fn(i); // warm the page cache and statement cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = fn(i);
    times.push(performance.now() - t0);
    rows = Array.isArray(r) ? r.length : r == null ? 0 : 1;
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return { medianMs: round(q(0.5)), p99Ms: round(q(0.99)), rows };
}
const round = (x: number) => Math.round(x * 1000) / 1000;

const dir = mkdtempSync(join(tmpdir(), 'tiepnhan-search-bench-'));
const file = join(dir, 'bench.sqlite');
const db = openDatabase(file, { migrationsDir: resolve(import.meta.dirname, '..', '..', 'migrations') });
// Bulk load only: the app keeps synchronous = FULL; the measured queries are reads.
db.pragma('synchronous = OFF');
try {
  console.log(`search bench: ${nDossiers} dossiers × ${pagesPer} pages, ${wordsPer} words a page, ${runs} runs a query`);
  const { codes, dossierIds, names, loadMs } = generate(db);
  db.pragma('optimize');
  const bytes = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  const rid = (i: number) => dossierIds[(i * 7919) % dossierIds.length]!;
  const code = (i: number) => codes[(i * 104729) % codes.length]!;

  const q = {
    byCode: db.prepare('SELECT id FROM dossiers WHERE code = ?'),
    nextOcrJob: db.prepare("SELECT id, page_id FROM ocr_jobs WHERE status = 'pending' ORDER BY id LIMIT 1"),
    ocrCounts: db.prepare('SELECT status, COUNT(*) AS n FROM ocr_jobs GROUP BY status'),
    waitingUpload: db.prepare('SELECT dossier_id FROM sync_dossiers WHERE upload_pending = 1 LIMIT 50'),
    oldestUnsynced: db.prepare('SELECT dossier_id, changed_at FROM sync_outbox ORDER BY changed_at LIMIT 50'),
    dossierPages: db.prepare("SELECT id, position FROM pages WHERE dossier_id = ? AND status <> 'deleted' ORDER BY position"),
  };
  const results: Record<string, { medianMs: number; p99Ms: number; rows: number }> = {
    'reference: dossier by code (indexed)': measure((i) => q.byCode.get(code(i))),
    'queue: next pending OCR job': measure(() => q.nextOcrJob.get()),
    'queue: OCR job counts by status': measure(() => q.ocrCounts.all()),
    "queue: a dossier's OCR states": measure((i) => dossierOcrStates(db, rid(i))),
    "queue: a dossier's pages": measure((i) => q.dossierPages.all(rid(i))),
    'queue: dossiers waiting upload': measure(() => q.waitingUpload.all()),
    'queue: oldest unsynced dossiers': measure(() => q.oldestUnsynced.all()),
  };
  const searches: [string, (i: number) => string][] = [
    // Names of generated applicants: each query finds its dossier (and first page) among namesakes.
    ['search: full name, no diacritics', (i) => fold(names[i % names.length]!)],
    ['search: full name, with diacritics', (i) => names[i % names.length]!],
    ['search: page text phrase, no diacritics', () => 'quyen su dung dat'],
    ['search: page text phrase, with diacritics', () => 'quyền sử dụng đất'],
    ['search: dossier code', (i) => code(i)],
    ['search: one common word (prefix)', () => 'xa'],
    ['search: no match', () => 'khong co tu nay xyz'],
  ];
  for (const [label, query] of searches) results[label] = measure((i) => searchDossiers(db, query(i), 20));

  const ref = results['reference: dossier by code (indexed)']!.medianMs || 0.001;
  console.log(`generated in ${(loadMs / 1000).toFixed(1)} s; database ${(bytes / 1e6).toFixed(0)} MB`);
  console.log('query'.padEnd(44) + 'median ms'.padStart(11) + 'p99 ms'.padStart(10) + 'rows'.padStart(6) + '  ×reference');
  for (const [label, r] of Object.entries(results)) {
    console.log(label.padEnd(44) + r.medianMs.toFixed(3).padStart(11) + r.p99Ms.toFixed(3).padStart(10) + String(r.rows).padStart(6) + `  ${(r.medianMs / ref).toFixed(1)}`);
  }
  console.log(JSON.stringify({ bench: 'search', dossiers: nDossiers, pages: nDossiers * pagesPer, wordsPerPage: wordsPer, runs, loadSeconds: round(loadMs / 1000), databaseMB: Math.round(bytes / 1e6), results }));
} finally {
  db.close();
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
