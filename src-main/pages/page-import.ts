import { AppError } from '../../src-shared/contract/errors.js';
import { defaultImportLimits } from '../../src-shared/domain/import-limits.js';
import type { Logger } from '../kernel/logger.js';
import type { Db } from '../db/open.js';
import { openImportFile, type ImportFile, type ImportPage, type OpenedFile } from '../import/import-source.js';
import { requireComponent, requireDossier } from './page-checks.js';
import type { PageIngest } from './page-ingest.js';
import { listBatchPages, livePageCount, type PageRow } from './page-repo.js';

export type ImportLimits = { importMaxPagesPerFile: number; importMaxPagesPerDossier: number };

/** `checking`: every page read once, nothing stored yet; `storing`: pages committed one by one. */
export type ImportPhase = 'checking' | 'storing';

export type ImportProgress = { batchId: string; phase: ImportPhase; done: number; total: number; fileName: string; page: number };

export type ImportRequest = {
  dossierId: string;
  componentPosition?: number | null;
  insertAt?: number | null;
  files: ImportFile[];
  userId: string | null;
  onProgress?: (p: ImportProgress) => void;
};

export type ImportResult = { batchId: string; state: 'done' | 'cancelled'; pages: PageRow[] };

export type PageImportDeps = { db: Db; logger: Logger; ingest: PageIngest; limits?: () => ImportLimits };

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Every page of the opened files in order, with its file. */
function* everyPage(files: readonly OpenedFile[]): Iterable<{ file: OpenedFile; page: ImportPage }> {
  for (const file of files) for (const page of file.pages()) yield { file, page };
}

/**
 * A page that would not read, named by its page when its file has several: the clerk needs to
 * know it is page 3000 of the PDF, not just that the PDF is damaged. Other refusals (too many
 * pixels, a locked PDF) already say what is wrong with the file.
 */
function pageRefusal(error: unknown, file: OpenedFile, page: ImportPage): unknown {
  const key = error instanceof AppError ? error.problem?.key : undefined;
  if (file.pageCount > 1 && (key === undefined || key === 'imaging.corrupt')) {
    return new AppError('VALIDATION', { key: 'pages.pageUnreadable', params: { file: file.name, page: page.page + 1 } });
  }
  return error;
}

/**
 * Imports files (JPEG, PNG, multi-page TIFF, PDF) as pages, streaming: memory holds one page
 * at a time whatever the page count. What "atomic" means here:
 *
 * 1. Before any work: every file is opened, typed and its pages counted; a file over the
 *    per-file limit, or a dossier that would pass the per-dossier limit, refuses the whole import.
 * 2. Check pass: every page of every file is read once and let go (a PDF page drawn small, an
 *    image decoded). A bad page anywhere (page 3000 of a PDF) refuses the whole import, naming
 *    the file and page: nothing of it, nor of the other files, is stored.
 * 3. Store pass: pages are processed and committed one at a time (each its own audited change),
 *    so a cancel keeps every page already stored, and a failure here (a full disk) stops the
 *    import, keeps the pages stored before it and says how many.
 */
export function createPageImport({ db, logger, ingest, limits = () => defaultImportLimits }: PageImportDeps) {
  const running = new Map<string, { cancelled: boolean }>();

  const refuseOverLimits = (dossierId: string, files: readonly OpenedFile[]) => {
    const { importMaxPagesPerFile: perFile, importMaxPagesPerDossier: perDossier } = limits();
    for (const f of files) {
      if (f.pageCount > perFile) throw new AppError('VALIDATION', { key: 'pages.fileTooManyPages', params: { file: f.name, pages: f.pageCount, limit: perFile } });
    }
    const pages = files.reduce((n, f) => n + f.pageCount, 0);
    const existing = livePageCount(db, dossierId);
    if (existing + pages > perDossier) throw new AppError('VALIDATION', { key: 'pages.dossierTooManyPages', params: { pages, existing, limit: perDossier } });
    return pages;
  };

  return {
    async importFiles(req: ImportRequest): Promise<ImportResult> {
      requireDossier(db, req.dossierId);
      requireComponent(db, req.dossierId, req.componentPosition);
      if (req.files.length === 0) throw new AppError('VALIDATION', 'pages.noFiles');
      const opened: OpenedFile[] = [];
      let batchId: string | null = null;
      let stored = 0;
      try {
        for (const f of req.files) opened.push(await openImportFile(f));
        const total = refuseOverLimits(req.dossierId, opened);
        const id = ingest.startBatch({
          dossierId: req.dossierId,
          source: 'import',
          componentPosition: req.componentPosition ?? null,
          insertAt: req.insertAt ?? null,
          expectedPages: total,
          details: { files: req.files.map((f) => f.name) },
          userId: req.userId,
        });
        batchId = id;
        const run = { cancelled: false };
        running.set(id, run);
        const report = (phase: ImportPhase, done: number, file: OpenedFile, page: number) =>
          req.onProgress?.({ batchId: id, phase, done, total, fileName: file.name, page });
        report('checking', 0, opened[0]!, 0);

        let checked = 0;
        for (const { file, page } of everyPage(opened)) {
          if (run.cancelled) break;
          try {
            await page.check();
          } catch (error) {
            throw pageRefusal(error, file, page);
          }
          report('checking', ++checked, file, page.page);
        }

        for (const { file, page } of everyPage(opened)) {
          if (run.cancelled) break;
          try {
            // The decoded pixels live only for this iteration: stored, then let go.
            const decoded = await page.decode();
            await ingest.storeDecodedPage(id, decoded, page.original, { index: stored, sourceName: file.name, userId: req.userId }, 'pages.import');
          } catch (error) {
            logger.error('import stopped while storing a page; pages stored before it are kept', { batchId: id, page: page.page + 1, kept: stored, error: errorText(error) });
            throw new AppError('CONFLICT', { key: 'pages.importStopped', params: { file: file.name, page: page.page + 1, kept: stored } });
          }
          report('storing', ++stored, file, page.page);
        }
        const state = run.cancelled ? 'cancelled' : 'done';
        ingest.endBatch(id, state);
        return { batchId: id, state, pages: listBatchPages(db, id) };
      } catch (error) {
        if (batchId) ingest.endBatch(batchId, 'failed', errorText(error));
        throw error;
      } finally {
        if (batchId) running.delete(batchId);
        for (const f of opened) f.close();
      }
    },

    /** Stops a running import after the page in hand; the pages already stored stay. */
    cancelImport(batchId: string): void {
      const run = running.get(batchId);
      if (run) run.cancelled = true;
      else if (!ingest.getBatch(batchId)) throw new AppError('NOT_FOUND', 'pages.importNotFound');
      // An import that has already ended has nothing left to stop.
    },
  };
}

export type PageImport = ReturnType<typeof createPageImport>;
