import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backupFilePath, Manifest } from '../../src-main/backup/backup-format.js';
import { fileSha256 } from '../../src-main/backup/file-copy.js';
import { finishPendingRestore, journalName, stageRestore } from '../../src-main/backup/restore-backup.js';
import { runCli } from '../../src-main/cli/main.js';
import { loadMigrations } from '../../src-main/db/migrate.js';
import { appRoot } from '../../src-main/kernel/paths.js';
import { twoComponentDraft } from '../fixtures/pages-setup.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';
import { deskState, type DeskState } from '../helpers/desk-state.js';
import { ensureAddonBuilt, saneConfigDir } from './scanner-test-env.js';

/**
 * Backups made while a scan batch (SANE's test device, slowed down) and OCR (the real engine)
 * write, through the app's own connection and through `tiepnhan backup` from another process;
 * each restored into a fresh data folder and compared row by row and file by file.
 */

const migrationsDir = join(appRoot(), 'migrations');
const appSchema = loadMigrations(migrationsDir).at(-1)!.version;
const demoPage = (n: number) => ({ name: `trang-${n}.png`, base64: readFileSync(join(appRoot(), 'assets', 'demo-pages', `page-0${n}.png`)).toString('base64') });

const dirs: string[] = [];
const tempDir = (name = 'backup') => {
  const d = mkdtempSync(join(tmpdir(), `tiepnhan-${name}-`));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function cli(args: string[], dataDir: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { env: { ...process.env, TIEPNHAN_DATA_DIR: dataDir }, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

function readState(dataDir: string): DeskState {
  const db = new Database(join(dataDir, 'tiepnhan.sqlite'), { readonly: true });
  try {
    return deskState(db, dataDir);
  } finally {
    db.close();
  }
}

const byId = <T extends Record<string, unknown>>(rows: T[], key = 'id') => new Map(rows.map((r) => [String(r[key]), r]));

/** A snapshot of one instant: each batch row agrees with the pages it counts, and no row points at nothing. */
function expectOneInstant(s: DeskState): void {
  const pagesOf = new Map<string, number>();
  for (const p of s.pages) if (p.batch_id) pagesOf.set(String(p.batch_id), (pagesOf.get(String(p.batch_id)) ?? 0) + 1);
  for (const b of s.batches) expect(b.received_pages, `batch ${String(b.id)}`).toBe(pagesOf.get(String(b.id)) ?? 0);
  const pageIds = new Set(s.pages.map((p) => String(p.id)));
  for (const t of s.ocrTexts) expect(pageIds.has(String(t.page_id))).toBe(true);
  expect(Object.keys(s.fileHashes).every((k) => s.fileHashes[k] === k)).toBe(true);
}

/** Everything in the backup is in the live desk, unchanged (pages, OCR texts and words). */
function expectSubsetOf(backup: DeskState, live: DeskState): void {
  const livePages = byId(live.pages);
  for (const p of backup.pages) expect(livePages.get(String(p.id)), `page ${String(p.id)}`).toEqual(p);
  const liveTexts = byId(live.ocrTexts, 'page_id');
  for (const t of backup.ocrTexts) expect(liveTexts.get(String(t.page_id))).toEqual(t);
  const words = (s: DeskState, pageId: string) => s.ocrWords.filter((w) => w.page_id === pageId);
  for (const t of backup.ocrTexts) expect(words(backup, String(t.page_id))).toEqual(words(live, String(t.page_id)));
  const liveDossiers = byId(live.dossiers);
  for (const d of backup.dossiers) expect(liveDossiers.get(String(d.id))?.applicant_id_number).toBe(d.applicant_id_number);
  expect(backup.audit).toEqual(live.audit.slice(0, backup.audit.length));
}

describe('backup and restore while the desk works', () => {
  let core: TestCore;
  let savedSane: string | undefined;
  beforeAll(() => ensureAddonBuilt());
  afterEach(async () => {
    await core?.cleanup();
    if (savedSane === undefined) delete process.env.SANE_CONFIG_DIR;
    else process.env.SANE_CONFIG_DIR = savedSane;
  });

  it('snapshots one instant during a scan batch and OCR, restores it into a fresh folder, and a quiet backup restores exactly', { timeout: 180_000 }, async () => {
    savedSane = process.env.SANE_CONFIG_DIR;
    // A few tenths of a second per page: the batch is still running while the backups are made.
    process.env.SANE_CONFIG_DIR = saneConfigDir({ 'read-delay': 'true', 'read-delay-duration': 20000 });
    core = makeCore(undefined, undefined, { ocrWorkers: 1 });
    const token = await setUpDesk(core);
    const withText = await twoComponentDraft(core, token);
    await core.must('pages.importFiles', { dossierId: withText.id, files: [1, 2, 3, 4].map(demoPage) }, token);
    const scanned = await twoComponentDraft(core, token);

    // OCR is reading the imported pages; then a 10-sheet batch starts.
    await expect.poll(() => (core.db.prepare("SELECT COUNT(*) AS n FROM ocr_jobs WHERE status = 'done'").get() as { n: number }).n, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    const { batchId } = await core.must('scan.start', { dossierId: scanned.id, deviceId: 'sane:test:0', settings: { source: 'adf', mode: 'gray', dpi: 75, pageSize: 'a4' } }, token);
    await expect.poll(() => (core.db.prepare('SELECT received_pages AS n FROM page_batches WHERE id = ?').get(batchId) as { n: number }).n, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);

    const atStart = core.db.prepare(`SELECT (SELECT status FROM page_batches WHERE id = ?) AS batch, (SELECT COUNT(*) FROM ocr_jobs WHERE status <> 'done') AS ocrLeft`).get(batchId) as { batch: string; ocrLeft: number };
    const backups = tempDir();
    const [inApp, fromCli] = await Promise.all([core.backup.run(backups), cli(['backup', join(backups, 'cli')], core.dir)]);
    expect(atStart).toMatchObject({ batch: 'running' });
    expect(atStart.ocrLeft).toBeGreaterThan(0);
    expect(fromCli.code, fromCli.err.join('\n')).toBe(0);
    expect(fromCli.out[0]).toMatch(/^Đã sao lưu vào .*cli: 2 hồ sơ, \d+ trang/);

    // Let the batch and OCR finish, then one more backup of the quiet desk.
    await expect.poll(() => (core.db.prepare('SELECT status FROM page_batches WHERE id = ?').get(batchId) as { status: string }).status, { timeout: 60_000 }).toBe('done');
    await expect.poll(() => (core.db.prepare("SELECT COUNT(*) AS n FROM ocr_jobs WHERE status NOT IN ('done', 'failed')").get() as { n: number }).n, { timeout: 120_000 }).toBe(0);
    const quiet = join(backups, 'quiet');
    expect((await cli(['backup', quiet], core.dir)).code).toBe(0);
    const live = readState(core.dir);
    expect(live.pages).toHaveLength(14);
    expect(live.ocrTexts.length).toBe(14);

    for (const dir of [inApp.dir, join(backups, 'cli')]) {
      const fresh = tempDir('restored');
      const r = await cli(['restore', dir], fresh);
      expect(r.code, r.err.join('\n')).toBe(0);
      const restored = readState(fresh);
      expectOneInstant(restored);
      expectSubsetOf(restored, live);
      // Taken mid-batch: fewer pages than the desk has now.
      expect(restored.pages.length).toBeLessThan(live.pages.length);
      expect(restored.pages.length).toBeGreaterThanOrEqual(6);
    }

    const fresh = tempDir('restored');
    expect((await cli(['restore', quiet], fresh)).code).toBe(0);
    expect(readState(fresh)).toEqual(live);
    // The restored folder is a working desk: the app opens it and serves the dossier and its text.
    const again = makeCore(undefined, fresh);
    try {
      const t = (await again.must('auth.login', { username: 'admin', password: 'mat-khau-quan-tri' })).sessionToken;
      expect((await again.must('pages.list', { dossierId: scanned.id }, t)).length).toBe(10);
      expect((await again.must('search.query', { query: 'khai sinh' }, t)).some((h) => h.dossierId === withText.id)).toBe(true);
    } finally {
      await again.close();
    }
  });
});

describe('restore refuses a bad backup and replaces nothing', () => {
  let core: TestCore;
  let backup: string;
  let dataDir: string;
  let before: string;
  beforeAll(async () => {
    const source = makeCore();
    const token = await setUpDesk(source);
    const draft = await twoComponentDraft(source, token);
    await source.must('pages.importFiles', { dossierId: draft.id, files: [demoPage(1)] }, token);
    backup = join(tempDir(), 'b');
    expect((await cli(['backup', backup], source.dir)).code).toBe(0);
    await source.cleanup();
    core = makeCore();
    await setUpDesk(core, '000.00.77.H48');
    dataDir = core.dir;
    await core.close();
    before = await fileSha256(join(dataDir, 'tiepnhan.sqlite'));
  });

  const copyOf = () => {
    const c = join(tempDir(), 'copy');
    cpSync(backup, c, { recursive: true });
    return c;
  };
  const manifestOf = (dir: string) => Manifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  const expectUntouched = async () => {
    expect(await fileSha256(join(dataDir, 'tiepnhan.sqlite'))).toBe(before);
    expect(readdirSync(dataDir).filter((n) => n.startsWith('.restore-') || n.startsWith('restore-') || n === journalName)).toEqual([]);
  };

  it('a page file altered in the backup', async () => {
    const dir = copyOf();
    const f = manifestOf(dir).files[0]!;
    const bytes = readFileSync(backupFilePath(dir, f));
    bytes[bytes.length - 10]! ^= 0xff;
    writeFileSync(backupFilePath(dir, f), bytes);
    const r = await cli(['restore', dir], dataDir);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/Không khôi phục: 1 tệp trang trong bản sao lưu bị thiếu hoặc đã bị thay đổi/);
    await expectUntouched();
  });

  it('a page file missing from the backup, and a database altered after the backup', async () => {
    const dir = copyOf();
    rmSync(backupFilePath(dir, manifestOf(dir).files[1]!));
    expect((await cli(['restore', dir], dataDir)).err.join('\n')).toMatch(/bị thiếu hoặc đã bị thay đổi/);
    const db = new Database(join(dir, 'tiepnhan.sqlite'));
    db.prepare("UPDATE dossiers SET applicant_name = 'Người khác'").run();
    db.close();
    expect((await cli(['restore', dir], dataDir)).err.join('\n')).toMatch(/tiepnhan\.sqlite đã bị thay đổi hoặc hỏng/);
    await expectUntouched();
  });

  it('a backup from a newer version of the app', async () => {
    const dir = copyOf();
    const db = new Database(join(dir, 'tiepnhan.sqlite'));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', '2030-01-01')").run(appSchema + 1);
    db.close();
    const m = manifestOf(dir);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, schemaVersion: appSchema + 1, database: { ...m.database, sha256: await fileSha256(join(dir, 'tiepnhan.sqlite')) } }));
    const r = await cli(['restore', dir], dataDir);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/Bản sao lưu từ phiên bản mới hơn \(lược đồ \d+/);
    await expectUntouched();
  });

  it('a folder that is not a backup, and a running app', async () => {
    expect((await cli(['restore', tempDir()], dataDir)).err.join('\n')).toMatch(/không phải bản sao lưu của TiepNhan/);
    const running = makeCore(undefined, dataDir);
    const { acquireInstanceLock } = await import('../../src-main/kernel/instance-lock.js');
    const lock = acquireInstanceLock(dataDir, 'web');
    try {
      const r = await cli(['restore', backup], dataDir);
      expect(r.code).toBe(1);
      expect(r.err.join('\n')).toMatch(/đang chạy.*Hãy đóng ứng dụng rồi khôi phục/);
    } finally {
      lock.release();
      await running.close();
    }
    before = await fileSha256(join(dataDir, 'tiepnhan.sqlite'));
    await expectUntouched();
  });

  it('a restore cut short after the old data moved out is finished at the next start', async () => {
    const target = join(tempDir(), 'desk');
    cpSync(dataDir, target, { recursive: true });
    await stageRestore(target, backup, { appSchemaVersion: appSchema, migrationsDir, now: new Date('2026-03-02T10:00:00Z') });
    // What the first half of the swap does, then the power goes.
    const journal = JSON.parse(readFileSync(join(target, journalName), 'utf8')) as { previous: string; phase: string };
    mkdirSync(journal.previous);
    renameSync(join(target, 'tiepnhan.sqlite'), join(journal.previous, 'tiepnhan.sqlite'));
    writeFileSync(join(target, journalName), JSON.stringify({ ...journal, phase: 'moving-out' }));

    expect(finishPendingRestore(target).restored).toBe(true);
    expect(existsSync(join(target, journalName))).toBe(false);
    expect(await fileSha256(join(journal.previous, 'tiepnhan.sqlite'))).toBe(before);
    const restored = makeCore(undefined, target);
    try {
      const t = (await restored.must('auth.login', { username: 'admin', password: 'mat-khau-quan-tri' })).sessionToken;
      expect((await restored.must('settings.get', {}, t)).receptionPoint.agencyCode).toBe('000.00.53.H48');
    } finally {
      await restored.close();
    }
  });
});
