import { AppError } from '../../src-shared/contract/errors.js';
import type { PageText } from '../../src-shared/contract/ocr-commands.js';
import { extractDates, extractIdNumbers } from '../../src-shared/text/extract-fields.js';
import type { Clock } from '../kernel/clock.js';
import { auditedChange } from '../audit/audited-change.js';
import type { Db } from '../db/open.js';
import { getPage, type PageRow } from '../pages/page-repo.js';
import { readCccdQr } from './cccd-qr-reader.js';
import {
  countStates,
  dossierOcrStates,
  getOcrText,
  getWord,
  listWords,
  retryFailedJobs,
  setPageText,
  setWordText,
  type OcrJobRow,
} from './ocr-repo.js';
import { textFromWords } from './page-text.js';

export type OcrServiceDeps = {
  db: Db;
  clock: Clock;
  /** Wakes the queue after a retry. */
  kick?: () => void;
  /** Reads a page's stored archive image (for ocr.readCccdQr on a scanned page). */
  readPageImage?: (page: PageRow) => Promise<Uint8Array>;
};

const notFound = () => new AppError('NOT_FOUND', 'ocr.pageNotFound');

/** What the clerk sees and does with a page's text: read, step through weak words, correct, retry. */
export function createOcrService({ db, clock, kick, readPageImage }: OcrServiceDeps) {
  const livePage = (pageId: string) => {
    const page = getPage(db, pageId);
    if (!page || page.status === 'deleted') throw notFound();
    return page;
  };

  const pageText = (pageId: string): PageText => {
    const page = livePage(pageId);
    const job = db.prepare('SELECT * FROM ocr_jobs WHERE page_id = ? AND sha256 = ?').get(pageId, page.sha256) as OcrJobRow | undefined;
    const t = getOcrText(db, pageId);
    const words = t
      ? listWords(db, pageId)
          .map((w) => ({ index: w.idx, text: w.text, raw: w.raw, confidence: w.confidence, box: { x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1 }, corrected: w.corrected_by !== null || w.corrected_at !== null }))
          .sort((a, b) => a.confidence - b.confidence || a.index - b.index)
      : [];
    return {
      pageId,
      status: job?.status ?? 'pending',
      error: job?.error ?? null,
      text: t?.text ?? null,
      rawText: t?.raw_text ?? null,
      edited: t?.edited === 1,
      meanConfidence: t?.mean_confidence ?? null,
      imageWidth: t?.width ?? null,
      imageHeight: t?.height ?? null,
      words,
      found: {
        idNumbers: t ? extractIdNumbers(t.text).map((f) => f.value) : [],
        dates: t ? [...new Set(extractDates(t.text).map((f) => f.iso))] : [],
      },
    };
  };

  const requireText = (pageId: string) => {
    const page = livePage(pageId);
    const t = getOcrText(db, pageId);
    if (!t) throw new AppError('CONFLICT', 'ocr.noText');
    return { page, t };
  };

  return {
    pageText,
    status(dossierId: string) {
      const pages = dossierOcrStates(db, dossierId);
      return { counts: countStates(pages), pages };
    },
    correctWord(pageId: string, index: number, text: string, userId: string | null): PageText {
      auditedChange(db, clock, { userId, action: 'ocr.correctWord' }, ({ at }) => {
        const { page, t } = requireText(pageId);
        const word = getWord(db, pageId, index);
        if (!word) throw new AppError('NOT_FOUND', 'ocr.wordNotFound');
        const value = text.normalize('NFC');
        setWordText(db, pageId, index, value, userId, at);
        // A text the clerk rewrote whole stays as written; the word still changes for the PDF text layer.
        if (t.edited === 0) setPageText(db, pageId, textFromWords(listWords(db, pageId)), false, userId, at);
        return { audit: { dossierId: page.dossier_id, details: { pageId, index, from: word.text, to: value } } };
      });
      return pageText(pageId);
    },
    saveText(pageId: string, text: string, userId: string | null): PageText {
      auditedChange(db, clock, { userId, action: 'ocr.saveText' }, ({ at }) => {
        const { page, t } = requireText(pageId);
        const value = text.normalize('NFC');
        setPageText(db, pageId, value, true, userId, at);
        return { audit: { dossierId: page.dossier_id, details: { pageId, fromLength: t.text.length, toLength: value.length } } };
      });
      return pageText(pageId);
    },
    /** Decodes the CCCD QR code on an image (bytes the clerk gave, or a page's stored image). */
    async readCccdQr(source: { base64: string } | { pageId: string }) {
      let image: Uint8Array;
      if ('pageId' in source) {
        const page = livePage(source.pageId);
        if (!readPageImage) throw new AppError('INTERNAL', 'ocr.imageUnreadable');
        image = await readPageImage(page);
      } else {
        image = Buffer.from(source.base64, 'base64');
        if (image.length === 0) throw new AppError('VALIDATION', 'ocr.emptyImage');
      }
      let result: Awaited<ReturnType<typeof readCccdQr>>;
      try {
        result = await readCccdQr(image);
      } catch {
        throw new AppError('VALIDATION', 'ocr.qrImageUnreadable');
      }
      if (!result.found) throw new AppError('VALIDATION', 'ocr.qrNotFound');
      if (!result.parsed.ok) throw new AppError('VALIDATION', `ocr.${result.parsed.issue}`);
      return { raw: result.raw, fields: result.parsed.data };
    },
    retry(target: { dossierId: string } | { pageIds: string[] }, userId: string | null): { requeued: number } {
      const requeued = auditedChange(db, clock, { userId, action: 'ocr.retry' }, () => {
        const ids =
          'dossierId' in target
            ? (db.prepare("SELECT id FROM pages WHERE dossier_id = ? AND status <> 'deleted'").all(target.dossierId) as { id: string }[]).map((r) => r.id)
            : target.pageIds;
        for (const id of ids) if ('pageIds' in target) livePage(id);
        const n = retryFailedJobs(db, ids);
        // Nothing had failed: nothing changed, nothing to record.
        return { value: n, audit: n > 0 ? { dossierId: 'dossierId' in target ? target.dossierId : null, details: { pages: ids.length, requeued: n } } : null };
      });
      kick?.();
      return { requeued };
    },
  };
}

export type OcrService = ReturnType<typeof createOcrService>;
