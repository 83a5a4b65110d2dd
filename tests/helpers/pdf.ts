import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

/**
 * Reading PDFs back in tests with independent tools: poppler-utils (pdftotext, pdfinfo,
 * pdffonts, pdftoppm) and ZXing for QR codes. Nothing here trusts the code that wrote the PDF.
 */

function withPdfFile<T>(pdf: Uint8Array, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'tiepnhan-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** The text, laid out roughly as on the page (`pdftotext -layout`). */
export function pdfText(pdf: Uint8Array): string {
  return withPdfFile(pdf, (file) => run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']));
}

/** The text with runs of whitespace collapsed: for phrases that `-layout` may space out. */
export function pdfPlainText(pdf: Uint8Array): string {
  return withPdfFile(pdf, (file) => run('pdftotext', ['-enc', 'UTF-8', file, '-'])).replace(/\s+/g, ' ');
}

export type PdfInfo = { pages: number; width: number; height: number; title: string; raw: string };

/** `pdfinfo` of page 1: page count, page size in points, title. */
export function pdfInfo(pdf: Uint8Array): PdfInfo {
  const raw = withPdfFile(pdf, (file) => run('pdfinfo', ['-enc', 'UTF-8', file]));
  const field = (name: string) => raw.match(new RegExp(`^${name}:\\s*(.*)$`, 'm'))?.[1]?.trim() ?? '';
  const size = field('Page size').match(/([\d.]+) x ([\d.]+) pts/);
  return { pages: Number(field('Pages')), width: Number(size?.[1]), height: Number(size?.[2]), title: field('Title'), raw };
}

export type PdfFont = { name: string; type: string; embedded: boolean; subset: boolean; unicode: boolean };

/** The fonts `pdffonts` lists (name, type, emb, sub, uni). */
export function pdfFonts(pdf: Uint8Array): PdfFont[] {
  const out = withPdfFile(pdf, (file) => run('pdffonts', [file]));
  // Columns: name type encoding emb sub uni object ID; the type may hold a space ("CID TrueType").
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const m = l.match(/^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
      if (!m) throw new Error(`unexpected pdffonts line: ${l}`);
      return { name: m[1]!, type: m[2]!, embedded: m[4] === 'yes', subset: m[5] === 'yes', unicode: m[6] === 'yes' };
    });
}

export type WordBox = { page: number; pageWidth: number; pageHeight: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number };

/** Every word with its bounding box in points (`pdftotext -bbox`), origin top left. */
export function pdfWordBoxes(pdf: Uint8Array): WordBox[] {
  return parseBboxHtml(withPdfFile(pdf, (file) => run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'])));
}

const unescapeHtml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** Reads the XHTML `pdftotext -bbox` writes: pages with their size, words with their boxes. */
export function parseBboxHtml(html: string): WordBox[] {
  const words: WordBox[] = [];
  let page = 0;
  let pageWidth = 0;
  let pageHeight = 0;
  const re = /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(re)) {
    if (m[1]) {
      page += 1;
      pageWidth = Number(m[1]);
      pageHeight = Number(m[2]);
    } else {
      words.push({ page, pageWidth, pageHeight, text: unescapeHtml(m[7]!), xMin: Number(m[3]), yMin: Number(m[4]), xMax: Number(m[5]), yMax: Number(m[6]) });
    }
  }
  return words;
}

/** Page `page` (1-based) as a PNG at `dpi` (`pdftoppm -png -r`). */
export function rasterise(pdf: Uint8Array, page = 1, dpi = 200): Uint8Array {
  return withPdfFile(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, join(dir, 'page')]);
    return new Uint8Array(readFileSync(join(dir, 'page.png')));
  });
}

let zxingReady = false;

/**
 * Texts of the QR codes found in an image. zxing-wasm would fetch its .wasm from a CDN by
 * default: hand it the binary shipped in node_modules instead, so nothing is downloaded.
 */
export async function decodeQrCodes(png: Uint8Array): Promise<string[]> {
  if (!zxingReady) {
    const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    const bytes = readFileSync(wasmPath);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    await prepareZXingModule({
      overrides: { wasmBinary, locateFile: (path: string) => (path.endsWith('.wasm') ? wasmPath : path) },
      fireImmediately: true,
    });
    zxingReady = true;
  }
  const results = await readBarcodes(png, { formats: ['QRCode'], tryHarder: true });
  return results.filter((r) => r.isValid).map((r) => r.text);
}
