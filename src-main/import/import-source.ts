import sharp from 'sharp';
import { classifySharpError, decodePage, inputOptions, type DecodedPage, type PageInput } from '../imaging/decode.js';
import { detectFileType, type ImportType } from './file-type.js';
import { openPdf } from './pdf-pages.js';
import { tiffPageOffsets, tiffSinglePage } from './tiff-pages.js';

export type ImportFile = { name: string; data: Uint8Array };

/**
 * One page of an imported file. Nothing of it is decoded until asked, and nothing decoded is
 * kept here: the caller holds the pixels only while it works on the page, so a file of
 * thousands of pages costs the memory of one.
 */
export type ImportPage = {
  fileName: string;
  /** 0-based page within the file. */
  page: number;
  /** Whole JPEG and PNG files are their own lossless master, kept byte for byte. */
  original?: { data: Uint8Array; format: 'jpeg' | 'png' };
  decode(): Promise<DecodedPage>;
  /**
   * Reads the page far enough to know it will decode (the same checks as `decode`, a PDF page
   * drawn small), and keeps nothing: the import's check pass before anything is stored.
   */
  check(): Promise<void>;
};

export type OpenedFile = { name: string; type: ImportType; pageCount: number; pages(): Iterable<ImportPage>; close(): void };

/** Page i of a multi-page TIFF copied out as a TIFF of its own (tiff-pages.ts), when the file allows it. */
function tiffPage(file: ImportFile, i: number, directories: number[] | null): PageInput | null {
  if (!directories || directories.length < 2) return null;
  const single = tiffSinglePage(file.data, directories[i]!);
  return single ? { kind: 'encoded', data: single, name: file.name } : null;
}

function* pagesOf(count: number, make: (i: number) => ImportPage): Iterable<ImportPage> {
  for (let i = 0; i < count; i++) yield make(i);
}

/**
 * Opens a file for import: checks its type and counts its pages up front (a PDF's page tree, a
 * TIFF's directories), so a batch is refused before any work when one file is not acceptable
 * or has more pages than allowed.
 */
export async function openImportFile(file: ImportFile): Promise<OpenedFile> {
  const type = detectFileType(file.data, file.name);
  if (type === 'pdf') {
    const pdf = await openPdf(file.data, file.name);
    const pages = () =>
      pagesOf(pdf.pageCount, (i) => ({
        fileName: file.name,
        page: i,
        decode: async () => pdf.render(i),
        check: async () => pdf.check(i),
      }));
    return { name: file.name, type, pageCount: pdf.pageCount, pages, close: () => pdf.close() };
  }
  let pageCount = 1;
  let directories: number[] | null = null;
  if (type === 'tiff') {
    try {
      pageCount = (await sharp(file.data, inputOptions()).metadata()).pages ?? 1;
    } catch (error) {
      throw classifySharpError(error, file.name);
    }
    directories = tiffPageOffsets(file.data);
    // Only a chain that agrees with libvips's own count is trusted for the fast path.
    if (directories?.length !== pageCount) directories = null;
  }
  const original = type === 'jpeg' || type === 'png' ? { data: file.data, format: type } : undefined;
  const pages = () =>
    pagesOf(pageCount, (i): ImportPage => {
      const input = tiffPage(file, i, directories) ?? { kind: 'encoded', data: file.data, name: file.name, ...(type === 'tiff' ? { page: i } : {}) };
      return {
        fileName: file.name,
        page: i,
        ...(original ? { original } : {}),
        decode: () => decodePage(input),
        check: async () => void (await decodePage(input)),
      };
    });
  return { name: file.name, type, pageCount, pages, close: () => undefined };
}
