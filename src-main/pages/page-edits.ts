import { AppError } from '../../src-shared/contract/errors.js';
import type { Clock } from '../kernel/clock.js';
import { auditedChange } from '../audit/audited-change.js';
import type { QuarterTurn } from '../imaging/orientation.js';
import { processPage, turnStoredImage, type ImageFormat } from '../imaging/process-page.js';
import { requireComponent, requireDossier, requireLivePage } from './page-checks.js';
import {
  confirmPage,
  deletedPosition,
  getPage,
  listPages,
  renumberPages,
  restorePage,
  setComponent,
  softDeletePage,
  updatePageImage,
  type PageRow,
} from './page-repo.js';
import type { StoredFile } from './page-store.js';
import { dropUnreferenced, storeWrites, type PageFilesDeps, type StoreWrites } from './store-writes.js';

export type PageEditsDeps = PageFilesDeps & { clock: Clock };

/** A page's images after a turn, and what the imaging found on them. */
type TurnedImages = { archive: StoredFile; thumb: StoredFile; width: number; height: number; blank: boolean; inkRatio: number; skewDeg: number; cropped: boolean };

/**
 * What the clerk does to pages already in a dossier: order, assign to a component, turn,
 * delete and restore, confirm. Each is one audited change; files a change supersedes are
 * removed after it commits, files it wrote are removed when it fails.
 */
export function createPageEdits(deps: PageEditsDeps) {
  const { db, clock, store } = deps;

  /**
   * The page's images turned to `total`: while the lossless master exists they are re-derived
   * from it (and re-checked for blankness, skew, crop); after confirmation the archive is turned.
   */
  const turnImages = async (page: PageRow, turn: 90 | 180 | 270, total: QuarterTurn, writes: StoreWrites): Promise<TurnedImages> => {
    if (page.master_sha256 && page.master_format) {
      const master = await store.read(page.master_sha256, page.master_format);
      const processed = await processPage({ kind: 'encoded', data: master, ...(page.dpi ? { dpi: page.dpi } : {}) }, { turn: total });
      return { ...processed, archive: await writes.put(processed.archive.data, processed.archive.format), thumb: await writes.put(processed.thumb, 'jpeg') };
    }
    const data = await store.read(page.sha256, page.archive_format);
    const turned = await turnStoredImage(data, page.archive_format, turn, page.dpi);
    const archive = await writes.put(turned.archive.data, turned.archive.format);
    const thumb = await writes.put(turned.thumb, 'jpeg');
    return { archive, thumb, width: turned.width, height: turned.height, blank: page.blank === 1, inkRatio: page.ink_ratio, skewDeg: page.skew_angle, cropped: page.cropped === 1 };
  };

  return {
    /** Moves a page to a new position (1-based) among the dossier's live pages. */
    move(id: string, position: number, userId: string | null): PageRow[] {
      return auditedChange(db, clock, { userId, action: 'pages.move' }, ({ at, seq }) => {
        const page = requireLivePage(db, id);
        const ids = listPages(db, page.dossier_id).map((p) => p.id).filter((x) => x !== id);
        const to = Math.min(Math.max(1, position), ids.length + 1);
        ids.splice(to - 1, 0, id);
        renumberPages(db, page.dossier_id, ids, seq(), at);
        return { value: listPages(db, page.dossier_id), audit: { dossierId: page.dossier_id, details: { pageId: id, from: page.position, to } } };
      });
    },

    /** Assigns pages to one of the dossier's required components (null = unassigned). */
    assign(ids: readonly string[], componentPosition: number | null, userId: string | null): PageRow[] {
      return auditedChange(db, clock, { userId, action: 'pages.assign' }, ({ at, seq }) => {
        const pages = ids.map((id) => requireLivePage(db, id));
        const dossierId = pages[0]?.dossier_id;
        if (!dossierId) throw new AppError('VALIDATION', 'pages.noneSelected');
        if (pages.some((p) => p.dossier_id !== dossierId)) throw new AppError('VALIDATION', 'pages.mixedDossiers');
        requireComponent(db, dossierId, componentPosition);
        setComponent(db, ids, componentPosition, seq(), at);
        return { value: listPages(db, dossierId), audit: { dossierId, details: { pageIds: ids, componentPosition } } };
      });
    },

    /** Turns a page clockwise by a quarter, half or three-quarter turn. */
    async rotate(id: string, turn: 90 | 180 | 270, userId: string | null): Promise<PageRow> {
      const page = requireLivePage(db, id);
      const total = ((page.rotation + turn) % 360) as QuarterTurn;
      const writes = storeWrites(deps);
      try {
        const update = await turnImages(page, turn, total, writes);
        const row = auditedChange(db, clock, { userId, action: 'pages.rotate' }, ({ at, seq }) => {
          const current = requireLivePage(db, id);
          if (current.seq !== page.seq) throw new AppError('CONFLICT', 'pages.changedMeanwhile');
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
            seq(),
            at,
          );
          return { value: getPage(db, id)!, audit: { dossierId: page.dossier_id, details: { pageId: id, turn, rotation: total } } };
        });
        // The superseded images are no longer referenced by this page.
        await dropUnreferenced(deps, [
          { sha256: page.sha256, format: page.archive_format },
          { sha256: page.thumb_sha256, format: 'jpeg' },
        ]);
        return row;
      } catch (error) {
        await writes.undo();
        throw error;
      }
    },

    /** Soft delete: the page leaves the order, its files stay until the dossier has synced. */
    remove(id: string, userId: string | null): PageRow[] {
      return auditedChange(db, clock, { userId, action: 'pages.delete' }, ({ at, seq }) => {
        const page = requireLivePage(db, id);
        softDeletePage(db, id, seq(), at);
        renumberPages(db, page.dossier_id, listPages(db, page.dossier_id).map((p) => p.id), seq(), at);
        return { value: listPages(db, page.dossier_id), audit: { dossierId: page.dossier_id, details: { pageId: id, position: page.position } } };
      });
    },

    /**
     * Undo of a delete: the page comes back where it was (its position when deleted, clamped to
     * the current order) or, failing that, at the end. Audited; its text is searchable again.
     */
    restore(id: string, userId: string | null): PageRow[] {
      return auditedChange(db, clock, { userId, action: 'pages.restore' }, ({ at, seq }) => {
        const page = getPage(db, id);
        if (!page) throw new AppError('NOT_FOUND', 'pages.pageNotFound');
        if (page.status !== 'deleted') throw new AppError('CONFLICT', 'pages.notDeleted');
        requireDossier(db, page.dossier_id);
        const position = restorePage(db, page, deletedPosition(db, page.dossier_id, id), seq(), at);
        return { value: listPages(db, page.dossier_id), audit: { dossierId: page.dossier_id, details: { pageId: id, position } } };
      });
    },

    /** The clerk confirms pages (all pending pages of the dossier, or some): their lossless masters are dropped. */
    async confirm(dossierId: string, ids: readonly string[] | null, userId: string | null): Promise<PageRow[]> {
      requireDossier(db, dossierId);
      const masters: { sha256: string; format: ImageFormat }[] = [];
      const rows = auditedChange(db, clock, { userId, action: 'pages.confirm' }, ({ at, seq }) => {
        const pending = listPages(db, dossierId).filter((p) => p.status === 'pending' && (!ids || ids.includes(p.id)));
        if (ids && pending.length !== ids.length) throw new AppError('VALIDATION', 'pages.notPending');
        for (const p of pending) {
          confirmPage(db, p.id, seq(), at);
          if (p.master_sha256 && p.master_format) masters.push({ sha256: p.master_sha256, format: p.master_format });
        }
        return { value: listPages(db, dossierId), audit: { dossierId, details: { pageIds: pending.map((p) => p.id) } } };
      });
      await dropUnreferenced(deps, masters);
      return rows;
    },
  };
}

export type PageEdits = ReturnType<typeof createPageEdits>;
