import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportedPdf } from '../../src-shared/contract/export-commands.js';
import { AppError } from '../../src-shared/contract/errors.js';
import type { Clock } from '../kernel/clock.js';
import type { Db } from '../db/open.js';
import type { PageStore } from '../pages/page-store.js';
import { isPurged } from '../pages/store-check.js';
import { getExportDossier, listComponents, listLivePages, wordsOfCurrentImage, type ExportDossier, type ExportPage } from './export-repo.js';
import { renderSearchablePdf, type PdfSection } from './searchable-pdf.js';

export type ExportDeps = { db: Db; clock: Clock; store: PageStore; assetsDir: string };

/**
 * The scanning default (200 dpi, the digitisation guidance's minimum for office documents) is
 * assumed for an image that arrived without a resolution, so its page still has a plausible A4 size.
 */
const fallbackDpi = 200;

/** Searchable PDF exports. Reading only: no audit entry, no change to the dossier. */
export function createExportService({ db, clock, store, assetsDir }: ExportDeps) {
  // Shipped with the app: Noto Serif (SIL OFL) covers Vietnamese; sRGB.icc (zlib) is the output intent.
  let assets: Promise<{ font: Buffer; icc: Buffer }> | null = null;
  const loadAssets = () =>
    (assets ??= Promise.all([readFile(join(assetsDir, 'fonts', 'NotoSerif-Regular.ttf')), readFile(join(assetsDir, 'icc', 'sRGB.icc'))])
      .then(([font, icc]) => ({ font, icc }))
      .catch((error: unknown) => {
        assets = null;
        throw error;
      }));

  const dossierOf = (id: string): ExportDossier => {
    const d = getExportDossier(db, id);
    if (!d) throw new AppError('NOT_FOUND', 'dossiers.notFound');
    return d;
  };

  const render = async (d: ExportDossier, sections: { title: string; pages: ExportPage[] }[], title: string, fileName: string): Promise<ExportedPdf> => {
    // Read everything first (one consistent view of the database), then render.
    const withWords = sections.map((s) => ({ title: s.title, pages: s.pages.map((p) => ({ page: p, words: wordsOfCurrentImage(db, p) })) }));
    const { font, icc } = await loadAssets();
    const pdfSections: PdfSection[] = [];
    const pagesWithoutText: number[] = [];
    for (const s of withWords) {
      const pages = [];
      for (const { page, words } of s.pages) {
        if (!words || words.length === 0) pagesWithoutText.push(page.position);
        let image: Buffer;
        try {
          image = await store.read(page.sha256, page.archive_format);
        } catch {
          // Retention removed it on purpose once the province held it: say so, not "damaged".
          const key = isPurged(db, page.sha256) ? 'export.pagePurged' : 'export.pageUnreadable';
          throw new AppError('CONFLICT', { key, params: { position: page.position } });
        }
        pages.push({ image, format: page.archive_format, width: page.width, height: page.height, dpi: page.dpi ?? fallbackDpi, words });
      }
      pdfSections.push({ title: s.title, pages });
    }
    const at = clock.now();
    // Same content, same id: the dossier, the page images and the OCR text state.
    const identity = createHash('sha256').update(JSON.stringify([d.id, title, withWords.map((s) => s.pages.map((p) => [p.page.sha256, p.words?.length ?? -1]))]));
    const documentId = identity.digest().subarray(0, 16);
    const pdf = await renderSearchablePdf({
      sections: pdfSections,
      font,
      subsetTag: subsetTag(documentId),
      meta: { title, subject: d.procedure_name, author: d.applicant_name, createdAt: at, documentId, srgbIcc: icc },
    });
    const pageCount = pdfSections.reduce((n, s) => n + s.pages.length, 0);
    return { fileName, pdfBase64: Buffer.from(pdf).toString('base64'), pageCount, pagesWithoutText };
  };

  return {
    async componentPdf(dossierId: string, componentPosition: number): Promise<ExportedPdf> {
      const d = dossierOf(dossierId);
      const component = listComponents(db, dossierId).find((c) => c.position === componentPosition);
      if (!component) throw new AppError('NOT_FOUND', 'export.componentNotFound');
      const pages = listLivePages(db, dossierId).filter((p) => p.component_position === componentPosition);
      if (pages.length === 0) throw new AppError('VALIDATION', 'export.componentEmpty');
      const title = `${component.name} (${dossierLabel(d)})`;
      return render(d, [{ title: component.name, pages }], title, `${fileStem(d)}-tp${componentPosition}.pdf`);
    },
    async dossierPdf(dossierId: string): Promise<ExportedPdf> {
      const d = dossierOf(dossierId);
      const pages = listLivePages(db, dossierId);
      if (pages.length === 0) throw new AppError('VALIDATION', 'export.dossierEmpty');
      const sections = listComponents(db, dossierId).map((c) => ({ title: `${c.position}. ${c.name}`, pages: pages.filter((p) => p.component_position === c.position) }));
      const loose = pages.filter((p) => p.component_position === null || !sectionsHave(sections, p));
      if (loose.length > 0) sections.push({ title: 'Trang chưa gán thành phần', pages: loose });
      return render(d, sections, `Hồ sơ ${dossierLabel(d)}: ${d.applicant_name}`, `${fileStem(d)}.pdf`);
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;

const sectionsHave = (sections: { pages: ExportPage[] }[], p: ExportPage) => sections.some((s) => s.pages.includes(p));

const dossierLabel = (d: ExportDossier) => d.code ?? 'nháp';

/** File names keep to ASCII letters, digits, dot and dash: they go through browsers and USB sticks. */
const fileStem = (d: ExportDossier) => `ho-so-${(d.code ?? `nhap-${d.id.slice(0, 8)}`).replace(/[^A-Za-z0-9.-]+/g, '-')}`;

/** Six capital letters from the document id, as PDF subset tags are written. */
const subsetTag = (id: Uint8Array) => Array.from(id.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
