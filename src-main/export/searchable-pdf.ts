import fontkit from '@pdf-lib/fontkit';
import {
  beginText,
  endText,
  PDFDocument,
  PDFHexString,
  PDFName,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
  type PDFFont,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { pageLayout, type PageLayout } from './page-layout.js';
import { applyPdfA, type PdfAMetadata } from './pdf-a.js';
import type { ExportWord } from './export-repo.js';

export type PdfPageInput = {
  image: Uint8Array;
  format: 'jpeg' | 'png';
  /** Pixels of the stored image; word boxes are in the same pixels, origin top left. */
  width: number;
  height: number;
  dpi: number;
  /** Null: no OCR text for this image yet; the page goes out as the image alone. */
  words: readonly ExportWord[] | null;
};

/** A bookmark and its pages (a component of the dossier). */
export type PdfSection = { title: string; pages: readonly PdfPageInput[] };

export type SearchablePdfInput = {
  sections: readonly PdfSection[];
  /** A TrueType font with Vietnamese glyphs (Noto Serif, assets/fonts) for the invisible text. */
  font: Uint8Array;
  /** Six capital letters naming the font subset (ISO 32000-1, 9.6.4). */
  subsetTag: string;
  meta: Omit<PdfAMetadata, 'language'>;
};

/**
 * A searchable PDF: every page is the stored image at its real size (from its dpi; A4 when that size
 * is not one paper comes in, page-layout.ts), with the OCR
 * words drawn over it in text render mode 3 (invisible), each scaled to its word box, so text can be
 * extracted, found and selected where it is printed. One outline entry per section.
 */
export async function renderSearchablePdf(input: SearchablePdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(input.font, { subset: true, customName: `${input.subsetTag}+NotoSerif-Regular` });
  const outline: { title: string; page: PDFRef }[] = [];
  for (const section of input.sections) {
    let first: PDFRef | null = null;
    for (const p of section.pages) {
      const layout = pageLayout(p.width, p.height, p.dpi);
      const page = await addImagePage(doc, p, layout);
      if (p.words && p.words.length > 0) drawInvisibleWords(page, font, p, layout);
      first ??= page.ref;
    }
    if (first) outline.push({ title: section.title, page: first });
  }
  addOutline(doc, outline);
  applyPdfA(doc, { ...input.meta, language: 'vi-VN' });
  return doc.save({ updateFieldAppearances: false });
}

async function addImagePage(doc: PDFDocument, p: PdfPageInput, l: PageLayout): Promise<PDFPage> {
  const image = p.format === 'jpeg' ? await doc.embedJpg(p.image) : await doc.embedPng(p.image);
  const page = doc.addPage([l.pageWidth, l.pageHeight]);
  page.drawImage(image, { x: l.offsetX, y: l.offsetY, width: p.width * l.scale, height: p.height * l.scale });
  return page;
}

function drawInvisibleWords(page: PDFPage, font: PDFFont, p: PdfPageInput, l: PageLayout): void {
  const { scale } = l;
  // Word boxes are image pixels from the top left; the image's top edge is this far up the page.
  const imageTop = l.offsetY + p.height * scale;
  // Word boxes are ink-tight ("Văn" is shorter than "Nguyễn"), so sizing each word by its own box
  // would give every word its own baseline and extractors would break the line apart. Each line
  // gets one size and one baseline instead (as ocrmypdf does from hOCR lines): the em box from
  // descender to ascender fills the line's box, and each word is stretched to its own box width.
  const emHeight = font.heightAtSize(1);
  const descent = emHeight - font.heightAtSize(1, { descender: false });
  const lines = new Map<number, { y0: number; y1: number }>();
  for (const w of p.words ?? []) {
    const l = lines.get(w.line);
    lines.set(w.line, l ? { y0: Math.min(l.y0, w.y0), y1: Math.max(l.y1, w.y1) } : { y0: w.y0, y1: w.y1 });
  }
  const key = page.node.newFontDictionary(font.name, font.ref);
  const ops = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const word of p.words ?? []) {
    const text = word.text.normalize('NFC').trim();
    const line = lines.get(word.line)!;
    const boxW = (word.x1 - word.x0) * scale;
    const lineH = (line.y1 - line.y0) * scale;
    if (!text || boxW <= 0 || lineH <= 0) continue;
    const size = lineH / emHeight;
    const natural = font.widthOfTextAtSize(text, size);
    if (natural <= 0) continue;
    const x = l.offsetX + word.x0 * scale;
    const baseline = imageTop - line.y1 * scale + descent * size;
    ops.push(
      setFontAndSize(key, size),
      // Horizontal scaling (Tz, per cent) stretches the word to exactly its box width.
      setCharacterSqueeze((100 * boxW) / natural),
      setTextMatrix(1, 0, 0, 1, x, baseline),
      showText(font.encodeText(text)),
    );
  }
  ops.push(endText(), popGraphicsState());
  page.pushOperators(...ops);
}

/** Outline (bookmarks) built from the low-level objects: pdf-lib has no outline API. */
function addOutline(doc: PDFDocument, entries: readonly { title: string; page: PDFRef }[]): void {
  if (entries.length === 0) return;
  const ctx = doc.context;
  const rootRef = ctx.nextRef();
  const refs = entries.map(() => ctx.nextRef());
  entries.forEach((e, i) => {
    const item = ctx.obj({
      Title: PDFHexString.fromText(e.title),
      Parent: rootRef,
      Dest: ctx.obj([e.page, PDFName.of('Fit')]),
    });
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
    ctx.assign(refs[i]!, item);
  });
  ctx.assign(rootRef, ctx.obj({ Type: 'Outlines', First: refs[0]!, Last: refs.at(-1)!, Count: entries.length }));
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
