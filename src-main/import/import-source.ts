import sharp from 'sharp';
import { classifySharpError, decodePage, inputOptions, type DecodedPage, type PageInput } from '../imaging/decode.js';
import { detectFileType, type ImportType } from './file-type.js';
import { openPdf, type PdfDocument } from './pdf-pages.js';

export type ImportFile = { name: string; data: Uint8Array };

/** One page of an imported file, decoded lazily (one page in memory at a time). */
export type ImportPage = {
  fileName: string;
  /** 0-based page within the file. */
  page: number;
  /** Whole JPEG and PNG files are their own lossless master, kept byte for byte. */
  original?: { data: Uint8Array; format: 'jpeg' | 'png' };
  decode(): Promise<DecodedPage>;
};

export type OpenedFile = { name: string; type: ImportType; pageCount: number; pages(): ImportPage[]; close(): void };

/**
 * Opens a file for import: checks its type and counts its pages up front, so a batch of
 * files is refused before any work when one of them is not acceptable.
 */
export async function openImportFile(file: ImportFile): Promise<OpenedFile> {
  const type = detectFileType(file.data, file.name);
  if (type === 'pdf') {
    const pdf: PdfDocument = await openPdf(file.data, file.name);
    const pages = Array.from({ length: pdf.pageCount }, (_, i): ImportPage => {
      let decoded: DecodedPage | null = null;
      const decode = async () => (decoded ??= pdf.render(i));
      return { fileName: file.name, page: i, decode };
    });
    return { name: file.name, type, pageCount: pdf.pageCount, pages: () => pages, close: () => pdf.close() };
  }
  let pageCount = 1;
  if (type === 'tiff') {
    try {
      pageCount = (await sharp(file.data, inputOptions()).metadata()).pages ?? 1;
    } catch (error) {
      throw classifySharpError(error, file.name);
    }
  }
  const pages = Array.from({ length: pageCount }, (_, i): ImportPage => {
    const input: PageInput = { kind: 'encoded', data: file.data, name: file.name, ...(type === 'tiff' ? { page: i } : {}) };
    const original = type === 'jpeg' || type === 'png' ? { data: file.data, format: type } : undefined;
    return { fileName: file.name, page: i, ...(original ? { original } : {}), decode: () => decodePage(input) };
  });
  return { name: file.name, type, pageCount, pages: () => pages, close: () => undefined };
}
