import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/contract/errors.js';
import type { PageFrame } from '../../src-shared/scan/page-frame.js';
import type { Clock } from '../kernel/clock.js';
import { auditedChange, type ChangeContext } from '../audit/audited-change.js';
import type { Db } from '../db/open.js';
import { decodePage, type DecodedPage } from '../imaging/decode.js';
import { masterImage, processPage, type ImageFormat, type ProcessedPage } from '../imaging/process-page.js';
import { requireComponent, requireDossier } from './page-checks.js';
import { advanceBatch, findBatchPage, getBatch, getPage, insertBatch, insertPage, setBatchStatus, type BatchRow, type BatchStatus, type PageRow, type PageSource } from './page-repo.js';
import type { StoredFile } from './page-store.js';
import { storeWrites, type PageFilesDeps, type StoreWrites } from './store-writes.js';

export type PageIngestDeps = PageFilesDeps & { clock: Clock };

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

/** Images of one page, written to the store, waiting for their row. */
type StagedPage = { processed: ProcessedPage; archive: StoredFile; thumb: StoredFile; master: StoredFile };

/** The bytes a page arrived as, when they are already a lossless master (a JPEG or PNG file or frame). */
type Original = { data: Uint8Array; format: ImageFormat };

/** A page's place in its batch: its index there, the file it came from ('' when scanned), who added it. */
type BatchPlace = { index: number; sourceName: string; userId: string | null };

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** One decoded page through imaging into the store: archive image, thumbnail and lossless master. */
async function stagePage(decoded: DecodedPage, original: Original | undefined, writes: StoreWrites): Promise<StagedPage> {
  const processed = await processPage(decoded);
  const master = await masterImage(decoded, original);
  const archive = await writes.put(processed.archive.data, processed.archive.format);
  const thumb = await writes.put(processed.thumb, 'jpeg');
  const m = await writes.put(master.data, master.format);
  return { processed, archive, thumb, master: m };
}

/**
 * One staged page as the next row of its batch, inside the caller's change: it takes the
 * batch's insert point (or goes last) and the batch moves on by one.
 */
function addBatchRow(db: Db, batchId: string, s: StagedPage, place: BatchPlace, { at, seq }: ChangeContext): { id: string; position: number } {
  const batch = getBatch(db, batchId)!;
  const id = randomUUID();
  const position = insertPage(
    db,
    {
      id,
      dossier_id: batch.dossier_id,
      component_position: batch.component_position,
      source: batch.source,
      source_name: place.sourceName,
      batch_id: batchId,
      batch_index: place.index,
      created_by: place.userId,
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
      seq: seq(),
    },
    batch.insert_at,
  );
  advanceBatch(db, batchId, at);
  return { id, position };
}

/**
 * Pages coming in: scanned frames and imported files (page by page, through page-import.ts) go
 * through imaging into the page store, then into the pages table. Order of every write: files
 * first (atomically), then one audited change with the row. A failure after the files were written removes the files this call
 * created (unless another row uses them); a crash at that point leaves orphans that the
 * start-up check reports.
 */
export function createPageIngest(deps: PageIngestDeps) {
  const { db, clock } = deps;
  const now = () => clock.now().toISOString();

  /**
   * One decoded page to a stored row of its batch, committed on its own (audited as `action`),
   * so nothing of it stays in memory afterwards: the step a page-at-a-time loop repeats
   * (scanning does, frame by frame). Idempotent on (batch, index): a page delivered again is
   * not stored twice.
   */
  const storeDecodedPage = async (
    batchId: string,
    decoded: DecodedPage,
    original: Original | undefined,
    place: BatchPlace,
    action: string,
  ): Promise<PageRow> => {
    const writes = storeWrites(deps);
    try {
      const staged = await stagePage(decoded, original, writes);
      const row = auditedChange(db, clock, { userId: place.userId, action }, (ctx) => {
        const again = findBatchPage(db, batchId, place.index);
        if (again) return { value: again, audit: null };
        const { id, position } = addBatchRow(db, batchId, staged, place, ctx);
        const page = getPage(db, id)!;
        return { value: page, audit: { dossierId: page.dossier_id, details: { pageId: id, batchId, index: place.index, position, blank: staged.processed.blank } } };
      });
      if (row.sha256 !== staged.archive.sha256) await writes.undo();
      return row;
    } catch (error) {
      await writes.undo();
      throw error;
    }
  };

  const ingest = {
    /** Opens a scan job; pages then arrive one by one through addScannedPage. */
    startBatch(b: StartBatch): string {
      requireDossier(db, b.dossierId);
      requireComponent(db, b.dossierId, b.componentPosition);
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
      if (!batch) throw new AppError('NOT_FOUND', 'pages.batchNotFound');
      const existing = findBatchPage(db, batchId, frame.index);
      if (existing) return existing;
      if (batch.status !== 'running') throw new AppError('CONFLICT', 'pages.batchEnded');
      try {
        const decoded = await decodePage({ kind: 'frame', frame });
        const original = frame.format === 'raw' ? undefined : { data: frame.data, format: frame.format };
        return await storeDecodedPage(batchId, decoded, original, { index: frame.index, sourceName: '', userId }, 'pages.scan');
      } catch (error) {
        setBatchStatus(db, batchId, 'running', errorText(error), now());
        throw error;
      }
    },

    storeDecodedPage,
  };
  return ingest;
}

export type PageIngest = ReturnType<typeof createPageIngest>;
