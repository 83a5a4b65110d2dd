/**
 * bench:search — queue queries and full-text searches on a desk database of generated OCR-like
 * Vietnamese text, built on the real schema (migrations, indexes, FTS5 index, triggers restored).
 *
 *   npm run bench:search -- [--dossiers 100000] [--pages-per-dossier 10] [--words 80] [--runs 100]
 *                           [--db FILE] [--keep]
 *
 * Default size is the one issue 4 asks for: 100,000 dossiers / 1,000,000 pages. `--db FILE` keeps
 * the generated database at FILE and reuses it on the next run with the same size flags (for
 * trying a query change without regenerating). Generation time is reported apart.
 *
 * The queries run in a child process on a fresh connection opened like the app opens it
 * (openDatabase: WAL, synchronous FULL, default cache), so its peak RSS is the query side's, not
 * the bulk load's. Each query calls the app's own function (src-main) and prints median and p99
 * ms; each search also prints a reference measured in the same run: a plain
 * `SELECT count(*)` over the same FTS match (what the index alone costs, with no ranking, join or
 * snippet; whole words, or the last one as a prefix when the app would), so the app's extra work
 * can be read off, and the ranking used before (bm25 over every match) for two queries, a few runs.
 * The last line is one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../../src-main/db/open.js';
import { claimNextJob, countStates, dossierOcrStates, enqueueNewPages } from '../../src-main/ocr/ocr-repo.js';
import { pullDossiers } from '../../src-main/replication/dossier-feed.js';
import { ftsQuery, MIN_PREFIX, searchDossiers } from '../../src-main/search/search-repo.js';
import { outboxBatch, pendingUploads } from '../../src-main/sync/sync-repo.js';
import { syncStatus } from '../../src-main/sync/sync-status.js';
import { fold, foldedTerms } from '../../src-shared/text/fold.js';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '100000' },
    'pages-per-dossier': { type: 'string', default: '10' },
    words: { type: 'string', default: '80' },
    runs: { type: 'string', default: '100' },
    db: { type: 'string' },
    keep: { type: 'boolean', default: false },
    // Internal: the child process that measures (see header).
    measure: { type: 'string' },
  },
});
const nDossiers = Number(values.dossiers);
const pagesPer = Number(values['pages-per-dossier']);
const wordsPer = Number(values.words);
const runs = Number(values.runs);
if (![nDossiers, pagesPer, wordsPer, runs].every((n) => Number.isInteger(n) && n > 0)) {
  throw new Error('--dossiers, --pages-per-dossier, --words and --runs take positive integers');
}
const migrationsDir = resolve(import.meta.dirname, '..', '..', 'migrations');

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
// Words of commune paperwork (applications, birth certificates, land papers, certifications):
// every page is mostly these, so each of them is on a large share of the pages ("xã" on nearly all).
const vocabulary = (
  'cộng hòa xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc đơn đề nghị kính gửi ủy ban nhân dân xã phường thị trấn huyện tỉnh ' +
  'thành phố họ và tên ngày tháng năm sinh giới tính nam nữ dân tộc kinh quốc tịch nơi cư trú thường trú tạm trú số định danh cá nhân ' +
  'căn cước công dân cấp ngày nơi cấp cục cảnh sát quản lý hành chính về trật tự xã hội giấy khai sinh bản chính bản sao chứng thực ' +
  'quyền sử dụng đất quyền sở hữu nhà ở tài sản khác gắn liền với thửa đất số tờ bản đồ diện tích mục đích lâu dài nguồn gốc ' +
  'người yêu cầu người làm đơn cam đoan những nội dung trên là đúng sự thật nếu sai tôi xin hoàn toàn chịu trách nhiệm trước pháp luật ' +
  'xác nhận của cán bộ tư pháp hộ tịch chủ tịch phó chủ tịch ký tên đóng dấu ghi rõ họ tên lý do thay đổi cải chính bổ sung ' +
  'kết hôn tình trạng hôn nhân độc thân đăng ký thường trú ấp khu phố tổ dân phố đường số nhà phí lệ phí biên nhận hẹn trả kết quả'
).split(' ');
// Place names (hamlets, streets): two-syllable words built from these, about 2,000 of them, two a
// page, so each is on roughly one page in a thousand: the "rare word" a clerk searches for.
const placeA = ['Phú', 'Tân', 'Bình', 'Long', 'Mỹ', 'Thạnh', 'Hưng', 'Phước', 'An', 'Hòa', 'Vĩnh', 'Trường', 'Khánh', 'Lộc', 'Thới', 'Nhơn', 'Quới', 'Điền', 'Xuyên', 'Giồng', 'Rạch', 'Bưng', 'Gò', 'Láng', 'Cù', 'Đồng', 'Bàu', 'Trảng', 'Suối', 'Bến', 'Cồn', 'Vàm', 'Kênh', 'Ngã', 'Lung', 'Truông', 'Đìa', 'Xẻo', 'Ụ', 'Gành', 'Hóc', 'Bửu'];
const placeB = ['Lợi', 'Đức', 'Thuận', 'Nghĩa', 'Định', 'Hiệp', 'Thành', 'Tường', 'Khương', 'Ngãi', 'Quỳnh', 'Nguyệt', 'Diễm', 'Ước', 'Huề', 'Tự', 'Oai', 'Uyển', 'Thoại', 'Khuê', 'Duyệt', 'Luông', 'Đậu', 'Sẻ', 'Mít', 'Dầu', 'Sao', 'Tràm', 'Đước', 'Bần', 'Mắm', 'Cóc', 'Ổi', 'Chùa', 'Miễu', 'Đình', 'Cỏ', 'Gừa', 'Găng', 'Sậy', 'Lác', 'Nổ', 'Xoài', 'Mận', 'Dừa', 'Cau', 'Trúc', 'Vông'];
const places = placeA.flatMap((a) => placeB.map((b) => `${a} ${b}`));

const name = () => `${pick(surnames)} ${pick(middles)} ${pick(givens)}`;
const idNumber = () => `0${String(Math.floor(rand() * 96) + 1).padStart(2, '0')}${Math.floor(rand() * 4)}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
const hex64 = (n: number) => n.toString(16).padStart(64, '0');

function pageText(applicant: string, first: boolean): { text: string; place: string } {
  const words: string[] = [];
  for (let i = 0; i < wordsPer; i++) words.push(pick(vocabulary));
  const place = pick(places);
  words.splice(Math.floor(rand() * words.length), 0, 'ấp', ...place.split(' '));
  words.splice(Math.floor(rand() * words.length), 0, 'đường', ...pick(places).split(' '));
  if (first) words.splice(8, 0, ...`họ và tên ${applicant}`.split(' '));
  // OCR-like: lines of 12 words.
  const lines: string[] = [];
  for (let i = 0; i < words.length; i += 12) lines.push(words.slice(i, i + 12).join(' '));
  return { text: lines.join('\n'), place };
}

// One received dossier every 25 minutes of desk time: 100,000 dossiers are about 5 years of a busy desk.
const BASE_MS = Date.parse('2021-01-04T01:00:00.000Z');
const STEP_MS = 25 * 60_000;
const iso = (i: number) => new Date(BASE_MS + i * STEP_MS).toISOString();

type Sample = { codes: string[]; dossierIds: string[]; names: string[]; rareWords: string[] };
type GenerationFigures = { rowsSeconds: number; ftsSeconds: number; totalSeconds: number; peakRssMB: number };

/**
 * Bulk load in one transaction with prepared statements. The app's triggers (search index, sync
 * outbox) are dropped for the load and recreated after it, and what they would have written is
 * written in bulk instead: search_docs rows as the app creates them (the dossier's, then its
 * pages' as their text arrives, so rowid order is arrival order), then the FTS index in one
 * INSERT … SELECT in rowid order with the triggers' own folding expression.
 * ocr_words (80 per page) are not generated: no measured query reads them; the size excludes them.
 */
function generate(file: string): { sample: Sample; figures: GenerationFigures } {
  const t0 = performance.now();
  const db = openDatabase(file, { migrationsDir });
  // Bulk load only (the measuring child reopens with the app's settings).
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  db.pragma('temp_store = MEMORY');
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
  const sample: Sample = { codes: [], dossierIds: [], names: [], rareWords: [] };
  const at0 = iso(0);
  const s = {
    user: db.prepare("INSERT INTO users (id, username, full_name, role, password_hash, created_at) VALUES ('u1', 'bench', 'Bench', 'clerk', 'x', ?)"),
    dossier: db.prepare(
      `INSERT INTO dossiers (id, status, code, lookup_code, procedure_code, procedure_name, processing_days, applicant_name, applicant_id_number,
         received_at, appointment_at, created_by, received_by, created_at, updated_at, seq)
       VALUES (?, ?, ?, ?, '2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', 0, ?, ?, ?, ?, 'u1', ?, ?, ?, ?)`,
    ),
    page: db.prepare(
      `INSERT INTO pages (id, dossier_id, component_position, position, sha256, archive_format, thumb_sha256, width, height, dpi, colour_mode,
         bytes, blank, ink_ratio, rotation, source, status, created_at, updated_at, seq)
       VALUES (?, ?, 1, ?, ?, 'jpeg', ?, 1654, 2339, 200, 'gray', 250000, 0, 0.08, 0, 'scan', 'confirmed', ?, ?, ?)`,
    ),
    job: db.prepare('INSERT INTO ocr_jobs (page_id, sha256, status, attempts, created_at, finished_at) VALUES (?, ?, ?, ?, ?, ?)'),
    text: db.prepare(
      `INSERT INTO ocr_texts (page_id, sha256, raw_text, text, mean_confidence, engine, width, height, created_at, updated_at)
       VALUES (?, ?, ?, ?, 91.5, 'bench', 1654, 2339, ?, ?)`,
    ),
    doc: db.prepare('INSERT INTO search_docs (rowid, dossier_id, page_id) VALUES (?, ?, ?)'),
    pushed: db.prepare("INSERT INTO sync_dossiers (dossier_id, master, pushed_at, upload_pending, bytes_total, bytes_done) VALUES (?, '{}', ?, ?, 2500000, ?)"),
    outbox: db.prepare('INSERT INTO sync_outbox (dossier_id, changed_at) VALUES (?, ?)'),
  };
  let seq = 0;
  let pageNo = 0;
  let docId = 0;
  db.transaction(() => {
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    s.user.run(at0);
    for (let i = 0; i < nDossiers; i++) {
      const id = `d${String(i).padStart(8, '0')}`;
      const at = iso(i);
      const received = rand() < 0.9;
      const code = received ? `000.00.53.H48-${String(210104 + Math.floor(i / 20)).padStart(6, '0')}-${String(i).padStart(6, '0')}` : null;
      const applicant = name();
      s.dossier.run(id, received ? 'received' : 'draft', code, received ? `L${i}` : null, applicant, idNumber(), received ? at : null, received ? at : null, received ? 'u1' : null, at, at, ++seq);
      s.doc.run(++docId, id, null);
      if (code) sample.codes.push(code);
      sample.dossierIds.push(id);
      if (i % 97 === 0) sample.names.push(applicant);
      // The newest 2% of dossiers: pages still waiting for OCR, the dossier not yet pushed.
      const recent = i >= nDossiers * 0.98;
      for (let p = 1; p <= pagesPer; p++) {
        const pid = `p${String(pageNo++).padStart(9, '0')}`;
        const sha = hex64(pageNo);
        s.page.run(pid, id, p, sha, sha, at, at, ++seq);
        s.job.run(pid, sha, recent ? 'pending' : 'done', recent ? 0 : 1, at, recent ? null : at);
        if (!recent) {
          const { text, place } = pageText(applicant, p === 1);
          s.text.run(pid, sha, text, text, at, at);
          s.doc.run(++docId, id, pid);
          if (pageNo % 1009 === 0) sample.rareWords.push(place);
        }
      }
      // Sync: the recent ones wait in the outbox, the 2% before them are pushed with pages uploading.
      if (received && recent) s.outbox.run(id, at);
      else if (received) {
        const uploading = i >= nDossiers * 0.96;
        s.pushed.run(id, at, uploading ? 1 : 0, uploading ? 1_000_000 : 2_500_000);
      }
      if (i % 5000 === 0) process.stderr.write(`\r  rows: ${i}/${nDossiers} dossiers`);
    }
    db.prepare('UPDATE change_counter SET seq = ?').run(seq);
  })();
  process.stderr.write(`\r  rows: ${nDossiers}/${nDossiers} dossiers\n`);
  const tRows = performance.now();
  db.transaction(() => {
    // The folding expression of the 0004 triggers (đ/Đ/Ð/ð to d before the tokenizer drops marks).
    const folded = (x: string) => `replace(replace(replace(replace(${x}, 'đ', 'd'), 'Đ', 'D'), 'Ð', 'D'), 'ð', 'd')`;
    db.exec(
      `INSERT INTO search_fts (rowid, applicant, codes, body)
       SELECT s.rowid,
              CASE WHEN s.page_id IS NULL THEN ${folded('d.applicant_name')} ELSE '' END,
              CASE WHEN s.page_id IS NULL THEN concat_ws(' ', d.code, d.lookup_code, d.applicant_id_number) ELSE '' END,
              CASE WHEN s.page_id IS NULL THEN '' ELSE ${folded('t.text')} END
       FROM search_docs s JOIN dossiers d ON d.id = s.dossier_id LEFT JOIN ocr_texts t ON t.page_id = s.page_id
       ORDER BY s.rowid`,
    );
    for (const t of triggers) db.exec(t.sql);
  })();
  const tFts = performance.now();
  db.pragma('journal_mode = WAL');
  db.close();
  return {
    sample,
    figures: {
      rowsSeconds: round((tRows - t0) / 1000),
      ftsSeconds: round((tFts - tRows) / 1000),
      totalSeconds: round((performance.now() - t0) / 1000),
      peakRssMB: peakRssMB(),
    },
  };
}

type Figure = { medianMs: number; p99Ms: number; rows: number };

function measure(fn: (i: number) => unknown, n = runs): Figure {
  let rows = 0;
  for (let i = 0; i < 3; i++) fn(i); // warm the page cache and statement cache
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = fn(i);
    times.push(performance.now() - t0);
    rows = Array.isArray(r) ? r.length : typeof r === 'number' ? r : r == null ? 0 : 1;
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return { medianMs: round(q(0.5)), p99Ms: round(q(0.99)), rows };
}
const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Peak RSS of this process in MB. On Linux VmHWM of /proc/self/status: getrusage's maxrss of a
 * spawned child starts at its parent's RSS at fork time (kept across exec), which made the
 * measuring child report the bulk load's 1.1 GB.
 */
function peakRssMB(): number {
  const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '');
  return Math.round((hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS) / 1024);
}

/** The child: the app's connection, the app's queries. Prints the table; returns the figures. */
function measureAll(file: string, sample: Sample): Record<string, unknown> {
  const db: Db = openDatabase(file, { migrationsDir });
  try {
    const at = iso(nDossiers + 1);
    const rid = (i: number) => sample.dossierIds[(i * 7919) % sample.dossierIds.length]!;
    const code = (i: number) => sample.codes[(i * 104729) % sample.codes.length]!;
    const maxSeq = (db.prepare('SELECT seq FROM change_counter').get() as { seq: number }).seq;
    const rollback = new Error('rollback');
    const engine = { state: () => 'idle' as const, nextAttemptAt: () => null };
    const listed = (i: number) => Array.from({ length: 20 }, (_, k) => rid(i * 20 + k));
    const byCode = db.prepare('SELECT id FROM dossiers WHERE code = ?');
    const queue: Record<string, Figure> = {
      'reference: dossier by code (indexed)': measure((i) => byCode.get(code(i))),
      // OCR queue tick (ocr-queue.ts pump): new pages to enqueue (none), claim the next job (rolled back), the dossier's progress.
      'ocr queue: enqueue new pages (idle tick)': measure(() => enqueueNewPages(db, maxSeq, at).created),
      'ocr queue: claim next job': measure(() => {
        let id = 0;
        try {
          db.transaction(() => {
            id = claimNextJob(db, at)?.id ?? 0;
            throw rollback;
          })();
        } catch (e) {
          if (e !== rollback) throw e;
        }
        return id ? 1 : 0;
      }),
      "ocr.status: a dossier's pages and counts": measure((i) => {
        const pages = dossierOcrStates(db, rid(i));
        countStates(pages);
        return pages;
      }),
      // Supervisor's sync screen (sync.status: outbox, uploads, the 100 most recently changed dossiers) and the dossier list's lines.
      'sync.status: sync screen (100 latest)': measure(() => syncStatus(db, engine).perDossier),
      'sync.status: 20 listed dossiers': measure((i) => syncStatus(db, engine, listed(i)).perDossier),
      'sync engine: outbox batch': measure(() => outboxBatch(db, 50)),
      'sync engine: pending uploads': measure(() => pendingUploads(db)),
      // Dossier list (RxDB pull, batch 200): first pull from scratch, and a live pull near the head.
      'replication: first pull (200)': measure(() => pullDossiers(db, null, 200).documents),
      'replication: live pull at head': measure(() => pullDossiers(db, { seq: maxSeq - 10 }, 200).documents),
    };

    // Reference for each search: a plain count(*) over the same FTS5 match (no rank, join or snippet).
    const countMatches = db.prepare('SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ?');
    const searches: [string, (i: number) => string][] = [
      ['rare word (place name)', (i) => sample.rareWords[i % sample.rareWords.length]!],
      ['rare word, no diacritics', (i) => fold(sample.rareWords[i % sample.rareWords.length]!)],
      ['common word ("xã", on ~all pages)', () => 'xã'],
      ['common word, no diacritics ("xa")', () => 'xa'],
      ['common phrase ("quyền sử dụng đất")', () => 'quyền sử dụng đất'],
      ['phrase, no diacritics', () => 'quyen su dung dat'],
      ['applicant full name', (i) => sample.names[i % sample.names.length]!],
      ['applicant, no diacritics', (i) => fold(sample.names[i % sample.names.length]!)],
      ['dossier code', (i) => code(i)],
      // Debounced search while typing: the last word is unfinished, so it matches as a prefix.
      ['typing: "quyen su dung da"', () => 'quyen su dung da'],
      ['typing: applicant, last word cut', (i) => fold(sample.names[i % sample.names.length]!).replace(/(\S{2})\S{1,2}$/u, '$1')],
      ['no match', () => 'khong co tu nay xyz'],
    ];
    const search: Record<string, Figure & { matches: number; countMedianMs: number; countP99Ms: number }> = {};
    for (const [label, query] of searches) {
      const app = measure((i) => searchDossiers(db, query(i), 20));
      // As the app plans it: whole words, else (none, and a last term of MIN_PREFIX letters or more) the last one as a prefix.
      const ref = measure((i) => {
        const terms = foldedTerms(query(i));
        const n = (countMatches.get(ftsQuery(terms, false)) as { n: number }).n;
        return n > 0 || terms.at(-1)!.length < MIN_PREFIX ? n : (countMatches.get(ftsQuery(terms, true)) as { n: number }).n;
      });
      search[label] = { ...app, matches: ref.rows, countMedianMs: ref.medianMs, countP99Ms: ref.p99Ms };
    }
    // The ranking search-repo.ts used before (bm25 over every match, then the same joins), a few runs only:
    // it is the cost the bounded query removed.
    const before = db.prepare(
      `SELECT s.dossier_id, s.page_id, d.code, t.text FROM (SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT 20) f
       JOIN search_docs s ON s.rowid = f.rowid JOIN dossiers d ON d.id = s.dossier_id LEFT JOIN ocr_texts t ON t.page_id = s.page_id ORDER BY f.rank`,
    );
    const beforeRuns = Math.min(runs, 7);
    const bm25All: Record<string, Figure> = {
      'common word ("xã"), bm25 over all matches': measure(() => before.all(ftsQuery(['xa'])), beforeRuns),
      'dossier code, bm25 over all matches': measure((i) => before.all(ftsQuery(foldedTerms(code(i)))), beforeRuns),
    };

    const ref = queue['reference: dossier by code (indexed)']!.medianMs || 0.001;
    console.log('queue query'.padEnd(44) + 'median ms'.padStart(11) + 'p99 ms'.padStart(10) + 'rows'.padStart(7) + '  ×reference');
    for (const [label, r] of Object.entries(queue)) {
      console.log(label.padEnd(44) + r.medianMs.toFixed(3).padStart(11) + r.p99Ms.toFixed(3).padStart(10) + String(r.rows).padStart(7) + `  ${(r.medianMs / ref).toFixed(1)}`);
    }
    console.log(
      '\nsearch (top 20, app: searchDossiers)'.padEnd(45) + 'median ms'.padStart(11) + 'p99 ms'.padStart(10) + 'hits'.padStart(6) +
        '  | count(*) median'.padStart(18) + 'p99'.padStart(9) + 'matches'.padStart(9) + '  app÷count',
    );
    for (const [label, r] of Object.entries(search)) {
      console.log(
        label.padEnd(44) + r.medianMs.toFixed(3).padStart(11) + r.p99Ms.toFixed(3).padStart(10) + String(r.rows).padStart(6) +
          `  | ${r.countMedianMs.toFixed(3).padStart(15)}${r.countP99Ms.toFixed(3).padStart(9)}${String(r.matches).padStart(9)}  ${(r.medianMs / Math.max(r.countMedianMs, 0.001)).toFixed(2)}`,
      );
    }
    console.log(`\nbefore this change (reference, ${beforeRuns} runs, no snippets)`);
    for (const [label, r] of Object.entries(bm25All)) {
      console.log(label.padEnd(44) + r.medianMs.toFixed(3).padStart(11) + r.p99Ms.toFixed(3).padStart(10) + String(r.rows).padStart(6));
    }
    return { queue, search, bm25All, queryPeakRssMB: peakRssMB() };
  } finally {
    db.close();
  }
}

const fileSize = (f: string) => statSync(f, { throwIfNoEntry: false })?.size ?? 0;

if (values.measure) {
  // Child: the sample comes in a side file written by the parent.
  const sample = JSON.parse(readFileSync(`${values.measure}.sample.json`, 'utf8')) as Sample;
  const figures = measureAll(values.measure, sample);
  console.log(JSON.stringify(figures));
} else {
  const dir = values.db ? undefined : mkdtempSync(join(tmpdir(), 'tiepnhan-search-bench-'));
  const file = values.db ? resolve(values.db) : join(dir!, 'bench.sqlite');
  const sizeKey = { dossiers: nDossiers, pagesPerDossier: pagesPer, wordsPerPage: wordsPer };
  try {
    console.log(`search bench: ${nDossiers} dossiers × ${pagesPer} pages (${nDossiers * pagesPer} pages), ${wordsPer} words a page, ${runs} runs a query`);
    let generation: GenerationFigures | null = null;
    const metaFile = `${file}.sample.json`;
    const reusable = existsSync(file) && existsSync(metaFile) && JSON.stringify((JSON.parse(readFileSync(metaFile, 'utf8')) as { size: unknown }).size) === JSON.stringify(sizeKey);
    if (reusable) console.log(`reusing ${file}`);
    else {
      for (const f of [file, `${file}-wal`, `${file}-shm`, metaFile]) rmSync(f, { force: true });
      const g = generate(file);
      writeFileSync(metaFile, JSON.stringify({ size: sizeKey, ...g.sample }));
      generation = g.figures;
      console.log(`generated in ${g.figures.totalSeconds.toFixed(1)} s (rows ${g.figures.rowsSeconds.toFixed(1)} s, FTS index ${g.figures.ftsSeconds.toFixed(1)} s), peak RSS of the load ${g.figures.peakRssMB} MB`);
    }
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...process.argv.slice(2), '--measure', file], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const lines = child.stdout.trimEnd().split('\n');
    if (child.status !== 0) throw new Error(`measuring process failed (${child.status}):\n${child.stdout}`);
    const measured = JSON.parse(lines.pop()!) as { queryPeakRssMB: number };
    console.log(lines.join('\n'));
    const databaseMB = Math.round((fileSize(file) + fileSize(`${file}-wal`)) / 1e6);
    console.log(`\ndatabase ${databaseMB} MB (no ocr_words); peak RSS of the querying process ${measured.queryPeakRssMB} MB`);
    console.log(JSON.stringify({ bench: 'search', ...sizeKey, pages: nDossiers * pagesPer, runs, generation, databaseMB, ...measured }));
  } finally {
    if (dir && !values.keep) rmSync(dir, { recursive: true, force: true });
  }
}
