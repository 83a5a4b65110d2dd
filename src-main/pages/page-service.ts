import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/contract/errors.js';
import { isPurged, PURGED_PAGE_MESSAGE } from './store-check.js';
import type { PageFrame } from '../../src-shared/scan/page-frame.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Db } from '../db/open.js';
import { decodePage, type DecodedPage } from '../imaging/decode.js';
import type { QuarterTurn } from '../imaging/orientation.js';
import { masterImage, processPage, turnStoredImage, type ImageFormat, type ProcessedPage } from '../imaging/process-page.js';
import { openImportFile, type ImportFile, type OpenedFile } from '../import/import-source.js';
import { nextChangeSeq } from '../db/change-feed.js';
import {
  advanceBatch,
  componentExists,
  confirmPage,
  deletedPosition,
  dossierExists,
  findBatchPage,
  getBatch,
  getPage,
  insertBatch,
  insertPage,
  interruptRunningBatches,
  isReferenced,
  listPages,
  renumberPages,
  restorePage,
  setBatchStatus,
  setComponent,
  softDeletePage,
  updatePageImage,
  type BatchRow,
  type BatchStatus,
  type NewPage,
  type PageRow,
  type PageSource,
} from './page-repo.js';
import type { PageStore, StoredFile } from './page-store.js';
import { checkPageStore, type StoreCheck } from './store-check.js';

export type PageServiceDeps = { db: Db; clock: Clock; store: PageStore; logger: Logger };

export type ImportProgress = { batchId: string; done: number; total: number; fileName: string; page: number };

export type StartBatch = {
  dossierId: string;
  source: PageSource;
  componentPosition?: number | null;
  /** Position the first page takes (later pages move down); omitted = append. */
  insertAt?: number | null;
  expectedPages?: number | null;
  details?: Record<string, unknown>;
  userId: string | null;
};

export type ImportRequest = {
  dossierId: string;
  componentPosition?: number | null;
  insertAt?: number | null;
  files: ImportFile[];
  userId: string | null;
  onProgress?: (p: ImportProgress) => void;
};

/** Images of one page, written to the store, waiting for their row. */
type StagedPage = { processed: ProcessedPage; archive: StoredFile; thumb: StoredFile; master: StoredFile };

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Pages of a dossier: scanned frames and imported files go through imaging into the page store,
 * then into the pages table. Order of every write: files first (atomically), then one
 * transaction with the row(s), the audit entry and the change sequence. A failure after the
 * files were written removes the files this call created (unless another row uses them); a
 * crash at that point leaves orphans that the start-up check reports.
 */
export function createPageService({ db, clock, store, logger }: PageServiceDeps) {
  const now = () => clock.now().toISOString();

  const requireDossier = (dossierId: string) => {
    if (!dossierExists(db, dossierId)) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ.');
  };
  const requireComponent = (dossierId: string, position: number | null | undefined) => {
    if (position !== null && position !== undefined && !componentExists(db, dossierId, position)) {
      throw new AppError('VALIDATION', `Hồ sơ không có thành phần số ${position}.`);
    }
  };
  const requireLivePage = (id: string): PageRow => {
    const page = getPage(db, id);
    if (!page || page.status === 'deleted') throw new AppError('NOT_FOUND', 'Không tìm thấy trang (có thể đã bị xóa).');
    return page;
  };

  /** Removes files this operation created that no row references. */
  const dropUnreferenced = async (files: readonly { sha256: string; format: ImageFormat }[]) => {
    for (const f of files) {
      if (isReferenced(db, f.sha256)) continue;
      try {
        await store.remove(f.sha256, f.format);
      } catch (error) {
        logger.warn('could not remove unreferenced page file', { sha256: f.sha256, error: errorText(error) });
      }
    }
  };

  const stage = async (processed: ProcessedPage, master: { data: Buffer; format: ImageFormat }, created: StoredFile[]): Promise<StagedPage> => {
    const put = async (data: Uint8Array, format: ImageFormat) => {
      const r = await store.put(data, format);
      if (r.created) created.push(r);
      return r;
    };
    const archive = await put(processed.archive.data, processed.archive.format);
    const thumb = await put(processed.thumb, 'jpeg');
    const m = await put(master.data, master.format);
    return { processed, archive, thumb, master: m };
  };

  const newPageRow = (s: StagedPage, extra: Pick<NewPage, 'dossier_id' | 'component_position' | 'source' | 'source_name' | 'batch_id' | 'batch_index' | 'created_by'>, seq: number, at: string): NewPage => ({
    ...extra,
    id: randomUUID(),
    sha256: s.archive.sha256,
    archive_format: s.archive.format,
    master_sha256: s.master.sha256,
    master_format: s.master.format,
    thumb_sha256: s.thumb.sha256,
    width: s.processed.width,
    height: s.processed.height,
    dpi: s.processed.dpi,
    colour_mode: s.processed.colourMode,
    bytes: s.archive.bytes,
    blank: s.processed.blank ? 1 : 0,
    ink_ratio: s.processed.inkRatio,
    rotation: s.processed.turn,
    skew_angle: s.processed.skewDeg,
    cropped: s.processed.cropped ? 1 : 0,
    created_at: at,
    seq,
  });

  const service = {
    list: (dossierId: string, includeDeleted = false): PageRow[] => {
      requireDossier(dossierId);
      return listPages(db, dossierId, includeDeleted);
    },

    get: (id: string): PageRow | null => getPage(db, id),

    /** Opens a scan job; pages then arrive one by one through addScannedPage. */
    startBatch(b: StartBatch): string {
      requireDossier(b.dossierId);
      requireComponent(b.dossierId, b.componentPosition);
      const id = randomUUID();
      insertBatch(db, {
        id,
        dossier_id: b.dossierId,
        source: b.source,
        component_position: b.componentPosition ?? null,
        insert_at: b.insertAt ?? null,
        expected_pages: b.expectedPages ?? null,
        details: JSON.stringify(b.details ?? {}),
        created_by: b.userId,
        created_at: now(),
      });
      return id;
    },

    getBatch: (id: string): BatchRow | null => getBatch(db, id),

    endBatch(id: string, status: Exclude<BatchStatus, 'running'>, error?: string): void {
      setBatchStatus(db, id, status, error ?? null, now());
    },

    /**
     * Stores one scanned page and commits its row on its own, so every page received before a
     * crash is kept. Idempotent on (batch, frame.index): a frame delivered again is not stored twice.
     */
    async addScannedPage(batchId: string, frame: PageFrame, userId: string | null): Promise<PageRow> {
      const batch = getBatch(db, batchId);
      if (!batch) throw new AppError('NOT_FOUND', 'Không tìm thấy lượt quét.');
      const existing = findBatchPage(db, batchId, frame.index);
      if (existing) return existing;
      if (batch.status !== 'running') throw new AppError('CONFLICT', 'Lượt quét đã kết thúc; hãy bắt đầu lượt quét mới.');
      const created: StoredFile[] = [];
      try {
        const decoded = await decodePage({ kind: 'frame', frame });
        const processed = await processPage(decoded);
        const original = frame.format === 'raw' ? undefined : { data: frame.data, format: frame.format };
        const staged = await stage(processed, await masterImage(decoded, original), created);
        const row = db.transaction(() => {
          const again = findBatchPage(db, batchId, frame.index);
          if (again) return again;
          const current = getBatch(db, batchId)!;
          const at = now();
          const seq = nextChangeSeq(db);
          const page = newPageRow(
            staged,
            { dossier_id: current.dossier_id, component_position: current.component_position, source: current.source, source_name: '', batch_id: batchId, batch_index: frame.index, created_by: userId },
            seq,
            at,
          );
          const position = insertPage(db, page, current.insert_at);
          advanceBatch(db, batchId, at);
          appendAudit(db, { at, userId, action: 'pages.scan', dossierId: current.dossier_id, details: { pageId: page.id, batchId, index: frame.index, position, blank: processed.blank } });
          return getPage(db, page.id)!;
        })();
        if (row.sha256 !== staged.archive.sha256) await dropUnreferenced(created);
        return row;
      } catch (error) {
        await dropUnreferenced(created);
        setBatchStatus(db, batchId, 'running', errorText(error), now());
        throw error;
      }
    },

    /**
     * Imports files (JPEG, PNG, multi-page TIFF, PDF) as pages, all or nothing: every file is
     * checked and every page processed before one transaction adds them all; on any refusal
     * nothing is stored.
     */
    async importFiles(req: ImportRequest): Promise<PageRow[]> {
      requireDossier(req.dossierId);
      requireComponent(req.dossierId, req.componentPosition);
      if (req.files.length === 0) throw new AppError('VALIDATION', 'Chưa chọn tệp nào để nhập.');
      const opened: OpenedFile[] = [];
      const created: StoredFile[] = [];
      let batchId: string | null = null;
      try {
        for (const f of req.files) opened.push(await openImportFile(f));
        const total = opened.reduce((n, f) => n + f.pageCount, 0);
        batchId = service.startBatch({
          dossierId: req.dossierId,
          source: 'import',
          componentPosition: req.componentPosition ?? null,
          insertAt: req.insertAt ?? null,
          expectedPages: total,
          details: { files: req.files.map((f) => f.name) },
          userId: req.userId,
        });
        const staged: { s: StagedPage; fileName: string }[] = [];
        for (const file of opened) {
          for (const p of file.pages()) {
            const decoded: DecodedPage = await p.decode();
            const processed = await processPage(decoded);
            staged.push({ s: await stage(processed, await masterImage(decoded, p.original), created), fileName: file.name });
            req.onProgress?.({ batchId, done: staged.length, total, fileName: file.name, page: p.page });
          }
        }
        const id = batchId;
        const rows = db.transaction(() => {
          const at = now();
          const seq = nextChangeSeq(db);
          const batch = getBatch(db, id)!;
          let position = batch.insert_at;
          const ids: string[] = [];
          staged.forEach(({ s, fileName }, i) => {
            const page = newPageRow(
              s,
              { dossier_id: req.dossierId, component_position: batch.component_position, source: 'import', source_name: fileName, batch_id: id, batch_index: i, created_by: req.userId },
              seq,
              at,
            );
            insertPage(db, page, position);
            if (position !== null) position++;
            advanceBatch(db, id, at);
            ids.push(page.id);
          });
          setBatchStatus(db, id, 'done', null, at);
          appendAudit(db, { at, userId: req.userId, action: 'pages.import', dossierId: req.dossierId, details: { batchId: id, files: req.files.map((f) => f.name), pageIds: ids } });
          return ids.map((pid) => getPage(db, pid)!);
        })();
        return rows;
      } catch (error) {
        await dropUnreferenced(created);
        if (batchId) setBatchStatus(db, batchId, 'failed', errorText(error), now());
        throw error;
      } finally {
        for (const f of opened) f.close();
      }
    },

    /** Moves a page to a new position (1-based) among the dossier's live pages. */
    move(id: string, position: number, userId: string | null): PageRow[] {
      return db.transaction(() => {
        const page = requireLivePage(id);
        const ids = listPages(db, page.dossier_id).map((p) => p.id).filter((x) => x !== id);
        const to = Math.min(Math.max(1, position), ids.length + 1);
        ids.splice(to - 1, 0, id);
        const at = now();
        const seq = nextChangeSeq(db);
        renumberPages(db, page.dossier_id, ids, seq, at);
        appendAudit(db, { at, userId, action: 'pages.move', dossierId: page.dossier_id, details: { pageId: id, from: page.position, to } });
        return listPages(db, page.dossier_id);
      })();
    },

    /** Assigns pages to one of the dossier's required components (null = unassigned). */
    assign(ids: readonly string[], componentPosition: number | null, userId: string | null): PageRow[] {
      return db.transaction(() => {
        const pages = ids.map(requireLivePage);
        const dossierId = pages[0]?.dossier_id;
        if (!dossierId) throw new AppError('VALIDATION', 'Chưa chọn trang nào.');
        if (pages.some((p) => p.dossier_id !== dossierId)) throw new AppError('VALIDATION', 'Các trang phải thuộc cùng một hồ sơ.');
        requireComponent(dossierId, componentPosition);
        const at = now();
        const seq = nextChangeSeq(db);
        setComponent(db, ids, componentPosition, seq, at);
        appendAudit(db, { at, userId, action: 'pages.assign', dossierId, details: { pageIds: ids, componentPosition } });
        return listPages(db, dossierId);
      })();
    },

    /**
     * Turns a page clockwise by a quarter, half or three-quarter turn. While the lossless master
     * exists the stored image is re-derived from it; after confirmation the archive is turned.
     */
    async rotate(id: string, turn: 90 | 180 | 270, userId: string | null): Promise<PageRow> {
      const page = requireLivePage(id);
      const total = ((page.rotation + turn) % 360) as QuarterTurn;
      const created: StoredFile[] = [];
      try {
        let update: { archive: StoredFile; thumb: StoredFile; width: number; height: number; blank: boolean; inkRatio: number; skewDeg: number; cropped: boolean };
        if (page.master_sha256 && page.master_format) {
          const master = await store.read(page.master_sha256, page.master_format);
          const processed = await processPage({ kind: 'encoded', data: master, ...(page.dpi ? { dpi: page.dpi } : {}) }, { turn: total });
          const put = async (data: Uint8Array, format: ImageFormat) => {
            const r = await store.put(data, format);
            if (r.created) created.push(r);
            return r;
          };
          update = { ...processed, archive: await put(processed.archive.data, processed.archive.format), thumb: await put(processed.thumb, 'jpeg') };
        } else {
          const data = await store.read(page.sha256, page.archive_format);
          const turned = await turnStoredImage(data, page.archive_format, turn, page.dpi);
          const archive = await store.put(turned.archive.data, turned.archive.format);
          if (archive.created) created.push(archive);
          const thumb = await store.put(turned.thumb, 'jpeg');
          if (thumb.created) created.push(thumb);
          update = { archive, thumb, width: turned.width, height: turned.height, blank: page.blank === 1, inkRatio: page.ink_ratio, skewDeg: page.skew_angle, cropped: page.cropped === 1 };
        }
        const row = db.transaction(() => {
          const current = requireLivePage(id);
          if (current.seq !== page.seq) throw new AppError('CONFLICT', 'Trang vừa được thay đổi ở nơi khác; hãy thử lại.');
          const at = now();
          const seq = nextChangeSeq(db);
          updatePageImage(
            db,
            id,
            {
              sha256: update.archive.sha256,
              archive_format: update.archive.format,
              thumb_sha256: update.thumb.sha256,
              width: update.width,
              height: update.height,
              bytes: update.archive.bytes,
              blank: update.blank ? 1 : 0,
              ink_ratio: update.inkRatio,
              rotation: total,
              skew_angle: update.skewDeg,
              cropped: update.cropped ? 1 : 0,
            },
            seq,
            at,
          );
          appendAudit(db, { at, userId, action: 'pages.rotate', dossierId: page.dossier_id, details: { pageId: id, turn, rotation: total } });
          return getPage(db, id)!;
        })();
        // The superseded images are no longer referenced by this page.
        await dropUnreferenced([
          { sha256: page.sha256, format: page.archive_format },
          { sha256: page.thumb_sha256, format: 'jpeg' },
        ]);
        return row;
      } catch (error) {
        await dropUnreferenced(created);
        throw error;
      }
    },

    /** Soft delete: the page leaves the order, its files stay until the dossier has synced. */
    remove(id: string, userId: string | null): PageRow[] {
      return db.transaction(() => {
        const page = requireLivePage(id);
        const at = now();
        const seq = nextChangeSeq(db);
        softDeletePage(db, id, seq, at);
        renumberPages(db, page.dossier_id, listPages(db, page.dossier_id).map((p) => p.id), seq, at);
        appendAudit(db, { at, userId, action: 'pages.delete', dossierId: page.dossier_id, details: { pageId: id, position: page.position } });
        return listPages(db, page.dossier_id);
      })();
    },

    /**
     * Undo of a delete: the page comes back where it was (its position when deleted, clamped to
     * the current order) or, failing that, at the end. Audited; its text is searchable again.
     */
    restore(id: string, userId: string | null): PageRow[] {
      return db.transaction(() => {
        const page = getPage(db, id);
        if (!page) throw new AppError('NOT_FOUND', 'Không tìm thấy trang.');
        if (page.status !== 'deleted') throw new AppError('CONFLICT', 'Trang này chưa bị xóa nên không cần khôi phục.');
        requireDossier(page.dossier_id);
        const at = now();
        const seq = nextChangeSeq(db);
        const position = restorePage(db, page, deletedPosition(db, page.dossier_id, id), seq, at);
        appendAudit(db, { at, userId, action: 'pages.restore', dossierId: page.dossier_id, details: { pageId: id, position } });
        return listPages(db, page.dossier_id);
      })();
    },

    /** The clerk confirms pages (all pending pages of the dossier, or some): their lossless masters are dropped. */
    async confirm(dossierId: string, ids: readonly string[] | null, userId: string | null): Promise<PageRow[]> {
      requireDossier(dossierId);
      const masters: { sha256: string; format: ImageFormat }[] = [];
      const rows = db.transaction(() => {
        const pending = listPages(db, dossierId).filter((p) => p.status === 'pending' && (!ids || ids.includes(p.id)));
        if (ids && pending.length !== ids.length) throw new AppError('VALIDATION', 'Có trang không thuộc hồ sơ này hoặc đã được xác nhận.');
        const at = now();
        const seq = nextChangeSeq(db);
        for (const p of pending) {
          confirmPage(db, p.id, seq, at);
          if (p.master_sha256 && p.master_format) masters.push({ sha256: p.master_sha256, format: p.master_format });
        }
        appendAudit(db, { at, userId, action: 'pages.confirm', dossierId, details: { pageIds: pending.map((p) => p.id) } });
        return listPages(db, dossierId);
      })();
      await dropUnreferenced(masters);
      return rows;
    },

    /** The stored image of a page, for display. */
    async image(id: string, variant: 'thumb' | 'archive'): Promise<{ mime: string; data: Buffer }> {
      const page = getPage(db, id);
      if (!page) throw new AppError('NOT_FOUND', 'Không tìm thấy trang.');
      if (variant === 'thumb') return { mime: 'image/jpeg', data: await store.read(page.thumb_sha256, 'jpeg') };
      // Retention (issue 5) removes images the province holds: say so rather than "file missing".
      if (!(await store.exists(page.sha256, page.archive_format)) && isPurged(db, page.sha256)) {
        throw new AppError('NOT_FOUND', PURGED_PAGE_MESSAGE);
      }
      return { mime: page.archive_format === 'png' ? 'image/png' : 'image/jpeg', data: await store.read(page.sha256, page.archive_format) };
    },

    /**
     * Run once at start: batches cut short by a crash are marked interrupted (their pages are
     * kept), and the store is checked against the table. Problems are logged, never "fixed".
     */
    async startup(): Promise<{ interrupted: BatchRow[]; check: StoreCheck }> {
      const interrupted = interruptRunningBatches(db, now());
      const check = await checkPageStore(db, store);
      for (const b of interrupted) logger.warn('page batch interrupted by a restart; received pages kept', { batchId: b.id, received: b.received_pages, expected: b.expected_pages });
      if (check.orphans.length || check.temps.length || check.strays.length) logger.warn('page store has unreferenced files', { orphans: check.orphans.length, temps: check.temps.length, strays: check.strays.length });
      if (check.missing.length) logger.error('page files missing for page rows', { missing: check.missing });
      return { interrupted, check };
    },
  };
  return service;
}

export type PageService = ReturnType<typeof createPageService>;
